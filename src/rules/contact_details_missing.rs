//! PRV502: a controller or data protection officer without contact details.

use super::RuleCx;
use crate::catalogue::{CONTACT_DETAILS_MISSING, URL_SCHEME_INVALID};
use crate::diagnostic::Diagnostic;
use crate::load::Spanned;
use crate::source::SourceFile;

/// Reports a controller or DPO that cannot be reached, and malformed emails and web forms.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    let Some((file, config)) = cx.config() else {
        return;
    };
    let Some(c) = &config.controller else { return };
    if c.email.is_none() && c.phone.is_none() && c.web_form.is_none() {
        out.push(
            Diagnostic::new(&CONTACT_DETAILS_MISSING, file, c.legal_name.span.clone(), format!("the controller `{}` has no contact details", c.legal_name.value))
                .label("named, but not reachable")
                .help("add `email:`, `phone:` or `web_form:` to `controller`")
                .note("GDPR Art. 13(1)(a): the identity and the contact details of the controller must be given"),
        );
    }
    if let Some(dpo) = &c.dpo
        && dpo.email.is_none()
        && dpo.phone.is_none()
        && dpo.address.is_none()
        && dpo.web_form.is_none()
    {
        out.push(
            Diagnostic::new(&CONTACT_DETAILS_MISSING, file, dpo.span.clone(), "the data protection officer has no contact details")
                .help("add `email:`, `phone:`, `address:` or `web_form:` to `dpo`")
                .note("GDPR Art. 13(1)(b): the contact details of the data protection officer must be given; the name is optional"),
        );
    }
    let emails = [
        Some(&c.email),
        c.dpo.as_ref().map(|d| &d.email),
        c.representative.as_ref().map(|r| &r.email),
    ];
    for email in emails.into_iter().flatten().flatten() {
        check_email(file, email, out);
    }
    for form in [Some(&c.web_form), c.dpo.as_ref().map(|d| &d.web_form)]
        .into_iter()
        .flatten()
        .flatten()
    {
        super::url_scheme_invalid::check_link(file, form, "web_form", out);
    }
}

/// Whether `v` can be published as an email autolink: one `@` between a local part and a
/// dotted domain, no spaces, brackets or quotes (CommonMark's email autolink is stricter
/// than RFC 5322, and a policy has no use for the exotic forms).
pub fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-@".contains(c))
}

fn check_email(
    file: &std::sync::Arc<SourceFile>,
    email: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) {
    let v = &email.value;
    if !is_email(v) {
        out.push(
            Diagnostic::new(
                &URL_SCHEME_INVALID,
                file,
                email.span.clone(),
                format!("`{v}` is not an email address"),
            )
            .label("published as a mailto link")
            .help("write the address alone, e.g. `email: privacy@example.com`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{config_codes, section};

    fn controller(extra: &str) -> String {
        format!("controller:\n  legal_name: C\n  address: A\n  country: DE\n{extra}")
    }

    #[test]
    fn a_controller_needs_a_way_to_be_reached() {
        // GDPR Art. 13(1)(a): identity *and* contact details.
        assert_eq!(config_codes(&controller(""), &section("")), ["PRV502"]);
        for way in [
            "  email: c@example.com\n",
            "  phone: \"+49 30 1\"\n",
            "  web_form: https://c.example/form\n",
        ] {
            assert!(
                config_codes(&controller(way), &section("")).is_empty(),
                "{way}"
            );
        }
    }

    #[test]
    fn a_dpo_needs_contact_details_but_no_name() {
        // GDPR Art. 13(1)(b): "the contact details of the data protection officer".
        let named_only = controller("  email: c@example.com\n  dpo: { name: D }\n");
        assert_eq!(config_codes(&named_only, &section("")), ["PRV502"]);
        let reachable = controller("  email: c@example.com\n  dpo: { email: dpo@example.com }\n");
        assert!(config_codes(&reachable, &section("")).is_empty());
    }

    #[test]
    fn malformed_addresses_and_forms_are_not_published_as_links() {
        for bad in [
            "  email: \"privacy at example.com\"\n",
            "  email: \"a@b@c.com\"\n",
            "  email: \"<x@y.z>\"\n",
            "  email: c@localhost\n",
            "  web_form: \"javascript:alert(1)\"\n",
        ] {
            let y = controller(&format!("  phone: \"1\"\n{bad}"));
            assert_eq!(config_codes(&y, &section("")), ["PRV009"], "{bad}");
        }
    }
}
