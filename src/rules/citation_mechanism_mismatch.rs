//! PRV406: a transfer mechanism named next to a Chapter V citation that is not its own.

use std::sync::LazyLock;

use regex::Regex;

use crate::catalogue::CITATION_MECHANISM_MISMATCH;
use crate::citations::grammar::MECHANISM_NAMES;
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

/// The mechanisms' names in English, German, French, Italian, Spanish, Portuguese, Dutch
/// and Polish.
static NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&crate::citations::latin(MECHANISM_NAMES)).expect("mechanism names")
});

/// Where [`NAMES`] can match ([`crate::citations::grammar::mechanism_gate`]), compiled when
/// privreg is: a citation of Chapter V with no mechanism named near it never builds the
/// regex (some 3 ms).
static GATE: LazyLock<Automaton> = table!("mechanism");

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
    if GATE.find_from(before, 0).is_some()
        && let Some(found) = NAMES.captures_iter(before).last()
    {
        let m = found.get(0)?;
        let gap = &before[m.end()..];
        if gap.len() <= 40 && !gap.contains([';', ')', '.']) && !DETACH.is_match(gap) {
            return Some((which(&found)?, from + m.start()..from + m.end()));
        }
    }
    let after = &text[c.span.end..];
    let trimmed = after.trim_start();
    if trimmed.starts_with('(') {
        let open = c.span.end + (after.len() - trimmed.len());
        let close = prefix_within(trimmed, 80).find(')')?;
        let inside = &text[open + 1..open + close];
        GATE.find_from(inside, 0)?;
        let found = NAMES.captures(inside)?;
        let m = found.get(0)?;
        return Some((which(&found)?, open + 1 + m.start()..open + 1 + m.end()));
    }
    None
}

fn which(c: &regex::Captures<'_>) -> Option<usize> {
    (0..MECHANISMS.len()).find(|i| c.name(&format!("m{i}")).is_some())
}

/// Words that separate a mechanism from the citation after it.
static DETACH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:or|oder|and|und|bzw|ou|et|o|e|y|of|en|lub|i|oraz|otherwise|sonst|not|nicht)\b",
    )
    .expect("detaching words")
});

#[cfg(test)]
mod tests {
    use crate::citations::tests::lint;

    #[test]
    fn the_gate_lets_through_every_text_that_names_a_mechanism() {
        for text in [
            "standard contractual clauses",
            "die EU-Standardvertragsklauseln (Art. 46)",
            "a BCR",
            "ſtandard contractual clauses",
            "wyjątki",
            "no mechanism here",
            "SCCsx",
        ] {
            if super::NAMES.is_match(text) {
                assert!(super::GATE.find_from(text, 0).is_some(), "{text}");
            }
        }
        assert!(super::GATE.find_from("SCC", 0).is_some());
        assert!(super::GATE.find_from("no mechanism", 0).is_none());
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
