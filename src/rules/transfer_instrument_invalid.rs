//! PRV204: Privacy Shield or Safe Harbor named as a transfer mechanism.

use super::RuleCx;
use crate::catalogue::TRANSFER_INSTRUMENT_INVALID;
use crate::diagnostic::Diagnostic;
use crate::law::mechanisms;

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
            "    transfers:\n      - country: US\n        certainty: takes-place\n        mechanisms: [privacy-shield]\n",
        );
        assert_eq!(codes(&[("a.yaml", &y)]), ["PRV204"]);
    }
}
