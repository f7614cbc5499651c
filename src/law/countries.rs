//! ISO 3166-1 alpha-2 country codes and the EEA, where the GDPR applies.

use std::sync::OnceLock;

static TABLE: &str = include_str!("countries.tsv");

/// Member states of the EU plus Iceland, Liechtenstein and Norway (EEA Agreement).
/// Transfers between them are not Chapter V transfers.
pub const EEA: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS",
    "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];

fn table() -> &'static [(&'static str, &'static str)] {
    static CELL: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    CELL.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// The short English name of an ISO 3166-1 alpha-2 code, if it is one.
pub fn name(code: &str) -> Option<&'static str> {
    let t = table();
    t.binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| t[i].1)
}

/// All codes, sorted.
pub fn codes() -> impl Iterator<Item = &'static str> {
    table().iter().map(|(c, _)| *c)
}

/// Whether the code is an EEA state (no Chapter V transfer needed).
pub fn is_eea(code: &str) -> bool {
    EEA.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_holds_every_iso_code_once_in_order() {
        let codes: Vec<_> = codes().collect();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn names_follow_the_seed() {
        assert_eq!(name("US"), Some("USA"));
        assert_eq!(name("DE"), Some("Germany"));
        assert_eq!(name("IE"), Some("Ireland"));
        assert_eq!(name("UK"), None, "the ISO code of the United Kingdom is GB");
        assert_eq!(
            name("EL"),
            None,
            "EL is the EU's code for Greece, not ISO's"
        );
    }

    #[test]
    fn eea_has_27_member_states_and_3_efta_states() {
        assert_eq!(EEA.len(), 30);
        assert!(EEA.iter().all(|c| name(c).is_some()));
        assert!(is_eea("NO") && is_eea("IE") && !is_eea("CH") && !is_eea("GB"));
    }
}
