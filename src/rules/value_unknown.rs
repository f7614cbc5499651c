//! PRV013: a value outside the set a field accepts.

use std::sync::Arc;

use super::RuleCx;
use crate::diagnostic::Diagnostic;
use crate::law::bases::SPECIAL_CATEGORIES;
use crate::load::Spanned;
use crate::source::SourceFile;

crate::declare_rule! {
    /// A field that takes one of a fixed set of values has another.
    ///
    /// ## What it does
    /// Checks `processed_by` (`processors`, `controller`, `both`), a transfer's
    /// `certainty` (`takes-place`, `cannot-be-excluded`, `possible`) and the codes in
    /// `special_categories` (Art. 9(1) GDPR), suggesting the nearest accepted value.
    ///
    /// ## Why is this bad?
    /// These values choose the sentences of the policy; a value privreg does not know
    /// cannot be rendered faithfully.
    ///
    /// ## Example
    /// ```yaml
    /// certainty: maybe
    /// ```
    /// Use instead:
    /// ```yaml
    /// certainty: cannot-be-excluded
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 9(1) lists the special categories of personal data.
    pub static VALUE_UNKNOWN = ("PRV013", "value-unknown", Error);
}

/// Accepted values of `processed_by`.
pub const PROCESSED_BY: &[&str] = &["processors", "controller", "both"];
/// Accepted values of a transfer's `certainty`.
pub const CERTAINTY: &[&str] = &["takes-place", "cannot-be-excluded", "possible"];

/// Reports `value` unless it is one of `accepted`.
pub fn check_value(
    file: &Arc<SourceFile>,
    value: &Spanned<String>,
    field: &str,
    accepted: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    if accepted.contains(&value.value.as_str()) {
        return;
    }
    let help = match crate::suggest::closest(&value.value, accepted.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("accepted values: {}", accepted.join(", ")),
    };
    out.push(
        Diagnostic::new(
            &VALUE_UNKNOWN,
            file,
            value.span.clone(),
            format!("`{}` is not a valid `{field}`", value.value),
        )
        .label("unknown value")
        .help(help),
    );
}

/// Accepted values of `citation_style` in `privreg.yaml`.
pub const CITATION_STYLES: &[&str] = &["para-lit", "parens"];
/// Accepted values of `language` in `privreg.yaml`.
pub const LANGUAGES: &[&str] = &["en"];

/// Why a text is not a date written YYYY-MM-DD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not four digits, a month 01-12 and a day 01-31, joined by dashes.
    Form,
    /// Of the form, but past the end of its month (2026-02-29).
    PastMonthEnd {
        /// The year.
        year: i16,
        /// The month, 1-12.
        month: i8,
        /// How many days the month has that year.
        days: i8,
    },
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::Form => f.write_str("is not a date of the form YYYY-MM-DD"),
            DateError::PastMonthEnd { year, month, days } => {
                write!(f, "is not a date: {year:04}-{month:02} has {days} days")
            }
        }
    }
}

/// The date `s` names, written YYYY-MM-DD as in `last_updated` and `--date`.
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, DateError> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(DateError::Form);
    }
    let num = |r: std::ops::Range<usize>| b[r].iter().fold(0, |n, c| n * 10 + i16::from(c - b'0'));
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DateError::Form);
    }
    // Which months have a 29th, 30th or 31st is the calendar's business: jiff's.
    let (month, day) = (month as i8, day as i8);
    jiff::civil::Date::new(year, month, day).map_err(|_| DateError::PastMonthEnd {
        year,
        month,
        days: jiff::civil::date(year, month, 1).days_in_month(),
    })
}

/// Reports unknown enumerated values.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    if let (Some(file), Some(c)) = (&cx.project.config_file, &cx.project.config.raw) {
        if let Some(v) = &c.citation_style {
            check_value(file, v, "citation_style", CITATION_STYLES, out);
        }
        if let Some(v) = &c.language {
            check_value(file, v, "language", LANGUAGES, out);
        }
        if let Some(v) = &c.heading_level
            && !(1..=5).contains(&v.value)
        {
            out.push(
                Diagnostic::new(
                    &VALUE_UNKNOWN,
                    file,
                    v.span.clone(),
                    format!("heading level {} is outside 1 to 5", v.value),
                )
                .help("sections are one level deeper than the chapter; Markdown has six levels"),
            );
        }
        if let Some(v) = &c.last_updated
            && let Err(e) = parse_date(&v.value)
        {
            let mut d = Diagnostic::new(
                &VALUE_UNKNOWN,
                file,
                v.span.clone(),
                format!("`{}` {e}", v.value),
            );
            if e == DateError::Form {
                d = d.help("write the date quoted, e.g. `last_updated: \"2026-11-29\"`");
            }
            out.push(d);
        }
        if let Some(ctrl) = &c.controller {
            super::country_code_unknown::check_code(file, &ctrl.country, out);
        }
    }
    let special: Vec<&str> = SPECIAL_CATEGORIES.iter().map(|(c, _)| *c).collect();
    for (file, section) in cx.sections() {
        if let Some(p) = &section.processed_by {
            check_value(file, p, "processed_by", PROCESSED_BY, out);
        }
        for c in &section.special_categories {
            check_value(file, c, "special_categories", &special, out);
        }
    }
    for (file, _, t) in cx.transfers() {
        check_value(file, &t.certainty, "certainty", CERTAINTY, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section, with_processor};

    #[test]
    fn an_unknown_certainty_is_reported() {
        let y = with_processor(
            "US",
            "    transfers:\n      - country: US\n        certainty: maybe\n        mechanisms: [scc]\n",
        );
        assert_eq!(codes(&[("a.yaml", &y)]), ["PRV013"]);
    }

    #[test]
    fn dates_are_year_month_day() {
        use super::{DateError, parse_date};
        assert_eq!(
            parse_date("2026-11-29"),
            Ok(jiff::civil::date(2026, 11, 29))
        );
        for s in [
            "2026-13-01",
            "29.11.2026",
            "2026-1-1",
            "2026-11-00",
            "+2026-11-29",
            "",
        ] {
            assert_eq!(parse_date(s), Err(DateError::Form), "{s}");
        }
    }

    #[test]
    fn a_day_past_the_end_of_its_month_is_no_date() {
        use super::{DateError, parse_date};
        assert_eq!(parse_date("2024-02-29"), Ok(jiff::civil::date(2024, 2, 29)));
        assert_eq!(parse_date("2000-02-29"), Ok(jiff::civil::date(2000, 2, 29)));
        let feb = |year, days| {
            Err(DateError::PastMonthEnd {
                year,
                month: 2,
                days,
            })
        };
        assert_eq!(parse_date("2026-02-29"), feb(2026, 28));
        assert_eq!(parse_date("2100-02-29"), feb(2100, 28));
        assert_eq!(parse_date("2026-02-30"), feb(2026, 28));
        assert_eq!(parse_date("2024-02-30"), feb(2024, 29));
        assert!(parse_date("2026-04-31").is_err());
        assert_eq!(
            parse_date("2026-02-30").unwrap_err().to_string(),
            "is not a date: 2026-02 has 28 days"
        );
    }

    #[test]
    fn known_values_pass() {
        let y = section("processed_by: both\n");
        assert!(codes(&[("a.yaml", &y)]).is_empty());
        assert_eq!(
            codes(&[("a.yaml", &section("processed_by: us\n"))]),
            ["PRV013"]
        );
    }
}
