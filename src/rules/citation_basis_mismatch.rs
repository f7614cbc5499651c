//! PRV402: the words next to an Art. 6(1) citation name a different legal basis.

use std::sync::LazyLock;

use crate::catalogue::CITATION_BASIS_MISMATCH;
use crate::citations::table;
use crate::citations::{Automaton, Citation, Law};
use crate::diagnostic::Diagnostic;
use crate::rules::citations::{
    BasisMention, Document, basis_mentions, basis_name, sentence_around,
};
use crate::source::prefix_within;

/// Words between a basis and a citation that detach them ("consent or on Art. 6(1)(b)"),
/// compiled when privreg is ([`crate::citations::grammar::detach`]); the words between are
/// short enough to be searched by trying each start.
static DETACH: LazyLock<Automaton> = table!("detach");

/// Reports Art. 6(1) citations whose attached words name another basis.
pub fn check(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    for (k, c) in doc.citations.iter().enumerate() {
        if c.law != Law::Gdpr || c.partial {
            continue;
        }
        let cited: Vec<char> = c
            .provisions
            .iter()
            .filter(|p| {
                p.article == 6 && p.paragraph.is_none_or(|n| n == 1) && p.exists == Some(true)
            })
            .filter_map(|p| p.point.as_deref()?.chars().next())
            .collect();
        if cited.is_empty() || cited.len() != c.provisions.len() {
            continue;
        }
        let prev_end = k.checked_sub(1).map_or(0, |i| doc.citations[i].span.end);
        let attached = attached(text, c, prev_end, doc.citations);
        if attached.is_empty() || attached.iter().any(|m| cited.contains(&m.point)) {
            continue;
        }
        let m = &attached[0];
        let words = &text[m.span.clone()];
        let shown: Vec<String> = cited.iter().map(|p| format!("({p})")).collect();
        out.push(
            doc.diagnostic(
                &CITATION_BASIS_MISMATCH,
                c.span.clone(),
                format!(
                    "the words \"{words}\" name {}, but `{}` cites point {}",
                    basis_name(m.point),
                    c.text,
                    shown.join(", ")
                ),
            )
            .label(format!("cites point {}", shown.join(", ")))
            .secondary(
                doc.source_span(m.span.clone()),
                format!("names {}, point ({})", basis_name(m.point), m.point),
            )
            .help(format!(
                "cite point ({}) of Art. 6(1) if {} is the basis, or correct the words",
                m.point,
                basis_name(m.point)
            ))
            .note(format!(
                "GDPR Art. 6(1)({}) is {}; Art. 6(1)({}) is {}",
                m.point,
                basis_name(m.point),
                cited[0],
                basis_name(cited[0])
            )),
        );
    }
}

/// Basis words that belong to `c`: right before it, or in a parenthesis right after it.
fn attached(
    text: &str,
    c: &Citation,
    prev_end: usize,
    citations: &[Citation],
) -> Vec<BasisMention> {
    let sentence = sentence_around(text, c.span.clone(), citations);
    let mut found = Vec::new();
    let before = sentence.start.max(prev_end)..c.span.start;
    if let Some(m) = basis_mentions(text, before).pop() {
        let gap = &text[m.span.end..c.span.start];
        // A parenthesis or semicolon detaches on its own (DETACH's first branch); seen
        // first, it spares a short check building the regex ("consent (Art. 6(1)(a))").
        if gap.len() <= 60 && !gap.contains(['(', ')', ';']) && DETACH.find_from(gap, 0).is_none() {
            found.push(m);
        }
    }
    let after = &text[c.span.end..];
    let trimmed = after.trim_start();
    if trimmed.starts_with('(') {
        let open = c.span.end + (after.len() - trimmed.len());
        if let Some(close) = prefix_within(trimmed, 120).find(')') {
            found.extend(basis_mentions(text, open + 1..open + close));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::citations::tests::lint;

    const SEED_10_1: &str = "The processing is based on Art. 6 para. 1 lit. 6 GDPR (contractual performance or initiation) or – in cases of voluntary use - on your consent in accordance with Art. 6 para. 1 lit. a GDPR.";

    const CASES: &[(&str, &str)] = &[
        ("ok", SEED_10_1),
        (
            "ok",
            "your consent in accordance with Art. 6 para. 1 lit. a GDPR",
        ),
        (
            "ok",
            "our legitimate interests pursuant to Art. 6(1)(f) GDPR",
        ),
        ("ok", "Art. 6 Abs. 1 lit. b DSGVO (Vertragserfüllung)"),
        (
            "ok",
            "consent (Art. 6(1)(a) GDPR) or legitimate interests (Art. 6(1)(f) GDPR)",
        ),
        ("ok", "on the basis of your consent or on Art. 6(1)(f) GDPR"),
        ("ok", "not on consent but on Art. 6(1)(f) GDPR"),
        (
            "ok",
            "consent and contract pursuant to Art. 6(1)(a) and (b) GDPR",
        ),
        (
            "ok",
            "Sofern Sie eingewilligt haben, Art. 6 Abs. 1 lit. a DSGVO; sonst berechtigtes Interesse nach Art. 6 Abs. 1 lit. f DSGVO.",
        ),
        (
            "ok",
            "Where you have given consent, you may withdraw it; the processing of call data relies on Art. 6(1)(f) GDPR.",
        ),
        (
            "ok",
            "(legitimate interest in the meaning of Art. 6 para. 1 lit. f GDPR)",
        ),
        (
            "PRV402",
            "your consent pursuant to Art. 6 para. 1 lit. f GDPR",
        ),
        (
            "PRV402",
            "auf Grundlage Ihrer Einwilligung gemäß Art. 6 Abs. 1 lit. b DSGVO",
        ),
        ("PRV402", "Art. 6(1)(a) GDPR (legitimate interests)"),
        (
            "PRV402",
            "our legitimate interest within the meaning of Art. 6 I lit. a DSGVO",
        ),
    ];

    #[test]
    fn fixture_cases() {
        crate::citations::tests::assert_cases("PRV402", CASES);
    }

    #[test]
    fn the_message_names_the_words_and_the_point() {
        let d: Vec<_> = lint("your consent pursuant to Art. 6 para. 1 lit. f GDPR")
            .into_iter()
            .filter(|d| d.code() == "PRV402")
            .collect();
        assert_eq!(
            d[0].message,
            "the words \"consent\" name consent, but `Art. 6 para. 1 lit. f GDPR` cites point (f)"
        );
        assert_eq!(d[0].secondary.len(), 1);
    }
}
