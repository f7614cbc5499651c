//! PRV602: automated decision-making without what the notice must say of it.

use super::RuleCx;
use crate::catalogue::AUTOMATED_DECISION_INCOMPLETE;
use crate::diagnostic::Diagnostic;

/// Accepted values of `automated_decisions.ground`: the three of Art. 22(2).
pub const GROUNDS: &[&str] = &["contract", "law", "explicit-consent"];

/// Reports automated decision-making declared without logic, consequences or ground.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        let Some(a) = &section.automated_decisions else {
            continue;
        };
        if !a.used.value {
            continue;
        }
        let missing: Vec<&str> = [
            ("logic", a.logic.is_none()),
            ("consequences", a.consequences.is_none()),
            ("ground", a.ground.is_none()),
        ]
        .into_iter()
        .filter_map(|(f, m)| m.then_some(f))
        .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(&AUTOMATED_DECISION_INCOMPLETE, file, a.used.span.clone(), format!("automated decision-making without `{}`", missing.join("`, `")))
                .label("decisions based solely on automated processing")
                .help(format!("add {}", missing.iter().map(|m| format!("`{m}:`")).collect::<Vec<_>>().join(", ")))
                .note("GDPR Art. 13(2)(f): meaningful information about the logic involved, and the significance and envisaged consequences; Art. 22(2): contract, law or explicit consent"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section};

    #[test]
    fn automated_decisions_state_logic_consequences_and_ground() {
        // GDPR Art. 13(2)(f), Art. 22(2).
        let bare = section("automated_decisions: { used: true }\n");
        assert_eq!(codes(&[("a.yaml", &bare)]), ["PRV602"]);
        let full = section(
            "automated_decisions: { used: true, logic: a score, consequences: prepayment only, ground: contract }\n",
        );
        assert!(codes(&[("a.yaml", &full)]).is_empty());
        assert!(
            codes(&[("a.yaml", &section("automated_decisions: { used: false }\n"))]).is_empty()
        );
    }
}
