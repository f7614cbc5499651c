//! PRV406: a transfer mechanism named next to a Chapter V citation that is not its own.

use std::ops::Range;
use std::sync::LazyLock;

use crate::catalogue::CITATION_MECHANISM_MISMATCH;
#[cfg(test)]
use crate::citations::grammar::{mechanism_names, mechanism_patterns};
use crate::citations::table;
use crate::citations::{Automaton, Citation, Law};
use crate::diagnostic::Diagnostic;
use crate::rules::citations::Document;
use crate::source::prefix_within;

/// A transfer mechanism and the articles that provide for it.
struct Mechanism {
    name: &'static str,
    articles: &'static [u32],
    cite: &'static str,
}

const MECHANISMS: [Mechanism; 4] = [
    Mechanism {
        name: "standard contractual clauses",
        articles: &[46, 28],
        cite: "Art. 46(2)(c) GDPR",
    },
    Mechanism {
        name: "binding corporate rules",
        articles: &[46, 47],
        cite: "Art. 47 GDPR",
    },
    Mechanism {
        name: "an adequacy decision",
        articles: &[45],
        cite: "Art. 45 GDPR",
    },
    Mechanism {
        name: "a derogation",
        articles: &[49],
        cite: "Art. 49 GDPR",
    },
];

/// The mechanisms' names, a pattern per mechanism
/// ([`crate::citations::grammar::mechanism_patterns`]), compiled when privreg is: the regex
/// of all of them ([`crate::citations::grammar::mechanism_names`]) took 2 ms to build, most
/// of a `lint` of a policy that names one.
static NAMES: LazyLock<Automaton> = table!("mechanism");

/// Every mechanism named in `hay` (its index in [`MECHANISMS`]) and where, in order: what
/// the regex [`crate::citations::grammar::mechanism_names`] finds, a match at a time.
fn names(hay: &str) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let (m, found) = NAMES.find_from(hay, at)?;
            // The word boundary before the name, which the table does not assert.
            if hay[..found.start].chars().next_back().is_some_and(is_word) {
                at = found.start + hay[found.start..].chars().next()?.len_utf8();
                continue;
            }
            // The character after the name that made the boundary there, given back.
            let mut end = found.end;
            if let Some(after) = hay[..end].chars().next_back().filter(|&c| !is_word(c)) {
                end -= after.len_utf8();
            }
            at = end;
            return Some((m, found.start..end));
        }
    })
}

/// A word character as a Unicode-aware regex's `\b` sees it.
fn is_word(c: char) -> bool {
    regex_syntax::try_is_word_character(c).unwrap_or(false)
}

/// Reports a GDPR citation of Chapter V whose attached mechanism belongs to another article.
pub fn check(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    for (k, c) in doc.citations.iter().enumerate() {
        if c.law != Law::Gdpr || c.partial || c.provisions.iter().any(|p| p.recital) {
            continue;
        }
        // Most citations are outside Chapter V: decided before anything is allocated.
        if !c.provisions.iter().all(|p| (44..=49).contains(&p.article)) {
            continue;
        }
        let cited: Vec<u32> = c.provisions.iter().map(|p| p.article).collect();
        let prev_end = k.checked_sub(1).map_or(0, |i| doc.citations[i].span.end);
        let Some((m, span)) = attached(text, c, prev_end) else {
            continue;
        };
        let mech = &MECHANISMS[m];
        if cited.iter().any(|a| mech.articles.contains(a) || *a == 44) {
            continue;
        }
        let words = &text[span.clone()];
        out.push(
            doc.diagnostic(
                &CITATION_MECHANISM_MISMATCH,
                c.span.clone(),
                format!(
                    "\"{words}\" cited under `{}`, which is not the article for {}",
                    c.text, mech.name
                ),
            )
            .label("another mechanism's article")
            .secondary(doc.source_span(span), format!("names {}", mech.name))
            .help(format!("cite {} for {}", mech.cite, mech.name))
            .note("Art. 45 GDPR: adequacy decisions; Art. 46: appropriate safeguards (standard clauses, binding corporate rules); Art. 47: binding corporate rules; Art. 49: derogations"),
        );
    }
}

/// The mechanism right before `c` (at most 40 bytes of connecting words) or in a
/// parenthesis right after it.
fn attached(text: &str, c: &Citation, prev_end: usize) -> Option<(usize, std::ops::Range<usize>)> {
    let from = c.span.start.saturating_sub(80).max(prev_end);
    let mut from = from;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..c.span.start];
    if let Some((m, found)) = names(before).last() {
        let gap = &before[found.end..];
        if gap.len() <= 40 && !gap.contains([';', ')', '.']) && !detached(gap) {
            return Some((m, from + found.start..from + found.end));
        }
    }
    let after = &text[c.span.end..];
    let trimmed = after.trim_start();
    if trimmed.starts_with('(') {
        let open = c.span.end + (after.len() - trimmed.len());
        let close = prefix_within(trimmed, 80).find(')')?;
        let inside = &text[open + 1..open + close];
        let (m, found) = names(inside).next()?;
        return Some((m, open + 1 + found.start..open + 1 + found.end));
    }
    None
}

/// Words that separate a mechanism from the citation after it, in lower case.
const DETACH_WORDS: [&str; 19] = [
    "or",
    "oder",
    "and",
    "und",
    "bzw",
    "ou",
    "et",
    "o",
    "e",
    "y",
    "of",
    "en",
    "lub",
    "i",
    "oraz",
    "otherwise",
    "sonst",
    "not",
    "nicht",
];

/// True when one of [`DETACH_WORDS`] stands in `gap` as a word of its own, in any case: what
/// the regex `(?i)\b(?:or|oder|…)\b` finds, which took half a millisecond to build.
fn detached(gap: &str) -> bool {
    // A simple case folding that reaches these letters from outside ASCII: the long s.
    let fold = |c: char| {
        if c == 'ſ' {
            's'
        } else {
            c.to_ascii_lowercase()
        }
    };
    gap.split(|c: char| !is_word(c)).any(|w| {
        DETACH_WORDS
            .iter()
            .any(|d| w.chars().map(fold).eq(d.chars()))
    })
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;
    use regex::Regex;

    use crate::citations::tests::lint;

    /// Names of every mechanism in several languages and cases, bits of them, and what can
    /// stand around them: other scripts' word characters, the long s, marks, punctuation.
    fn around_names() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "SCC",
            "SCCs",
            "sccs",
            "standard contractual clauses",
            "Standard Data Protection Clauses",
            "EU-Standardvertragsklauseln",
            "Standarddatenschutzklauseln",
            "clausole contrattuali tipo",
            "cláusulas contratuais-tipo",
            "standardowe klauzule umowne",
            "BCR",
            "BCRs",
            "binding corporate rules",
            "règles d'entreprise contraignantes",
            "wiążące reguły korporacyjne",
            "adequacy decision",
            "Angemessenheitsbeschlüssen",
            "décision d'adéquation",
            "DPF",
            "EU-U.S. Data Privacy Framework",
            "EU US Data Privacy Framework",
            "derogation",
            "Ausnahmen für bestimmte Fälle",
            "Ausnahme nach",
            "wyjątki",
            "derrogações",
            "ſtandard",
            " ",
            "  ",
            "\n",
            "é",
            "ß",
            "x",
            "s",
            "_",
            "-",
            ".",
            "(",
            ")",
            ",",
            "0",
            "я",
            "中",
            "\u{301}",
            "\u{200d}",
            "K",
            "or",
            "Oder",
            "oR",
            "ſonſt",
            "OTHERWISE",
            "nicht",
            "y",
            "i",
        ]);
        prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    static NAMES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&super::mechanism_names()).unwrap());
    static DETACH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)\b(?:{})\b", super::DETACH_WORDS.join("|"))).unwrap()
    });

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn the_table_finds_the_names_the_regex_finds(t in around_names()) {
            let expected: Vec<_> = NAMES
                .captures_iter(&t)
                .map(|c| {
                    let m = (0..4).find(|i| c.name(&format!("m{i}")).is_some()).unwrap();
                    (m, c.get(0).unwrap().range())
                })
                .collect();
            prop_assert_eq!(super::names(&t).collect::<Vec<_>>(), expected, "{:?}", t);
        }

        #[test]
        fn detached_is_the_regex_of_its_words(t in around_names()) {
            prop_assert_eq!(super::detached(&t), DETACH.is_match(&t), "{:?}", t);
        }
    }

    #[test]
    fn every_pattern_of_the_table_is_its_mechanism() {
        assert_eq!(super::mechanism_patterns().len(), super::MECHANISMS.len());
        for (text, m) in [("SCC", 0), ("BCRs", 1), ("DPF", 2), ("derogation", 3)] {
            assert_eq!(
                super::names(text).collect::<Vec<_>>(),
                vec![(m, 0..text.len())]
            );
        }
        assert_eq!(super::names("SCCsx éSCC SCCé").count(), 0);
        // Case folding as the regex's: the long s is an s.
        assert_eq!(super::names("ſCC").count(), 1);
    }

    const CASES: &[(&str, &str)] = &[
        (
            "ok",
            "standard contractual clauses pursuant to Art. 46(2)(c) GDPR",
        ),
        (
            "ok",
            "Standardvertragsklauseln gemäß Art. 46 Abs. 2 lit. c DSGVO",
        ),
        ("ok", "an adequacy decision under Art. 45 GDPR"),
        ("ok", "the EU-US Data Privacy Framework (Art. 45 GDPR)"),
        ("ok", "binding corporate rules (Art. 47 GDPR)"),
        ("ok", "SCCs (Art. 28(7) GDPR)"),
        ("ok", "SCCs or an adequacy decision under Art. 45 GDPR"),
        ("ok", "Art. 45 GDPR (adequacy decision)"),
        (
            "ok",
            "SCC gemäß Art. 45 Abs. 9 lit. zz DSGVO Doppelbuchst. aa",
        ),
        ("PRV406", "SCC gemäß Art. 45 DSGVO"),
        (
            "PRV406",
            "standard contractual clauses pursuant to Art. 49(1)(a) GDPR",
        ),
        ("PRV406", "Art. 46 GDPR (adequacy decision)"),
        (
            "PRV406",
            "clausole contrattuali tipo ai sensi dell'art. 45 GDPR",
        ),
        (
            "PRV406",
            "cláusulas contractuales tipo del artículo 45 del RGPD",
        ),
        ("PRV406", "le Data Privacy Framework (article 46 du RGPD)"),
    ];

    #[test]
    fn fixture_cases() {
        crate::citations::tests::assert_cases("PRV406", CASES);
    }

    #[test]
    fn the_help_names_the_mechanisms_article() {
        let d: Vec<_> = lint("SCC gemäß Art. 45 DSGVO")
            .into_iter()
            .filter(|d| d.code() == "PRV406")
            .collect();
        assert_eq!(d.len(), 1);
        assert!(d[0].help.as_deref().unwrap().contains("Art. 46(2)(c) GDPR"));
    }
}
