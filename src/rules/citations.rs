//! The PRV4xx checks over one document (the citations `citations::scan` found in it),
//! and the word lists they share.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

#[cfg(test)]
use regex::Regex;

use super::{
    citation_basis_mismatch, citation_law_missing, citation_mechanism_mismatch,
    citation_provision_unknown, citation_style_mixed, instrument_outdated,
};
#[cfg(test)]
use crate::citations::grammar::BASIS_WORDS;
use crate::citations::table;
use crate::citations::{Automaton, Citation, Extracted, Finder, LintOptions, finder, scan};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Lints the citations of `extracted` (taken from `file`); diagnostics point into `file.text`.
pub fn check(
    file: &Arc<SourceFile>,
    extracted: &Extracted,
    opts: &LintOptions,
    out: &mut Vec<Diagnostic>,
) {
    let citations = scan(&extracted.text, opts.implied_gdpr);
    check_found(file, extracted, &citations, opts, 1, out);
}

/// Lints `citations`, which `scan` found in `extracted` with `opts.implied_gdpr`.
pub fn check_found(
    file: &Arc<SourceFile>,
    extracted: &Extracted,
    citations: &[Citation],
    opts: &LintOptions,
    jobs: usize,
    out: &mut Vec<Diagnostic>,
) {
    let doc = Document {
        file,
        extracted,
        citations,
    };
    // The rules of an ordinary policy take less time than starting a thread.
    if jobs <= 1 || citations.len() < MIN_CITATIONS_TO_SHARE {
        for rule in RULES {
            rule(&doc, opts, out);
        }
        return;
    }
    let found = crate::parallel::map_heavy(jobs, RULES, |rule| {
        let mut found = Vec::new();
        rule(&doc, opts, &mut found);
        found
    });
    out.reserve(found.iter().map(Vec::len).sum());
    out.extend(found.into_iter().flatten());
}

/// The citations a text has before its rules are shared out over threads: at 1,000, the
/// rules take about a millisecond.
const MIN_CITATIONS_TO_SHARE: usize = 1000;

/// A citation rule: what it finds in a document, appended.
type Rule = fn(&Document<'_>, &LintOptions, &mut Vec<Diagnostic>);

/// Every citation rule, in the order their findings are reported.
const RULES: &[Rule] = &[
    |doc, _, out| citation_provision_unknown::check(doc, out),
    |doc, _, out| citation_basis_mismatch::check(doc, out),
    |doc, _, out| instrument_outdated::check(doc, out),
    citation_style_mixed::check,
    |doc, _, out| citation_law_missing::check(doc, out),
    |doc, _, out| citation_mechanism_mismatch::check(doc, out),
];

/// What every citation rule looks at: the file, its scanned text and the citations in it.
pub struct Document<'a> {
    /// The original file; diagnostics point into its text.
    pub file: &'a Arc<SourceFile>,
    /// The scanned text and its offset map.
    pub extracted: &'a Extracted<'a>,
    /// The citations found in `extracted.text`.
    pub citations: &'a [Citation],
}

impl Document<'_> {
    /// The scanned text.
    pub fn text(&self) -> &str {
        &self.extracted.text
    }

    /// A diagnostic of `rule` at a range of the scanned text.
    pub fn diagnostic(
        &self,
        rule: &'static crate::diagnostic::Rule,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(
            rule,
            self.file,
            self.extracted.span_to_source(span),
            message,
        )
    }

    /// A source range for a secondary label.
    pub fn source_span(&self, span: Range<usize>) -> Range<usize> {
        self.extracted.span_to_source(span)
    }
}

/// A legal basis of Art. 6(1) named in words, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasisMention {
    /// The point of Art. 6(1) the words name: 'a' to 'f'.
    pub point: char,
    /// The words in the scanned text.
    pub span: Range<usize>,
}

/// What each point of Art. 6(1) is called, for messages (Art. 6(1)(a)-(f)).
pub fn basis_name(point: char) -> &'static str {
    match point {
        'a' => "consent",
        'b' => "contract",
        'c' => "legal obligation",
        'd' => "vital interests",
        'e' => "public interest or official authority",
        _ => "legitimate interests",
    }
}

/// The basis words, a pattern per point of Art. 6(1), compiled when privreg is (build.rs):
/// building them at run time cost a `check` that cites once some 3 M instructions, and a
/// `lint` of all six about 10 M.
static BASIS: LazyLock<Automaton> = table!("basis");

/// Where a basis word can start ([`crate::citations::grammar::BASIS_GATE`]).
static BASIS_GATE: LazyLock<Finder> = finder!("basis_gate");

/// The single regex BASIS was, to test it against.
#[cfg(test)]
static BASIS_REGEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&crate::citations::latin(&format!(
        r"(?xi)(?-u:\b)(?:{})(?-u:\b)",
        BASIS_WORDS.join("\n|")
    )))
    .expect("basis words")
});

const POINTS: [char; 6] = ['a', 'b', 'c', 'd', 'e', 'f'];

/// Every basis named in `text[range]`, in order: the leftmost match next, the earlier
/// point on a tie, as one six-pattern leftmost-first regex finds them.
pub fn basis_mentions(text: &str, range: Range<usize>) -> Vec<BasisMention> {
    let hay = &text[range.clone()];
    let bytes = hay.as_bytes();
    // A byte of a `\w` (LATIN_WORD) character, or of some other non-ASCII one: walking back
    // over a few starts too many costs a failed try each, one too few a basis word.
    let in_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut found = Vec::new();
    // Trying BASIS at every start was a tenth of a lint of a citation-dense policy: it is
    // tried only where BASIS_GATE finds a place a basis word can start, from the start of
    // that place's word up to it. Starts are tried in order and none twice, so the first
    // match is the leftmost, as before.
    let mut next = 0;
    let mut gate = 0;
    while let Some((_, g)) = BASIS_GATE.find_from(hay, gate) {
        let g = g.start;
        let mut start = g;
        while start > next && in_word(bytes[start - 1]) {
            start -= 1;
        }
        let start = start.max(next);
        match (start..=g).find_map(|s| Some((s, BASIS.find_at(hay, s)?))) {
            Some((s, (point, end))) => {
                found.push(BasisMention {
                    point: POINTS[point],
                    span: range.start + s..range.start + end,
                });
                // No basis word is empty, so this always advances; a word that ends
                // before this place leaves the rest of its starts to be tried.
                next = end;
                gate = if end <= g { g } else { end };
            }
            None => {
                next = g + 1;
                gate = crate::source::ceil_boundary(hay, g + 1);
            }
        }
    }
    found
}

/// The sentence around `span`: up to ". X", "! ", "? ", a line break or 300 bytes either side,
/// whichever is nearest; full stops inside citations ("para. 1 lit. f") do not end it.
pub fn sentence_around(text: &str, span: Range<usize>, citations: &[Citation]) -> Range<usize> {
    let bytes = text.as_bytes();
    let ends = |i: usize| ends_sentence(bytes, i) && !overlaps(citations, i..i + 1);
    // The marks are found by memchr's vectorised search: walking the 600 bytes one at a
    // time was a twentieth of a lint of a citation-dense policy.
    let floor = span.start.saturating_sub(300);
    let floor = memchr::memrchr(b'\n', &bytes[floor..span.start]).map_or(floor, |i| floor + i + 1);
    let mut start = memchr::memrchr3_iter(b'.', b'!', b'?', &bytes[floor..span.start])
        .map(|i| floor + i)
        .find(|&i| ends(i))
        .map_or(floor, |i| i + 1);
    let ceil = (span.end + 300).min(text.len());
    let ceil = memchr::memchr(b'\n', &bytes[span.end..ceil]).map_or(ceil, |i| span.end + i);
    let mut end = memchr::memchr3_iter(b'.', b'!', b'?', &bytes[span.end..ceil])
        .map(|i| span.end + i)
        .find(|&i| ends(i))
        .unwrap_or(ceil);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

/// True when the byte at `i` is a sentence-ending mark followed by space and a capital.
fn ends_sentence(bytes: &[u8], i: usize) -> bool {
    matches!(bytes[i], b'.' | b'!' | b'?')
        && bytes.get(i + 1).is_some_and(|b| b.is_ascii_whitespace())
        && bytes.get(i + 2).is_some_and(|b| b.is_ascii_uppercase())
}

/// The basis named closest to `span` in its sentence, outside any citation.
pub fn nearest_basis(
    text: &str,
    span: Range<usize>,
    citations: &[Citation],
) -> Option<BasisMention> {
    let sentence = sentence_around(text, span.clone(), citations);
    basis_mentions(text, sentence)
        .into_iter()
        .filter(|m| !overlaps(citations, m.span.clone()))
        .min_by_key(|m| {
            if m.span.end <= span.start {
                span.start - m.span.end
            } else {
                m.span.start.saturating_sub(span.end)
            }
        })
}

/// True when `r` overlaps a citation; `citations` are sorted and disjoint, as `scan` returns them.
fn overlaps(citations: &[Citation], r: Range<usize>) -> bool {
    let i = citations.partition_point(|c| c.span.end <= r.start);
    citations.get(i).is_some_and(|c| c.span.start < r.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The mentions the single regex with a group per point found.
    fn old_mentions(text: &str) -> Vec<BasisMention> {
        BASIS_REGEX
            .captures_iter(text)
            .filter_map(|c| {
                let point = ['a', 'b', 'c', 'd', 'e', 'f']
                    .into_iter()
                    .find(|p| c.name(&p.to_string()).is_some())?;
                let m = c.get(0)?;
                Some(BasisMention {
                    point,
                    span: m.start()..m.end(),
                })
            })
            .collect()
    }

    const PIECES: &[&str] = &[
        "consent",
        "Consent",
        "CONSENT",
        "consents",
        "Einwilligungen",
        "zgodę",
        "rızası",
        "açık rızası",
        "contract",
        "pre-contractual",
        "precontract",
        "Vertrages",
        "vorvertraglichen",
        "contrat",
        "contratto",
        "overeenkomst",
        "umowy",
        "sözleşmenin",
        "legal obligation",
        "legal\u{a0}obligations",
        "rechtlichen Verpflichtung",
        "gesetzlichen Pflichten",
        "obligation légale",
        "obblighi legali",
        "obrigação legal",
        "wettelijke verplichting",
        "obowiązku prawnego",
        "hukuki yükümlülüğü",
        "vital interests",
        "lebenswichtigen Interessen",
        "intérêts vitaux",
        "żywotnych interesów",
        "public interest",
        "official authority",
        "öffentlichen Interesses",
        "Öffentliche Gewalt",
        "intérêt public",
        "interés público",
        "algemeen belang",
        "interesu publicznego",
        "legitimate interests",
        "berechtigten Interessen",
        "intérêts légitimes",
        "interesse legittimo",
        "gerechtvaardigde belangen",
        "prawnie uzasadnionego interesu",
        "meşru menfaatleri",
        "con\u{17F}ent",
        "\u{17F}",
        "overeen\u{212A}omst",
        "\u{212A}",
        "RIZA",
        "public",
        "x",
        "_",
        "é",
        " ",
        "\n",
        "-",
        ".",
        "(",
        ")",
        "Art. 6(1)(f)",
        "our",
        "the",
        "and",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..8).prop_map(|v| {
            v.iter()
                .enumerate()
                .map(|(i, p)| {
                    if i % 2 == 1 {
                        format!(" {p}")
                    } else {
                        (*p).to_owned()
                    }
                })
                .collect()
        })
    }

    #[test]
    fn basis_patterns_agree_with_the_single_regex_on_every_word() {
        for w in PIECES {
            for t in [
                (*w).to_owned(),
                format!("our {w}."),
                format!("x{w}"),
                format!("{w}s"),
                w.to_uppercase(),
            ] {
                assert_eq!(basis_mentions(&t, 0..t.len()), old_mentions(&t), "{t:?}");
            }
        }
    }

    /// `sentence_around` as it walked the text a byte at a time, to test it against.
    fn old_sentence_around(text: &str, span: Range<usize>, citations: &[Citation]) -> Range<usize> {
        let inside = |i: usize| overlaps(citations, i..i + 1);
        let bytes = text.as_bytes();
        let mut start = span.start;
        let floor = span.start.saturating_sub(300);
        while start > floor {
            let i = start - 1;
            if bytes[i] == b'\n' || ends_sentence(bytes, i) && !inside(i) {
                break;
            }
            start -= 1;
        }
        let mut end = span.end;
        let ceil = (span.end + 300).min(text.len());
        while end < ceil {
            if bytes[end] == b'\n' || ends_sentence(bytes, end) && !inside(end) {
                break;
            }
            end += 1;
        }
        while !text.is_char_boundary(start) {
            start += 1;
        }
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        start..end
    }

    /// Sentences with citations (whose full stops end nothing), marks, line breaks and
    /// non-ASCII letters, longer than the 300 bytes the search reads either side.
    fn sentences() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Art. 6 para. 1 lit. f GDPR",
            "Art. 6(1)(a) DSGVO",
            ". The",
            ". the",
            "! We",
            "? Ok",
            ".\n",
            "\n",
            " données ",
            " consent ",
            "x.",
            "x. Y",
            " ",
        ]);
        prop::collection::vec(pieces, 0..80).prop_map(|p| p.concat())
    }

    /// Text that holds a phrase of one branch of the basis words, generated from the branch
    /// itself (its word boundaries left out), between words that may run into it.
    fn basis_phrases() -> impl Strategy<Value = String> {
        let phrase = prop::sample::select(basis_branches()).prop_flat_map(|b| {
            proptest::string::string_regex(&crate::citations::latin(&format!("(?i:{b})")))
                .expect("a basis branch generates")
        });
        let around = prop::sample::select(vec!["", " ", "x", "ö", "the ", "Ö", "_", "1", "-"]);
        (
            around.clone(),
            phrase,
            around,
            prop::sample::select(vec!["", " consent", "öffentliche Gewalt", " x"]),
        )
            .prop_map(|(a, p, b, c)| format!("{a}{p}{b}{c}"))
    }

    /// Every branch of [`BASIS_WORDS`], without its point's named group.
    fn basis_branches() -> Vec<String> {
        BASIS_WORDS
            .iter()
            .flat_map(|w| {
                let inner = &w[w.find('>').expect("a named group") + 1..w.len() - 1];
                split_top_level(inner)
            })
            .collect()
    }

    /// The top-level branches of an alternation.
    fn split_top_level(alternation: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut depth = 0;
        let mut escaped = false;
        for c in alternation.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                '|' if depth == 0 => {
                    out.push(String::new());
                    continue;
                }
                _ => {}
            }
            out.last_mut().expect("one branch").push(c);
        }
        out
    }

    #[test]
    fn the_basis_branches_are_split_as_written() {
        let branches = basis_branches();
        assert!(
            branches.contains(&r"\w*ywotn\w*\s+interes\w*".to_owned()),
            "{branches:?}"
        );
        assert!(branches.contains(&"(?:pre-?)?contract(?:s|ual|ually)?".to_owned()));
        assert_eq!(branches.len(), 62);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn basis_mentions_of_every_branch_agree_with_the_single_regex(t in basis_phrases()) {
            let found = basis_mentions(&t, 0..t.len());
            prop_assert_eq!(&found, &old_mentions(&t), "{:?}", t);
        }

        #[test]
        fn basis_patterns_agree_with_the_single_regex_on_random_text(t in text()) {
            prop_assert_eq!(basis_mentions(&t, 0..t.len()), old_mentions(&t));
        }

        #[test]
        fn the_sentence_around_each_citation_is_the_one_walking_the_bytes_finds(t in sentences()) {
            let citations = crate::citations::scan(&t, true);
            for c in &citations {
                prop_assert_eq!(
                    sentence_around(&t, c.span.clone(), &citations),
                    old_sentence_around(&t, c.span.clone(), &citations)
                );
            }
            // And around spans that are not citations, at every character boundary.
            for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)).step_by(7) {
                prop_assert_eq!(
                    sentence_around(&t, i..i, &citations),
                    old_sentence_around(&t, i..i, &citations)
                );
            }
        }
    }
}
