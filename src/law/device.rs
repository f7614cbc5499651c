//! Storing information on, or reading it from, the user's device: the national provision
//! that governs it, by project setting (`device_access_law` in privreg.yaml).
//!
//! Art. 5(3) of Directive 2002/58/EC (ePrivacy Directive) requires consent unless the
//! storage or access is strictly necessary to provide a service the user explicitly
//! requested; Member States transpose it. Germany's § 25 TDDDG (Telekommunikation-Digitale-
//! Dienste-Datenschutz-Gesetz, in force since 14 May 2024 under that name, before as TTDSG)
//! does so in paragraph 1 (consent) and paragraph 2 no. 2 (strictly necessary).

/// A law that governs device access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviceLaw {
    /// Setting value (`tdddg`).
    pub code: &'static str,
    /// The consent requirement, para-lit style and parens style.
    pub consent: (&'static str, &'static str),
    /// The exemption for what is strictly necessary, in both styles.
    pub necessary: (&'static str, &'static str),
    /// The consent requirement as German text cites it.
    pub consent_de: &'static str,
    /// The exemption as German text cites it.
    pub necessary_de: &'static str,
}

/// Every accepted `device_access_law`; the first is the default.
pub const LAWS: &[DeviceLaw] = &[
    DeviceLaw {
        code: "tdddg",
        consent: ("§ 25 para. 1 TDDDG", "§ 25(1) TDDDG"),
        necessary: ("§ 25 para. 2 no. 2 TDDDG", "§ 25(2) no. 2 TDDDG"),
        consent_de: "§ 25 Abs. 1 TDDDG",
        necessary_de: "§ 25 Abs. 2 Nr. 2 TDDDG",
    },
    DeviceLaw {
        code: "eprivacy",
        consent: (
            "Art. 5 para. 3 of Directive 2002/58/EC",
            "Art. 5(3) of Directive 2002/58/EC",
        ),
        necessary: (
            "Art. 5 para. 3 sentence 2 of Directive 2002/58/EC",
            "Art. 5(3), second sentence, of Directive 2002/58/EC",
        ),
        consent_de: "Art. 5 Abs. 3 der Richtlinie 2002/58/EG",
        necessary_de: "Art. 5 Abs. 3 Satz 2 der Richtlinie 2002/58/EG",
    },
];

/// The law named by a setting value, or the default (§ 25 TDDDG) for none.
pub fn law(code: Option<&str>) -> Option<&'static DeviceLaw> {
    match code {
        None => LAWS.first(),
        Some(c) => LAWS.iter().find(|l| l.code == c),
    }
}

/// Accepted values of a section's `device_access`.
pub const ACCESS: &[&str] = &["none", "strictly-necessary", "consent"];

/// Words of a purpose that make device access for it anything but strictly necessary:
/// analytics and marketing (EDPB Guidelines 2/2023 on Art. 5(3) ePrivacy, paras 49-52;
/// the German DSK's Orientierungshilfe Telemedien 2022, section IV.3).
pub const NOT_NECESSARY: &[&str] = &[
    "analy",
    "statistic",
    "marketing",
    "advertis",
    "tracking",
    "retarget",
    "remarketing",
    "a/b test",
    "conversion",
    "reach measurement",
    "personalis",
    "personaliz",
    // German: Statistik, Werbung, Reichweitenmessung, Personalisierung, Nachverfolgung.
    "statisti",
    "werbung",
    "werbe",
    "reichweitenmessung",
    "personalisier",
    "nachverfolg",
];

/// Words that show a text speaks of device access.
pub const DEVICE_WORDS: &[&str] = &[
    "cookie",
    "local storage",
    "localstorage",
    "sdk",
    "pixel",
    "fingerprint",
    // German: lokaler Speicher, Endgerät.
    "lokaler speicher",
    "endgerät",
];

/// Whether `text` names a purpose for which device access is never strictly necessary.
pub fn not_necessary(text: &str) -> bool {
    let lower = text.to_lowercase();
    NOT_NECESSARY.iter().any(|w| lower.contains(w))
}

/// Whether `text` speaks of storing or reading information on the device.
pub fn mentions_device(text: &str) -> bool {
    let lower = text.to_lowercase();
    DEVICE_WORDS.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tdddg_is_the_default_and_every_law_cites_both_provisions() {
        assert_eq!(law(None).unwrap().code, "tdddg");
        assert!(law(Some("ttdsg")).is_none(), "renamed TDDDG on 14 May 2024");
        for l in LAWS {
            assert!(l.consent.0.contains('5') || l.consent.0.contains("25"));
            assert_ne!(l.consent, l.necessary);
        }
    }

    #[test]
    fn analytics_and_marketing_are_not_strictly_necessary() {
        assert!(not_necessary("analyzing user interactions"));
        assert!(not_necessary("Personalised advertising"));
        assert!(!not_necessary("keeping you logged in"));
        assert!(mentions_device("Stored cookies remain on your end device"));
    }
}
