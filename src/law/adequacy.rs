//! Commission adequacy decisions (Art. 45(3) GDPR; older ones kept by Art. 45(9)).
//!
//! Facts from `shared/reference/adequacy.json` (as of mid-2026): decision, date, scope.

use jiff::civil::{Date, date};

/// One adequacy decision for a country or territory.
#[derive(Debug)]
pub struct Decision {
    /// ISO 3166-1 alpha-2 code.
    pub country: &'static str,
    /// Official number.
    pub decision: &'static str,
    /// Date of adoption; the decision applies from then.
    pub adopted: Date,
    /// Last day in force, where a sunset clause ends it.
    pub valid_until: Option<Date>,
    /// `full`, or the partial scope.
    pub scope: &'static str,
}

/// The day the GDPR applies (Art. 99(2) GDPR). A decision adopted before it was adopted
/// under Art. 25(6) of Directive 95/46/EC and remains in force by Art. 45(9) GDPR.
pub const GDPR_APPLIES: Date = date(2018, 5, 25);

impl Decision {
    /// Adopted under Directive 95/46/EC and kept in force by Art. 45(9) GDPR.
    pub fn under_directive(&self) -> bool {
        self.adopted < GDPR_APPLIES
    }

    /// The paragraph of Art. 45 GDPR the decision stands on: 9 for the Directive's, else 3.
    pub fn paragraph(&self) -> u32 {
        if self.under_directive() { 9 } else { 3 }
    }

    /// Covers only part of the country's recipients (a sector, a law, a certification).
    pub fn is_partial(&self) -> bool {
        self.scope != "full"
    }
}

/// Decisions in force, by country code.
pub const DECISIONS: &[Decision] = &[
    d(
        "AD",
        "Commission Decision 2010/625/EU",
        date(2010, 10, 19),
        None,
        "full",
    ),
    d(
        "AR",
        "Commission Decision 2003/490/EC",
        date(2003, 6, 30),
        None,
        "full",
    ),
    d(
        "BR",
        "Commission Implementing Decision (EU) 2026/179",
        date(2026, 1, 26),
        None,
        "recipients subject to the LGPD",
    ),
    d(
        "CA",
        "Commission Decision 2002/2/EC",
        date(2001, 12, 20),
        None,
        "commercial organisations subject to PIPEDA only",
    ),
    d(
        "CH",
        "Commission Decision 2000/518/EC",
        date(2000, 7, 26),
        None,
        "full",
    ),
    d(
        "FO",
        "Commission Decision 2010/146/EU",
        date(2010, 3, 5),
        None,
        "full",
    ),
    d(
        "GB",
        "Commission Implementing Decision (EU) 2021/1772, renewed 2025-12-19",
        date(2021, 6, 28),
        Some(date(2031, 12, 27)),
        "full",
    ),
    d(
        "GG",
        "Commission Decision 2003/821/EC",
        date(2003, 11, 21),
        None,
        "full",
    ),
    d(
        "IL",
        "Commission Decision 2011/61/EU",
        date(2011, 1, 31),
        None,
        "full",
    ),
    d(
        "IM",
        "Commission Decision 2004/411/EC",
        date(2004, 4, 28),
        None,
        "full",
    ),
    d(
        "JE",
        "Commission Decision 2008/393/EC",
        date(2008, 5, 8),
        None,
        "full",
    ),
    d(
        "JP",
        "Commission Implementing Decision (EU) 2019/419",
        date(2019, 1, 23),
        None,
        "private sector operators subject to the APPI only",
    ),
    d(
        "KR",
        "Commission Implementing Decision (EU) 2022/254",
        date(2021, 12, 17),
        None,
        "recipients subject to PIPA, with exclusions",
    ),
    d(
        "NZ",
        "Commission Implementing Decision 2013/65/EU",
        date(2012, 12, 19),
        None,
        "full",
    ),
    d(
        "US",
        "Commission Implementing Decision (EU) 2023/1795",
        date(2023, 7, 10),
        None,
        "only organisations certified under the EU-US Data Privacy Framework",
    ),
    d(
        "UY",
        "Commission Implementing Decision 2012/484/EU",
        date(2012, 8, 21),
        None,
        "full",
    ),
];

const fn d(
    country: &'static str,
    decision: &'static str,
    adopted: Date,
    valid_until: Option<Date>,
    scope: &'static str,
) -> Decision {
    Decision {
        country,
        decision,
        adopted,
        valid_until,
        scope,
    }
}

/// The decision for `country` in force on `date`, if any.
pub fn in_force(country: &str, date: Date) -> Option<&'static Decision> {
    DECISIONS.iter().find(|d| {
        d.country == country && d.adopted <= date && d.valid_until.is_none_or(|until| date <= until)
    })
}

/// Any decision for `country`, in force or not (for help lines).
pub fn any(country: &str) -> Option<&'static Decision> {
    DECISIONS.iter().find(|d| d.country == country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brazil_is_adequate_only_from_its_decision_of_26_january_2026() {
        // Commission Implementing Decision (EU) 2026/179.
        assert!(in_force("BR", date(2026, 1, 25)).is_none());
        assert!(in_force("BR", date(2026, 1, 26)).is_some());
    }

    #[test]
    fn the_uk_decision_holds_up_to_and_including_27_december_2031() {
        // Implementing Decision (EU) 2021/1772, Art. 4, as renewed on 2025-12-19.
        assert!(in_force("GB", date(2021, 6, 27)).is_none());
        assert!(in_force("GB", date(2021, 6, 28)).is_some());
        assert!(in_force("GB", date(2024, 2, 29)).is_some());
        assert!(in_force("GB", date(2031, 12, 27)).is_some());
        assert!(in_force("GB", date(2031, 12, 28)).is_none());
        assert_eq!(
            any("GB").unwrap().valid_until.unwrap().to_string(),
            "2031-12-27"
        );
    }

    #[test]
    fn eleven_decisions_of_the_directive_stand_on_art_45_9() {
        // Art. 45(9) GDPR keeps decisions under Art. 25(6) of Directive 95/46/EC in force;
        // Implementing Decision (EU) 2016/2295 names the eleven.
        let mut kept: Vec<&str> = DECISIONS
            .iter()
            .filter(|d| d.under_directive())
            .map(|d| d.country)
            .collect();
        kept.sort_unstable();
        assert_eq!(
            kept,
            [
                "AD", "AR", "CA", "CH", "FO", "GG", "IL", "IM", "JE", "NZ", "UY"
            ]
        );
        assert_eq!(any("CH").unwrap().paragraph(), 9);
        assert_eq!(any("JP").unwrap().paragraph(), 3);
    }

    #[test]
    fn canada_japan_korea_brazil_and_the_us_are_partial() {
        let mut partial: Vec<&str> = DECISIONS
            .iter()
            .filter(|d| d.is_partial())
            .map(|d| d.country)
            .collect();
        partial.sort_unstable();
        for c in ["BR", "CA", "JP", "KR", "US"] {
            assert!(partial.contains(&c), "{c}");
        }
        assert!(!any("CH").unwrap().is_partial());
    }

    #[test]
    fn the_us_decision_is_the_data_privacy_framework_of_10_july_2023() {
        let us = in_force("US", date(2026, 11, 29)).unwrap();
        assert_eq!(us.adopted, date(2023, 7, 10));
        assert!(us.scope.contains("Data Privacy Framework"));
        assert!(
            in_force("US", date(2023, 7, 9)).is_none(),
            "Privacy Shield fell on 2020-07-16"
        );
    }

    #[test]
    fn every_country_is_an_iso_code_outside_the_eea() {
        for d in DECISIONS {
            assert!(
                crate::law::countries::name(d.country).is_some(),
                "{}",
                d.country
            );
            assert!(!crate::law::countries::is_eea(d.country), "{}", d.country);
        }
        assert!(any("CN").is_none());
    }
}
