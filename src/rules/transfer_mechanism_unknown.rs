//! PRV206: a transfer mechanism code privreg does not know.

use super::RuleCx;
use crate::catalogue::TRANSFER_MECHANISM_UNKNOWN;
use crate::diagnostic::Diagnostic;
use crate::law::mechanisms;

/// Reports unknown mechanism codes.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        for m in &t.mechanisms {
            if mechanisms::lookup(&m.value).is_some() || mechanisms::invalid(&m.value).is_some() {
                continue;
            }
            let d = Diagnostic::new(
                &TRANSFER_MECHANISM_UNKNOWN,
                file,
                m.span.clone(),
                format!("unknown transfer mechanism `{}`", m.value),
            )
            .label("not a transfer tool of Chapter V GDPR");
            out.push(match crate::suggest::closest(&m.value, mechanisms::spellings()) {
                Some(s) => d.did_you_mean(s),
                None => d.help("use `adequacy`, `dpf`, `scc`, `bcr`, `code-of-conduct`, `certification` or a `derogation-*` code"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn unknown_codes_are_reported_and_dpv_ids_accepted() {
        let t = |m: &str| {
            with_processor(
                "US",
                &format!(
                    "    transfers:\n      - country: US\n        certainty: takes-place\n        mechanisms: [{m}]\n        copy: on-request\n"
                ),
            )
        };
        assert_eq!(codes(&[("a.yaml", &t("sccs"))]), ["PRV206"]);
        assert!(codes(&[("a.yaml", &t("A46-2-c"))]).is_empty());
    }
}
