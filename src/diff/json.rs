//! The JSON format, version 1 (docs/output.md): the two sides, every change with its
//! path, values, location and notice classes, the table of notice classes with their
//! provisions, and counts.

use serde_json::{Value as Json, json};

use super::{Audience, Diff, NOTICES, Side, Which};

/// The format version; a key removed or renamed bumps it (docs/output.md).
pub const VERSION: u32 = 1;

/// `diff` as the JSON document, pretty-printed, with a final newline.
pub fn render(diff: &Diff) -> String {
    let changes: Vec<Json> = diff
        .changes
        .iter()
        .map(|c| {
            json!({
                "section": c.section.as_ref().map(|s| json!({
                    "id": s.id,
                    "number": diff.number(s),
                    "title": s.title,
                })),
                "path": c.path,
                "field": c.field,
                "change": c.kind,
                "old": c.old,
                "new": c.new,
                "detail": c.detail,
                "side": c.at.side,
                "file": c.at.file,
                "line": c.at.line,
                "column": c.at.column,
                "notices": c.notices.iter().map(|n| n.id).collect::<Vec<_>>(),
            })
        })
        .collect();
    let notices: Vec<Json> = NOTICES
        .iter()
        .map(|n| {
            json!({
                "id": n.id,
                "audience": n.audience,
                "summary": n.summary,
                "provisions": n.provisions.iter().map(|p| p.cite(diff.style)).collect::<Vec<_>>(),
                "guidance": n.guidance,
                "changes": diff.changes.iter().filter(|c| c.notices.iter().any(|m| std::ptr::eq(*m, *n))).count(),
            })
        })
        .collect();
    let doc = json!({
        "version": VERSION,
        "old": side(&diff.old, Which::Old),
        "new": side(&diff.new, Which::New),
        "changes": changes,
        "notices": notices,
        "summary": {
            "changes": diff.changes.len(),
            "need_notice": diff.changes.iter().filter(|c| c.needs_notice()).count(),
            "customers": diff.count(Audience::Customers),
            "users": diff.count(Audience::Users),
        },
    });
    let mut text = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    text.push('\n');
    text
}

fn side(s: &Side, _: Which) -> Json {
    match s {
        Side::WorkTree { root } => json!({ "kind": "work-tree", "name": root, "commit": null }),
        Side::Directory { path } => json!({ "kind": "directory", "name": path, "commit": null }),
        Side::Revision { spec, commit } => {
            json!({ "kind": "revision", "name": spec, "commit": commit })
        }
    }
}
