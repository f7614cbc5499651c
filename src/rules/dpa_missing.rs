//! PRV302: a processor without a data processing agreement.

use super::RuleCx;
use crate::catalogue::DPA_MISSING;
use crate::diagnostic::Diagnostic;

/// Reports processors without a concluded DPA.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, p) in cx.processors() {
        // Only a processor acts on our behalf (Art. 28); controllers answer for themselves.
        if p.role.as_ref().is_some_and(|r| r.value != "processor") {
            continue;
        }
        let span = match &p.dpa {
            None => p.service.span.clone(),
            Some(d) if !d.concluded.value => d.concluded.span.clone(),
            Some(_) => continue,
        };
        out.push(
            Diagnostic::new(
                &DPA_MISSING,
                file,
                span,
                format!(
                    "processor {} has no data processing agreement",
                    p.service.value
                ),
            )
            .label("no concluded DPA")
            .help("conclude a DPA and record it as `dpa: { concluded: true }`")
            .note("GDPR Art. 28(3): processing by a processor shall be governed by a contract"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn a_processor_needs_a_concluded_dpa() {
        // GDPR Art. 28(3).
        let none = with_processor("DE", "").replace("    dpa:\n      concluded: true\n", "");
        assert_eq!(codes(&[("a.yaml", &none)]), ["PRV302"]);
        // An independent controller concludes no DPA with us (Art. 4(7), 28(3) GDPR).
        let controller = none.replace(
            "    provider:",
            "    role: controller\n    privacy_policy: https://p.example/privacy\n    purposes: [its own]\n    provider:",
        );
        assert!(codes(&[("a.yaml", &controller)]).is_empty());
        let no = with_processor("DE", "").replace("concluded: true", "concluded: false");
        assert_eq!(codes(&[("a.yaml", &no)]), ["PRV302"]);
        assert!(codes(&[("a.yaml", &with_processor("DE", ""))]).is_empty());
    }
}
