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

/// Reports unknown enumerated values.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
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
    fn known_values_pass() {
        let y = section("processed_by: both\n");
        assert!(codes(&[("a.yaml", &y)]).is_empty());
        assert_eq!(
            codes(&[("a.yaml", &section("processed_by: us\n"))]),
            ["PRV013"]
        );
    }
}
