//! Commission adequacy decisions (Art. 45(3) GDPR; older ones kept by Art. 45(9)).
//!
//! Facts from `shared/reference/adequacy.json` (as of mid-2026): decision, date, scope.

/// One adequacy decision for a country or territory.
#[derive(Debug)]
pub struct Decision {
    /// ISO 3166-1 alpha-2 code.
    pub country: &'static str,
    /// Official number.
    pub decision: &'static str,
    /// Date of adoption (YYYY-MM-DD); the decision applies from then.
    pub adopted: &'static str,
    /// Last day in force, where a sunset clause ends it.
    pub valid_until: Option<&'static str>,
    /// `full`, or the partial scope.
    pub scope: &'static str,
}

/// Decisions in force, by country code.
pub const DECISIONS: &[Decision] = &[
    d(
        "AD",
        "Commission Decision 2010/625/EU",
        "2010-10-19",
        None,
        "full",
    ),
    d(
        "AR",
        "Commission Decision 2003/490/EC",
        "2003-06-30",
        None,
        "full",
    ),
    d(
        "BR",
        "Commission Implementing Decision (EU) 2026/179",
        "2026-01-26",
        None,
        "recipients subject to the LGPD",
    ),
    d(
        "CA",
        "Commission Decision 2002/2/EC",
        "2001-12-20",
        None,
        "commercial organisations subject to PIPEDA only",
    ),
    d(
        "CH",
        "Commission Decision 2000/518/EC",
        "2000-07-26",
        None,
        "full",
    ),
    d(
        "FO",
        "Commission Decision 2010/146/EU",
        "2010-03-05",
        None,
        "full",
    ),
    d(
        "GB",
        "Commission Implementing Decision (EU) 2021/1772, renewed 2025-12-19",
        "2021-06-28",
        Some("2031-12-27"),
        "full",
    ),
    d(
        "GG",
        "Commission Decision 2003/821/EC",
        "2003-11-21",
        None,
        "full",
    ),
    d(
        "IL",
        "Commission Decision 2011/61/EU",
        "2011-01-31",
        None,
        "full",
    ),
    d(
        "IM",
        "Commission Decision 2004/411/EC",
        "2004-04-28",
        None,
        "full",
    ),
    d(
        "JE",
        "Commission Decision 2008/393/EC",
        "2008-05-08",
        None,
        "full",
    ),
    d(
        "JP",
        "Commission Implementing Decision (EU) 2019/419",
        "2019-01-23",
        None,
        "private sector operators subject to the APPI only",
    ),
    d(
        "KR",
        "Commission Implementing Decision (EU) 2022/254",
        "2021-12-17",
        None,
        "recipients subject to PIPA, with exclusions",
    ),
    d(
        "NZ",
        "Commission Implementing Decision 2013/65/EU",
        "2012-12-19",
        None,
        "full",
    ),
    d(
        "US",
        "Commission Implementing Decision (EU) 2023/1795",
        "2023-07-10",
        None,
        "only organisations certified under the EU-US Data Privacy Framework",
    ),
    d(
        "UY",
        "Commission Implementing Decision 2012/484/EU",
        "2012-08-21",
        None,
        "full",
    ),
];

const fn d(
    country: &'static str,
    decision: &'static str,
    adopted: &'static str,
    valid_until: Option<&'static str>,
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

/// The decision for `country` in force on `date` (YYYY-MM-DD), if any.
pub fn in_force(country: &str, date: &str) -> Option<&'static Decision> {
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
        assert!(in_force("BR", "2026-01-25").is_none());
        assert!(in_force("BR", "2026-01-26").is_some());
    }

    #[test]
    fn the_uk_decision_ends_with_its_sunset_clause() {
        assert!(in_force("GB", "2031-12-27").is_some());
        assert!(in_force("GB", "2031-12-28").is_none());
    }

    #[test]
    fn the_us_decision_is_the_data_privacy_framework_of_10_july_2023() {
        let us = in_force("US", "2026-11-29").unwrap();
        assert_eq!(us.adopted, "2023-07-10");
        assert!(us.scope.contains("Data Privacy Framework"));
        assert!(
            in_force("US", "2023-07-09").is_none(),
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
