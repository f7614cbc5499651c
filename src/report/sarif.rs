//! SARIF 2.1.0, the format GitHub code scanning ingests (`github/codeql-action/upload-sarif`).
//!
//! One run; `tool.driver.rules` lists every rule (so a result's `ruleIndex` is its index in
//! [`catalogue::ALL`]), each with its documentation and a `helpUri` into the repository's
//! `docs/rules/`. Locations are repo-relative paths with 1-based lines and columns counted
//! in Unicode code points, which the run states as `columnKind`.

use serde_json::{Value, json};

use crate::catalogue::{self, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// Where the published schema lives; written as `$schema` so editors can validate.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The project's home page, `tool.driver.informationUri`.
pub const INFORMATION_URI: &str = "https://github.com/privreg/privreg";

/// Base of each rule's `helpUri`: `<base><CODE>.md` is the generated page in `docs/rules/`.
/// A constant rather than the running checkout's remote, so output is the same everywhere.
pub const RULE_DOCS_BASE_URL: &str = "https://github.com/privreg/privreg/blob/main/docs/rules/";

/// Renders the SARIF log with a final newline.
pub fn render(diagnostics: &[Diagnostic], names: &super::Names) -> String {
    let doc = json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "privreg",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": catalogue::ALL.iter().map(|r| rule(r)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": diagnostics.iter().map(|d| result(d, &names.of(&d.file))).collect::<Vec<_>>(),
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialise");
    s.push('\n');
    s
}

/// A `reportingDescriptor` for one rule.
fn rule(r: &Rule) -> Value {
    let markdown = r.markdown();
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.summary() },
        "fullDescription": {
            "text": r.doc_section("What it does").unwrap_or_else(|| r.summary().to_owned())
        },
        "help": { "text": markdown, "markdown": markdown },
        "helpUri": format!("{RULE_DOCS_BASE_URL}{}.md", r.code),
        "defaultConfiguration": { "level": level(r.default_severity) },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Off => "none",
    }
}

fn result(d: &Diagnostic, name: &str) -> Value {
    let index = catalogue::ALL
        .iter()
        .position(|r| std::ptr::eq(*r, d.rule))
        .or_else(|| catalogue::ALL.iter().position(|r| r.code == d.rule.code));
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = serde_json::Map::new();
    result.insert("ruleId".into(), json!(d.rule.code));
    if let Some(i) = index {
        result.insert("ruleIndex".into(), json!(i));
    }
    result.insert("level".into(), json!(level(d.severity)));
    result.insert("message".into(), json!({ "text": text }));
    result.insert(
        "locations".into(),
        json!([location(d, name, &d.span, None)]),
    );
    if !d.secondary.is_empty() {
        let related = d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, l)| location(d, name, &l.span, Some((i, &l.message))))
            .collect();
        result.insert("relatedLocations".into(), related);
    }
    Value::Object(result)
}

/// A relative path as a URI reference (RFC 3986): every byte a path segment may not hold
/// percent-encoded, so a file named `my policy#1.md` is not read as a fragment. `:` is
/// encoded too, so that no first segment reads as a scheme.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let unreserved = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        let sub_delim = matches!(
            b,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'@'
        );
        if unreserved || sub_delim || b == b'/' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn location(
    d: &Diagnostic,
    name: &str,
    span: &crate::source::Span,
    label: Option<(usize, &String)>,
) -> Value {
    let start = d.file.line_col(span.start);
    let end = d.file.line_col(span.end);
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri_path(name) },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            }
        }
    });
    if let Some((id, message)) = label {
        loc["id"] = json!(id);
        loc["message"] = json!({ "text": message });
    }
    loc
}

#[cfg(test)]
mod tests {
    use super::uri_path;

    #[test]
    fn hardening_20_artifact_uris_are_percent_encoded() {
        // SARIF 2.1.0, 3.10.2: artifactLocation.uri is a URI reference (RFC 3986).
        assert_eq!(uri_path("registers/a.yaml"), "registers/a.yaml");
        assert_eq!(uri_path("my policy#1ä.md"), "my%20policy%231%C3%A4.md");
        assert_eq!(uri_path("a?b%c:d,e"), "a%3Fb%25c%3Ad,e");
    }
}
