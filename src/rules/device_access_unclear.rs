//! PRV110: device access that needs consent, or that the register leaves unsaid.

use super::RuleCx;
use crate::catalogue::DEVICE_ACCESS_UNCLEAR;
use crate::diagnostic::Diagnostic;
use crate::law::device;
use crate::load::{Spanned, Text};
use crate::model::Section;

/// The section's purposes, its services' included.
fn purposes(s: &Section) -> impl Iterator<Item = &Spanned<Text>> {
    s.purposes
        .iter()
        .chain(s.processors.iter().flat_map(|p| p.purposes.iter()))
}

/// The section's free text, where it may speak of cookies.
fn prose(s: &Section) -> impl Iterator<Item = &Spanned<Text>> {
    let retention = s
        .retention
        .iter()
        .flat_map(|r| r.notes.iter().chain(&r.criteria).chain(&r.period));
    s.summary
        .iter()
        .chain(&s.details)
        .chain(&s.measures)
        .chain(&s.data_categories)
        .chain(retention)
        .chain(
            s.processors
                .iter()
                .flat_map(|p| p.details.iter().chain(&p.data_categories)),
        )
}

/// Reports device access that the register leaves unsaid or states wrongly.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        let for_analytics = purposes(section).find(|p| device::not_necessary(&p.value));
        let cookies = prose(section).find(|t| device::mentions_device(&t.value));
        let note = "§ 25 TDDDG, Art. 5(3) of Directive 2002/58/EC: storing or reading information on the device needs consent unless strictly necessary for a service the user requested";
        match section
            .device_access
            .as_ref()
            .map(|d| (d, d.value.as_str()))
        {
            None => {
                if let Some(at) = for_analytics.or(cookies) {
                    let why = if for_analytics.is_some() {
                        "serves analytics or marketing"
                    } else {
                        "speaks of cookies or similar technologies"
                    };
                    out.push(
                        Diagnostic::new(&DEVICE_ACCESS_UNCLEAR, file, at.span.clone(), format!("section `{}` {why} but does not say whether it stores or reads information on your users' devices", section.id.value))
                            .label(why)
                            .help("add `device_access: consent`, `strictly-necessary` or `none`")
                            .note(note),
                    );
                }
            }
            Some((d, "strictly-necessary")) => {
                if let Some(p) = for_analytics {
                    out.push(
                        Diagnostic::new(
                            &DEVICE_ACCESS_UNCLEAR,
                            file,
                            d.span.clone(),
                            format!("device access for `{}` is not strictly necessary", p.value),
                        )
                        .label("analytics and marketing need consent")
                        .help("write `device_access: consent`, and ask for it before any access")
                        .note(note),
                    );
                }
            }
            Some((d, "none")) => {
                if let Some(t) = cookies {
                    out.push(
                        Diagnostic::new(&DEVICE_ACCESS_UNCLEAR, file, d.span.clone(), "`device_access: none`, but the section speaks of cookies or similar technologies")
                            .label("says none")
                            .help(format!("check `{}` and state the device access it describes", t.value))
                            .note(note),
                    );
                }
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn analytics_needs_consent_for_device_access() {
        // § 25(1) TDDDG, Art. 5(3) Directive 2002/58/EC; EDPB Guidelines 2/2023.
        let analytics = |access: &str| {
            section(access).replace(
                "purposes: [p]",
                "purposes: [analysing how visitors use our website]",
            )
        };
        assert_eq!(codes(&[("a.yaml", &analytics(""))]), ["PRV110"]);
        assert_eq!(
            codes(&[("a.yaml", &analytics("device_access: strictly-necessary\n"))]),
            ["PRV110"]
        );
        assert!(codes(&[("a.yaml", &analytics("device_access: consent\n"))]).is_empty());
    }

    #[test]
    fn cookies_in_the_text_ask_for_a_declaration() {
        let cookies = section("details: [We set a session cookie.]\n");
        assert_eq!(codes(&[("a.yaml", &cookies)]), ["PRV110"]);
        let necessary =
            section("details: [We set a session cookie.]\ndevice_access: strictly-necessary\n");
        assert!(codes(&[("a.yaml", &necessary)]).is_empty());
        let none = section("details: [We set a session cookie.]\ndevice_access: none\n");
        assert_eq!(codes(&[("a.yaml", &none)]), ["PRV110"]);
        assert!(codes(&[("a.yaml", &section("device_access: none\n"))]).is_empty());
    }
}
