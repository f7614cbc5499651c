//! The languages privreg writes: one translation table (`lang/<code>.tsv`, with the
//! country names of `lang/<code>-countries.tsv`) and one template set each.
//!
//! English reads its legal labels and country names from the law tables (src/law/), whose
//! labels the linter and the docs share; every other language gives them in its table, and
//! a test requires a rendering of every code there. Adding a language is a table, a
//! template set (`templates/<code>/`) and a line in [`LANGS`].

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::law::{bases, countries};

/// One language of the output.
#[derive(Debug)]
pub struct Lang {
    /// BCP 47 tag (`de`).
    pub code: &'static str,
    table: &'static str,
    countries: &'static str,
    parsed: OnceLock<HashMap<&'static str, &'static str>>,
}

/// Every language privreg writes, English first.
pub static LANGS: [Lang; 2] = [
    Lang::new("en", include_str!("lang/en.tsv"), ""),
    Lang::new(
        "de",
        include_str!("lang/de.tsv"),
        include_str!("lang/de-countries.tsv"),
    ),
];

/// The language of `code`, if privreg writes it.
pub fn lookup(code: &str) -> Option<&'static Lang> {
    LANGS.iter().find(|l| l.code == code)
}

impl Lang {
    const fn new(code: &'static str, table: &'static str, countries: &'static str) -> Lang {
        Lang {
            code,
            table,
            countries,
            parsed: OnceLock::new(),
        }
    }

    fn entries(&self) -> &HashMap<&'static str, &'static str> {
        self.parsed.get_or_init(|| {
            let rows = |text: &'static str| {
                text.lines()
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .filter_map(|l| l.split_once('\t'))
            };
            // Country rows are keyed by their bare code (`US`): no term key is upper case.
            rows(self.table).chain(rows(self.countries)).collect()
        })
    }

    /// The entry `key` of the table (`chapter-title`, `month.12`).
    pub fn term(&self, key: &str) -> Option<&'static str> {
        self.entries().get(key).copied()
    }

    /// Every key of the table, in no order.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> {
        let countries: Vec<&str> = countries::codes().collect();
        self.entries()
            .keys()
            .copied()
            .filter(move |k| !countries.contains(k))
    }

    fn is_english(&self) -> bool {
        self.code == "en"
    }

    fn labelled(&self, prefix: &str, code: &str, english: &'static str) -> &'static str {
        if self.is_english() {
            return english;
        }
        // A missing label is a test failure (every code has one); fall back, never panic.
        self.term(&format!("{prefix}.{code}")).unwrap_or(english)
    }

    /// What a legal basis is ("consent", "Einwilligung").
    pub fn basis(&self, b: &bases::Basis) -> &'static str {
        self.labelled("basis", b.code, b.label)
    }

    /// What a transfer mechanism is.
    pub fn mechanism(&self, code: &str, english: &'static str) -> &'static str {
        self.labelled("mechanism", code, english)
    }

    /// A special category of Art. 9(1) GDPR, by code.
    pub fn special_category(&self, code: &str) -> Option<&'static str> {
        let (_, english) = bases::SPECIAL_CATEGORIES.iter().find(|(c, _)| *c == code)?;
        Some(self.labelled("special", code, english))
    }

    /// The partial scope of an adequacy decision, as the law table words it in English.
    pub fn scope(&self, english: &'static str) -> &'static str {
        self.labelled("scope", english, english)
    }

    /// The short name of a country by ISO code.
    pub fn country(&self, code: &str) -> Option<&'static str> {
        if self.is_english() {
            countries::name(code)
        } else {
            self.term(code).filter(|_| countries::name(code).is_some())
        }
    }

    /// A date as the language writes it: ISO 8601 in English, as privreg always wrote it;
    /// "1. Dezember 2026" in German.
    pub fn date(&self, d: jiff::civil::Date) -> String {
        if self.is_english() {
            return d.to_string();
        }
        let month = self
            .term(&format!("month.{}", d.month()))
            .unwrap_or_default();
        format!("{}. {month} {}", d.day(), d.year())
    }

    /// The name of a Commission decision ("Commission Implementing Decision (EU)
    /// 2021/914") as the language's Official Journal writes it.
    pub fn decision(&self, english: &str) -> String {
        if self.is_english() {
            return english.to_owned();
        }
        let (name, renewed) = match english.split_once(", renewed ") {
            Some((n, r)) => (n, Some(r)),
            None => (english, None),
        };
        let mut out = if let Some(number) = name.strip_prefix("Commission Implementing Decision ") {
            format!("Durchführungsbeschluss {number} der Kommission")
        } else if let Some(number) = name.strip_prefix("Commission Decision ") {
            // Before the Lisbon Treaty (numbers ending /EC) a decision was an
            // "Entscheidung" of the EG; since, a "Beschluss".
            match number.strip_suffix("/EC") {
                Some(n) => format!("Entscheidung {n}/EG der Kommission"),
                None => format!("Beschluss {number} der Kommission"),
            }
        } else {
            name.to_owned()
        };
        if let Some(date) = renewed.and_then(|r| r.parse::<jiff::civil::Date>().ok()) {
            out.push_str(&format!(", verlängert am {}", self.date(date)));
        }
        out
    }

    /// The GDPR's name in the language ("GDPR", "DSGVO").
    pub fn law(&self) -> &'static str {
        self.term("law").unwrap_or("GDPR")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::mechanisms;

    fn de() -> &'static Lang {
        lookup("de").unwrap()
    }

    #[test]
    fn every_code_has_a_rendering_in_every_language() {
        for lang in &LANGS {
            let missing = |prefix: &str, code: &str| {
                !lang.is_english() && lang.term(&format!("{prefix}.{code}")).is_none()
            };
            for b in bases::BASES {
                assert!(!missing("basis", b.code), "{}: basis {}", lang.code, b.code);
            }
            for m in mechanisms::MECHANISMS {
                assert!(!missing("mechanism", m.code), "{}: {}", lang.code, m.code);
            }
            for (c, _) in bases::SPECIAL_CATEGORIES {
                assert!(!missing("special", c), "{}: special {c}", lang.code);
            }
            for d in crate::law::adequacy::DECISIONS
                .iter()
                .filter(|d| d.is_partial())
            {
                assert!(
                    !missing("scope", d.scope),
                    "{}: scope {}",
                    lang.code,
                    d.scope
                );
            }
            for code in countries::codes() {
                assert!(
                    lang.country(code).is_some(),
                    "{}: country {code}",
                    lang.code
                );
            }
            // Roles and retention forms are words of the templates; each language names
            // every one, so its templates can.
            for code in crate::rules::value_unknown::ROLES {
                assert!(
                    lang.term(&format!("role.{code}")).is_some(),
                    "{}: role {code}",
                    lang.code
                );
            }
            for form in ["duration", "until", "statutory", "period", "criteria"] {
                assert!(
                    lang.term(&format!("retention.{form}")).is_some(),
                    "{}: {form}",
                    lang.code
                );
            }
        }
    }

    #[test]
    fn every_language_has_the_keys_of_english() {
        for lang in &LANGS {
            for key in LANGS[0].keys() {
                assert!(lang.term(key).is_some(), "{} lacks `{key}`", lang.code);
            }
        }
    }

    #[test]
    fn the_german_terms_of_the_law_are_the_official_texts_words() {
        // The GDPR's official German text (OJ L 119, 4.5.2016, DE).
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/reference/gdpr-de.txt"
        );
        let law = std::fs::read_to_string(path).expect("shared/reference/gdpr-de.txt");
        let law = law.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut terms = de()
            .keys()
            .filter(|k| k.starts_with("law-term."))
            .peekable();
        assert!(terms.peek().is_some());
        for key in terms {
            let term = de().term(key).unwrap();
            assert!(
                law.contains(term),
                "`{term}` ({key}) is not in the GDPR's German text"
            );
        }
        // Labels said to be the law's words are, too: Art. 6(1), 9(1)-(2), 46, 49.
        for key in [
            "basis.consent",
            "basis.legal-obligation",
            "basis.explicit-consent",
            "special.genetic",
            "special.trade-union-membership",
            "mechanism.bcr",
            "mechanism.derogation-compelling-interests",
        ] {
            let term = de().term(key).unwrap();
            let core = term
                .trim_start_matches("Ihre ")
                .trim_start_matches("unsere ");
            assert!(
                law.contains(core),
                "`{core}` ({key}) is not in the GDPR's German text"
            );
        }
    }

    #[test]
    fn every_term_of_law_and_practice_is_used_by_the_german_text() {
        // The German text: its templates, and the labels and title the view takes from the
        // table.
        let mut templates: String = crate::render::env::EMBEDDED
            .iter()
            .filter(|(name, _)| name.starts_with("de/"))
            .map(|(_, text)| *text)
            .collect();
        for key in de().keys().filter(|k| !k.contains("-term.")) {
            templates.push_str(de().term(key).unwrap());
        }
        for key in de().keys().filter(|k| k.contains("-term.")) {
            let term = de().term(key).unwrap();
            assert!(
                templates.contains(term),
                "`{term}` ({key}) is in no German template"
            );
        }
    }

    #[test]
    fn german_dates_and_decisions_follow_the_official_journal() {
        let d = jiff::civil::date(2026, 12, 1);
        assert_eq!(de().date(d), "1. Dezember 2026");
        assert_eq!(LANGS[0].date(d), "2026-12-01");
        assert_eq!(
            de().decision("Commission Implementing Decision (EU) 2021/914"),
            "Durchführungsbeschluss (EU) 2021/914 der Kommission"
        );
        assert_eq!(
            de().decision("Commission Decision 2000/518/EC"),
            "Entscheidung 2000/518/EG der Kommission"
        );
        assert_eq!(
            de().decision("Commission Decision 2010/625/EU"),
            "Beschluss 2010/625/EU der Kommission"
        );
        assert_eq!(
            de().decision("Commission Implementing Decision (EU) 2021/1772, renewed 2025-12-19"),
            "Durchführungsbeschluss (EU) 2021/1772 der Kommission, verlängert am 19. Dezember 2025"
        );
    }

    #[test]
    fn country_names_are_german_and_short() {
        assert_eq!(de().country("US"), Some("USA"));
        assert_eq!(de().country("CH"), Some("Schweiz"));
        assert_eq!(de().country("DE"), Some("Deutschland"));
        assert_eq!(de().country("XX"), None);
    }
}
