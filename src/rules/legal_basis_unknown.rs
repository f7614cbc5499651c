//! PRV101: a legal basis code privreg does not know.

use super::RuleCx;
use crate::catalogue::LEGAL_BASIS_UNKNOWN;
use crate::diagnostic::Diagnostic;
use crate::law::bases;

/// Reports unknown basis codes.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        for lb in &section.legal_bases {
            let code = &lb.basis;
            if bases::lookup(&code.value).is_some() {
                continue;
            }
            let d = Diagnostic::new(
                &LEGAL_BASIS_UNKNOWN,
                file,
                code.span.clone(),
                format!("unknown legal basis `{}`", code.value),
            )
            .label("not a basis of Art. 6(1) or Art. 9(2) GDPR");
            let d = match crate::suggest::closest(&code.value, bases::spellings()) {
                Some(s) => d.did_you_mean(s),
                None => d.help("use `consent`, `contract`, `legal-obligation`, `vital-interests`, `public-task`, `legitimate-interests` or a DPV id such as `A6-1-f`"),
            };
            out.push(
                d.note("GDPR Art. 6(1) has points (a) to (f); Art. 9(2) has points (a) to (j)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn a_point_that_does_not_exist_is_unknown() {
        // Art. 6(1) GDPR has points (a) to (f): there is no "A6-1-6".
        let y = section("").replace("basis: contract", "basis: A6-1-6");
        assert_eq!(codes(&[("a.yaml", &y)]), ["PRV101"]);
    }

    #[test]
    fn friendly_names_and_dpv_ids_pass() {
        assert!(
            codes(&[(
                "a.yaml",
                &section("").replace("basis: contract", "basis: A6-1-b")
            )])
            .is_empty()
        );
    }
}
