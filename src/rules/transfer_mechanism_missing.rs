//! PRV201: a third-country transfer without a transfer tool.

use super::RuleCx;
use crate::diagnostic::Diagnostic;
use crate::law::countries;

crate::declare_rule! {
    /// A transfer to a third country names no transfer mechanism.
    ///
    /// ## What it does
    /// Reports a `transfers` entry to a country outside the EEA whose `mechanisms` list is
    /// absent or empty.
    ///
    /// ## Why is this bad?
    /// A transfer to a third country is lawful only under Chapter V: an adequacy decision,
    /// appropriate safeguards such as the SCCs, or a derogation. The policy must say which,
    /// and how to obtain a copy of the safeguards.
    ///
    /// ## Example
    /// ```yaml
    /// transfers:
    ///   - country: US
    ///     certainty: cannot-be-excluded
    /// ```
    /// Use instead:
    /// ```yaml
    /// transfers:
    ///   - country: US
    ///     certainty: cannot-be-excluded
    ///     mechanisms: [scc, dpf]
    /// ```
    ///
    /// ## Legal source
    /// GDPR Art. 44 (general principle for transfers) and Art. 13(1)(f).
    pub static TRANSFER_MECHANISM_MISSING = ("PRV201", "transfer-mechanism-missing", Error);
}

/// Reports third-country transfers without mechanisms.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, t) in cx.transfers() {
        let third =
            countries::name(&t.country.value).is_some() && !countries::is_eea(&t.country.value);
        if third && t.mechanisms.is_empty() {
            out.push(
                Diagnostic::new(&TRANSFER_MECHANISM_MISSING, file, t.country.span.clone(), format!("transfer to {} without a transfer mechanism", t.country.value))
                    .label("third country")
                    .help("add `mechanisms:`, e.g. `[scc]` or `[dpf, scc]`")
                    .note("GDPR Art. 44: a transfer to a third country needs a basis in Chapter V; Art. 13(1)(f) requires the policy to name it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn a_us_transfer_without_mechanism_is_an_error() {
        // GDPR Art. 44 and Art. 13(1)(f).
        let bad = with_processor(
            "US",
            "    transfers:\n      - country: US\n        certainty: possible\n",
        );
        assert_eq!(codes(&[("a.yaml", &bad)]), ["PRV201"]);
        let ok = with_processor(
            "US",
            "    transfers:\n      - country: US\n        certainty: possible\n        mechanisms: [scc]\n",
        );
        assert!(codes(&[("a.yaml", &ok)]).is_empty());
    }
}
