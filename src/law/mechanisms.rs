//! Transfer tools of Chapter V GDPR, by register code and DPV identifier.

/// A transfer mechanism.
#[derive(Debug, PartialEq, Eq)]
pub struct Mechanism {
    /// Code used in registers (`scc`).
    pub code: &'static str,
    /// DPV-style identifier of the provision (`A46-2-c`).
    pub dpv: &'static str,
    /// The provision as (article, paragraph, point); point `None` where the article has none.
    pub provision: (u32, u32, Option<char>),
    /// Name as written in a policy.
    pub label: &'static str,
    /// The subparagraph of the paragraph, where the provision is not its first.
    pub subparagraph: Option<u32>,
}

const fn m(
    code: &'static str,
    dpv: &'static str,
    provision: (u32, u32, Option<char>),
    label: &'static str,
) -> Mechanism {
    Mechanism {
        code,
        dpv,
        provision,
        label,
        subparagraph: None,
    }
}

/// The known mechanisms among `codes`, each once, in the GDPR's order (Art. 45, then 46
/// and 47, then 49): registers list them in any order; every output states them so.
pub fn in_legal_order<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<&'static Mechanism> {
    let mut found: Vec<&Mechanism> = codes.into_iter().filter_map(lookup).collect();
    found.sort_by_key(|m| m.legal_order());
    found.dedup_by_key(|m| m.code);
    found
}

impl Mechanism {
    /// Where the mechanism stands in Chapter V: Art. 45 before 46 and 47 before 49, as
    /// the GDPR orders them (Art. 46(1): "in the absence of a decision"; Art. 49(1): "in the
    /// absence of" both).
    pub fn legal_order(&self) -> (u32, u32, u32, Option<char>) {
        let (article, paragraph, point) = self.provision;
        // The second subparagraph of Art. 49(1) applies only where none of its points does.
        (article, paragraph, self.subparagraph.unwrap_or(1), point)
    }

    /// An Art. 46 safeguard (BCRs included): its copy must be obtainable (Art. 13(1)(f)).
    pub fn is_safeguard(&self) -> bool {
        self.provision.0 == 46 || self.provision.0 == 47
    }

    /// The Commission decision that adopted the instrument, where one did.
    pub fn decision(&self) -> Option<&'static str> {
        match self.code {
            "scc" => Some("Commission Implementing Decision (EU) 2021/914"),
            _ => None,
        }
    }
}

/// Every mechanism privreg knows. `dpf` and `adequacy` share Art. 45(3); the DPF is the
/// US adequacy decision and covers certified organisations only.
pub const MECHANISMS: &[Mechanism] = &[
    m(
        "adequacy",
        "A45-3",
        (45, 3, None),
        "an adequacy decision of the European Commission",
    ),
    m(
        "dpf",
        "A45-3-dpf",
        (45, 3, None),
        "the EU-US Data Privacy Framework",
    ),
    m(
        "legally-binding-instrument",
        "A46-2-a",
        (46, 2, Some('a')),
        "a legally binding instrument between public authorities",
    ),
    m(
        "bcr",
        "A46-2-b",
        (46, 2, Some('b')),
        "binding corporate rules",
    ),
    m(
        "scc",
        "A46-2-c",
        (46, 2, Some('c')),
        "the EU Standard Contractual Clauses",
    ),
    m(
        "scc-authority",
        "A46-2-d",
        (46, 2, Some('d')),
        "standard data protection clauses adopted by a supervisory authority",
    ),
    m(
        "code-of-conduct",
        "A46-2-e",
        (46, 2, Some('e')),
        "an approved code of conduct",
    ),
    m(
        "certification",
        "A46-2-f",
        (46, 2, Some('f')),
        "an approved certification mechanism",
    ),
    m(
        "ad-hoc-clauses",
        "A46-3-a",
        (46, 3, Some('a')),
        "contractual clauses authorised by the supervisory authority",
    ),
    m(
        "administrative-arrangements",
        "A46-3-b",
        (46, 3, Some('b')),
        "provisions in administrative arrangements between public authorities, authorised by the supervisory authority",
    ),
    m(
        "derogation-consent",
        "A49-1-a",
        (49, 1, Some('a')),
        "your explicit consent",
    ),
    m(
        "derogation-contract",
        "A49-1-b",
        (49, 1, Some('b')),
        "the performance of a contract with you",
    ),
    m(
        "derogation-contract-in-interest",
        "A49-1-c",
        (49, 1, Some('c')),
        "a contract concluded in your interest",
    ),
    m(
        "derogation-public-interest",
        "A49-1-d",
        (49, 1, Some('d')),
        "important reasons of public interest",
    ),
    m(
        "derogation-legal-claims",
        "A49-1-e",
        (49, 1, Some('e')),
        "the establishment, exercise or defence of legal claims",
    ),
    m(
        "derogation-vital-interests",
        "A49-1-f",
        (49, 1, Some('f')),
        "the protection of vital interests",
    ),
    m(
        "derogation-public-register",
        "A49-1-g",
        (49, 1, Some('g')),
        "a transfer from a public register",
    ),
    Mechanism {
        code: "derogation-compelling-interests",
        dpv: "A49-1-2",
        provision: (49, 1, None),
        label: "our compelling legitimate interests",
        subparagraph: Some(2),
    },
];

/// Instruments no longer valid, with what ended them and what replaced them.
pub const INVALID: &[(&str, &str, &str)] = &[
    (
        "privacy-shield",
        "the EU-US Privacy Shield (Decision (EU) 2016/1250) was invalidated by the CJEU in C-311/18 (Schrems II) on 16 July 2020",
        "declare `dpf` (EU-US Data Privacy Framework, Implementing Decision (EU) 2023/1795 of 10 July 2023) if the recipient is certified, or `scc`",
    ),
    (
        "safe-harbor",
        "the Safe Harbour decision (2000/520/EC) was invalidated by the CJEU in C-362/14 (Schrems I) on 6 October 2015",
        "declare `dpf` if the recipient is certified under the EU-US Data Privacy Framework, or `scc`",
    ),
];

/// The mechanism named by a code or DPV id (case-insensitive).
pub fn lookup(code: &str) -> Option<&'static Mechanism> {
    MECHANISMS
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(code) || m.dpv.eq_ignore_ascii_case(code))
}

/// The invalid instrument a code names (`privacy-shield`, `safe-harbour`, ...), if any.
pub fn invalid(code: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let norm: String = code
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let key = match norm.as_str() {
        "privacyshield" | "euusprivacyshield" | "swissusprivacyshield" => "privacy-shield",
        "safeharbor" | "safeharbour" | "ussafeharbor" | "ussafeharbour" => "safe-harbor",
        _ => return None,
    };
    INVALID.iter().find(|(k, _, _)| *k == key)
}

/// Every accepted spelling, for did-you-mean.
pub fn spellings() -> impl Iterator<Item = &'static str> {
    MECHANISMS.iter().flat_map(|m| [m.code, m.dpv])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scc_are_art_46_2_c() {
        // Art. 46(2)(c) GDPR: standard data protection clauses adopted by the Commission.
        assert_eq!(lookup("scc").unwrap().provision, (46, 2, Some('c')));
        assert_eq!(lookup("A46-2-c"), lookup("SCC"));
    }

    #[test]
    fn invalid_instruments_are_recognised_in_any_spelling() {
        assert!(invalid("Privacy Shield").is_some());
        assert!(invalid("safe_harbour").is_some());
        assert!(invalid("scc").is_none());
    }

    #[test]
    fn codes_are_unique() {
        let mut all: Vec<_> = spellings().map(str::to_ascii_lowercase).collect();
        all.sort();
        let n = all.len();
        all.dedup();
        assert_eq!(n, all.len());
    }
}
