//! PRV007: two sections with the same id.

use std::collections::HashMap;

use super::RuleCx;
use crate::diagnostic::Diagnostic;

crate::declare_rule! {
    /// Two register files declare the same section `id`.
    ///
    /// ## What it does
    /// Reports every section whose `id` an earlier file (in sorted path order) already
    /// uses, naming that file.
    ///
    /// ## Why is this bad?
    /// The id is the section's HTML anchor and its name in links and diffs. Two sections
    /// with one id make links ambiguous and the generated page invalid.
    ///
    /// ## Example
    /// `registers/slack.yaml` and `registers/slack-old.yaml` both with `id: slack`.
    /// Give each section its own id.
    ///
    /// ## Legal source
    /// None: a structural rule.
    pub static ID_DUPLICATE = ("PRV007", "id-duplicate", Error);
}

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
