//! PRV603: data from another source without its categories.

use super::RuleCx;
use crate::catalogue::SOURCE_CATEGORIES_MISSING;
use crate::diagnostic::Diagnostic;

/// Reports sources without data categories.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        for s in section
            .sources
            .iter()
            .filter(|s| s.data_categories.is_empty())
        {
            out.push(
                Diagnostic::new(&SOURCE_CATEGORIES_MISSING, file, s.source.span.clone(), format!("data from `{}` without its categories", s.source.value))
                    .label("what data?")
                    .help("add `data_categories:` to this source")
                    .note("GDPR Art. 14(1)(d): the categories of personal data concerned; Art. 14(2)(f): their source"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn a_source_names_the_data_it_gives() {
        // GDPR Art. 14(1)(d), 14(2)(f).
        let bare = section("sources: [{ source: a credit agency }]\n");
        assert_eq!(codes(&[("a.yaml", &bare)]), ["PRV603"]);
        let full =
            section("sources: [{ source: a credit agency, data_categories: [credit score] }]\n");
        assert!(codes(&[("a.yaml", &full)]).is_empty());
    }
}
