//! PRV008: two sections with the same order number.

use std::collections::HashMap;

use super::RuleCx;
use crate::catalogue::ORDER_DUPLICATE;
use crate::diagnostic::Diagnostic;

/// Reports order numbers used by more than one section.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    let mut seen = HashMap::new();
    for (file, section) in cx.sections() {
        let order = &section.order;
        if let Some(first) = seen.get(&order.value) {
            out.push(
                Diagnostic::new(
                    &ORDER_DUPLICATE,
                    file,
                    order.span.clone(),
                    format!("section order {} is already taken", order.value),
                )
                .label("used again here")
                .note(format!("first used by {first}"))
                .help("give every section its own `order`; it becomes the section number"),
            );
        } else {
            seen.insert(order.value, file.name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn two_sections_numbered_alike_are_an_error() {
        let a = section("");
        assert!(
            codes(&[("a.yaml", &a), ("b.yaml", &a.replace("id: s", "id: t"))]).contains(&"PRV008")
        );
    }

    #[test]
    fn distinct_numbers_pass() {
        let a = section("");
        let b = a.replace("id: s", "id: t").replace("order: 1", "order: 2");
        assert!(!codes(&[("a.yaml", &a), ("b.yaml", &b)]).contains(&"PRV008"));
    }
}
