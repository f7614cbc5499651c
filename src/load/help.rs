//! Help for the YAML mistakes people make, each showing the right shape: the parser says
//! what it could not read, and often where it noticed rather than where the mistake is.
//! docs/rules/PRV001.md and the broken-input suite (`tests/fixtures/broken/PRV001-*`,
//! `PRV002-*`, `PRV005-*`) show every case.

use std::sync::Arc;

use crate::catalogue;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

use super::lines::Line;
use super::{Node, Value};

/// The PRV001 report of a parse error `message` at `offset`: moved to the mistake and
/// given a help that shows the fix where the mistake is recognised.
pub(super) fn syntax_error(file: &Arc<SourceFile>, offset: usize, message: &str) -> Diagnostic {
    let message = message.trim();
    let lines = Lines::of(file);
    let line = file.line_index(offset);
    let recognised = tab(file, offset, message)
        .or_else(|| unclosed(file, &lines, offset, message))
        .or_else(|| colon_in_value(file, line, offset, message))
        .or_else(|| no_space_after_colon(file, line, message))
        .or_else(|| reserved_start(file, line, message))
        .or_else(|| text_after_closed_value(file, line, offset, message))
        .or_else(|| misaligned(file, &lines, line, message));
    if let Some(d) = recognised {
        return d;
    }
    let message = if message.is_empty() {
        "invalid YAML".to_owned()
    } else {
        format!("invalid YAML: {message}")
    };
    Diagnostic::new(&catalogue::YAML_SYNTAX, file, offset..offset, message)
        .help("fix the YAML syntax; `privreg` needs one mapping per file")
}

/// A PRV001 at `offset` with `message` and `help`.
fn at(file: &Arc<SourceFile>, offset: usize, message: String, help: String) -> Diagnostic {
    Diagnostic::new(&catalogue::YAML_SYNTAX, file, offset..offset, message).help(help)
}

/// The 0-based line's text, its indentation stripped.
fn content(file: &SourceFile, line: usize) -> (usize, &str) {
    let text = file.line_text(line + 1);
    let trimmed = text.trim_start_matches(' ');
    (text.len() - trimmed.len(), trimmed)
}

/// `key: value` of a line (`- key: value` too) split at its first `: `, if it has one
/// outside quotes: the part through `: ` and the value, comment and line end stripped.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let body = line.trim_start();
    let body = body.strip_prefix("- ").unwrap_or(body);
    if body.starts_with(['"', '\'']) {
        return None;
    }
    let at = body.find(": ")?;
    let indent = line.len() - body.len();
    let value = line[indent + at + 2..].trim();
    Some((&line[..indent + at + 2], value))
}

/// `value` in double quotes, with `\` and `"` escaped as YAML wants them there.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A tab in the indentation or where the parser met it, located at the tab itself: the
/// parser reports a tab that indents a line at the value before it.
fn tab(file: &Arc<SourceFile>, offset: usize, message: &str) -> Option<Diagnostic> {
    if !message.contains("tab") {
        return None;
    }
    let line = file.line_index(offset);
    let start = file.line_range(line).start;
    let tab = file.text[start..].find('\t').map(|i| start + i)?;
    let at = file.line_col(tab);
    let spaces = if at.column == 1 {
        "spaces"
    } else {
        "spaces, as the lines around it"
    };
    Some(at_tab(
        file,
        tab,
        format!(
            "replace the tab with {spaces}: YAML indents with spaces only, and a tab is never part of the indentation"
        ),
    ))
}

fn at_tab(file: &Arc<SourceFile>, tab: usize, help: String) -> Diagnostic {
    Diagnostic::new(
        &catalogue::YAML_SYNTAX,
        file,
        tab..tab + 1,
        "invalid YAML: a tab where YAML needs spaces",
    )
    .label("tab")
    .help(help)
}

/// An opening quote, `[` or `{` that is never closed: the parser reads on and reports
/// where it gives up, often on a later line.
fn unclosed(
    file: &Arc<SourceFile>,
    lines: &Lines,
    offset: usize,
    message: &str,
) -> Option<Diagnostic> {
    let flow = message.contains("flow")
        || message.contains("illegal placement of ':'")
        || message.contains("did not find expected ',' or");
    let quote = message.contains("unclosed quote") || message.contains("end of stream");
    if !flow && !quote {
        return None;
    }
    // The last opener on a line before (or at) the error that its own line does not close.
    let error_line = file.line_index(offset);
    let (line, open, close) = (0..=error_line)
        .rev()
        .take(20)
        .filter(|&l| lines.0.get(l).is_some_and(|l| l.content))
        .find_map(|l| unclosed_on(file.line_text(l + 1)).map(|(at, c)| (l, at, c)))?;
    let text = file.line_text(line + 1);
    let start = file.line_range(line).start + open;
    let opener = &text[open..open + 1];
    let fixed = format!("{}{close}", text.trim_end());
    let what = if close == '"' || close == '\'' {
        "quote"
    } else {
        "bracket"
    };
    Some(
        Diagnostic::new(
            &catalogue::YAML_SYNTAX,
            file,
            start..start + 1,
            format!("invalid YAML: `{opener}` is never closed"),
        )
        .label(format!("this {what} is not closed"))
        .help(format!(
            "close it with `{close}` on the same line: `{}`",
            fixed.trim_start()
        )),
    )
}

/// The byte offset of the last quote, `[` or `{` the line leaves open, and its closer.
fn unclosed_on(line: &str) -> Option<(usize, char)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<(usize, char)> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some((_, q)) if c == q && !(q == '"' && prev == '\\') => quote = None,
            Some(_) => {}
            None => match c {
                '#' if prev == ' ' => break,
                '"' | '\'' if matches!(prev, ' ' | '[' | '{' | ',' | ':') => quote = Some((i, c)),
                '[' => stack.push((i, ']')),
                '{' => stack.push((i, '}')),
                ']' | '}' => {
                    stack.pop();
                }
                _ => {}
            },
        }
        prev = c;
    }
    quote.or_else(|| stack.last().copied())
}

/// `title: Chat: support`: a second `: ` in a plain value starts a mapping there.
fn colon_in_value(
    file: &Arc<SourceFile>,
    line: usize,
    offset: usize,
    message: &str,
) -> Option<Diagnostic> {
    if !message.contains("mapping values are not allowed") {
        return None;
    }
    let text = file.line_text(line + 1);
    let (key, value) = key_value(text)?;
    let column = offset - file.line_range(line).start;
    // The colon the parser stopped at must be inside the value, not the key's own.
    if column < key.len() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    Some(at(
        file,
        offset,
        "invalid YAML: a `: ` inside a value starts a new mapping".to_owned(),
        format!("quote the value: `{}{}`", key.trim_start(), quoted(value)),
    ))
}

/// `title:Customer chat`: without a space after it, a colon does not end a key.
fn no_space_after_colon(file: &Arc<SourceFile>, line: usize, message: &str) -> Option<Diagnostic> {
    if !message.contains("could not find expected ':'") && !message.contains("expected ':'") {
        return None;
    }
    let text = file.line_text(line + 1);
    let body = text.trim_start();
    let body = body.strip_prefix("- ").unwrap_or(body);
    let colon = body.find(':')?;
    let key = &body[..colon];
    let after = body[colon + 1..].chars().next()?;
    if key.is_empty() || key.contains([' ', '"', '\'']) || after == ' ' {
        return None;
    }
    let at_colon = file.line_range(line).start + (text.len() - body.len()) + colon;
    let fixed = format!(
        "{}: {}",
        &text[..text.len() - body.len() + colon],
        &body[colon + 1..]
    );
    Some(
        Diagnostic::new(
            &catalogue::YAML_SYNTAX,
            file,
            at_colon..at_colon + 1,
            format!("invalid YAML: no space after the colon of `{key}`"),
        )
        .label("a space must follow")
        .help(format!(
            "write a space after the colon: `{}`",
            fixed.trim_start()
        )),
    )
}

/// A plain value starting with a character YAML reserves (`@`, `` ` ``, `%`, `*`, `&`,
/// `!`, `|`, `>`): quoting it makes it text.
fn reserved_start(file: &Arc<SourceFile>, line: usize, message: &str) -> Option<Diagnostic> {
    let alias = message.contains("unknown anchor") || message.contains("alias");
    if !alias
        && !message.contains("unexpected character")
        && !message.contains("cannot start any token")
    {
        return None;
    }
    let text = file.line_text(line + 1);
    let (key, value) = key_value(text)?;
    let first = value.chars().next()?;
    if !matches!(first, '@' | '`' | '%' | '*' | '&' | '!') {
        return None;
    }
    let start = file.line_range(line).start + key.len();
    let meaning = match first {
        '*' => " (it names an anchor to repeat)",
        '&' => " (it names an anchor)",
        '!' => " (it starts a tag)",
        _ => "",
    };
    let first = if first == '`' {
        "a backtick".to_owned()
    } else {
        format!("`{first}`")
    };
    Some(at(
        file,
        start,
        format!("invalid YAML: a plain value cannot start with {first}{meaning}"),
        format!("quote the value: `{}{}`", key.trim_start(), quoted(value)),
    ))
}

/// `title: "Customer" chat` or `title: [Beta] chat`: text after a quoted or bracketed
/// value that was meant to be part of it.
fn text_after_closed_value(
    file: &Arc<SourceFile>,
    line: usize,
    offset: usize,
    message: &str,
) -> Option<Diagnostic> {
    if !message.contains("trailing content") && !message.contains("did not find expected key") {
        return None;
    }
    let text = file.line_text(line + 1);
    let (key, value) = key_value(text)?;
    let first = value.chars().next()?;
    let column = offset - file.line_range(line).start;
    if !matches!(first, '"' | '\'' | '[' | '{') || column <= key.len() {
        return None;
    }
    let fixed = if first == '"' && !value.contains('\'') {
        format!("'{value}'")
    } else {
        quoted(value)
    };
    Some(at(
        file,
        offset,
        format!(
            "invalid YAML: text after the closing `{}` of a value",
            closing(first)
        ),
        format!("quote the whole value: `{}{fixed}`", key.trim_start()),
    ))
}

fn closing(open: char) -> char {
    match open {
        '[' => ']',
        '{' => '}',
        other => other,
    }
}

/// The outline of the file's lines.
struct Lines(Vec<Line>);

impl Lines {
    fn of(file: &SourceFile) -> Lines {
        Lines(super::lines::outline(&file.text))
    }
}

/// Entries of one mapping or items of one list that do not start at the same column. The
/// parser notices only at the next entry that fits neither, so the report goes to the
/// line that breaks the alignment of its siblings, the one most of them do not share.
fn misaligned(
    file: &Arc<SourceFile>,
    lines: &Lines,
    line: usize,
    message: &str,
) -> Option<Diagnostic> {
    let indentation = message.contains("mapping values are not allowed")
        || message.contains("did not find expected key")
        || message.contains("did not find expected '-'");
    if !indentation || !lines.0.get(line)?.content {
        return None;
    }
    if let Some(d) = emptied(file, lines, line) {
        return Some(d);
    }
    // From the error line up through the blocks that hold it, the nearest whose direct
    // entries disagree.
    let mut current = line;
    for _ in 0..8 {
        let parent = parent_of(lines, current);
        let children = children_of(lines, parent, line);
        if let Some(d) = odd_one(file, lines, &children) {
            return Some(d);
        }
        current = parent?;
    }
    None
}

/// `provider:` followed by `legal_name:` at the same indentation, then `address:` deeper:
/// the entry after the `key:` was meant to be indented under it, like the lines after it,
/// but left `key:` empty; the parser notices only at the deeper line.
fn emptied(file: &Arc<SourceFile>, lines: &Lines, line: usize) -> Option<Diagnostic> {
    let before = |l: usize| (0..l).rev().find(|&i| lines.0[i].content);
    let p = before(line)?;
    let o = before(p)?;
    let (err, entry, opener) = (lines.0[line], lines.0[p], lines.0[o]);
    if !opener.opens || entry.opens || entry.item || entry.indent > opener.key {
        return None;
    }
    if err.indent <= entry.indent || err.item {
        return None;
    }
    let (_, body) = content(file, p);
    let name = body.split(':').next().unwrap_or(body).trim();
    let (_, opener_body) = content(file, o);
    let key = opener_body
        .trim_start_matches("- ")
        .trim_end_matches(':')
        .trim();
    let start = file.line_range(p).start + entry.indent;
    let next = file.line_range(line).start + err.indent;
    Some(
        Diagnostic::new(
            &catalogue::YAML_SYNTAX,
            file,
            start..start + name.len().max(1),
            format!("invalid YAML: `{name}` is not indented under `{key}:`, which is left empty"),
        )
        .label(format!("indented as much as `{key}:`"))
        .secondary(
            next..next + 1,
            "indented deeper: YAML cannot place this line",
        )
        .help(format!(
            "indent `{name}` by {} spaces, like the line after it, so that it belongs to `{key}`",
            err.indent
        )),
    )
}

/// The nearest line before `line` with less indentation: the entry it belongs to.
fn parent_of(lines: &Lines, line: usize) -> Option<usize> {
    let indent = lines.0[line].indent;
    (0..line)
        .rev()
        .find(|&l| lines.0[l].content && lines.0[l].indent < indent)
}

/// The direct entries of `parent`'s value (of the file with `None`) down to the error
/// line `upto` and the lines at its level after it: each with the column its entry
/// starts at. A list item's first key counts at the item's own column (its dash).
fn children_of(lines: &Lines, parent: Option<usize>, upto: usize) -> Vec<(usize, usize)> {
    let base = parent.map(|p| lines.0[p]);
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    if let Some(p) = base.filter(|p| p.item) {
        // `- service: Chatly`: the item's mapping starts at its first key.
        out.push((parent.unwrap_or(0), p.key));
        if p.opens {
            open.push(p.key);
        }
    }
    let from = parent.map_or(0, |p| p + 1);
    for (i, l) in lines.0.iter().enumerate().skip(from) {
        if !l.content {
            continue;
        }
        if base.is_some_and(|b| {
            l.indent <= b.indent && !(l.item && b.opens && !b.item && l.indent == b.indent)
        }) {
            break;
        }
        while open.last().is_some_and(|&o| l.indent <= o) {
            open.pop();
        }
        let nested = open.last().is_some_and(|&o| l.indent > o);
        if !nested {
            out.push((i, l.indent));
        }
        if i > upto && !nested && out.len() > 1 && l.indent < out[0].1 {
            break;
        }
        if l.opens || l.item {
            open.push(l.indent);
        }
    }
    out
}

/// The entry whose column most of its siblings do not share (ties: the first column
/// counts), reported with the column it should have.
fn odd_one(
    file: &Arc<SourceFile>,
    lines: &Lines,
    children: &[(usize, usize)],
) -> Option<Diagnostic> {
    let first = children.first()?.1;
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &(_, c) in children {
        match counts.iter_mut().find(|(col, _)| *col == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    if counts.len() < 2 {
        return None;
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    let expected = if counts.iter().any(|&(c, n)| c == first && n == best) {
        first
    } else {
        counts.iter().find(|(_, n)| *n == best)?.0
    };
    let &(odd, column) = children.iter().find(|&&(_, c)| c != expected)?;
    let &(sibling, _) = children.iter().find(|&&(l, c)| c == expected && l != odd)?;
    let start = file.line_range(odd).start + column;
    let sibling_at = file.line_range(sibling).start + expected;
    let (_, body) = content(file, odd);
    let whats = if lines.0[odd].item {
        "list items"
    } else {
        "entries"
    };
    let name = body
        .trim_start_matches("- ")
        .split(':')
        .next()
        .unwrap_or(body)
        .trim();
    let sibling_name = content(file, sibling)
        .1
        .trim_start_matches("- ")
        .split(':')
        .next()
        .unwrap_or("")
        .trim();
    let spaces = |n: usize| match n {
        0 => "none".to_owned(),
        1 => "1 space".to_owned(),
        n => format!("{n} spaces"),
    };
    Some(
        Diagnostic::new(
            &catalogue::YAML_SYNTAX,
            file,
            start..start + if lines.0[odd].item { 1 } else { name.len().max(1) },
            format!(
                "invalid YAML: `{name}` is indented by {}, the other {whats} beside it by {}",
                spaces(column),
                spaces(expected)
            ),
        )
        .label("misaligned")
        .secondary(sibling_at..sibling_at + sibling_name.len().max(1), format!("`{sibling_name}` starts here"))
        .help(format!(
            "{} to line it up with `{sibling_name}`: the {whats} of one {} start at the same column",
            if expected == 0 {
                "remove this line's indentation".to_owned()
            } else {
                format!("indent this line by {}", spaces(expected))
            },
            if lines.0[odd].item { "list" } else { "mapping" }
        )),
    )
}

/// The help of a value of the wrong type, showing the shape that fits: `expected` is what
/// the field wants ("a list", "`true` or `false`", "a mapping (a retention statement)").
pub(super) fn wrong_type(file: &SourceFile, node: &Node, expected: &str) -> String {
    let raw = file.text.get(node.span.clone()).unwrap_or("").trim();
    let key = key_of(file, node);
    let write = |shape: String| format!("write {shape}");
    match (&node.value, expected) {
        (Value::Str(s), "`true` or `false`") => {
            let word = s.to_ascii_lowercase();
            let meant = match word.as_str() {
                "yes" | "y" | "on" | "ja" => Some("true"),
                "no" | "n" | "off" | "nein" => Some("false"),
                _ => None,
            };
            match (meant, &key) {
                (Some(b), Some(k)) => {
                    format!("YAML 1.2 reads `{raw}` as text, not as a yes or no: write `{k}: {b}`")
                }
                _ => "write `true` or `false` here".to_owned(),
            }
        }
        (Value::Str(s), e) if e.starts_with("a whole number") => {
            let quoted = raw.starts_with(['"', '\'']);
            match (&key, s.trim().parse::<u64>()) {
                (Some(k), Ok(n)) if quoted => {
                    format!("a number is written without quotes: `{k}: {n}`")
                }
                _ => format!("write {e} here"),
            }
        }
        (Value::Str(s), "a list") => {
            if let Some(item) = s.strip_prefix('-').filter(|r| !r.starts_with(' ')) {
                let k = key.as_deref().unwrap_or("field");
                return format!(
                    "a list item needs a space after `-`: `{k}:` and on the next line `  - {}`",
                    item.split('\n').next().unwrap_or(item).trim()
                );
            }
            if s.contains('\n') || raw.contains('\n') {
                return "start each item of the list on its own line with `- `".to_owned();
            }
            match &key {
                Some(k) => format!(
                    "write a list, even of one item: `{k}: [{s}]`, or `{k}:` with `  - {s}` on the next line"
                ),
                None => "write a list here".to_owned(),
            }
        }
        (Value::Map(entries), "a list") => {
            let first = entries
                .first()
                .map(|(k, _)| k.value.as_str())
                .unwrap_or("key");
            format!(
                "start each entry of the list with `- `: `- {first}: ...`, the entry's other fields indented under `{first}`"
            )
        }
        (Value::Seq(items), e) if !e.starts_with("a list") && !e.starts_with("a mapping") => {
            match (items.as_slice(), &key) {
                ([one], Some(k)) => {
                    let inner = file.text.get(one.span.clone()).unwrap_or("").trim();
                    format!("this field takes one value, not a list: `{k}: {inner}`")
                }
                _ => format!(
                    "this field takes one value, not a list: {}",
                    write(format!("{e} here"))
                ),
            }
        }
        (Value::Map(entries), "a string") => match entries.as_slice() {
            [(k, v)] if file.line_index(k.span.start) == file.line_index(v.span.end.max(1) - 1) => {
                let text = file
                    .text
                    .get(node.span.start..v.span.end)
                    .unwrap_or("")
                    .trim();
                format!(
                    "a `: ` inside a value makes it a mapping; quote the value: {}",
                    match &key {
                        Some(k) => format!("`{k}: {}`", quoted(text)),
                        None => format!("`- {}`", quoted(text)),
                    }
                )
            }
            _ => "write a string here".to_owned(),
        },
        (Value::Str(s), "a mapping (a retention statement)") => {
            let shape = if looks_like_duration(s) {
                "duration"
            } else {
                "period"
            };
            format!(
                "retention is a mapping of its parts: `retention:` with `  {shape}: {s}` on the next line (or `until`, `criteria`, `statutory`: docs/reference.md)"
            )
        }
        (Value::Str(_), e) if e.starts_with("a mapping") => match &key {
            Some(k) => {
                format!("write {e} here: `{k}:` with its fields indented on the lines below")
            }
            None => format!("write {e} here"),
        },
        _ => format!("write {expected} here"),
    }
}

/// The key a value stands under on its line (`retention` of `retention: 14 days`).
fn key_of(file: &SourceFile, node: &Node) -> Option<String> {
    let line = file.line_index(node.span.start);
    let start = file.line_range(line).start;
    let mut before = file.text.get(start..node.span.start)?.trim();
    if before.is_empty() && line > 0 {
        // The value starts on the line after its key.
        before = file.line_text(line).split(" #").next().unwrap_or("").trim();
    }
    let before = before.strip_prefix("- ").unwrap_or(before);
    let key = before.strip_suffix(':')?.trim();
    (!key.is_empty() && !key.contains([' ', ':'])).then(|| key.to_owned())
}

/// `14 days`, `3 years`: a count and a unit of time, what `duration` takes.
fn looks_like_duration(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let count = words.next().is_some_and(|w| w.parse::<u32>().is_ok());
    let unit = words
        .next()
        .is_some_and(|w| matches!(w.trim_end_matches('s'), "day" | "week" | "month" | "year"));
    count && unit && words.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_opener_a_line_leaves_open_is_found_outside_quotes_and_comments() {
        assert_eq!(unclosed_on("a: [b, c"), Some((3, ']')));
        assert_eq!(unclosed_on("a: {b: [c]"), Some((3, '}')));
        assert_eq!(unclosed_on("a: \"b [c"), Some((3, '"')));
        assert_eq!(unclosed_on("a: [b] # [c"), None);
        assert_eq!(unclosed_on("a: 'it''s' [x]"), None);
        assert_eq!(unclosed_on("a: don't"), None, "an apostrophe inside a word");
    }

    #[test]
    fn a_value_is_split_from_its_key_at_the_first_colon_and_space() {
        assert_eq!(key_value("title: Chat: x"), Some(("title: ", "Chat: x")));
        assert_eq!(key_value("  - service: A"), Some(("  - service: ", "A")));
        assert_eq!(key_value("\"a: b\""), None);
    }

    #[test]
    fn quoting_escapes_what_double_quotes_would_end() {
        assert_eq!(quoted(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }

    #[test]
    fn a_duration_is_a_count_and_a_unit_of_time() {
        assert!(looks_like_duration("14 days"));
        assert!(looks_like_duration("1 year"));
        assert!(!looks_like_duration("14 days after the end"));
        assert!(!looks_like_duration("as long as necessary"));
    }
}
