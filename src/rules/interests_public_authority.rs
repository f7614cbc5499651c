//! PRV504: a public authority relies on legitimate interests.

use super::RuleCx;
use crate::catalogue::INTERESTS_PUBLIC_AUTHORITY;
use crate::diagnostic::Diagnostic;
use crate::law::bases;

/// Reports Art. 6(1)(f) bases of a controller that is a public authority.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    let public = cx
        .project
        .config
        .raw
        .as_ref()
        .and_then(|c| c.controller.as_ref())
        .and_then(|c| c.public_authority.as_ref())
        .is_some_and(|p| p.value);
    if !public {
        return;
    }
    for (file, section) in cx.sections() {
        for b in &section.legal_bases {
            if bases::lookup(&b.basis.value).is_some_and(|l| l.code == "legitimate-interests") {
                out.push(
                    Diagnostic::new(&INTERESTS_PUBLIC_AUTHORITY, file, b.basis.span.clone(), "a public authority cannot rely on legitimate interests in the performance of its tasks")
                        .label("Art. 6(1)(f)")
                        .help("state the basis in law: `public-task` (Art. 6(1)(e)) or `legal-obligation` (Art. 6(1)(c)); if this processing is outside your tasks, suppress the finding with that reason")
                        .note("GDPR Art. 6(1), second subparagraph: point (f) shall not apply to processing carried out by public authorities in the performance of their tasks"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{config_codes, section};

    #[test]
    fn a_public_authority_does_not_rely_on_legitimate_interests() {
        // GDPR Art. 6(1), second subparagraph.
        let authority = "controller: { legal_name: Stadt X, address: A, country: DE, email: c@example.com, public_authority: true }\n";
        let interests = section("").replace(
            "  - basis: contract\n",
            "  - basis: legitimate-interests\n    interest: answering enquiries\n",
        );
        assert_eq!(config_codes(authority, &interests), ["PRV504"]);
        assert!(config_codes(authority, &section("")).is_empty());
        let company = authority.replace(", public_authority: true", "");
        assert!(config_codes(&company, &interests).is_empty());
    }
}
