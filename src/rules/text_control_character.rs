//! PRV019: an invisible control character in register text.

use std::ops::Range;
use std::sync::Arc;

use super::RuleCx;
use crate::catalogue::TEXT_CONTROL_CHARACTER;
use crate::citations::text::Builder;
use crate::diagnostic::Diagnostic;
use crate::load::{Node, Value};
use crate::source::SourceFile;

/// What `c` is when no published text may hold it: a control character other than tab
/// and line feed, a noncharacter, or a bidirectional control. `None` for every other
/// character. The renderer replaces these with U+FFFD even when the rule is off.
pub fn forbidden(c: char) -> Option<&'static str> {
    let cp = u32::from(c);
    if c.is_control() && c != '\t' && c != '\n' {
        Some("control character")
    } else if (0xFDD0..=0xFDEF).contains(&cp) || cp & 0xFFFE == 0xFFFE {
        Some("noncharacter")
    } else if bidi_name(c).is_some() {
        Some("bidirectional control")
    } else {
        None
    }
}

/// Whether `text` holds a character [`forbidden`] names. Runs of printable ASCII, tab and
/// line feed, most of a register, are passed over 16 bytes at a time; only a run holding
/// another byte is read character by character.
pub fn holds_forbidden(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Always a character boundary: a run passed over is ASCII, a run read ends after a
    // whole character.
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + 16).min(bytes.len());
        // `&`, not `&&`: no early exit, so the run is tested as one vector.
        let plain = bytes[at..end].iter().fold(true, |plain, &b| {
            plain & ((0x20..0x7F).contains(&b) | (b == b'\t') | (b == b'\n'))
        });
        if plain {
            at = end;
            continue;
        }
        for c in text[at..].chars() {
            if forbidden(c).is_some() {
                return true;
            }
            at += c.len_utf8();
            if at >= end {
                break;
            }
        }
    }
    false
}

/// The Unicode name of a bidirectional control.
fn bidi_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// Reports the first forbidden character of every string, in every register file and in
/// `privreg.yaml`, whether or not the file loaded.
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for file in cx.project.files.iter().chain(&cx.project.config_file) {
        // A decoded string can hold such a character only if the source holds it or a
        // backslash escape: most files are passed over without a second parse.
        if !file.text.contains('\\') && !holds_forbidden(&file.text) {
            continue;
        }
        // A file that does not parse is reported by PRV001 or PRV012 already.
        if let Ok(root) = crate::load::parse(file) {
            visit(file, &root, None, out);
        }
    }
}

fn visit(file: &Arc<SourceFile>, node: &Node, key: Option<&str>, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Str(s) => report(file, s, node.span.clone(), key, false, out),
        Value::Seq(items) => items.iter().for_each(|i| visit(file, i, key, out)),
        Value::Map(entries) => {
            for (k, v) in entries {
                report(file, &k.value, k.span.clone(), Some(&k.value), true, out);
                visit(file, v, Some(&k.value), out);
            }
        }
        _ => {}
    }
}

fn report(
    file: &Arc<SourceFile>,
    value: &str,
    span: Range<usize>,
    key: Option<&str>,
    is_key: bool,
    out: &mut Vec<Diagnostic>,
) {
    let mut found = value
        .char_indices()
        .filter(|(_, c)| forbidden(*c).is_some());
    let Some((at, c)) = found.next() else {
        return;
    };
    let more = found.count();
    let kind = forbidden(c).unwrap_or("character");
    let name = bidi_name(c).map_or_else(String::new, |n| format!(" ({n})"));
    // The key is named only if it is clean itself: a message must not carry the character.
    let place = match key.filter(|k| k.chars().all(|c| forbidden(c).is_none())) {
        Some(k) if is_key => format!("in the key `{k}`"),
        Some(k) => format!("in `{k}`"),
        None if is_key => "in a key".to_owned(),
        None => "in a value".to_owned(),
    };
    let more = match more {
        0 => String::new(),
        1 => ", and 1 more such character".to_owned(),
        n => format!(", and {n} more such characters"),
    };
    out.push(
        Diagnostic::new(
            &TEXT_CONTROL_CHARACTER,
            file,
            locate(file, value, span, at),
            format!("{kind} U+{:04X}{name} {place}{more}", u32::from(c)),
        )
        .label("invisible, but changes what readers see")
        .help("delete it; write the text in the order it is read")
        .note("the policy shows it as U+FFFD (\u{FFFD}) if the rule is turned off"),
    );
}

/// Where the character at byte `at` of the decoded `value` stands in its source `span`:
/// the character as typed, or the escape (`\u202E`) that wrote it.
fn locate(file: &SourceFile, value: &str, span: Range<usize>, at: usize) -> Range<usize> {
    let mut b = Builder::default();
    crate::citations::yaml::align(value, file, span.clone(), &mut b);
    let start = b.finish().to_source(at).clamp(span.start, span.end);
    let c = value[at..].chars().next().unwrap_or(' ');
    let rest = file.text.get(start..span.end).unwrap_or("");
    // Escapes are aligned to where their backslash (or the opening quote) stands.
    let skip = rest.len() - rest.trim_start_matches(['"', '\'']).len();
    let rest = &rest[skip..];
    let len = if rest.starts_with(c) {
        c.len_utf8()
    } else if let Some(escape) = rest.strip_prefix('\\') {
        match escape.chars().next() {
            Some('x') => 4,
            Some('u') => 6,
            Some('U') => 10,
            _ => 2,
        }
    } else {
        return start..start;
    };
    let start = start + skip;
    start..(start + len).min(span.end.max(start))
}

#[cfg(test)]
mod tests {
    use super::{forbidden, holds_forbidden};
    use crate::rules::test_support::{diagnostics, with_processor};

    #[test]
    fn controls_noncharacters_and_bidi_controls_are_forbidden_tab_and_newline_not() {
        for c in [
            '\0',
            '\u{1B}',
            '\r',
            '\u{7F}',
            '\u{85}',
            '\u{9F}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{1FFFF}',
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{200E}',
            '\u{200F}',
            '\u{061C}',
        ] {
            assert!(forbidden(c).is_some(), "U+{:04X}", u32::from(c));
        }
        for c in [
            '\t', '\n', ' ', 'a', 'ü', '\u{A0}', '\u{200B}', '\u{FFFD}', '\u{2028}',
        ] {
            assert!(forbidden(c).is_none(), "U+{:04X}", u32::from(c));
        }
    }

    /// Text as registers hold it: runs of plain ASCII of every length around the 16-byte
    /// step, and between them single characters on either side of each forbidden range.
    fn register_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let edges = proptest::sample::select(vec![
            '\0',
            '\u{8}',
            '\t',
            '\n',
            '\u{B}',
            '\r',
            '\u{1F}',
            ' ',
            '~',
            '\u{7F}',
            '\u{80}',
            '\u{9F}',
            '\u{A0}',
            'ä',
            '€',
            '\u{61B}',
            '\u{61C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{2029}',
            '\u{202A}',
            '\u{202E}',
            '\u{202F}',
            '\u{2065}',
            '\u{2066}',
            '\u{2069}',
            '\u{206A}',
            '\u{FDCF}',
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{FDF0}',
            '\u{FFFD}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFE}',
            '\u{1F600}',
            '\u{10FFFF}',
        ]);
        let piece = prop_oneof![
            4 => "[ -~\t\n]{0,40}",
            1 => edges.prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #[test]
        fn holds_forbidden_is_any_character_forbidden(text in register_text()) {
            let every = text.chars().any(|c| forbidden(c).is_some());
            proptest::prop_assert_eq!(holds_forbidden(&text), every);
        }
    }

    #[test]
    fn a_right_to_left_override_in_a_vendor_name_is_an_error_at_the_character() {
        // Typed (invisible in most editors), and written as a YAML escape.
        let typed =
            with_processor("DE", "").replace("legal_name: P", "legal_name: Evil \u{202E}Corp");
        let d = diagnostics(&[("a.yaml", &typed)]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code(), "PRV019");
        let at = typed.find('\u{202E}').unwrap();
        assert_eq!(d[0].span, at..at + 3);
        assert_eq!(
            d[0].message,
            "bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) in `legal_name`"
        );

        let escaped = with_processor("DE", "")
            .replace("legal_name: P", "legal_name: \"Evil \\u202ECorp \\0\\e\"");
        let d = diagnostics(&[("a.yaml", &escaped)]);
        assert_eq!(d.len(), 1, "{d:?}");
        let at = escaped.find("\\u202E").unwrap();
        assert_eq!(d[0].span, at..at + 6);
        assert!(
            d[0].message
                .ends_with("in `legal_name`, and 2 more such characters")
        );
    }

    #[test]
    fn every_string_is_read_keys_and_codes_included() {
        let yaml = with_processor("DE", "")
            .replace("id: s", "id: \"s\\x1B[2J\"")
            .replace("purposes: [p]", "purposes: [p, \"\\uFFFE\"]")
            .replace("country: DE", "country: \"D\\u200FE\"")
            + "\"bogus\\u2066\": 1\n";
        let d = diagnostics(&[("a.yaml", &yaml)]);
        let prv019: Vec<&str> = d
            .iter()
            .filter(|d| d.code() == "PRV019")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            prv019,
            [
                "control character U+001B in `id`",
                "noncharacter U+FFFE in `purposes`",
                "bidirectional control U+200F (RIGHT-TO-LEFT MARK) in `country`",
                "bidirectional control U+2066 (LEFT-TO-RIGHT ISOLATE) in a key",
            ]
        );
    }

    #[test]
    fn clean_text_tabs_and_line_breaks_pass() {
        let yaml = with_processor("DE", "").replace(
            "purposes: [p]",
            "purposes: [\"a\\tb\", \"c\\nd\", \"path\\\\to\"]\nsummary: >\n  folded\n  text\n",
        );
        assert!(diagnostics(&[("a.yaml", &yaml)]).is_empty());
        // Windows line ends are line breaks, not carriage returns in the values.
        let crlf = (yaml + "details:\n  - |\n    one\n    two\n  - \"three\n    four\"\n")
            .replace('\n', "\r\n");
        assert!(diagnostics(&[("a.yaml", &crlf)]).is_empty());
    }
}
