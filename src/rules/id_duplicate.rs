//! PRV007: two sections with the same id.

use std::collections::HashMap;

use super::RuleCx;
use crate::catalogue::ID_DUPLICATE;
use crate::diagnostic::Diagnostic;

/// Reports ids used by more than one section.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    let mut seen = HashMap::new();
    for (file, section) in cx.sections() {
        let id = &section.id;
        if let Some((first_file, lc)) = seen.get(id.value.as_str()) {
            out.push(
                Diagnostic::new(
                    &ID_DUPLICATE,
                    file,
                    id.span.clone(),
                    format!("duplicate section id `{}`", id.value),
                )
                .label("used again here")
                .note(format!("first used in {first_file}:{lc}"))
                .help("give every section its own id; it becomes the section's anchor"),
            );
        } else {
            let at = file.line_col(id.span.start);
            seen.insert(
                id.value.as_str(),
                (file.name.clone(), format!("{}:{}", at.line, at.column)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn a_second_section_with_the_same_id_is_an_error() {
        let a = section("");
        assert!(
            codes(&[
                ("a.yaml", &a),
                ("b.yaml", &a.replace("order: 1", "order: 2"))
            ])
            .contains(&"PRV007")
        );
    }

    #[test]
    fn different_ids_pass() {
        let a = section("");
        let b = a.replace("id: s", "id: t").replace("order: 1", "order: 2");
        assert!(codes(&[("a.yaml", &a), ("b.yaml", &b)]).is_empty());
    }
}
