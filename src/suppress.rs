//! Inline suppressions: a comment in a file silences named rules there, with a reason.
//!
//! ```yaml
//! # privreg: ignore[PRV302] agreed by phone       <- own line: the next line's node
//! processors:
//!   - service: Chatly  # privreg: ignore[PRV205] reason   <- trailing: this line's node
//!     provider: { country: US }                           <- (the whole list item)
//! ```
//! In YAML a suppression covers the node its line starts: the line and every line nested
//! under it (indented deeper, or a list at the same indentation under a `key:`), so a
//! comment on `- service:` covers the whole processor. Markdown and HTML use
//! `<!-- privreg-ignore PRV401, PRV402: reason -->` and cover one line. A suppression
//! before the first content of a file (the first YAML key, the first Markdown text)
//! applies to the whole file. docs/suppressions.md is the user documentation.
//!
//! Suppressions apply after every rule ran and before severity overrides, so a suppression
//! of a rule turned off in `privreg.yaml` still counts as used. Missing reasons (PRV015) and
//! suppressions that matched nothing (PRV016) are reported.

use std::sync::Arc;

use crate::catalogue::{self, SUPPRESSION_REASON_MISSING, SUPPRESSION_UNUSED};
use crate::diagnostic::Diagnostic;
use crate::load::Spanned;
use crate::load::lines::Line;
use crate::source::{SourceFile, Span};

/// Where a suppression applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The whole file.
    File,
    /// The 1-based lines from the first to the last, inclusive.
    Lines(usize, usize),
    /// Nothing: an own-line comment with no content after it.
    Nothing,
}

/// One suppression comment.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The rule codes (or names) as written, each with its span.
    pub codes: Vec<Spanned<String>>,
    /// The reason after the codes, if any.
    pub reason: Option<String>,
    /// The whole comment.
    pub span: Span,
    /// Where it applies.
    pub scope: Scope,
}

/// Removes the findings that suppressions in `files` silence, and adds PRV015 and PRV016
/// for suppressions without a reason or without a match. Diagnostics in other files pass.
pub fn apply(files: &[Arc<SourceFile>], diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let parsed: Vec<(&Arc<SourceFile>, Vec<Suppression>)> = files
        .iter()
        .map(|f| (f, parse(f)))
        .filter(|(_, s)| !s.is_empty())
        .collect();
    if parsed.is_empty() {
        return diagnostics;
    }
    // used[file][suppression][code]
    let mut used: Vec<Vec<Vec<bool>>> = parsed
        .iter()
        .map(|(_, sups)| sups.iter().map(|s| vec![false; s.codes.len()]).collect())
        .collect();
    let mut out: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| {
            // By identity: two files can display alike (`p.txt` and `../r/p.txt` under `--root`).
            let Some(fi) = parsed.iter().position(|(f, _)| Arc::ptr_eq(f, &d.file)) else {
                return true;
            };
            let line = d.file.line_col(d.span.start).line;
            let mut suppressed = false;
            for (si, s) in parsed[fi].1.iter().enumerate() {
                let applies = match s.scope {
                    Scope::File => true,
                    Scope::Lines(first, last) => (first..=last).contains(&line),
                    Scope::Nothing => false,
                };
                if !applies {
                    continue;
                }
                for (ci, code) in s.codes.iter().enumerate() {
                    if catalogue::lookup(&code.value).is_some_and(|r| r.code == d.rule.code) {
                        used[fi][si][ci] = true;
                        suppressed = true;
                    }
                }
            }
            !suppressed
        })
        .collect();
    for ((file, sups), used) in parsed.iter().zip(&used) {
        for (s, used) in sups.iter().zip(used) {
            report(file, s, used, &mut out);
        }
    }
    out
}

fn report(file: &Arc<SourceFile>, s: &Suppression, used: &[bool], out: &mut Vec<Diagnostic>) {
    if s.reason.is_none() {
        out.push(
            Diagnostic::new(
                &SUPPRESSION_REASON_MISSING,
                file,
                s.span.clone(),
                "suppression gives no reason",
            )
            .label("say why the finding does not apply")
            .help("write the reason after the rule codes"),
        );
    }
    if s.codes.is_empty() {
        out.push(
            Diagnostic::new(
                &SUPPRESSION_UNUSED,
                file,
                s.span.clone(),
                "suppression names no rule",
            )
            .help("name the rules: `# privreg: ignore[PRV301] reason`"),
        );
    }
    for (code, used) in s.codes.iter().zip(used) {
        if *used {
            continue;
        }
        let d = match catalogue::lookup(&code.value) {
            Some(rule) => Diagnostic::new(
                &SUPPRESSION_UNUSED,
                file,
                code.span.clone(),
                format!("suppression of `{}` matches no finding", code.value),
            )
            .label(match s.scope {
                Scope::File => format!("no {} finding in this file", rule.code),
                Scope::Lines(l, last) if l == last => {
                    format!("no {} finding on line {l}", rule.code)
                }
                Scope::Lines(l, last) => format!("no {} finding on lines {l}-{last}", rule.code),
                Scope::Nothing => "no line follows this comment".to_owned(),
            })
            .help(format!("remove `{}` from the suppression", code.value)),
            None => {
                let d = Diagnostic::new(
                    &SUPPRESSION_UNUSED,
                    file,
                    code.span.clone(),
                    format!("suppression names unknown rule `{}`", code.value),
                )
                .label("not a rule code or name");
                match catalogue::suggest(&code.value) {
                    Some(s) => d.did_you_mean(s),
                    None => d.help("run `privreg rules` for the list of rules"),
                }
            }
        };
        out.push(d);
    }
}

/// The suppressions of one file: `#` comments in YAML files, `<!-- -->` comments in others.
pub fn parse(file: &SourceFile) -> Vec<Suppression> {
    let yaml = file.name.ends_with(".yaml") || file.name.ends_with(".yml");
    // Every directive holds this word; a text without it (most, and every large policy)
    // skips the per-line outline, which on a large file cost a fifth of `lint`.
    if !file
        .text
        .contains(if yaml { "privreg:" } else { "privreg-ignore" })
    {
        return Vec::new();
    }
    let (lines, directives) = if yaml {
        scan_yaml(&file.text)
    } else {
        scan_html(&file.text)
    };
    let first_content = lines.iter().position(|l| l.content).map(|i| i + 1);
    let node = |line: usize| {
        let last = if yaml {
            node_end(&lines, line - 1) + 1
        } else {
            line
        };
        Scope::Lines(line, last)
    };
    directives
        .into_iter()
        .map(|d| {
            let scope = if !d.own_line {
                node(d.line)
            } else if first_content.is_none_or(|c| c > d.line) {
                Scope::File
            } else {
                (d.end_line..lines.len())
                    .find(|&i| lines[i].content)
                    .map_or(Scope::Nothing, |i| node(i + 1))
            };
            Suppression {
                codes: d.codes,
                reason: d.reason,
                span: d.span,
                scope,
            }
        })
        .collect()
}

/// The 0-based last line of the YAML node that line `start` starts: the lines after it
/// indented deeper, and a list at the same indentation under a `key:` (YAML lets a block
/// sequence under a key start at the key's own column). Blank and comment-only lines in
/// between belong to the node only when content of it follows.
fn node_end(lines: &[Line], start: usize) -> usize {
    let head = lines[start];
    let mut end = start;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        if !line.content {
            continue;
        }
        let nested = line.indent > head.indent
            || (line.indent == head.indent && head.opens && !head.item && line.item);
        if !nested {
            break;
        }
        end = i;
    }
    end
}

/// A suppression as found, before its scope is known.
struct Directive {
    codes: Vec<Spanned<String>>,
    reason: Option<String>,
    span: Span,
    /// 1-based line of the comment's start and end.
    line: usize,
    end_line: usize,
    /// Nothing but whitespace shares the comment's lines.
    own_line: bool,
}

/// The outline of each line, and the directives.
fn scan_yaml(text: &str) -> (Vec<Line>, Vec<Directive>) {
    let lines = crate::load::lines::outline(text);
    let mut directives = Vec::new();
    let mut offset = 0;
    for ((i, raw), shape) in crate::source::lines_inclusive(text).enumerate().zip(&lines) {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = offset;
        offset += raw.len();
        let Some(hash) = shape.comment else { continue };
        let body = &line[hash + 1..];
        let lead = body.len() - body.trim_start().len();
        let Some(rest) = body.trim_start().strip_prefix("privreg:") else {
            continue;
        };
        let rest_at = start + hash + 1 + lead + "privreg:".len();
        let rest_trim = rest.trim_start();
        let Some(args) = rest_trim.strip_prefix("ignore") else {
            continue;
        };
        let args_at = rest_at + (rest.len() - rest_trim.len()) + "ignore".len();
        let (codes, reason) = match args
            .strip_prefix('[')
            .and_then(|a| a.find(']').map(|e| (a, e)))
        {
            Some((a, end)) => (split_codes(&a[..end], args_at + 1), reason(&a[end + 1..])),
            // `# privreg: ignore` without brackets: names no rule, reported as such.
            None => (Vec::new(), reason(args)),
        };
        directives.push(Directive {
            codes,
            reason,
            span: start + hash..start + line.len(),
            line: i + 1,
            end_line: i + 1,
            own_line: line[..hash].trim().is_empty(),
        });
    }
    (lines, directives)
}

/// Per line whether it holds text outside `<!-- -->` comments, and the directives.
fn scan_html(text: &str) -> (Vec<Line>, Vec<Directive>) {
    let mut in_comment = vec![false; text.len()];
    let mut directives = Vec::new();
    let starts = crate::source::line_starts(text);
    let line_of = |at: usize| starts.partition_point(|&s| s <= at);
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--").map(|i| from + i) {
        let close = text[open + 4..]
            .find("-->")
            .map_or(text.len(), |i| open + 4 + i + 3);
        in_comment[open..close].iter_mut().for_each(|b| *b = true);
        let inner_at = open + 4;
        let inner = &text[inner_at..close.saturating_sub(3).max(inner_at)];
        let lead = inner.len() - inner.trim_start().len();
        if let Some(args) = inner.trim_start().strip_prefix("privreg-ignore") {
            let args_at = inner_at + lead + "privreg-ignore".len();
            let (list, reason_text) = match args.find(':') {
                Some(c) => (&args[..c], Some(&args[c + 1..])),
                None => (args, None),
            };
            let line_start = text[..open].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let line_end = text[close..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| close + i);
            directives.push(Directive {
                codes: split_codes(list, args_at),
                reason: reason_text.and_then(reason),
                span: open..close,
                line: line_of(open),
                end_line: line_of(close.saturating_sub(1).max(open)),
                own_line: text[line_start..open].trim().is_empty()
                    && text[close..line_end].trim().is_empty(),
            });
        }
        from = close.max(open + 4);
    }
    let mut content = Vec::new();
    let mut at = 0;
    for raw in crate::source::lines_inclusive(text) {
        let has = raw
            .char_indices()
            .any(|(i, c)| !c.is_whitespace() && !in_comment[at + i]);
        content.push(Line {
            content: has,
            ..Line::default()
        });
        at += raw.len();
    }
    (content, directives)
}

/// `PRV301, PRV302` (commas and/or spaces) with each code's span; `at` is where `list` starts.
fn split_codes(list: &str, at: usize) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    for part in list.split(|c: char| c == ',' || c.is_whitespace()) {
        if !part.is_empty() {
            out.push(Spanned::new(part.to_owned(), at + i..at + i + part.len()));
        }
        i += part.len() + 1;
    }
    out
}

fn reason(text: &str) -> Option<String> {
    let r = text
        .trim()
        .trim_start_matches([':', '-', '\u{2013}', '\u{2014}'])
        .trim();
    (!r.is_empty()).then(|| r.to_owned())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Codes left after suppressions in `yaml` (as `registers/a.yaml`) act on findings
    /// of the given codes at the given lines.
    pub(crate) fn codes_after(yaml: &str, findings: &[(&str, usize)]) -> Vec<&'static str> {
        codes_after_in("registers/a.yaml", yaml, findings)
    }

    fn codes_after_in(name: &str, text: &str, findings: &[(&str, usize)]) -> Vec<&'static str> {
        let file = SourceFile::virtual_file(name, text);
        let diagnostics = findings
            .iter()
            .map(|(code, line)| {
                let at = file.offset(*line, 1);
                Diagnostic::new(catalogue::lookup(code).unwrap(), &file, at..at, "finding")
            })
            .collect();
        apply(&[file], diagnostics)
            .iter()
            .map(|d| d.code())
            .collect()
    }

    fn scopes(name: &str, text: &str) -> Vec<Scope> {
        parse(&SourceFile::virtual_file(name, text))
            .iter()
            .map(|s| s.scope)
            .collect()
    }

    #[test]
    fn an_own_line_comment_applies_to_the_next_line_with_content() {
        let yaml = "id: s\n# privreg: ignore[PRV302] agreed by phone\n\n# other\nprocessors: []\n";
        assert_eq!(scopes("a.yaml", yaml), [Scope::Lines(5, 5)]);
        assert!(codes_after(yaml, &[("PRV302", 5)]).is_empty());
        assert_eq!(codes_after(yaml, &[("PRV302", 1), ("PRV302", 4)]).len(), 3);
    }

    #[test]
    fn a_trailing_comment_applies_to_its_own_line() {
        let yaml = "id: s\norder: 1  # privreg: ignore[PRV008] shared on purpose\n";
        assert_eq!(scopes("a.yaml", yaml), [Scope::Lines(2, 2)]);
        assert!(codes_after(yaml, &[("PRV008", 2)]).is_empty());
    }

    const PROCESSORS: &str = "id: s\n\
        processors:\n\
        \x20 - service: Chatly  # privreg: ignore[PRV205] data stays in Frankfurt\n\
        \x20   provider:\n\
        \n\
        \x20     # the country is the one the rule reads\n\
        \x20     country: US\n\
        \x20 - service: Mailo\n\
        \x20   provider: { country: US }\n\
        retention: { period: 1 year }\n";

    #[test]
    fn a_comment_on_a_list_item_covers_the_whole_item_and_no_other() {
        assert_eq!(scopes("a.yaml", PROCESSORS), [Scope::Lines(3, 7)]);
        assert!(codes_after(PROCESSORS, &[("PRV205", 7)]).is_empty());
        assert_eq!(
            codes_after(PROCESSORS, &[("PRV205", 7), ("PRV205", 9)]),
            ["PRV205"]
        );
    }

    #[test]
    fn an_own_line_comment_covers_the_node_of_the_next_line() {
        let yaml = PROCESSORS
            .replace("  # privreg: ignore[PRV205] data stays in Frankfurt", "")
            .replace(
                "processors:\n",
                "# privreg: ignore[PRV205] both stay in the EU\nprocessors:\n",
            );
        assert_eq!(scopes("a.yaml", &yaml), [Scope::Lines(3, 10)]);
        assert!(codes_after(&yaml, &[("PRV205", 8), ("PRV205", 10)]).is_empty());
        assert_eq!(codes_after(&yaml, &[("PRV301", 11)]), ["PRV301", "PRV016"]);
    }

    #[test]
    fn a_list_at_the_keys_own_indentation_is_nested_under_it() {
        let yaml = "id: s\nprocessors:  # privreg: ignore[PRV302] agreed by phone\n\
                    - service: A\n  dpa: {}\n- service: B\nretention: {}\n";
        assert_eq!(scopes("a.yaml", yaml), [Scope::Lines(2, 5)]);
    }

    #[test]
    fn a_comment_on_a_scalar_covers_its_line_and_a_block_scalar_its_text() {
        let yaml = "id: s\ntitle: A  # privreg: ignore[PRV019] quoted name\nsummary: |  \
                    # privreg: ignore[PRV401] quoted\n  Art. 6 lit. 6\n\n  more\norder: 1\n";
        assert_eq!(
            scopes("a.yaml", yaml),
            [Scope::Lines(2, 2), Scope::Lines(3, 6)]
        );
    }

    #[test]
    fn a_comment_before_the_first_key_applies_to_the_whole_file() {
        let yaml =
            "# yaml-language-server: $schema=x\n# privreg: ignore[PRV301] see ch. 12\nid: s\n";
        assert_eq!(scopes("a.yaml", yaml), [Scope::File]);
        assert!(codes_after(yaml, &[("PRV301", 3), ("PRV301", 9)]).is_empty());
    }

    #[test]
    fn hardening_20_suppressions_count_lines_as_reports_do_whatever_the_line_ends() {
        for eol in ["\n", "\r\n", "\r"] {
            let yaml = [
                "id: s",
                "# privreg: ignore[PRV302] agreed by phone",
                "processors: []",
                "",
            ]
            .join(eol);
            assert_eq!(scopes("a.yaml", &yaml), [Scope::Lines(3, 3)], "{eol:?}");
            assert!(codes_after(&yaml, &[("PRV302", 3)]).is_empty(), "{eol:?}");
            let trailing = format!("id: s{eol}order: 1  # privreg: ignore[PRV008] on purpose{eol}");
            assert_eq!(scopes("a.yaml", &trailing), [Scope::Lines(2, 2)], "{eol:?}");
            let md =
                format!("# Policy{eol}{eol}<!-- privreg-ignore PRV101: quoted -->{eol}Text{eol}");
            assert_eq!(scopes("a.md", &md), [Scope::Lines(4, 4)], "{eol:?}");
        }
    }

    #[test]
    fn several_codes_and_rule_names_may_be_listed() {
        let yaml = "id: s # privreg: ignore[PRV014, id-duplicate] legacy anchor\n";
        assert!(codes_after(yaml, &[("PRV014", 1), ("PRV007", 1)]).is_empty());
    }

    #[test]
    fn hashes_in_quotes_values_and_block_scalars_are_not_comments() {
        let yaml = "a: 'x # privreg: ignore[PRV301] no'\nb: c#privreg: ignore[PRV301]\n\
                    d: |\n  # privreg: ignore[PRV301] text\ne: 1\n";
        assert!(parse(&SourceFile::virtual_file("a.yaml", yaml)).is_empty());
    }

    #[test]
    fn markdown_and_html_use_html_comments_with_the_same_scopes() {
        // Register rule codes stand in for the citation rules here: the syntax is the same.
        let md = "<!-- privreg-ignore PRV101: quoting the old text -->\n# Policy\n\n\
                  <!-- privreg-ignore PRV102, PRV103: historical -->\nArt. 6 lit. f\n\
                  Privacy Shield <!-- privreg-ignore PRV204: quoted -->\n";
        assert_eq!(
            scopes("policy.md", md),
            [Scope::File, Scope::Lines(5, 5), Scope::Lines(6, 6)]
        );
        let all = [("PRV101", 2), ("PRV102", 5), ("PRV103", 5), ("PRV204", 6)];
        assert_eq!(codes_after_in("policy.md", md, &all), Vec::<&str>::new());
        // Without the finding on line 6, its trailing suppression is unused.
        assert_eq!(codes_after_in("policy.md", md, &all[..3]), ["PRV016"]);
    }

    #[test]
    fn an_html_suppression_without_colon_has_no_reason() {
        let html = "<p>Art. 6 lit. f</p> <!-- privreg-ignore PRV101 -->\n";
        assert_eq!(
            codes_after_in("policy.html", html, &[("PRV101", 1)]),
            ["PRV015"]
        );
    }

    #[test]
    fn findings_in_other_files_are_untouched() {
        let a = SourceFile::virtual_file("a.yaml", "# privreg: ignore[PRV301] x\nid: s\n");
        let b = SourceFile::virtual_file("b.yaml", "id: t\n");
        let d = Diagnostic::new(&catalogue::RETENTION_MISSING, &b, 0..1, "m");
        let out = apply(&[a, b], vec![d]);
        assert_eq!(
            out.iter().map(|d| d.code()).collect::<Vec<_>>(),
            ["PRV301", "PRV016"]
        );
    }
}
