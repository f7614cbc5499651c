//! PRV010: a country that is not an ISO 3166-1 alpha-2 code.

use std::sync::Arc;

use super::RuleCx;
use crate::catalogue::COUNTRY_CODE_UNKNOWN;
use crate::diagnostic::Diagnostic;
use crate::law::countries;
use crate::load::Spanned;
use crate::source::SourceFile;

fn suggestion(code: &str) -> Option<&'static str> {
    let upper = code.trim().to_ascii_uppercase();
    match upper.as_str() {
        "UK" => Some("GB"),
        "EL" => Some("GR"),
        "USA" | "U.S." | "U.S.A." | "UNITED STATES" => Some("US"),
        "GER" | "DEU" | "GERMANY" => Some("DE"),
        _ => countries::codes().find(|c| {
            *c == upper || countries::name(c).is_some_and(|n| n.eq_ignore_ascii_case(code.trim()))
        }),
    }
}

/// Reports `code` when it is not an ISO 3166-1 alpha-2 code.
pub fn check_code(file: &Arc<SourceFile>, code: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    if countries::name(&code.value).is_some() {
        return;
    }
    let help = match suggestion(&code.value) {
        Some(s) => format!("write `{s}` ({})", countries::name(s).unwrap_or(s)),
        None => "use the ISO 3166-1 alpha-2 code, two upper-case letters such as `DE` or `US`"
            .to_owned(),
    };
    out.push(
        Diagnostic::new(
            &COUNTRY_CODE_UNKNOWN,
            file,
            code.span.clone(),
            format!("`{}` is not an ISO 3166-1 alpha-2 country code", code.value),
        )
        .label("unknown country")
        .help(help),
    );
}

/// Reports unknown country codes of providers and transfers.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, p) in cx.processors() {
        check_code(file, &p.provider.country, out);
        for t in &p.transfers {
            check_code(file, &t.country, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::suggestion;
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn common_mistakes_get_the_iso_code() {
        assert_eq!(suggestion("UK"), Some("GB"));
        assert_eq!(suggestion("us"), Some("US"));
        assert_eq!(suggestion("Germany"), Some("DE"));
    }

    #[test]
    fn uk_is_not_a_country_code() {
        assert_eq!(codes(&[("a.yaml", &with_processor("UK", ""))]), ["PRV010"]);
        assert!(codes(&[("a.yaml", &with_processor("DE", ""))]).is_empty());
    }
}
