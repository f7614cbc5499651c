//! PRV020: a field that says nothing where it stands.

use std::sync::Arc;

use super::RuleCx;
use crate::catalogue::FIELD_WITHOUT_EFFECT;
use crate::diagnostic::Diagnostic;
use crate::law::bases;
use crate::load::Spanned;
use crate::source::SourceFile;

fn report(
    file: &Arc<SourceFile>,
    value: &Spanned<crate::load::Text>,
    field: &str,
    why: &str,
    help: &str,
    out: &mut Vec<Diagnostic>,
) {
    out.push(
        Diagnostic::new(
            &FIELD_WITHOUT_EFFECT,
            file,
            value.span.clone(),
            format!("`{field}` has no effect here: {why}"),
        )
        .label("not stated in the policy")
        .help(help.to_owned())
        .note("the policy states every fact of the register, or the register should not hold it"),
    );
}

/// Reports fields the templates never state where they stand.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        for b in &section.legal_bases {
            let code = bases::lookup(&b.basis.value).map(|l| l.code);
            if let Some(i) = b
                .interest
                .as_ref()
                .filter(|_| code.is_some_and(|c| c != "legitimate-interests"))
            {
                report(
                    file,
                    i,
                    "interest",
                    "only a basis of legitimate interests states its interest",
                    "use `basis: legitimate-interests` for it, or delete the line",
                    out,
                );
            }
        }
    }
    for (file, _, p) in cx.processors() {
        let role = p.role.as_ref().map_or("processor", |r| r.value.as_str());
        if role != "joint-controller" {
            for (v, f) in [
                (&p.arrangement, "arrangement"),
                (&p.contact_point, "contact_point"),
            ] {
                if let Some(v) = v {
                    report(
                        file,
                        v,
                        f,
                        "only a joint controller has an arrangement and a contact point",
                        "set `role: joint-controller`, or delete the line",
                        out,
                    );
                }
            }
        }
        if role != "processor"
            && let Some(c) = p.dpa.as_ref().and_then(|d| d.counterparty.as_ref())
        {
            report(
                file,
                c,
                "counterparty",
                "only a processor concludes a DPA",
                "delete `dpa:`, or set `role: processor`",
                out,
            );
        }
    }
    for (file, _, t) in cx.transfers() {
        let compelling = t.compelling_interests().is_some();
        if let Some(c) = t.compelling_interest.as_ref().filter(|_| !compelling) {
            report(
                file,
                c,
                "compelling_interest",
                "the transfer does not rest on Art. 49(1), second subparagraph",
                "add `derogation-compelling-interests` to `mechanisms`, or delete the line",
                out,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{codes, section, with_processor};

    #[test]
    fn values_the_policy_would_drop_are_reported() {
        let interest = section("").replace(
            "  - basis: contract\n",
            "  - basis: contract\n    interest: speed\n",
        );
        assert_eq!(codes(&[("a.yaml", &interest)]), ["PRV020"]);
        let arrangement = with_processor("DE", "    arrangement: we share it\n");
        assert_eq!(codes(&[("a.yaml", &arrangement)]), ["PRV020"]);
        let compelling = with_processor(
            "DE",
            "    transfers:\n      - { country: IN, certainty: takes-place, mechanisms: [scc], copy: on-request, compelling_interest: x }\n",
        );
        assert_eq!(codes(&[("a.yaml", &compelling)]), ["PRV020"]);
        let fine = section("").replace(
            "  - basis: contract\n",
            "  - basis: legitimate-interests\n    interest: speed\n",
        );
        assert!(codes(&[("a.yaml", &fine)]).is_empty());
    }
}
