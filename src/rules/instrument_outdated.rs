//! PRV403: a transfer instrument or law that is no longer in force.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::catalogue::INSTRUMENT_OUTDATED;
use crate::citations::grammar::INSTRUMENT_ANCHORS;
use crate::citations::{Search, search};
use crate::diagnostic::Diagnostic;
use crate::rules::citations::{Document, sentence_around};

struct Instrument {
    message: &'static str,
    help: &'static str,
    note: &'static str,
}

const INSTRUMENTS: [Instrument; 8] = [
    Instrument {
        message: "the EU-US Privacy Shield is no longer valid",
        help: "rely on the EU-US Data Privacy Framework (adequacy decision of 10 July 2023) or on another Art. 46 GDPR safeguard such as standard contractual clauses",
        note: "the CJEU invalidated the Privacy Shield decision (EU) 2016/1250 on 16 July 2020 (C-311/18, Schrems II)",
    },
    Instrument {
        message: "Safe Harbor is no longer valid",
        help: "rely on the EU-US Data Privacy Framework (adequacy decision of 10 July 2023) or on another Art. 46 GDPR safeguard",
        note: "the CJEU invalidated the Safe Harbor decision 2000/520/EC on 6 October 2015 (C-362/14, Schrems I)",
    },
    Instrument {
        message: "the TTDSG has been renamed TDDDG",
        help: "cite the TDDDG (Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz), e.g. § 25 TDDDG",
        note: "the TTDSG was renamed TDDDG when the Digitale-Dienste-Gesetz entered into force on 14 May 2024",
    },
    Instrument {
        message: "the TMG has been replaced by the DDG",
        help: "cite the DDG (Digitale-Dienste-Gesetz), e.g. § 5 DDG for the imprint",
        note: "the Telemediengesetz was repealed and replaced by the Digitale-Dienste-Gesetz on 14 May 2024",
    },
    Instrument {
        message: "these standard contractual clauses have been repealed",
        help: "use the standard contractual clauses of Implementing Decision (EU) 2021/914",
        note: "Decisions 2001/497/EC, 2004/915/EC and 2010/87/EU were repealed by Implementing Decision (EU) 2021/914 of 4 June 2021 with effect from 27 September 2021; contracts on them were valid until 27 December 2022",
    },
    Instrument {
        message: "the Swiss-US Privacy Shield no longer provides adequate protection",
        help: "rely on the Swiss-U.S. Data Privacy Framework (recognised by the Swiss Federal Council from 15 September 2024) or on standard contractual clauses",
        note: "the Swiss FDPIC found on 8 September 2020 that the Swiss-US Privacy Shield does not provide adequate protection; the Swiss-U.S. DPF applies from 15 September 2024",
    },
    Instrument {
        message: "Directive 95/46/EC has been repealed by the GDPR",
        help: "cite the GDPR (Regulation (EU) 2016/679) instead",
        note: "Art. 94(1) GDPR repealed Directive 95/46/EC with effect from 25 May 2018; references to it are construed as references to the GDPR (Art. 94(2) GDPR)",
    },
    Instrument {
        message: "this cites the BDSG as it stood before 25 May 2018",
        help: "cite the GDPR and the BDSG of 30 June 2017 in force since 25 May 2018 (e.g. Art. 6(1)(a) GDPR for consent instead of § 4a BDSG)",
        note: "the Datenschutz-Anpassungs- und -Umsetzungsgesetz EU replaced the old BDSG on 25 May 2018; §§ 4a-4g, 6a-6c, 28a, 28b, 30a and 38a exist only in the old law",
    },
];

static FIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        &crate::citations::latin(r"(?x)
          (?P<i5>(?i:(?:Swiss|CH|Schweiz\w*|suisse|svizzer\w*)[-\s\u{2013}]*(?:U\.?S\.?A?\.?|US-amerikanische[rns]?)[-\s\u{2013}]*Privacy[-\s]+Shield))
        | (?P<i0>(?i:(?:(?:EU)[-\s\u{2013}]*U\.?S\.?A?\.?[-\s\u{2013}]*)?Privacy[-\s]+Shield))
        | (?P<i1>(?i:(?:(?:US|EU)[-\s\u{2013}]*(?:EU|US)[-\s\u{2013}]*)?Safe[-\s]+Harbou?r))
        | (?P<i2>(?-u:\b)(?:TTDSG|Telekommunikation-Telemedien-Datenschutz-Gesetz(?:es)?)(?-u:\b))
        | (?P<i3>(?-u:\b)(?:TMG|Telemediengesetz(?:es)?)(?-u:\b))
        | (?P<i4>(?-u:\b)(?:2001/497|2004/915)/E[CG](?-u:\b)|(?-u:\b)2010/87/E[UG](?-u:\b))
        | (?P<i6>(?i:(?:Directive|Richtlinie|Directiva|Diretiva|Direttiva|Richtlijn|Dyrektyw\w*)\s+(?:\((?:EU|UE|EG|CE|WE)\)\s+)?(?:No\.?\s+|Nr\.\s+|n\.\s+)?95/46(?:/(?:EC|EG|CE|WE))?)|(?-u:\b)95/46/(?:EC|EG|CE|WE)(?-u:\b))
        | (?P<i7>(?-u:\b)BDSG(?:[-\s]?(?:a\.\s?F\.|\(?alt\)?|aF)|\s+(?:1990|2001|2003|2009)(?-u:\b))|§§?\s*(?:4[a-g]|6[a-c]|28[ab]|30a|38a)(?:\s+(?:Abs\.\s*[0-9]+|S\.\s*[0-9]+|Satz\s*[0-9]+|Nr\.\s*[0-9]+))*\s+(?:BDSG|Bundesdatenschutzgesetz(?:es)?)(?-u:\b))
        "),
    )
    .expect("outdated instruments")
});

/// Text every [`FIND`] match contains (one of [`INSTRUMENT_ANCHORS`]); [`FIND`] itself has
/// optional, case-folded prefixes ("EU-US", "Swiss-U.S.") that leave the regex engine only
/// short, frequent literals to skip text with, so it crawled through every document.
static ANCHORS: [Search; 2] = [
    search!("anchor_folded", || INSTRUMENT_ANCHORS[0].to_owned()),
    search!("anchor_exact", || INSTRUMENT_ANCHORS[1].to_owned()),
];

/// Where the next anchor starts: the nearer of what the two searches of [`ANCHORS`] find,
/// each found once and kept until the check passes it.
#[derive(Default)]
struct Anchors {
    next: [Option<Option<usize>>; 2],
}

impl Anchors {
    /// The start of the leftmost anchor at or after `at`.
    fn find_at(&mut self, text: &str, at: usize) -> Option<usize> {
        let mut nearest: Option<usize> = None;
        for (search, next) in ANCHORS.iter().zip(&mut self.next) {
            // A kept start at or after `at` is still the leftmost: none lay between.
            let start = match *next {
                Some(Some(start)) if start >= at => Some(start),
                Some(None) => None,
                _ => *next.insert(search.find_at(text, at).map(|m| m.start)),
            };
            nearest = nearest.into_iter().chain(start).min();
        }
        nearest
    }
}

/// Could be part of [`FIND`]'s text before its anchor: the prefix and the word before
/// "Shield"/"Harbor", including the non-ASCII letters that case-fold to ASCII ones.
fn before_anchor(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c.is_whitespace()
        || matches!(
            c,
            '.' | '-' | '\u{2013}' | '\u{17F}' | '\u{212A}' | '§' | '(' | ')'
        )
}

/// The leftmost [`FIND`] match at or after `at`, as `captures_iter` would find it.
fn find_at<'t>(text: &'t str, at: usize, anchors: &mut Anchors) -> Option<Captures<'t>> {
    let anchor = anchors.find_at(text, at)?;
    // No match starts before the run of `before_anchor` characters that ends at the
    // first anchor: everything between a match's start and its anchor is such a run.
    let from = text[at..anchor]
        .char_indices()
        .rev()
        .find(|&(_, c)| !before_anchor(c))
        .map_or(at, |(i, c)| at + i + c.len_utf8());
    FIND.captures_at(text, from)
}

/// A sentence that already says the instrument is history.
static HISTORICAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        &crate::citations::latin(r"(?i)(?-u:\b)(?:invalid\w*|ungültig\w*|unwirksam\w*|für\s+nichtig|replaced|ersetzt|successor|Nachfolge\w*|formerly|ehemal\w*|früher\w*|vormal\w*|no\s+longer|nicht\s+mehr|repeal\w*|aufgehoben|Aufhebung|abgelöst|annulled|renamed|umbenannt|Schrems|abrog\w*|derog\w*|revog\w*|intrekking|uchyl\w*|in\s+force\s+until|bis\s+zum\s+25\.)"),
    )
    .expect("historical context")
});

/// Reports each mention of an outdated instrument.
pub fn check(doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut at = 0;
    let mut anchors = Anchors::default();
    while let Some(c) = find_at(text, at, &mut anchors) {
        // FIND never matches the empty string, so this always advances.
        at = c.get(0).map_or(text.len(), |m| m.end());
        let Some((i, m)) =
            (0..INSTRUMENTS.len()).find_map(|i| c.name(&format!("i{i}")).map(|m| (i, m)))
        else {
            continue;
        };
        let sentence = sentence_around(text, m.range(), doc.citations);
        if HISTORICAL.is_match(&text[sentence]) {
            continue;
        }
        let inst = &INSTRUMENTS[i];
        out.push(
            doc.diagnostic(&INSTRUMENT_OUTDATED, m.range(), inst.message)
                .label("no longer in force")
                .help(inst.help)
                .note(inst.note),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::citations::tests::lint;

    const CASES: &[(&str, &str)] = &[
        ("ok", "the EU-US Data Privacy Framework (DPF)"),
        (
            "ok",
            "the Privacy Shield was invalidated by the CJEU in 2020",
        ),
        ("ok", "§ 25 TDDDG (formerly TTDSG)"),
        (
            "ok",
            "Standard Contractual Clauses (Implementing Decision (EU) 2021/914)",
        ),
        ("ok", "ATMGR and STMG are not laws"),
        ("PRV403", "certified under the EU-U.S. Privacy Shield"),
        ("PRV403", "under the Safe Harbor principles"),
        ("PRV403", "gemäß § 25 Abs. 1 TTDSG"),
        ("PRV403", "Angaben gemäß § 5 TMG"),
        (
            "PRV403",
            "standard contractual clauses (Decision 2010/87/EU)",
        ),
        ("PRV403", "Commission Decision 2004/915/EC"),
        ("PRV403", "certified under the Swiss-U.S. Privacy Shield"),
        (
            "PRV403",
            "in accordance with Article 26(2) of Directive 95/46/EC",
        ),
        ("PRV403", "gemäß Richtlinie 95/46/EG"),
        ("PRV403", "Ihre Einwilligung nach § 4a BDSG"),
        ("PRV403", "gemäß § 28 Abs. 1 BDSG alt"),
        ("PRV403", "nach § 4a BDSG a.F."),
        (
            "ok",
            "Regulation (EU) 2016/679 ... repealing Directive 95/46/EC",
        ),
        ("ok", "zur Aufhebung der Richtlinie 95/46/EG"),
        ("ok", "§ 26 BDSG"),
        ("ok", "§ 4 BDSG"),
    ];

    #[test]
    fn fixture_cases() {
        crate::citations::tests::assert_cases("PRV403", CASES);
    }

    #[test]
    fn the_anchored_search_finds_what_the_full_scan_finds() {
        let text = "EU-U.S. Privacy Shield; Swiss - USA PRIVACY  shield, CH\u{2013}US Privacy-Shield, \
            Privacy ſhield, US-EU Safe Harbour and EU US safe harbor; TMGs TMG, Telemediengesetzes \
            TTDSG 2001/497/EC 2004/915/EG 2010/87/EU x2010/87/EU; Art. 6 \u{a0}EU US Privacy Shield";
        let full: Vec<_> = super::FIND.find_iter(text).map(|m| m.range()).collect();
        let mut anchored = Vec::new();
        let mut at = 0;
        let mut anchors = super::Anchors::default();
        while let Some(c) = super::find_at(text, at, &mut anchors) {
            let m = c.get(0).unwrap();
            at = m.end();
            anchored.push(m.range());
        }
        assert_eq!(anchored, full);
        assert!(full.len() >= 12, "{full:?}");
    }

    #[test]
    fn each_privacy_shield_has_its_own_message() {
        let eu = lint("We rely on the EU-US Privacy Shield.");
        let ch = lint("We rely on the Swiss-US Privacy Shield.");
        assert_eq!(eu.len(), 1);
        assert_eq!(ch.len(), 1);
        assert!(eu[0].message.starts_with("the EU-US"), "{}", eu[0].message);
        assert!(
            ch[0].message.starts_with("the Swiss-US"),
            "{}",
            ch[0].message
        );
        assert!(
            ch[0]
                .help
                .as_deref()
                .unwrap()
                .contains("Swiss-U.S. Data Privacy Framework")
        );
    }

    #[test]
    fn the_help_names_the_successor_and_the_note_the_date() {
        let d = lint("We rely on the Privacy Shield.");
        assert!(
            d[0].help
                .as_deref()
                .unwrap()
                .contains("Data Privacy Framework")
        );
        assert!(d[0].notes[0].contains("16 July 2020"));
    }
}
