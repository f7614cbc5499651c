//! PRV210: an Art. 46 or 47 safeguard without where to obtain a copy.

use super::RuleCx;
use crate::catalogue::{SAFEGUARD_COPY_MISSING, VALUE_UNKNOWN};
use crate::diagnostic::Diagnostic;
use crate::law::mechanisms;

/// The `copy` value that means "from us, on request".
pub const ON_REQUEST: &str = "on-request";

/// Reports safeguards without `copy`, and a `copy` that is neither a link nor `on-request`.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        if let Some(copy) = &t.copy {
            if copy.value != ON_REQUEST && !copy.value.starts_with("https://") {
                out.push(
                    Diagnostic::new(
                        &VALUE_UNKNOWN,
                        file,
                        copy.span.clone(),
                        format!(
                            "`{}` is neither an https link nor `{ON_REQUEST}`",
                            copy.value
                        ),
                    )
                    .label("where is the copy?")
                    .help("link the safeguard (https://...) or write `copy: on-request`"),
                );
            }
            continue;
        }
        let safeguard = t
            .mechanisms
            .iter()
            .find(|m| mechanisms::lookup(&m.value).is_some_and(|m| m.is_safeguard()));
        if let Some(m) = safeguard {
            out.push(
                Diagnostic::new(
                    &SAFEGUARD_COPY_MISSING,
                    file,
                    m.span.clone(),
                    "the policy must say how to obtain a copy of this safeguard",
                )
                .label("no copy named")
                .help("add `copy:` with an https link to the safeguard, or `copy: on-request`")
                .note("GDPR Art. 13(1)(f): \"the means by which to obtain a copy of them or where they have been made available\""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    fn scc(extra: &str) -> String {
        with_processor(
            "US",
            &format!(
                "    transfers:\n      - country: US\n        certainty: takes-place\n        mechanisms: [scc]\n{extra}"
            ),
        )
    }

    #[test]
    fn sccs_need_a_copy_and_a_link_or_on_request_gives_one() {
        // GDPR Art. 13(1)(f).
        assert_eq!(codes(&[("a.yaml", &scc(""))]), ["PRV210"]);
        let link = "        copy: https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj\n";
        assert!(codes(&[("a.yaml", &scc(link))]).is_empty());
        assert!(codes(&[("a.yaml", &scc("        copy: on-request\n"))]).is_empty());
        assert_eq!(
            codes(&[("a.yaml", &scc("        copy: ask us\n"))]),
            ["PRV013"]
        );
    }

    #[test]
    fn adequacy_and_derogations_need_no_copy() {
        let t = with_processor(
            "US",
            "    transfers:\n      - country: US\n        certainty: takes-place\n        mechanisms: [derogation-contract]\n",
        );
        assert!(!crate::rules::test_support::codes(&[("a.yaml", &t)]).contains(&"PRV210"));
    }
}
