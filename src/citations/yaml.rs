//! The prose of a YAML register file as one scannable text, every character mapped back
//! to where it stands in the YAML source, so a citation inside a folded scalar is reported
//! at its own line and column.

use super::text::{Builder, Extracted};
use crate::load::{Node, Spanned, Value};
use crate::model::LANGUAGES;
use crate::source::SourceFile;

/// Keys whose values are codes, identifiers or links, never prose: not linted.
const CODE_KEYS: &[&str] = &[
    "id",
    "order",
    "processed_by",
    "basis",
    "mechanisms",
    "country",
    "certainty",
    "special_categories",
    "privacy_policy",
    "dpf_participant",
    "concluded",
    // privreg.yaml settings
    "chapter",
    "language",
    "citation_style",
    "last_updated",
    "registers",
    "output",
    "heading_level",
    "rules",
    "exclude",
    "implied_gdpr",
];

/// Every prose string value of a YAML tree as one scannable text, values separated by blank
/// lines so that sentences never run from one value into the next.
pub fn prose(file: &SourceFile, root: &Node) -> Extracted<'static> {
    let mut b = Builder::default();
    collect(file, root, false, &mut b, &mut false);
    b.finish()
}

fn collect(file: &SourceFile, node: &Node, skip: bool, b: &mut Builder, started: &mut bool) {
    match &node.value {
        Value::Str(s) if !skip => {
            if *started {
                b.push_replacement("\n\n", node.span.start, 0);
            }
            *started = true;
            align(s, file, node.span.clone(), b);
        }
        Value::Seq(items) => items
            .iter()
            .for_each(|i| collect(file, i, skip, b, started)),
        // A text given per language (`{de: ..., en: ...}`): each language's citations are
        // compared with that language's, not with the other's (PRV404).
        Value::Map(entries) if !skip && is_per_language(entries) => {
            for (k, v) in entries {
                let lang = LANGUAGES.iter().find(|l| **l == k.value.as_str()).copied();
                b.language(lang);
                collect(file, v, skip, b, started);
            }
            b.language(None);
        }
        Value::Map(entries) => {
            for (k, v) in entries {
                collect(
                    file,
                    v,
                    skip || CODE_KEYS.contains(&k.value.as_str()),
                    b,
                    started,
                );
            }
        }
        _ => {}
    }
}

/// A mapping whose keys are all language codes: one text in several languages.
fn is_per_language(entries: &[(Spanned<String>, Node)]) -> bool {
    !entries.is_empty()
        && entries
            .iter()
            .all(|(k, _)| LANGUAGES.contains(&k.value.as_str()))
}

/// Appends `value` mapping each character to where it stands in the source span: plain
/// scalars map one to one; folded, quoted or escaped ones are aligned character by
/// character, skipping the line breaks, indentation, quotes and backslashes YAML added.
pub fn align(value: &str, file: &SourceFile, span: std::ops::Range<usize>, b: &mut Builder) {
    let src = file.text.get(span.clone()).unwrap_or("");
    if src == value {
        b.push_copy(value, span.start);
        return;
    }
    let mut si = 0;
    let mut buf = [0u8; 4];
    for ch in value.chars() {
        let mut j = si;
        let mut found = None;
        while let Some(sc) = src[j..].chars().next() {
            if sc == ch || (ch == ' ' && sc == '\n') {
                found = Some((j, sc));
                break;
            }
            if sc.is_whitespace() || matches!(sc, '"' | '\'' | '\\') {
                j += sc.len_utf8();
                continue;
            }
            break;
        }
        let s = ch.encode_utf8(&mut buf);
        match found {
            Some((j, sc)) if sc == ch => {
                b.push_copy(s, span.start + j);
                si = j + sc.len_utf8();
            }
            Some((j, sc)) => {
                b.push_replacement(s, span.start + j, sc.len_utf8());
                si = j + sc.len_utf8();
            }
            None => b.push_replacement(s, span.start + si, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn extract(yaml: &str) -> (Arc<SourceFile>, Extracted<'static>) {
        let file = SourceFile::virtual_file("a.yaml", yaml);
        let node = crate::load::parse(&file).unwrap();
        let e = prose(&file, &node);
        (file, e)
    }

    #[test]
    fn codes_are_not_prose_and_values_do_not_run_together() {
        let (_, e) = extract("id: slack\nbasis: A6-1-f\ntitle: One\nsummary: Two\n");
        assert_eq!(e.text, "One\n\nTwo");
    }

    #[test]
    fn a_citation_in_a_folded_scalar_maps_back_to_its_line_and_column() {
        let yaml = "summary: >-\n  We rely on\n  Art. 6 para. 1 lit. f GDPR here.\n";
        let (file, e) = extract(yaml);
        assert_eq!(e.text, "We rely on Art. 6 para. 1 lit. f GDPR here.");
        let at = e.text.find("Art.").unwrap();
        let lc = file.line_col(e.to_source(at));
        assert_eq!((lc.line, lc.column), (3, 3));
    }

    #[test]
    fn quoted_scalars_skip_their_quotes() {
        let (file, e) = extract("title: \"see Art. 99 GDPR\"\n");
        let at = e.text.find("Art.").unwrap();
        assert_eq!(file.line_col(e.to_source(at)).column, 13);
    }
}
