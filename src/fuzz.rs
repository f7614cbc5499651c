//! The properties the fuzz targets (`fuzz/`) check on arbitrary input, in the library so
//! that `cargo test` checks them on the seed corpus too. Each function panics when a
//! property fails; a panic is what a fuzzer reports.

use std::path::PathBuf;
use std::sync::Arc;

use crate::citations::{self, Format, LintOptions, Style};
use crate::model::Section;
use crate::project::{LoadedSection, Project, Settings};
use crate::source::SourceFile;

/// A register file: it loads or is diagnosed, every rule runs, and a register without
/// error-level findings renders, twice to the same bytes, with no markup from its values
/// and each of its text values in the text of the Markdown and of the HTML.
pub fn register(text: &str) {
    let file = SourceFile::virtual_file("registers/fuzz.yaml", text);
    let mut diagnostics = Vec::new();
    let section = crate::project::load_file::<Section>(&file, &mut diagnostics);
    let sections: Vec<LoadedSection> = section
        .into_iter()
        .map(|section| LoadedSection {
            file: Arc::clone(&file),
            section,
        })
        .collect();
    let project = Project {
        // A root with no `templates/`: the embedded templates render.
        root: PathBuf::from("/nonexistent/privreg-fuzz"),
        config_file: None,
        config: Settings::default(),
        sections,
        files: vec![Arc::clone(&file)],
        prose: Vec::new(),
        prose_findings: Vec::new(),
        diagnostics: Vec::new(),
    };
    let cx = crate::rules::RuleCx {
        project: &project,
        date: jiff::civil::date(2026, 11, 29),
        record: true,
    };
    crate::rules::check_project(&cx, 1, &mut diagnostics);
    for d in &diagnostics {
        let _ = file.line_col(d.span.start);
        let _ = file.line_col(d.span.end);
    }
    let blocked = diagnostics
        .iter()
        .any(|d| d.rule.default_severity == crate::Severity::Error);
    if blocked || project.sections.is_empty() {
        return;
    }
    let Ok(first) = crate::render::render(&project) else {
        return; // a template limit reached is an error, not a crash
    };
    let second = crate::render::render(&project).expect("rendered once, renders again");
    assert_eq!(first, second, "rendering is deterministic");
    let values = stated(&project.sections[0].section);
    for out in &first {
        let text = if out.name.ends_with(".fragment.html") {
            // Only the elements the templates write: a value that opened emphasis, code,
            // a quote or an ordered list would show here, and lose characters below.
            for tag in tags(out.text()) {
                assert!(
                    matches!(
                        tag,
                        // `strong`: the lead of the right-to-object notice (Art. 21(4)).
                        "p" | "ul"
                            | "li"
                            | "a"
                            | "strong"
                            | "h1"
                            | "h2"
                            | "h3"
                            | "h4"
                            | "h5"
                            | "h6"
                    ),
                    "{}: a `{tag}` element",
                    out.name
                );
            }
            html_text(out.text())
        } else if out.name.ends_with(".md") {
            markdown_text(out.text())
        } else {
            continue;
        };
        assert_stated(&out.name, &text, &values);
    }
    for out in &first {
        if out.name.ends_with(".html") {
            let body = out.text().to_ascii_lowercase();
            // Values may say "<script>" or "javascript:" as text, never as markup.
            assert!(!body.contains("<script"), "{}: a script element", out.name);
            for attr in ["href=\"javascript:", "href=\"data:", "src=\""] {
                let markup = body
                    .split('<')
                    .skip(1)
                    .filter_map(|t| t.split('>').next())
                    .any(|tag| tag.contains(attr) && !tag.starts_with("meta"));
                assert!(!markup, "{}: `{attr}` in a tag", out.name);
            }
        }
    }
}

/// The free-text values of `section` the policy states, with the field each is from: every
/// string of the register but codes (`basis`, `country`, `role`, ...), the `id` and links.
///
/// A few values are stated only where they have an effect: a basis's `interest` for
/// legitimate interests, `arrangement` and `contact_point` for a joint controller, a DPA's
/// `counterparty` for a processor, `compelling_interest` with its mechanism. Elsewhere
/// PRV020 `field-without-effect` reports them; they are checked where the templates state
/// them.
fn stated(section: &Section) -> Vec<(&'static str, &str)> {
    let mut out = Vec::new();
    let s = section;
    out.push(("title", s.title.value.as_str()));
    opt(&mut out, "summary", &s.summary);
    list(&mut out, "purposes", &s.purposes);
    list(&mut out, "data_subjects", &s.data_subjects);
    list(&mut out, "data_categories", &s.data_categories);
    list(&mut out, "not_processed", &s.not_processed);
    list(&mut out, "excluded_uses", &s.excluded_uses);
    list(&mut out, "measures", &s.measures);
    list(&mut out, "details", &s.details);
    list(&mut out, "recipient_categories", &s.recipient_categories);
    list(&mut out, "direct_marketing", &s.direct_marketing);
    for src in &s.sources {
        out.push(("sources.source", &src.source.value));
        list(&mut out, "sources.data_categories", &src.data_categories);
    }
    if let Some(p) = &s.provision {
        opt(&mut out, "provision.consequences", &p.consequences);
    }
    if let Some(a) = s.automated_decisions.as_ref().filter(|a| a.used.value) {
        opt(&mut out, "automated_decisions.logic", &a.logic);
        opt(
            &mut out,
            "automated_decisions.consequences",
            &a.consequences,
        );
    }
    for b in &s.legal_bases {
        opt(&mut out, "legal_bases.scope", &b.scope);
        opt(&mut out, "legal_bases.condition", &b.condition);
        opt(&mut out, "legal_bases.national_law", &b.national_law);
        list(&mut out, "legal_bases.purposes", &b.purposes);
        list(&mut out, "legal_bases.data_categories", &b.data_categories);
        let code = crate::law::bases::lookup(&b.basis.value).map(|l| l.code);
        if code == Some("legitimate-interests") {
            opt(&mut out, "legal_bases.interest", &b.interest);
        }
    }
    for p in &s.processors {
        let role = p.role.as_ref().map_or("processor", |r| r.value.as_str());
        out.push(("processors.service", &p.service.value));
        out.push((
            "processors.provider.legal_name",
            &p.provider.legal_name.value,
        ));
        out.push(("processors.provider.address", &p.provider.address.value));
        if role == "joint-controller" {
            opt(&mut out, "processors.arrangement", &p.arrangement);
            opt(&mut out, "processors.contact_point", &p.contact_point);
        }
        list(&mut out, "processors.purposes", &p.purposes);
        if let Some(dpa) = p
            .dpa
            .as_ref()
            .filter(|d| role == "processor" && d.concluded.value)
        {
            opt(&mut out, "processors.dpa.counterparty", &dpa.counterparty);
        }
        list(&mut out, "processors.data_categories", &p.data_categories);
        list(&mut out, "processors.measures", &p.measures);
        list(&mut out, "processors.excluded_uses", &p.excluded_uses);
        list(&mut out, "processors.details", &p.details);
        for r in &p.onward_recipients {
            out.push(("onward_recipients.name", &r.name.value));
            opt(&mut out, "onward_recipients.description", &r.description);
            if let Some(e) = &r.provider {
                out.push(("onward_recipients.provider.legal_name", &e.legal_name.value));
                out.push(("onward_recipients.provider.address", &e.address.value));
            }
            list(&mut out, "onward_recipients.data", &r.data);
            opt(&mut out, "onward_recipients.purpose", &r.purpose);
        }
        let onward = p.onward_recipients.iter().flat_map(|r| &r.transfers);
        for t in p.transfers.iter().chain(onward) {
            if let Some(i) = &t.importer {
                out.push(("transfers.importer.legal_name", &i.legal_name.value));
                opt(&mut out, "transfers.importer.address", &i.address);
            }
            let compelling = t.mechanisms.iter().any(|m| {
                crate::law::mechanisms::lookup(&m.value)
                    .is_some_and(|m| m.code == "derogation-compelling-interests")
            });
            if compelling {
                opt(
                    &mut out,
                    "transfers.compelling_interest",
                    &t.compelling_interest,
                );
            }
        }
    }
    if let Some(r) = &s.retention {
        opt(&mut out, "retention.duration", &r.duration);
        opt(&mut out, "retention.until", &r.until);
        list(&mut out, "retention.statutory", &r.statutory);
        for c in &r.by_category {
            list(&mut out, "retention.by_category.data", &c.data);
            opt(&mut out, "retention.by_category.duration", &c.duration);
            opt(&mut out, "retention.by_category.until", &c.until);
            list(&mut out, "retention.by_category.statutory", &c.statutory);
            opt(&mut out, "retention.by_category.criteria", &c.criteria);
        }
        opt(&mut out, "retention.period", &r.period);
        opt(&mut out, "retention.criteria", &r.criteria);
        list(&mut out, "retention.notes", &r.notes);
    }
    out
}

fn list<'a, T: AsRef<str>>(
    out: &mut Vec<(&'static str, &'a str)>,
    field: &'static str,
    values: &'a [crate::load::Spanned<T>],
) {
    out.extend(values.iter().map(|v| (field, v.value.as_ref())));
}

fn opt<'a, T: AsRef<str> + 'a>(
    out: &mut Vec<(&'static str, &'a str)>,
    field: &'static str,
    value: &'a impl crate::load::OptField<T>,
) {
    list(
        out,
        field,
        value.field().map(std::slice::from_ref).unwrap_or_default(),
    );
}

/// Panics unless every value is in `text`, the text of the output file `name`.
fn assert_stated(name: &str, text: &str, values: &[(&str, &str)]) {
    for (field, value) in values {
        let value = collapse(value);
        // `upper_first` and `sentence` capitalise a value's first letter.
        assert!(
            text.contains(&value) || text.contains(&upper_first(&value)),
            "{name}: `{field}: {value}` is not in its text:\n{text}"
        );
    }
}

/// Whitespace runs as one space, trimmed: how a value reads once in a paragraph. The HTML
/// holds citations together with no-break spaces, which count as whitespace here.
fn collapse(s: &str) -> String {
    s.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first letter in upper case, as the `upper_first` filter writes it.
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => s.to_owned(),
    }
}

/// The text an HTML fragment shows: tags dropped, character references decoded,
/// whitespace collapsed.
pub(crate) fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        text.push_str(&decode_references(&rest[..at]));
        // pulldown-cmark writes `>` in attribute values as `&gt;`: a tag ends at the first.
        rest = rest[at..].split_once('>').map_or("", |(_, after)| after);
        text.push(' ');
    }
    text.push_str(&decode_references(rest));
    collapse(&text)
}

/// The names of the elements an HTML fragment opens or closes.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<').skip(1).map(|t| {
        let t = t.strip_prefix('/').unwrap_or(t);
        let end = t
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(t.len());
        &t[..end]
    })
}

/// The text of a Markdown document: backslash escapes and character references resolved,
/// whitespace collapsed. Its markup (heading and list markers, autolinks) stays, which is
/// no matter for finding values: the Markdown privreg writes has no other.
fn markdown_text(md: &str) -> String {
    let mut text = String::with_capacity(md.len());
    let mut chars = md.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|(_, n)| n.is_ascii_punctuation()) => {
                text.extend(chars.next().map(|(_, n)| n));
            }
            '&' => match reference(&md[i..]) {
                Some((decoded, len)) => {
                    text.push(decoded);
                    while chars.peek().is_some_and(|(j, _)| *j < i + len) {
                        chars.next();
                    }
                }
                None => text.push('&'),
            },
            _ => text.push(c),
        }
    }
    collapse(&text)
}

fn decode_references(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        match reference(&rest[at..]) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[at + len..];
            }
            None => {
                out.push('&');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `s` stands for, and its length: numeric
/// ones and the five names pulldown-cmark writes.
fn reference(s: &str) -> Option<(char, usize)> {
    // The longest reference pulldown-cmark reads is `&#x10FFFF;`, the name `&quot;` shorter.
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..end];
    let c = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let n = match body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => body.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(n)?
        }
    };
    Some((c, end + 1))
}

/// Policy text in each format and each configured style: the extracted text maps back into
/// the source, scanning and checking never panic, a fix never changes which provisions are
/// cited, a second fix changes nothing, and a text scanned in pieces (as `lint` scans a
/// large one on several threads) gives the citations of one scan.
pub fn citations(text: &str) {
    pieces_scan_as_one(text);
    for (name, format) in [
        ("p.txt", Format::Plain),
        ("p.md", Format::Markdown),
        ("p.html", Format::Html),
        ("p.tsx", Format::Code),
    ] {
        extraction_maps_back(format, text);
        for style in Style::WRITABLE {
            let opts = LintOptions {
                implied_gdpr: true,
                style: Some(style),
            };
            let (once, fixed) = fix(name, format, text, &opts);
            if !fixed {
                continue;
            }
            assert_eq!(
                provisions(format, text),
                provisions(format, &once),
                "{name} in {style:?}: a fix changed a provision"
            );
            let (twice, _) = fix(name, format, &once, &opts);
            assert_eq!(
                once, twice,
                "{name} in {style:?}: a second fix changed the text"
            );
        }
    }
}

/// Every position of the extracted text maps to a character boundary of the source, in
/// order, and a range the extractor calls verbatim is the same bytes in the source: what
/// diagnostics point at and what `--fix` rewrites.
fn extraction_maps_back(format: Format, src: &str) {
    let extracted = citations::text::extract(format, src);
    let text = &extracted.text;
    let mut previous = 0;
    let boundaries = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    for (i, next) in boundaries.clone().zip(boundaries.skip(1)) {
        let at = extracted.to_source(i);
        assert!(
            at <= src.len() && src.is_char_boundary(at),
            "{format:?}: text offset {i} maps to {at}, not a boundary of the source"
        );
        assert!(at >= previous, "{format:?}: text offset {i} maps backwards");
        previous = at;
        let span = extracted.span_to_source(i..next);
        assert!(
            span.end <= src.len() && src.is_char_boundary(span.end),
            "{format:?}: the character at {i} ends off the source at {}",
            span.end
        );
        if extracted.is_verbatim(i..next) {
            assert_eq!(
                &text[i..next],
                &src[span.clone()],
                "{format:?}: the verbatim character at {i} is not its source"
            );
        }
    }
}

/// The citations of `text` cut into pieces at character boundaries (every byte of a short
/// text; of a longer one at most 64 and 16 pieces) and scanned a piece at a time are those
/// of one scan: a piece's guess of where the scan before it stopped is checked, and where
/// wrong, the piece is scanned again.
fn pieces_scan_as_one(text: &str) {
    // Each piece's scan reads on to the next candidate: many pieces of a long text cost
    // its length times their number, which would slow the fuzzer down.
    let steps: Vec<usize> = if text.len() <= 256 {
        vec![1, 13, 97]
    } else {
        vec![(text.len() / 64).max(13), (text.len() / 16).max(97)]
    };
    for implied in [true, false] {
        let whole = citations::scan(text, implied);
        for &step in &steps {
            let mut cuts: Vec<usize> = (1..=text.len() / step)
                .map(|k| crate::source::ceil_boundary(text, k * step))
                .filter(|&c| c < text.len())
                .collect();
            cuts.dedup();
            let cut = citations::scan::scan_cut(text, implied, 1, &cuts);
            assert!(
                cut == whole,
                "cut every {step} bytes: {} citations, one scan {}",
                cut.len(),
                whole.len()
            );
        }
    }
}

fn fix(name: &str, format: Format, text: &str, opts: &LintOptions) -> (String, bool) {
    let file = SourceFile::virtual_file(name, text);
    let extracted = citations::text::extract(format, text);
    let mut out = Vec::new();
    crate::rules::citations::check(&file, &extracted, opts, &mut out);
    let fixed = out.iter().any(|d| d.fix.is_some());
    (citations::apply_fixes(text, &out), fixed)
}

fn provisions(format: Format, text: &str) -> Vec<String> {
    let extracted = citations::text::extract(format, text);
    let mut all: Vec<String> = citations::scan(&extracted.text, true)
        .iter()
        .flat_map(|c| {
            c.provisions
                .iter()
                .map(move |p| format!("{} {:?}", c.law, p.cited()))
        })
        .collect();
    all.sort();
    all
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every file under `dir`, recursively, in a stable order.
    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                files(&path, out);
            } else if path.is_file() {
                out.push(path);
            }
        }
    }

    fn corpus(dir: &str) -> Vec<String> {
        let mut paths = Vec::new();
        files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut paths);
        paths
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .filter_map(|b| String::from_utf8(b).ok())
            .collect()
    }

    #[test]
    fn the_register_properties_hold_on_every_fixture() {
        let mut texts = corpus("tests/fixtures/broken");
        texts.extend(corpus("tests/fixtures/build"));
        texts.extend(corpus("registers"));
        assert!(texts.len() > 50);
        for text in texts {
            super::register(&text);
        }
    }

    #[test]
    fn the_text_of_an_output_is_what_its_reader_sees() {
        assert_eq!(
            super::html_text("<h3 id=\"a\">10.1 &lt;T&gt;</h3>\n<p>a &amp; b&#39;s\n&#x41;</p>"),
            "10.1 <T> a & b's A"
        );
        assert_eq!(
            super::markdown_text("### 10.1 \\<T\\>\n\n\\*a\\* \\\\ \\&amp; &#50;024 &amp; x\\y"),
            "### 10.1 <T> *a* \\ &amp; 2024 & x\\y"
        );
    }

    #[test]
    fn a_value_missing_from_the_text_fails_the_property() {
        let values = [("title", "Tools  *for*\nus")];
        super::assert_stated("p.md", "10.1 Tools *for* us", &values);
        let lost =
            std::panic::catch_unwind(|| super::assert_stated("p.md", "10.1 Tools for us", &values));
        assert!(lost.is_err(), "emphasis ate the asterisks");
        super::assert_stated("p.md", "Data is kept. Ärger.", &[("notes", "ärger")]);
    }

    #[test]
    fn the_citation_properties_hold_on_every_lint_fixture() {
        let mut texts = corpus("tests/fixtures/lint");
        // Inputs the fuzzer found a property failing on, once.
        texts.extend(corpus("tests/fixtures/fuzz-citations"));
        assert!(!texts.is_empty());
        for text in texts {
            super::citations(&text);
        }
    }
}
