//! Tabular documents (the Art. 30 record, the sub-processor list): a small document model
//! of headings, paragraphs and tables holding raw register values, and one writer per
//! format. Each writer escapes for its own format, so no value is escaped twice or never:
//! Markdown (GitHub tables), a standalone HTML page, CSV (RFC 4180).
//!
//! These documents are not written through templates: their shape is the law's list of
//! items, not prose, and a CSV or spreadsheet cell needs the value as typed, which the
//! Markdown-escaped [`super::view::ChapterView`] no longer holds.

use std::fmt::Write;

/// A document: a title and its blocks, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// The document title (first heading, HTML `<title>`).
    pub title: String,
    /// The blocks after the title.
    pub blocks: Vec<Block>,
}

/// A part of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading one level below the title (`level` 2) or deeper, with an anchor id.
    Heading {
        /// 2 to 6.
        level: u8,
        /// The heading text.
        text: String,
        /// The HTML id, where the heading has one.
        id: Option<String>,
    },
    /// A paragraph of text.
    Paragraph(String),
    /// A table.
    Table(Table),
}

/// A table: its header row and its rows, each cell a list of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column headers.
    pub headers: Vec<String>,
    /// The rows, each as long as `headers`.
    pub rows: Vec<Vec<Cell>>,
}

/// A cell: its lines (a list of values is one line each); empty when the register has none.
pub type Cell = Vec<String>;

/// The cell that says the register is silent where the law asks for the item.
pub const NOT_STATED: &str = "not stated";

/// The document as GitHub-flavoured Markdown: values escaped, lines of a cell joined with
/// `<br>`.
pub fn markdown(doc: &Doc) -> String {
    let mut out = format!("# {}\n", md_text(&doc.title));
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading { level, text, .. } => {
                let _ = writeln!(out, "{} {}", "#".repeat(usize::from(*level)), md_text(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}", md_text(text));
            }
            Block::Table(t) => {
                let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
                out.push_str(&row(t.headers.iter().map(|h| md_cell_line(h)).collect()));
                out.push_str(&row(t.headers.iter().map(|_| "---".to_owned()).collect()));
                for r in &t.rows {
                    out.push_str(&row(r
                        .iter()
                        .map(|c| {
                            c.iter()
                                .map(|l| md_cell_line(l))
                                .collect::<Vec<_>>()
                                .join("<br>")
                        })
                        .collect()));
                }
            }
        }
    }
    out
}

/// The document as a standalone HTML page in `lang`, every value escaped.
pub fn html(doc: &Doc, lang: &str) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n\
         body {{ font-family: system-ui, sans-serif; margin: 2rem; }}\n\
         table {{ border-collapse: collapse; margin-bottom: 1.5rem; }}\n\
         th, td {{ border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }}\n\
         </style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        esc(lang),
        esc(&doc.title),
        esc(&doc.title)
    );
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, id } => {
                let id = id
                    .as_ref()
                    .map(|i| format!(" id=\"{}\"", esc(i)))
                    .unwrap_or_default();
                let _ = writeln!(out, "<h{level}{id}>{}</h{level}>", esc(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", esc(text));
            }
            Block::Table(t) => {
                out.push_str("<table>\n<thead>\n<tr>");
                for h in &t.headers {
                    let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
                }
                out.push_str("</tr>\n</thead>\n<tbody>\n");
                for r in &t.rows {
                    out.push_str("<tr>");
                    for c in r {
                        let lines: Vec<String> = c.iter().map(|l| esc(l)).collect();
                        let _ = write!(out, "<td>{}</td>", lines.join("<br>"));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The table as CSV (RFC 4180): CRLF after every record, a field quoted where it holds a
/// comma, a quote or a line break, the lines of a cell joined with LF. A field that would
/// start with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so
/// that no spreadsheet reads it as a formula (OWASP, "CSV Injection").
pub fn csv(table: &Table) -> String {
    let mut out = String::new();
    let mut record = |fields: Vec<String>| {
        let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    record(table.headers.clone());
    for r in &table.rows {
        record(r.iter().map(|c| c.join("\n")).collect());
    }
    out
}

/// The tables as an XLSX workbook, one sheet each (name, table), every cell a string (so no
/// value is ever a formula), lines joined with LF as in the CSV. The same tables give the
/// same bytes: the zip entries carry the zip format's earliest date (rust_xlsxwriter's
/// choice) and the document's creation time is `created` at midnight UTC, or 1980-01-01
/// when the register has no date, never the clock.
pub fn xlsx(
    sheets: &[(&str, &Table)],
    created: Option<jiff::civil::Date>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
    let (y, m, d) = created.map_or((1980, 1, 1), |d| (d.year(), d.month(), d.day()));
    // Excel's dates start in 1900; jiff's reach further both ways.
    let (y, m, d) = (
        u16::try_from(y).unwrap_or(1980).clamp(1900, 9999),
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    );
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?)
            .set_author("privreg"),
    );
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let header = wrap.clone().set_bold();
    for (name, table) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name)?;
        for (c, h) in table.headers.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            sheet.write_string_with_format(0, c, h, &header)?;
            sheet.set_column_width(c, 40)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                sheet.write_string_with_format(r, c, cell.join("\n"), &wrap)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

/// Whether a spreadsheet would read a field with this first character as a formula.
pub fn formula_start(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn csv_field(value: &str) -> String {
    let guarded = if formula_start(value) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn md_text(text: &str) -> String {
    super::markdown::escape(text)
}

/// One line of a Markdown table cell: escaped, `|` escaped too, as GitHub's tables need.
fn md_cell_line(text: &str) -> String {
    md_text(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cells: &[&str]) -> Table {
        Table {
            headers: vec!["a".into(), "b, c".into()],
            rows: vec![cells.iter().map(|c| vec![(*c).to_owned()]).collect()],
        }
    }

    #[test]
    fn csv_quotes_what_rfc_4180_requires_and_ends_records_with_crlf() {
        let t = Table {
            headers: vec!["a".into(), "b, c".into()],
            rows: vec![vec![
                vec!["say \"hi\"".into()],
                vec!["one".into(), "two".into()],
            ]],
        };
        assert_eq!(csv(&t), "a,\"b, c\"\r\n\"say \"\"hi\"\"\",\"one\ntwo\"\r\n");
    }

    #[test]
    fn no_csv_field_starts_a_spreadsheet_formula() {
        for start in ["=1+1", "+49 30", "-x", "@SUM(A1)", "\tx", "\rx"] {
            let out = csv(&table(&[start, "ok"]));
            let record = out.split("\r\n").nth(1).unwrap();
            let first = record.trim_start_matches('"');
            assert!(first.starts_with('\''), "{start:?}: {out:?}");
        }
        assert_eq!(csv(&table(&["x=1", "a-b"])), "a,\"b, c\"\r\nx=1,a-b\r\n");
    }

    #[test]
    fn markdown_and_html_show_every_value_as_text() {
        let doc = Doc {
            title: "T <b>".into(),
            blocks: vec![Block::Table(table(&["a | b", "<script>*x*</script>"]))],
        };
        let md = markdown(&doc);
        assert!(
            md.contains("| a \\| b | \\<script\\>\\*x\\*\\</script\\> |"),
            "{md}"
        );
        let page = html(&doc, "en");
        assert!(page.contains("<title>T &lt;b&gt;</title>"), "{page}");
        assert!(
            page.contains("<td>&lt;script&gt;*x*&lt;/script&gt;</td>"),
            "{page}"
        );
        assert!(!page.contains("<script>"), "{page}");
    }
}
