//! PRV303: a controller or joint controller without what the notice must say of it.

use std::sync::Arc;

use super::RuleCx;
use crate::catalogue::RECIPIENT_ROLE_INCOMPLETE;
use crate::diagnostic::Diagnostic;
use crate::load::Spanned;
use crate::source::SourceFile;

/// Reports controllers without purposes or privacy notice, joint controllers without
/// arrangement or contact point, onward recipients that are controllers without purpose.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, p) in cx.processors() {
        for r in &p.onward_recipients {
            if let Some(role) = r.role.as_ref().filter(|x| x.value == "controller") {
                let fields = [("purpose", r.purpose.is_none())];
                report(file, &r.name.value, role, &fields, out);
            }
        }
        let Some(role) = &p.role else { continue };
        let fields = match role.value.as_str() {
            "controller" => [
                ("purposes", p.purposes.is_empty()),
                ("privacy_policy", p.privacy_policy.is_none()),
            ],
            "joint-controller" => [
                ("arrangement", p.arrangement.is_none()),
                ("contact_point", p.contact_point.is_none()),
            ],
            _ => continue,
        };
        report(file, &p.service.value, role, &fields, out);
    }
}

/// One PRV303 naming the `(field, missing)` pairs that are missing, if any is.
fn report(
    file: &Arc<SourceFile>,
    name: &str,
    role: &Spanned<String>,
    fields: &[(&str, bool)],
    out: &mut Vec<Diagnostic>,
) {
    let missing: Vec<String> = fields
        .iter()
        .filter(|(_, m)| *m)
        .map(|(f, _)| format!("`{f}`"))
        .collect();
    if missing.is_empty() {
        return;
    }
    let fields = missing.join(" and ");
    out.push(
        Diagnostic::new(
            &RECIPIENT_ROLE_INCOMPLETE,
            file,
            role.span.clone(),
            format!("{name} is a {} but the register gives no {fields}", role.value),
        )
        .label("incomplete")
        .help(format!("add {fields}"))
        .note(if role.value == "controller" {
            "GDPR Art. 13(1)(e): the reader learns who receives the data and that it acts for its own purposes"
        } else {
            "GDPR Art. 26(2): the essence of the arrangement shall be made available to the data subject"
        }),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    fn with(extra: &str) -> String {
        section(&format!(
            "processors:\n  - service: S\n    provider:\n      legal_name: P\n      address: A\n      country: DE\n{extra}"
        ))
    }

    #[test]
    fn a_controller_states_its_purposes_and_notice() {
        // GDPR Art. 13(1)(e); Art. 4(7): it decides its own purposes.
        assert_eq!(
            codes(&[("a.yaml", &with("    role: controller\n"))]),
            ["PRV303"]
        );
        let full = "    role: controller\n    purposes: [payments]\n    privacy_policy: https://p.example/privacy\n";
        assert!(codes(&[("a.yaml", &with(full))]).is_empty());
    }

    #[test]
    fn a_joint_controller_states_the_arrangement_and_contact_point() {
        // GDPR Art. 26(1) and (2).
        assert_eq!(
            codes(&[("a.yaml", &with("    role: joint-controller\n"))]),
            ["PRV303"]
        );
        let full = "    role: joint-controller\n    arrangement: we collect, they host\n    contact_point: privacy@example.com\n";
        assert!(codes(&[("a.yaml", &with(full))]).is_empty());
    }

    #[test]
    fn an_onward_recipient_that_is_a_controller_states_its_purpose() {
        // GDPR Art. 13(1)(e); Art. 4(7).
        let bare = "    dpa: { concluded: true }\n    onward_recipients:\n      - name: Bank\n        role: controller\n        provider: { legal_name: B AG, address: A, country: DE }\n";
        assert_eq!(codes(&[("a.yaml", &with(bare))]), ["PRV303"]);
        let full = format!("{bare}        purpose: settling the payment\n");
        assert!(codes(&[("a.yaml", &with(&full))]).is_empty());
        // Before 0.2, `role` held what `description` holds now.
        let old = "    dpa: { concluded: true }\n    onward_recipients:\n      - name: CRM\n        role: our CRM system\n        provider: { legal_name: C Ltd, address: A, country: IE }\n";
        assert_eq!(codes(&[("a.yaml", &with(old))]), ["PRV013"]);
    }

    #[test]
    fn a_processor_needs_neither() {
        let p = with("    role: processor\n    dpa: { concluded: true }\n");
        assert!(codes(&[("a.yaml", &p)]).is_empty());
    }
}
