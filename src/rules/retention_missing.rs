//! PRV301: no storage period or criteria.

use super::RuleCx;
use crate::catalogue::RETENTION_MISSING;
use crate::diagnostic::Diagnostic;

/// Reports sections without a retention period or criteria.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        match &section.retention {
            None => out.push(
                Diagnostic::new(&RETENTION_MISSING, file, section.id.span.clone(), format!("section `{}` states no retention period", section.id.value))
                    .label("this section has no `retention`")
                    .help("add `retention:` with a `duration`, an end event (`until`) or the `criteria` that determine it")
                    .note("GDPR Art. 13(2)(a): the period for which the data will be stored, or the criteria used to determine it, must be stated"),
            ),
            Some(r) if r.period.is_none() && r.criteria.is_none() && r.duration.is_none() && r.until.is_none() && r.statutory.is_empty() && r.by_category.is_empty() => out.push(
                Diagnostic::new(&RETENTION_MISSING, file, r.span.clone(), format!("retention of section `{}` states no period and no criteria", section.id.value))
                    .help("add `duration:`, `until:`, `statutory:`, `period:` or `criteria:`")
                    .note("GDPR Art. 13(2)(a): the period for which the data will be stored, or the criteria used to determine it, must be stated"),
            ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn a_section_without_retention_gets_a_warning() {
        // GDPR Art. 13(2)(a).
        let bad = section("").replace("retention:\n  period: one year\n", "");
        assert_eq!(codes(&[("a.yaml", &bad)]), ["PRV301"]);
        let notes_only = section("").replace("  period: one year\n", "  notes: [kept]\n");
        assert_eq!(codes(&[("a.yaml", &notes_only)]), ["PRV301"]);
    }
}
