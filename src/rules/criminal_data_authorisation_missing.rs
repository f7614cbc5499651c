//! PRV108: data on criminal convictions and offences without its authorisation.

use super::RuleCx;
use crate::catalogue::CRIMINAL_DATA_AUTHORISATION_MISSING;
use crate::diagnostic::Diagnostic;
use crate::law::bases;

/// Reports criminal-offence data without official authority or an authorising law.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        let Some(flag) = section.criminal_offences.as_ref().filter(|c| c.value) else {
            continue;
        };
        let authorised = section.legal_bases.iter().any(|b| {
            b.national_law.is_some()
                || bases::lookup(&b.basis.value).is_some_and(|l| l.code == "public-task")
        });
        if !authorised {
            out.push(
                Diagnostic::new(&CRIMINAL_DATA_AUTHORISATION_MISSING, file, flag.span.clone(), "data on criminal convictions and offences without official authority or an authorising law")
                    .label("Art. 10 GDPR data")
                    .help("add `national_law:` to the basis that carries it, naming the law that authorises the processing, or rely on `public-task`")
                    .note("GDPR Art. 10: only under the control of official authority or when authorised by Union or Member State law"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn criminal_data_needs_an_authorising_law() {
        // GDPR Art. 10.
        let bare = section("criminal_offences: true\n");
        assert_eq!(codes(&[("a.yaml", &bare)]), ["PRV108"]);
        let with_law = bare.replace(
            "  - basis: contract\n",
            "  - basis: legal-obligation\n    national_law: § 72a para. 1 SGB VIII\n",
        );
        assert!(codes(&[("a.yaml", &with_law)]).is_empty());
    }
}
