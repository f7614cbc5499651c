//! PRV204: Privacy Shield or Safe Harbor named as a transfer mechanism.

use super::RuleCx;
use crate::diagnostic::Diagnostic;
use crate::law::mechanisms;

crate::declare_rule! {
    /// A transfer relies on an instrument the Court of Justice has invalidated.
    ///
    /// ## What it does
    /// Reports `privacy-shield` and `safe-harbor` (in any spelling) in `mechanisms`, with
    /// the judgment that ended them and the current alternative.
    ///
    /// ## Why is this bad?
    /// The EU-US Privacy Shield was invalidated on 16 July 2020 (CJEU C-311/18, Schrems II)
    /// and Safe Harbour on 6 October 2015 (CJEU C-362/14, Schrems I). A transfer based on
    /// either has no legal basis, and naming them tells readers the policy is stale.
    ///
    /// ## Example
    /// ```yaml
    /// mechanisms: [privacy-shield]
    /// ```
    /// Use instead:
    /// ```yaml
    /// mechanisms: [dpf, scc]
    /// ```
    ///
    /// ## Legal source
    /// CJEU C-311/18 (16 July 2020); CJEU C-362/14 (6 October 2015); GDPR Art. 44-46.
    pub static TRANSFER_INSTRUMENT_INVALID = ("PRV204", "transfer-instrument-invalid", Error);
}

/// Reports invalidated instruments.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        for m in &t.mechanisms {
            if let Some((_, why, instead)) = mechanisms::invalid(&m.value) {
                out.push(
                    Diagnostic::new(
                        &TRANSFER_INSTRUMENT_INVALID,
                        file,
                        m.span.clone(),
                        format!("`{}` is no longer a valid transfer mechanism", m.value),
                    )
                    .label("invalidated")
                    .help(*instead)
                    .note(*why),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn privacy_shield_is_invalid() {
        // CJEU C-311/18 (Schrems II), 16 July 2020.
        let y = with_processor(
            "US",
            "    transfers:\n      - country: US\n        certainty: possible\n        mechanisms: [privacy-shield]\n",
        );
        assert_eq!(codes(&[("a.yaml", &y)]), ["PRV204"]);
    }
}
