//! PRV013: a value outside the set a field accepts.

use std::sync::Arc;

use super::RuleCx;
use crate::catalogue::VALUE_UNKNOWN;
use crate::diagnostic::Diagnostic;
use crate::law::bases::SPECIAL_CATEGORIES;
use crate::load::Spanned;
use crate::source::SourceFile;

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

/// Whether `s` is a date of the form YYYY-MM-DD with a plausible month and day.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d))
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
            && !is_date(&v.value)
        {
            out.push(
                Diagnostic::new(
                    &VALUE_UNKNOWN,
                    file,
                    v.span.clone(),
                    format!("`{}` is not a date of the form YYYY-MM-DD", v.value),
                )
                .help("write the date quoted, e.g. `last_updated: \"2026-11-29\"`"),
            );
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
        assert!(super::is_date("2026-11-29"));
        assert!(
            !super::is_date("2026-13-01")
                && !super::is_date("29.11.2026")
                && !super::is_date("2026-1-1")
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
