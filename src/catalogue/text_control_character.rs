//! PRV019: an invisible control character in register text.

crate::declare_rule! {
    /// A register text holds an invisible control character, noncharacter or bidi control.
    ///
    /// ## What it does
    /// Reads every string of every register file and of `privreg.yaml`, keys included, as
    /// YAML decodes it (so `"\u202E"` counts like the character typed), and reports the
    /// first of these characters in each, at the character:
    /// - C0 and C1 control characters (NUL, ESC, DEL, U+0080-U+009F), except tab and line
    ///   feed;
    /// - noncharacters (U+FFFE, U+FFFF and the other 64 code points Unicode reserves as such);
    /// - bidirectional controls: the embeddings and overrides U+202A-U+202E, the isolates
    ///   U+2066-U+2069 and the marks U+200E, U+200F and U+061C.
    ///
    /// When the rule is turned off (`-A PRV019`), `build` still writes none of them: each
    /// becomes U+FFFD (�) in the Markdown and the HTML.
    ///
    /// ## Why is this bad?
    /// None of them shows, yet each changes what a reader sees. A right-to-left override
    /// in a vendor's name makes the policy display a name other than the one in the
    /// register, and reviewers reading the register in an editor see the text in yet
    /// another order: the "Trojan Source" attack on source code (CVE-2021-42574) applied
    /// to a privacy notice. Control characters are invisible or break the output (NUL
    /// ends strings in C, ESC starts terminal commands).
    ///
    /// ## Example
    /// ```yaml
    /// provider:
    ///   legal_name: "Salesforce, Inc.\u202E(not our processor)"
    /// ```
    /// Use instead:
    /// ```yaml
    /// provider:
    ///   legal_name: Salesforce, Inc.
    /// ```
    ///
    /// ## Legal source
    /// None directly: the rule protects the truthfulness of the notice, which Art. 12(1)
    /// GDPR requires to be transparent, intelligible and in clear and plain language.
    pub static TEXT_CONTROL_CHARACTER = ("PRV019", "text-control-character", Error);
}
