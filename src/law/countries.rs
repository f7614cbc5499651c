//! ISO 3166-1 alpha-2 country codes and the EEA, where the GDPR applies.

use std::sync::OnceLock;

static TABLE: &str = include_str!("countries.tsv");
static TERRITORY: &str = include_str!("eu-territory.tsv");

/// A part of the EU with a country code of its own (an outermost region, Åland, Ceuta and
/// Melilla): not a third country.
#[derive(Debug, PartialEq, Eq)]
pub struct Territory {
    /// Its code: ISO 3166-1 alpha-2, or exceptionally reserved (IC, EA).
    pub code: &'static str,
    /// The member state it belongs to.
    pub member_state: &'static str,
    /// Its short English name.
    pub name: &'static str,
    /// The Treaty provisions that make it part of the EU.
    pub source: &'static str,
}

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

fn territories() -> &'static [Territory] {
    static CELL: OnceLock<Vec<Territory>> = OnceLock::new();
    CELL.get_or_init(|| {
        TERRITORY
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some(Territory {
                    code: f.next()?,
                    member_state: f.next()?,
                    name: f.next()?,
                    source: f.next()?,
                })
            })
            .collect()
    })
}

/// The part of the EU with this code of its own, if it is one.
pub fn eu_territory(code: &str) -> Option<&'static Territory> {
    territories().iter().find(|t| t.code == code)
}

/// The short English name of an ISO 3166-1 alpha-2 code (or of a reserved code for a part
/// of the EU), if it is one.
pub fn name(code: &str) -> Option<&'static str> {
    let t = table();
    t.binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| t[i].1)
        .or_else(|| eu_territory(code).map(|t| t.name))
}

/// All codes, sorted.
pub fn codes() -> impl Iterator<Item = &'static str> {
    table().iter().map(|(c, _)| *c)
}

/// Whether the code is an EEA state or a part of the EU with a code of its own (no
/// Chapter V transfer needed).
pub fn is_eea(code: &str) -> bool {
    EEA.contains(&code) || eu_territory(code).is_some()
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

    #[test]
    fn outermost_regions_aland_ceuta_and_melilla_are_in_the_eu() {
        // Art. 349 and 355(1) TFEU: Guadeloupe, French Guiana, Martinique, Mayotte,
        // Réunion, Saint-Martin and the Canary Islands; Art. 355(4) TFEU: Åland.
        for code in ["GP", "GF", "MQ", "YT", "RE", "MF", "IC", "AX", "EA"] {
            assert!(is_eea(code), "{code}");
            assert!(name(code).is_some(), "{code}");
            let t = eu_territory(code).unwrap();
            assert!(
                EEA.contains(&t.member_state) && !t.source.is_empty(),
                "{code}"
            );
        }
        assert_eq!(name("IC"), Some("Canary Islands"));
    }

    #[test]
    fn overseas_countries_and_territories_the_faroes_and_svalbard_are_not() {
        // Art. 355(2) TFEU with Annex II; Art. 355(5)(a) TFEU; Protocol 40 EEA Agreement.
        for code in [
            "GL", "NC", "PF", "AW", "CW", "SX", "BL", "PM", "WF", "TF", "FO", "SJ",
        ] {
            assert!(!is_eea(code), "{code}");
        }
    }

    #[test]
    fn every_territory_code_is_iso_or_exceptionally_reserved() {
        for t in territories() {
            let iso = table().iter().any(|(c, _)| *c == t.code);
            assert!(iso || ["IC", "EA"].contains(&t.code), "{}", t.code);
        }
        assert_eq!(territories().len(), 9);
    }
}
