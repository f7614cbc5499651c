//! PRV009: a link that is not https, http or mailto.

use std::sync::Arc;

use super::RuleCx;
use crate::catalogue::URL_SCHEME_INVALID;
use crate::diagnostic::Diagnostic;
use crate::load::Spanned;
use crate::source::SourceFile;

/// Why a link is unacceptable, or `None` when it is fine.
pub fn problem(url: &str) -> Option<&'static str> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("contains whitespace");
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Some("has no scheme");
    };
    match scheme {
        "https" | "http" => {
            let host = rest
                .strip_prefix("//")
                .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
            match host {
                Some(h) if !h.is_empty() => None,
                _ => Some("has no host"),
            }
        }
        "mailto" if rest.contains('@') => None,
        "mailto" => Some("has no address"),
        _ => Some("has a scheme other than https, http or mailto"),
    }
}

/// Reports `link` in `field` unless it is a publishable https, http or mailto link.
pub fn check_link(
    file: &Arc<SourceFile>,
    link: &Spanned<String>,
    field: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(why) = problem(&link.value) {
        out.push(
            Diagnostic::new(
                &URL_SCHEME_INVALID,
                file,
                link.span.clone(),
                format!("link `{}` in `{field}` {why}", link.value),
            )
            .label("published as a link")
            .help("write a full link starting with `https://` (or `http://`, `mailto:`)"),
        );
    }
}

/// Reports links with a bad scheme.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, _, p) in cx.processors() {
        if let Some(link) = &p.privacy_policy {
            check_link(file, link, "privacy_policy", out);
        }
        for t in &p.transfers {
            if let Some(link) = &t.dpf_participant {
                check_link(file, link, "dpf_participant", out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problem;
    use crate::rules::test_support::{codes, with_processor};

    #[test]
    fn only_web_and_mail_links_pass() {
        assert_eq!(
            problem("https://slack.com/trust/privacy/privacy-policy"),
            None
        );
        assert_eq!(problem("mailto:privacy@example.com"), None);
        assert!(problem("javascript:alert(1)").is_some());
        assert!(problem("slack.com/privacy").is_some());
        assert!(problem("https://").is_some());
        assert!(problem("ftp://example.com").is_some());
    }

    #[test]
    fn a_javascript_privacy_policy_link_is_an_error() {
        let y = with_processor("DE", "    privacy_policy: \"javascript:alert(1)\"\n");
        assert_eq!(codes(&[("a.yaml", &y)]), ["PRV009"]);
    }
}
