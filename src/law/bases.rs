//! Legal bases: the points of Art. 6(1) GDPR and the conditions of Art. 9(2) GDPR,
//! by friendly name and by DPV identifier.

/// One legal basis.
#[derive(Debug, PartialEq, Eq)]
pub struct Basis {
    /// Friendly code used in registers (`consent`).
    pub code: &'static str,
    /// DPV identifier (`A6-1-a`).
    pub dpv: &'static str,
    /// Article: 6 or 9.
    pub article: u32,
    /// Paragraph: 1 for Art. 6, 2 for Art. 9.
    pub paragraph: u32,
    /// Point letter.
    pub point: char,
    /// What the basis is, in the words of a policy ("consent").
    pub label: &'static str,
}

const fn b(
    code: &'static str,
    dpv: &'static str,
    article: u32,
    paragraph: u32,
    point: char,
    label: &'static str,
) -> Basis {
    Basis {
        code,
        dpv,
        article,
        paragraph,
        point,
        label,
    }
}

/// Art. 6(1)(a)-(f) and Art. 9(2)(a)-(j) GDPR.
pub const BASES: &[Basis] = &[
    b("consent", "A6-1-a", 6, 1, 'a', "consent"),
    b(
        "contract",
        "A6-1-b",
        6,
        1,
        'b',
        "performance of a contract or pre-contractual steps",
    ),
    b(
        "legal-obligation",
        "A6-1-c",
        6,
        1,
        'c',
        "compliance with a legal obligation",
    ),
    b(
        "vital-interests",
        "A6-1-d",
        6,
        1,
        'd',
        "protection of vital interests",
    ),
    b(
        "public-task",
        "A6-1-e",
        6,
        1,
        'e',
        "a task in the public interest or in the exercise of official authority",
    ),
    b(
        "legitimate-interests",
        "A6-1-f",
        6,
        1,
        'f',
        "legitimate interests",
    ),
    b("explicit-consent", "A9-2-a", 9, 2, 'a', "explicit consent"),
    b(
        "employment-social-security",
        "A9-2-b",
        9,
        2,
        'b',
        "obligations in employment and social security law",
    ),
    b(
        "vital-interests-incapable",
        "A9-2-c",
        9,
        2,
        'c',
        "vital interests where consent cannot be given",
    ),
    b(
        "not-for-profit-body",
        "A9-2-d",
        9,
        2,
        'd',
        "legitimate activities of a not-for-profit body",
    ),
    b(
        "made-public",
        "A9-2-e",
        9,
        2,
        'e',
        "data manifestly made public by the data subject",
    ),
    b(
        "legal-claims",
        "A9-2-f",
        9,
        2,
        'f',
        "legal claims or judicial acts",
    ),
    b(
        "substantial-public-interest",
        "A9-2-g",
        9,
        2,
        'g',
        "substantial public interest",
    ),
    b("health-care", "A9-2-h", 9, 2, 'h', "health or social care"),
    b(
        "public-health",
        "A9-2-i",
        9,
        2,
        'i',
        "public interest in public health",
    ),
    b(
        "archiving-research",
        "A9-2-j",
        9,
        2,
        'j',
        "archiving, research or statistics",
    ),
];

/// The basis named by a friendly code or DPV id (case-insensitive).
pub fn lookup(code: &str) -> Option<&'static Basis> {
    BASES
        .iter()
        .find(|b| b.code.eq_ignore_ascii_case(code) || b.dpv.eq_ignore_ascii_case(code))
}

/// Every accepted spelling, for did-you-mean.
pub fn spellings() -> impl Iterator<Item = &'static str> {
    BASES.iter().flat_map(|b| [b.code, b.dpv])
}

/// Special categories of personal data (Art. 9(1) GDPR), by register code.
pub const SPECIAL_CATEGORIES: &[(&str, &str)] = &[
    ("racial-ethnic-origin", "racial or ethnic origin"),
    ("political-opinions", "political opinions"),
    ("religious-beliefs", "religious or philosophical beliefs"),
    ("trade-union-membership", "trade union membership"),
    ("genetic", "genetic data"),
    (
        "biometric",
        "biometric data for the purpose of uniquely identifying a natural person",
    ),
    ("health", "data concerning health"),
    (
        "sex-life",
        "data concerning a natural person's sex life or sexual orientation",
    ),
];

impl Basis {
    /// Whether this is a condition of Art. 9(2) (special categories).
    pub fn is_special_condition(&self) -> bool {
        self.article == 9
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn art_6_1_has_six_points_and_art_9_2_ten() {
        // Art. 6(1) GDPR points (a)-(f); Art. 9(2) GDPR points (a)-(j).
        assert_eq!(BASES.iter().filter(|b| b.article == 6).count(), 6);
        assert_eq!(BASES.iter().filter(|b| b.article == 9).count(), 10);
    }

    #[test]
    fn friendly_names_and_dpv_ids_name_the_same_basis() {
        assert_eq!(lookup("legitimate-interests"), lookup("A6-1-f"));
        assert_eq!(lookup("a6-1-b").unwrap().code, "contract");
        assert!(
            lookup("A6-1-g").is_none(),
            "Art. 6(1) GDPR ends at point (f)"
        );
    }

    #[test]
    fn dpv_ids_match_article_paragraph_and_point() {
        for b in BASES {
            assert_eq!(b.dpv, format!("A{}-{}-{}", b.article, b.paragraph, b.point));
        }
    }
}
