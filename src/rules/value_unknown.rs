//! PRV013: a value outside the set a field accepts.

use std::sync::Arc;

use super::RuleCx;
use crate::catalogue::VALUE_UNKNOWN;
use crate::diagnostic::Diagnostic;
use crate::law::bases::SPECIAL_CATEGORIES;
use crate::load::Spanned;
use crate::model::{DateError, parse_date};
use crate::source::SourceFile;

/// Accepted values of `processed_by`.
pub const PROCESSED_BY: &[&str] = &["processors", "controller", "both"];
/// Accepted values of an onward recipient's `role`; `processor` is the default.
pub const ONWARD_ROLES: &[&str] = &["processor", "controller"];
/// Accepted values of a service provider's `role`; `processor` is the default.
pub const ROLES: &[&str] = &["processor", "controller", "joint-controller"];
/// Accepted values of a transfer's `relation` between its mechanisms.
pub const RELATIONS: &[&str] = &["fallback", "alternatives"];
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
    let d = Diagnostic::new(
        &VALUE_UNKNOWN,
        file,
        value.span.clone(),
        format!("`{}` is not a valid `{field}`", value.value),
    )
    .label("unknown value");
    out.push(
        match crate::suggest::closest(&value.value, accepted.iter().copied()) {
            Some(s) => d.did_you_mean(s),
            None => d.help(format!("accepted values: {}", accepted.join(", "))),
        },
    );
}

/// Whether `s` is a duration as `retention` takes it: a count (digits, or `one` to
/// `twelve`) and a unit of days, weeks, months or years ("14 days", "one year"), in
/// English or German ("14 Tage", "1 Jahr").
pub fn is_duration(s: &str) -> bool {
    is_english_duration(s) || is_german_duration(s)
}

/// "14 Tage", "1 Monat", "6 Jahre": digits and a German unit, singular for one.
fn is_german_duration(s: &str) -> bool {
    const UNITS: &[(&str, &str)] = &[
        ("Tag", "Tage"),
        ("Woche", "Wochen"),
        ("Monat", "Monate"),
        ("Jahr", "Jahre"),
    ];
    let mut parts = s.split_whitespace();
    let (Some(count), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let counted = count.len() <= 4 && count.bytes().all(|b| b.is_ascii_digit()) && count != "0";
    counted
        && UNITS.iter().any(|(one, many)| {
            if count == "1" {
                unit == *one
            } else {
                unit == *many
            }
        })
}

fn is_english_duration(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    const UNITS: &[&str] = &["day", "week", "month", "year"];
    let mut parts = s.split_whitespace();
    let (Some(count), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let counted = (count.len() <= 4 && count.bytes().all(|b| b.is_ascii_digit()) && count != "0")
        || WORDS.contains(&count);
    let singular = count == "1" || count == "one";
    counted
        && UNITS
            .iter()
            .any(|u| unit == *u && singular || unit.strip_suffix('s') == Some(u) && !singular)
}

/// Accepted values of `citation_style` in `privreg.yaml`.
pub const CITATION_STYLES: &[&str] = &["para-lit", "parens"];
/// Accepted values of `outputs` in `privreg.yaml`, in the order `build` writes them.
pub const OUTPUTS: &[&str] = &["policy", "record", "subprocessors", "jsonld"];
pub use crate::model::LANGUAGES;

/// Reports a `field` that is not a date written YYYY-MM-DD.
fn check_date(file: &Arc<SourceFile>, v: &Spanned<String>, field: &str, out: &mut Vec<Diagnostic>) {
    if let Err(e) = parse_date(&v.value) {
        let mut d = Diagnostic::new(
            &VALUE_UNKNOWN,
            file,
            v.span.clone(),
            format!("`{}` {e}", v.value),
        );
        if e == DateError::Form {
            d = d.help(format!(
                "write the date quoted, e.g. `{field}: \"2026-11-29\"`"
            ));
        }
        out.push(d);
    }
}

/// Reports unknown enumerated values, malformed dates and durations.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    if let Some((file, c)) = cx.config() {
        if let Some(v) = &c.citation_style {
            check_value(file, v, "citation_style", CITATION_STYLES, out);
        }
        for v in c.languages.iter().chain(&c.language) {
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
        if let Some(v) = &c.last_updated {
            check_date(file, v, "last_updated", out);
        }
        for o in &c.outputs {
            check_value(file, o, "outputs", OUTPUTS, out);
        }
        if let Some(v) = &c.device_access_law {
            let laws: Vec<&str> = crate::law::device::LAWS.iter().map(|l| l.code).collect();
            check_value(file, v, "device_access_law", &laws, out);
        }
        let services: Vec<&str> = cx
            .processors()
            .map(|(_, _, p)| p.service.value.as_str())
            .collect();
        for activity in &c.processor_for {
            for party in &activity.controllers {
                super::country_code_unknown::check_code(file, &party.country, out);
            }
            for service in &activity.services {
                check_value(file, service, "services", &services, out);
            }
        }
        if let Some(ctrl) = &c.controller {
            super::country_code_unknown::check_code(file, &ctrl.country, out);
            if let Some(r) = &ctrl.representative {
                super::country_code_unknown::check_code(file, &r.country, out);
            }
        }
    }
    let special: Vec<&str> = SPECIAL_CATEGORIES.iter().map(|(c, _)| *c).collect();
    for (file, section) in cx.sections() {
        if let Some(p) = &section.processed_by {
            check_value(file, p, "processed_by", PROCESSED_BY, out);
        }
        if let Some(p) = &section.provision {
            check_value(
                file,
                &p.requirement,
                "requirement",
                super::provision_duty_missing::REQUIREMENTS,
                out,
            );
        }
        if let Some(g) = section
            .automated_decisions
            .as_ref()
            .and_then(|a| a.ground.as_ref())
        {
            check_value(
                file,
                g,
                "ground",
                super::automated_decision_incomplete::GROUNDS,
                out,
            );
        }
        if let Some(d) = &section.device_access {
            check_value(file, d, "device_access", crate::law::device::ACCESS, out);
        }
        for c in &section.special_categories {
            check_value(file, c, "special_categories", &special, out);
        }
    }
    for (file, section) in cx.sections() {
        let Some(r) = &section.retention else {
            continue;
        };
        let durations =
            std::iter::once(&r.duration).chain(r.by_category.iter().map(|c| &c.duration));
        // Every language's text: a translation is published as much as the first language.
        let texts = durations.flatten().flat_map(|d| {
            std::iter::once((&d.value.text, &d.span))
                .chain(d.translations.iter().map(|(_, t)| (&t.value, &t.span)))
        });
        for (text, span) in texts.filter(|(t, _)| !is_duration(t)) {
            out.push(
                Diagnostic::new(&VALUE_UNKNOWN, file, span.clone(), format!("`{text}` is not a duration"))
                    .label("not a count and a unit")
                    .help("write a number and `days`, `weeks`, `months` or `years` (German: `Tage`, `Wochen`, `Monate`, `Jahre`), e.g. `duration: 14 days`; put anything else in `period` or `criteria`"),
            );
        }
    }
    for (file, _, p) in cx.processors() {
        let dpa_date = p.dpa.as_ref().and_then(|d| d.date.as_ref());
        for (date, field) in [
            (&p.last_changed, "last_changed"),
            (&dpa_date.cloned(), "date"),
        ] {
            if let Some(v) = date {
                check_date(file, v, field, out);
            }
        }
        if let Some(r) = &p.role {
            check_value(file, r, "role", ROLES, out);
        }
        for r in p.onward_recipients.iter().filter_map(|o| o.role.as_ref()) {
            if r.value.contains(' ') {
                // Before 0.2 `role` held the free text that `description` holds now.
                out.push(
                    Diagnostic::new(
                        &VALUE_UNKNOWN,
                        file,
                        r.span.clone(),
                        format!("`{}` is no role: an onward recipient's role is `processor` or `controller`", r.value),
                    )
                    .label("a description?")
                    .help(format!("write `description: {}`", r.value)),
                );
            } else {
                check_value(file, r, "role", ONWARD_ROLES, out);
            }
        }
    }
    for (file, _, t) in cx.transfers() {
        check_value(file, &t.certainty, "certainty", CERTAINTY, out);
        if let Some(r) = &t.relation {
            check_value(file, r, "relation", RELATIONS, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section, with_processor};

    #[test]
    fn an_unknown_certainty_is_reported() {
        let y = with_processor(
            "US",
            "    transfers:\n      - country: US\n        certainty: maybe\n        mechanisms: [scc]\n        copy: on-request\n",
        );
        assert_eq!(codes(&[("a.yaml", &y)]), ["PRV013"]);
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

#[cfg(test)]
mod duration_tests {
    use super::is_duration;
    use crate::rules::test_support::{codes, section};

    #[test]
    fn a_duration_is_a_count_and_a_unit() {
        for ok in [
            "14 days",
            "1 day",
            "one year",
            "3 months",
            "ten years",
            "2 weeks",
            "14 Tage",
            "1 Jahr",
            "6 Monate",
        ] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in [
            "1 Tage",
            "14 Tag",
            "vierzehn Tage",
            "14",
            "days",
            "1 days",
            "two year",
            "0 days",
            "fortnight",
            "14 days or so",
            "-1 days",
        ] {
            assert!(!is_duration(bad), "{bad}");
        }
        let y = section("").replace("  period: one year\n", "  duration: a while\n");
        assert_eq!(codes(&[("a.yaml", &y)]), ["PRV013"]);
    }
}
