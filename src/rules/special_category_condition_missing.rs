//! PRV103: special-category data without an Art. 9(2) condition.

use super::RuleCx;
use crate::catalogue::SPECIAL_CATEGORY_CONDITION_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::bases;

/// Reports special categories without an Art. 9(2) condition.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        let Some(first) = section.special_categories.first() else {
            continue;
        };
        let has_condition = section.legal_bases.iter().any(|lb| {
            bases::lookup(&lb.basis.value).is_some_and(bases::Basis::is_special_condition)
        });
        if !has_condition {
            out.push(
                Diagnostic::new(&SPECIAL_CATEGORY_CONDITION_MISSING, file, first.span.clone(), format!("special category `{}` without a condition of Art. 9(2) GDPR", first.value))
                    .label("special category of Art. 9(1) GDPR")
                    .help("add the Art. 9(2) condition to `legal_bases`, e.g. `basis: explicit-consent`")
                    .note("GDPR Art. 9(1) prohibits this processing unless a condition of Art. 9(2) applies"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn health_data_needs_an_art_9_condition() {
        // GDPR Art. 9(1) and 9(2).
        let bad = section("special_categories: [health]\n");
        assert_eq!(codes(&[("a.yaml", &bad)]), ["PRV103"]);
        let ok = bad.replace(
            "  - basis: contract",
            "  - basis: contract\n  - basis: A9-2-a",
        );
        assert!(codes(&[("a.yaml", &ok)]).is_empty());
    }
}
