//! PRV305: a retention statement that says only "as long as necessary".

use super::RuleCx;
use crate::catalogue::RETENTION_GENERIC;
use crate::diagnostic::Diagnostic;

/// Phrases that name no period and no criterion, lower-case.
const GENERIC: &[&str] = &[
    "as long as necessary",
    "as long as is necessary",
    "as long as required",
    "as long as is required",
    "as long as needed",
    "no longer than necessary",
    "no longer than is necessary",
    "no longer than required",
    "for as long as necessary",
    // German: the same generic wording.
    "so lange wie nötig",
    "so lange wie erforderlich",
    "solange erforderlich",
    "solange dies erforderlich",
    "solange es erforderlich",
    "so lange, wie es erforderlich",
    "so lange, wie dies erforderlich",
    "so lange, wie es für",
    "so lange, wie dies für",
];

/// Whether `text` rests on generic wording.
pub fn is_generic(text: &str) -> bool {
    let lower = text.to_lowercase();
    GENERIC.iter().any(|g| lower.contains(g))
}

/// Reports retention statements whose only content is generic wording.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        let Some(r) = &section.retention else {
            continue;
        };
        if r.duration.is_some() || r.until.is_some() || !r.statutory.is_empty() {
            continue;
        }
        let texts = [&r.period, &r.criteria];
        let said: Vec<_> = texts.iter().filter_map(|t| t.as_ref()).collect();
        let Some(first) = said.iter().find(|t| is_generic(&t.value)) else {
            continue;
        };
        if said.iter().all(|t| is_generic(&t.value)) {
            out.push(
                Diagnostic::new(&RETENTION_GENERIC, file, first.span.clone(), format!("section `{}` keeps data \"as long as necessary\" without saying how long that is", section.id.value))
                    .label("generic wording")
                    .help("state a `duration` (`14 days`), an end event (`until: the end of the contract`), the `statutory` periods that follow, or the `criteria` that decide")
                    .note("WP260 rev.01, Annex on Art. 13(2)(a) GDPR: it is not sufficient to state generically that data will be kept as long as necessary"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_generic;
    use crate::rules::test_support::{codes, section};

    fn with_retention(r: &str) -> String {
        section("").replace(
            "retention:\n  period: one year\n",
            &format!("retention:\n{r}"),
        )
    }

    #[test]
    fn as_long_as_necessary_alone_says_nothing() {
        // WP260 rev.01, Annex on Art. 13(2)(a): generic wording is not sufficient.
        let seed = with_retention(
            "  period: only as long as necessary to fulfill the purposes described above\n",
        );
        assert_eq!(codes(&[("a.yaml", &seed)]), ["PRV305"]);
        let with_end =
            with_retention("  period: as long as necessary\n  until: the end of the contract\n");
        assert!(codes(&[("a.yaml", &with_end)]).is_empty());
        let with_criteria = with_retention(
            "  period: as long as necessary\n  criteria: data is deleted when you close your account\n",
        );
        assert!(codes(&[("a.yaml", &with_criteria)]).is_empty());
    }

    #[test]
    fn generic_phrases() {
        assert!(is_generic("No longer than is necessary for the purposes"));
        assert!(!is_generic("for 14 days"));
        assert!(!is_generic("until you unsubscribe"));
    }
}
