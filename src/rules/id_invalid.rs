//! PRV014: a section id that cannot serve as an anchor.

use super::RuleCx;
use crate::catalogue::ID_INVALID;
use crate::diagnostic::Diagnostic;

/// Whether `id` is kebab-case: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn is_valid(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Reports ids that are not kebab-case.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        let id = &section.id;
        if !is_valid(&id.value) {
            let fixed: String = id
                .value
                .to_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let mut d = Diagnostic::new(
                &ID_INVALID,
                file,
                id.span.clone(),
                format!("section id `{}` is not kebab-case", id.value),
            )
            .label("used as the HTML anchor");
            d = if is_valid(&fixed) {
                d.help(format!("write `id: {fixed}`"))
            } else {
                d.help("use lower-case ASCII letters, digits and single hyphens")
            };
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid;
    use crate::rules::test_support::{codes, section};

    #[test]
    fn kebab_case_ids_are_valid_and_others_not() {
        assert!(is_valid("slack") && is_valid("video-conferencing-2"));
        assert!(
            !is_valid("Slack")
                && !is_valid("a b")
                && !is_valid("a--b")
                && !is_valid("-a")
                && !is_valid("a_b")
        );
    }

    #[test]
    fn an_id_with_spaces_is_reported() {
        assert_eq!(
            codes(&[("a.yaml", &section("").replace("id: s", "id: My Section"))]),
            ["PRV014"]
        );
    }
}
