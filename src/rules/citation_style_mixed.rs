//! PRV404: one document cites in more than one style.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::catalogue::CITATION_STYLE_MIXED;
use crate::citations::{Citation, Law, LintOptions, Provision, Style, fix, scan};
use crate::diagnostic::Diagnostic;
use crate::rules::citations::Document;

/// Reports GDPR citations outside the document's style, each with a rewrite.
pub fn check(doc: &Document<'_>, opts: &LintOptions, out: &mut Vec<Diagnostic>) {
    let styled: Vec<_> = doc
        .citations
        .iter()
        .filter(|c| c.law == Law::Gdpr && c.style.is_distinct())
        .collect();
    let mut counts: BTreeMap<Style, (usize, usize)> = BTreeMap::new();
    for (i, c) in styled.iter().enumerate() {
        counts.entry(c.style).or_insert((0, i)).0 += 1;
    }
    // A configured style (citation_style in privreg.yaml) is the project's style: a document
    // written wholly in another one is as inconsistent as a mixed one.
    let uniform_as_configured = opts.style.is_none_or(|s| counts.contains_key(&s));
    if counts.len() < 2 && uniform_as_configured {
        return;
    }
    let target = opts.style.unwrap_or_else(|| majority(&counts));
    // A document repeats the same few citations thousands of times; rewriting and re-scanning
    // each occurrence dominated the rule. The rewrite is a function of exactly this key, so
    // the guard still runs once for every distinct rewrite.
    let mut rewrites: HashMap<RewriteKey<'_>, Rewrite> = HashMap::new();
    for c in styled.into_iter().filter(|c| c.style != target) {
        let key = (
            c.text.as_str(),
            c.path.start - c.span.start..c.path.end - c.span.start,
            c.provisions.as_slice(),
        );
        let entry = rewrites.entry(key).or_insert_with(|| Rewrite {
            written: fix::rewrite(c, target),
            same: None,
        });
        let written = entry.written.clone();
        let mut d = doc
            .diagnostic(
                &CITATION_STYLE_MIXED,
                c.span.clone(),
                format!(
                    "citation `{}` is written in the {} style",
                    c.text,
                    c.style.as_str()
                ),
            )
            .label(format!("{} style", c.style.as_str()))
            .help(format!(
                "write it in the {} style: `{written}`",
                target.as_str()
            ))
            .note(format!(
                "this document's citation style is {} (`{}`)",
                target.as_str(),
                target.example()
            ));
        if doc.extracted.is_verbatim(c.span.clone())
            && *entry
                .same
                .get_or_insert_with(|| same_provisions(c, &entry.written))
        {
            d = d.fix(doc.source_span(c.span.clone()), written);
        }
        out.push(d);
    }
}

/// What [`fix::rewrite`] reads of a citation: its text, its path within the text, its provisions.
type RewriteKey<'a> = (&'a str, Range<usize>, &'a [Provision]);

struct Rewrite {
    written: String,
    /// The guard's verdict, computed the first time a verbatim occurrence needs it.
    same: Option<bool>,
}

/// The most used style; a tie goes to para-lit, then to the style used first.
fn majority(counts: &BTreeMap<Style, (usize, usize)>) -> Style {
    let best = counts.values().map(|(n, _)| *n).max().unwrap_or(0);
    if counts.get(&Style::ParaLit).is_some_and(|(n, _)| *n == best) {
        return Style::ParaLit;
    }
    counts
        .iter()
        .filter(|(_, (n, _))| *n == best)
        .min_by_key(|(_, (_, first))| *first)
        .map_or(Style::ParaLit, |(s, _)| *s)
}

/// The guard behind "no fix ever changes which provision is cited": re-scan the rewrite.
fn same_provisions(c: &Citation, written: &str) -> bool {
    let again = scan(written, true);
    again.len() == 1 && again[0].span == (0..written.len()) && again[0].provisions == c.provisions
}

#[cfg(test)]
mod tests {
    use crate::citations::tests::lint;
    use crate::citations::{Extracted, LintOptions, Style, apply_fixes};
    use crate::rules::citations::check;
    use crate::source::SourceFile;

    const CASES: &[(&str, &str)] = &[
        (
            "ok",
            "Art. 6 para. 1 lit. b GDPR and Art. 6 para. 1 lit. f GDPR and Art. 28 GDPR",
        ),
        (
            "ok",
            "Art. 6(1)(b) GDPR, Art. 6(1)(f) GDPR, Art. 46(2)(c) GDPR",
        ),
        ("ok", "Art. 6 Abs. 1 lit. f DSGVO und § 25 Abs. 1 TDDDG"),
        ("ok", "Art. 6 para. 1 lit. f GDPR, A6-1-f"),
        (
            "PRV404",
            "Art. 6 para. 1 lit. b GDPR, Art. 6 para. 1 lit. a GDPR and Art. 6(1)(f) GDPR",
        ),
    ];

    #[test]
    fn fixture_cases() {
        crate::citations::tests::assert_cases("PRV404", CASES);
    }

    #[test]
    fn the_fix_rewrites_into_the_majority_style() {
        let text = "Art. 6 para. 1 lit. b GDPR; Art. 6(1)(f) GDPR; Art. 6 para. 1 lit. a GDPR.";
        let out = lint(text);
        assert_eq!(
            apply_fixes(text, &out),
            "Art. 6 para. 1 lit. b GDPR; Art. 6 para. 1 lit. f GDPR; Art. 6 para. 1 lit. a GDPR."
        );
    }

    #[test]
    fn a_configured_style_wins_over_the_majority() {
        let text =
            "Art. 6 Abs. 1 lit. b DSGVO, Art. 6 Abs. 1 lit. a und f DSGVO, Art. 6 I lit. c DSGVO.";
        let file = SourceFile::virtual_file("p.txt", text);
        let mut out = Vec::new();
        let opts = LintOptions {
            style: Some(Style::Parens),
            ..LintOptions::default()
        };
        check(&file, &Extracted::identity(text), &opts, &mut out);
        assert_eq!(
            apply_fixes(text, &out),
            "Art. 6(1)(b) DSGVO, Art. 6(1)(a) and (f) DSGVO, Art. 6(1)(c) DSGVO."
        );
    }
}
