//! Markdown to HTML through pulldown-cmark, so both outputs say the same. On the way,
//! raw HTML becomes text, links keep only allowed schemes, and section headings get
//! their stable anchors.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::citations::{Search, grammar, search};

/// The HTML of a Markdown document and the section headings found in it.
#[derive(Debug, Default)]
pub struct Converted {
    /// The HTML body content.
    pub body: String,
    /// One entry per section heading, in document order.
    pub toc: Vec<TocEntry>,
}

/// A section heading for the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// The heading's `id`.
    pub anchor: String,
    /// The heading as plain text ("10.1 Customer Communication via Slack").
    pub text: String,
}

/// Converts CommonMark to HTML. `anchors` maps a section number ("10.1") to the section's
/// id: a heading whose text starts with that number and a space gets it as its `id`.
pub fn to_html(markdown: &str, anchors: &HashMap<String, String>) -> Converted {
    to_html_in(markdown, anchors, PIECE)
}

fn to_html_in(markdown: &str, anchors: &HashMap<String, String>, piece: usize) -> Converted {
    let mut html = Html::new(anchors, markdown.len());
    // pulldown-cmark builds the tree of all it parses at once: of a whole chapter of
    // 100,000 sections, some hundred megabytes. Pieces that begin at a heading parse to
    // the same HTML, written one after the other.
    // Kept in the body: nothing is written, so nothing can fail.
    let _ = html.push(&pieces(markdown, piece), &mut None);
    html.finish()
}

/// [`to_html`] of the Markdown in the file at `path`, read a piece at a time as
/// `to_html` cuts a text: only the HTML is held, never the Markdown as well.
pub fn to_html_from(
    path: &std::path::Path,
    anchors: &HashMap<String, String>,
) -> std::io::Result<Converted> {
    convert_file(path, anchors, PIECE, None)
}

/// [`to_html_from`], each piece's HTML written to `out` as soon as it is made: neither the
/// Markdown nor the HTML is held whole. Returns the section headings; the body it returns
/// is empty.
pub fn to_html_into(
    path: &std::path::Path,
    anchors: &HashMap<String, String>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Vec<TocEntry>> {
    convert_file(path, anchors, PIECE, Some(out)).map(|c| c.toc)
}

fn convert_file(
    path: &std::path::Path,
    anchors: &HashMap<String, String>,
    size: usize,
    mut out: Option<&mut dyn std::io::Write>,
) -> std::io::Result<Converted> {
    use std::io::BufRead;
    let open = || -> std::io::Result<_> {
        Ok(std::io::BufReader::with_capacity(
            PIECE,
            std::fs::File::open(path)?,
        ))
    };
    let len = usize::try_from(std::fs::metadata(path)?.len()).unwrap_or(usize::MAX);
    // Lines as bytes: the file is privreg's own UTF-8, checked once a piece, not once a line.
    let mut line = Vec::new();
    let mut reader = open()?;
    let mut reaches_across = false;
    while !reaches_across && len > size && reader.read_until(b'\n', &mut line)? > 0 {
        reaches_across = reaches_across_blocks(&line);
        line.clear();
    }
    if reaches_across || len <= size {
        let markdown = std::fs::read_to_string(path)?;
        let mut converted = to_html_in(&markdown, anchors, size);
        if let Some(out) = out {
            out.write_all(converted.body.as_bytes())?;
            converted.body = String::new();
        }
        return Ok(converted);
    }
    let held = if out.is_some() { 0 } else { len };
    let mut html = Html::new(anchors, held);
    let mut window: Vec<String> = Vec::with_capacity(html.window());
    let capacity = size + size / 4;
    let mut piece = Vec::with_capacity(capacity);
    let mut reader = open()?;
    let text = |bytes: Vec<u8>| {
        String::from_utf8(bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    };
    let mut convert = |html: &mut Html<'_>, window: &mut Vec<String>| -> std::io::Result<()> {
        html.push(window, &mut out)?;
        window.clear();
        Ok(())
    };
    loop {
        // The line is read onto the piece's end, and moved to the next piece if it
        // begins one.
        let start = piece.len();
        if reader.read_until(b'\n', &mut piece)? == 0 {
            break;
        }
        if start > 0 && start >= size && is_atx_heading(&piece[start..]) {
            let mut next = Vec::with_capacity(capacity);
            next.extend_from_slice(&piece[start..]);
            piece.truncate(start);
            window.push(text(std::mem::replace(&mut piece, next))?);
            if window.len() == html.window() {
                convert(&mut html, &mut window)?;
            }
        }
    }
    window.push(text(piece)?);
    convert(&mut html, &mut window)?;
    Ok(html.finish())
}

/// HTML made from Markdown a piece at a time, the pieces of a window on `PRIVREG_JOBS`
/// threads: each converts alone, and their HTML and headings are taken in order.
struct Html<'a> {
    anchors: &'a HashMap<String, String>,
    spaces: Vec<usize>,
    toc: Vec<TocEntry>,
    body: String,
    jobs: usize,
}

impl<'a> Html<'a> {
    /// Ready for `markdown_len` bytes of Markdown.
    fn new(anchors: &'a HashMap<String, String>, markdown_len: usize) -> Html<'a> {
        Html {
            anchors,
            spaces: number_spaces(anchors),
            toc: Vec::new(),
            body: String::with_capacity(markdown_len.saturating_mul(5) / 4),
            jobs: crate::parallel::jobs_from_env_or_default(),
        }
    }

    /// The pieces read before they are converted: some for each thread.
    fn window(&self) -> usize {
        self.jobs * 8
    }

    /// Converts the next pieces, their HTML written to `out` as each is made, or else
    /// kept in `body`.
    fn push<S: AsRef<str> + Sync>(
        &mut self,
        pieces: &[S],
        out: &mut Option<&mut dyn std::io::Write>,
    ) -> std::io::Result<()> {
        let (anchors, spaces) = (self.anchors, &self.spaces[..]);
        let convert = |piece: &S| {
            let mut toc = Vec::new();
            let mut body = String::with_capacity(piece.as_ref().len().saturating_mul(5) / 4);
            let events = HeadingIds::new(
                Parser::new_ext(piece.as_ref(), Options::empty()),
                anchors,
                spaces,
                &mut toc,
            );
            pulldown_cmark::html::push_html(&mut body, sanitise(events));
            (body, toc)
        };
        let (all, headings) = (&mut self.body, &mut self.toc);
        let ahead = self.jobs * 4;
        crate::parallel::stream(self.jobs, pieces, ahead, convert, |(body, toc)| {
            headings.extend(toc);
            match out.as_mut() {
                Some(out) => out.write_all(body.as_bytes()),
                None => {
                    all.push_str(&body);
                    Ok(())
                }
            }
        })
    }

    fn finish(self) -> Converted {
        Converted {
            body: self.body,
            toc: self.toc,
        }
    }
}

/// The size a piece of Markdown grows to before it ends at the next heading.
const PIECE: usize = 64 * 1024;

/// `markdown` in pieces of at least `size` bytes, each but the first beginning at an ATX
/// heading in the first column, which closes every block open before it (paragraph, list,
/// quote, indented code). What a heading does not close (a fenced code block, an HTML
/// block) or what reaches across blocks (a link reference definition) begins with `` ` ``,
/// `~`, `<` or `[` after at most three spaces: a document with such a line is one piece.
/// Register values arrive escaped, so only a template writes them.
fn pieces(markdown: &str, size: usize) -> Vec<&str> {
    let reaches_across = markdown
        .lines()
        .any(|l| reaches_across_blocks(l.as_bytes()));
    if reaches_across || markdown.len() <= size {
        return vec![markdown];
    }
    let mut out = Vec::new();
    let (mut start, mut at) = (0, 0);
    for line in markdown.split_inclusive('\n') {
        if at > start && at - start >= size && is_atx_heading(line.as_bytes()) {
            out.push(&markdown[start..at]);
            start = at;
        }
        at += line.len();
    }
    out.push(&markdown[start..]);
    out
}

/// Whether `line` begins what a heading does not close, or what reaches across blocks.
fn reaches_across_blocks(line: &[u8]) -> bool {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    indent <= 3 && matches!(line.get(indent), Some(b'`' | b'~' | b'<' | b'['))
}

/// Whether `line` opens an ATX heading in its first column: one to six `#`, then a space,
/// a tab or the line's end.
fn is_atx_heading(line: &[u8]) -> bool {
    let hashes = line.iter().take_while(|&&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && matches!(line.get(hashes), None | Some(b' ' | b'\t' | b'\n' | b'\r'))
}

/// The counts of spaces in the section numbers of `anchors`, each once: a number holds as
/// many spaces as its chapter (`chapter: "A 1"`), so a heading's number ends at the space
/// after that many; usually there is one count, 0.
fn number_spaces(anchors: &HashMap<String, String>) -> Vec<usize> {
    let mut spaces: Vec<usize> = anchors.keys().map(|k| k.matches(' ').count()).collect();
    spaces.sort_unstable();
    spaces.dedup();
    spaces
}

/// A legal citation as privreg writes it ([`grammar::WRITTEN_CITATION`]), searched by the
/// tables compiled with privreg: building its regex was a quarter of a build of the
/// shipped example.
static CITATION: Search = search!("written_citation", || {
    grammar::WRITTEN_CITATION.to_owned()
});

/// `text` with the spaces inside each legal citation made no-break, so that a line never
/// ends between "Art." and its number, or inside the citation.
fn keep_citations_together(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut done = 0;
    // Every match holds "Art." or "§", so each search starts further on.
    while let Some(m) = CITATION.find_at(text, done) {
        out.push_str(&text[done..m.start]);
        for (i, part) in text[m.clone()].split(' ').enumerate() {
            if i > 0 {
                out.push('\u{a0}');
            }
            out.push_str(part);
        }
        done = m.end;
    }
    if done == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// Whether a link destination is one privreg lets through: https, http, mailto, or a
/// fragment within the page. Everything else (`javascript:`, `data:`, relative paths)
/// turns the link into its text.
pub fn allowed_destination(dest: &str) -> bool {
    let lower = dest.trim_start().to_ascii_lowercase();
    lower.starts_with('#')
        || ["https:", "http:", "mailto:"]
            .iter()
            .any(|s| lower.starts_with(s))
}

/// The text a heading shows for `markdown` written after its `#` marker: escapes resolved,
/// entities decoded. Section numbers are matched on this text, never on the Markdown.
pub fn heading_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(&format!("# {markdown}"), Options::empty()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Ids are set on the events rather than written as `{#id}` into the Markdown, which
/// would leave the Markdown output outside plain CommonMark. The events pass through as
/// they are parsed; only a heading's are held, until its end tells its text.
struct HeadingIds<'a, 'm, I> {
    events: I,
    anchors: &'m HashMap<String, String>,
    /// The counts of spaces in a section number, each once ([`number_spaces`]).
    spaces: &'m [usize],
    /// A heading's events, its id set, to be passed on.
    held: std::collections::VecDeque<Event<'a>>,
    toc: &'m mut Vec<TocEntry>,
}

impl<'a, 'm, I: Iterator<Item = Event<'a>>> HeadingIds<'a, 'm, I> {
    fn new(
        events: I,
        anchors: &'m HashMap<String, String>,
        spaces: &'m [usize],
        toc: &'m mut Vec<TocEntry>,
    ) -> Self {
        HeadingIds {
            events,
            anchors,
            spaces,
            held: std::collections::VecDeque::new(),
            toc,
        }
    }

    /// Holds the heading that `start` opens, up to its end, with its id set if its text
    /// begins with a section number.
    fn hold_heading(&mut self, start: Event<'a>) {
        self.held.push_back(start);
        let mut text = String::new();
        for event in self.events.by_ref() {
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            match &event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            self.held.push_back(event);
            if end {
                break;
            }
        }
        let found = self.spaces.iter().find_map(|&n| {
            let end = text.match_indices(' ').nth(n)?.0;
            self.anchors.get(&text[..end])
        });
        if let Some(anchor) = found
            && let Some(Event::Start(Tag::Heading { id, .. })) = self.held.front_mut()
        {
            *id = Some(CowStr::from(anchor.clone()));
            self.toc.push(TocEntry {
                anchor: anchor.clone(),
                text,
            });
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HeadingIds<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.held.pop_front() {
            return Some(event);
        }
        match self.events.next()? {
            start @ Event::Start(Tag::Heading { .. }) => {
                self.hold_heading(start);
                self.held.pop_front()
            }
            other => Some(other),
        }
    }
}

fn sanitise<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // For each open link or image: whether its start was kept, so its end matches.
    let mut kept: Vec<bool> = Vec::new();
    events.filter_map(move |event| match event {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Text(s) => Some(match keep_citations_together(&s) {
            Cow::Borrowed(_) => Event::Text(s),
            Cow::Owned(t) => Event::Text(CowStr::from(t)),
        }),
        // An email autolink (`<a@b.example>`) carries the bare address; the HTML writer
        // adds `mailto:` itself.
        Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Email,
            ..
        }) => {
            kept.push(true);
            Some(event)
        }
        Event::Start(Tag::Link { ref dest_url, .. })
        | Event::Start(Tag::Image { ref dest_url, .. }) => {
            let ok = allowed_destination(dest_url);
            kept.push(ok);
            ok.then_some(event)
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            kept.pop().unwrap_or(false).then_some(event)
        }
        other => Some(other),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The tables find the citations the regex of the same pattern found, and the
        /// spaces in them, and only those, become no-break.
        #[test]
        fn citations_are_kept_together_as_by_the_regex(
            parts in prop::collection::vec(prop::sample::select(vec![
                "Art. ", "Art.", "§ ", "6", "49", "٣", "a", "(1)", "(f)", " para. 1", " lit. f",
                " subpara. 2", " no. 2", " sentence. 3", " GDPR", " TDDDG", " of Directive 2002/58/EC",
                " AO", " ", "\u{a0}", "x", "é", ".", "Art. 6(1)(f) GDPR", "§ 25 para. 2 no. 2 TDDDG",
            ]), 0..12)
        ) {
            let text = parts.concat();
            let regex = regex::Regex::new(grammar::WRITTEN_CITATION).unwrap();
            let expected = regex.replace_all(&text, |c: &regex::Captures<'_>| c[0].replace(' ', "\u{a0}"));
            prop_assert_eq!(keep_citations_together(&text), expected);
        }
    }

    fn html(md: &str) -> String {
        to_html(md, &HashMap::new()).body
    }

    #[test]
    fn raw_html_becomes_text() {
        assert_eq!(
            html("<script>alert(1)</script>\n\na <b>b</b>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;\n<p>a &lt;b&gt;b&lt;/b&gt;</p>\n"
        );
    }

    #[test]
    fn citations_never_wrap_inside() {
        assert_eq!(
            html(
                "based on Art. 6 para. 1 lit. f GDPR and Art. 45(3) GDPR, see § 25 para. 1 TDDDG."
            ),
            "<p>based on Art.\u{a0}6\u{a0}para.\u{a0}1\u{a0}lit.\u{a0}f\u{a0}GDPR and Art.\u{a0}45(3)\u{a0}GDPR, see §\u{a0}25\u{a0}para.\u{a0}1\u{a0}TDDDG.</p>\n"
        );
        assert_eq!(html("Art. of war"), "<p>Art. of war</p>\n");
    }

    #[test]
    fn an_email_autolink_is_a_mailto_link() {
        assert_eq!(
            html("<privacy@example.com>"),
            "<p><a href=\"mailto:privacy@example.com\">privacy@example.com</a></p>\n"
        );
    }

    #[test]
    fn links_outside_the_allow_list_become_their_text() {
        assert_eq!(
            html("[x](javascript:alert(1)) [y](JAVASCRIPT:1) [z](data:text/html,1)"),
            "<p>x y z</p>\n"
        );
        assert_eq!(
            html("[a](https://a.example) <mailto:b@c.example>"),
            "<p><a href=\"https://a.example\">a</a> <a href=\"mailto:b@c.example\">mailto:b@c.example</a></p>\n"
        );
        assert_eq!(html("![i](javascript:1)"), "<p>i</p>\n");
    }

    #[test]
    fn section_headings_get_their_anchor_and_a_toc_entry() {
        let anchors = HashMap::from([("10.1".to_owned(), "slack".to_owned())]);
        let c = to_html(
            "## 10 Chapter\n\n### 10.1 Slack\n\n### 10.10 Other\n",
            &anchors,
        );
        assert!(
            c.body.contains("<h3 id=\"slack\">10.1 Slack</h3>"),
            "{}",
            c.body
        );
        assert!(c.body.contains("<h3>10.10 Other</h3>"));
        assert_eq!(c.toc.len(), 1);
        assert_eq!(c.toc[0].text, "10.1 Slack");
    }

    #[test]
    fn a_document_converted_in_pieces_is_the_document_converted_whole() {
        let anchors = HashMap::from([
            ("10.1".to_owned(), "a".to_owned()),
            ("10.2".to_owned(), "b".to_owned()),
        ]);
        let md = "## 10 Chapter\n\nLead *text*\nrunning on.\n\n### 10.1 A\n\n- one\n- two\n\n\
                  > quoted\nlazy line\n#### Sub\n\n1. first\n\n2. second\n    indented\n\
                  ### 10.2 B\n    code\n# Top\nText \\<b\\> Art. 6 para. 1 lit. f GDPR\n\n#nohash\n\n######\n";
        let whole = to_html_in(md, &anchors, usize::MAX);
        for size in [0, 1, 20, 60] {
            let pieces = to_html_in(md, &anchors, size);
            assert_eq!(pieces.body, whole.body, "pieces of {size} bytes");
            assert_eq!(pieces.toc.len(), whole.toc.len());
        }
        assert_eq!(pieces(md, 0).len(), 6);
        // What may reach across a heading keeps the document whole.
        for across in [
            "```\n# x\n```\n",
            "<!--\n# x\n-->\n",
            "[r]: https://e.example\n",
        ] {
            assert_eq!(pieces(&format!("{md}{across}"), 0).len(), 1, "{across}");
        }
    }

    #[test]
    fn markdown_read_from_a_file_in_pieces_converts_as_held_whole() {
        let anchors = HashMap::from([("10.1".to_owned(), "a".to_owned())]);
        let md = "## 10 Chapter\n\nLead\n\n### 10.1 A\n\n- one\n- two\n#### Sub\r\n\ntext\n\
                  ### 10.2 B\n    code\n# Top\nlast line without a break";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chapter.md");
        for doc in [
            md.to_owned(),
            format!("{md}\n```\n# x\n```\n"),
            String::new(),
        ] {
            std::fs::write(&path, &doc).unwrap();
            for size in [0, 1, 20, 60, usize::MAX] {
                let held = to_html_in(&doc, &anchors, size);
                let read = convert_file(&path, &anchors, size, None).unwrap();
                let mut written = Vec::new();
                let toc = convert_file(&path, &anchors, size, Some(&mut written))
                    .unwrap()
                    .toc;
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    held.body,
                    "written in pieces of {size} bytes"
                );
                assert_eq!(toc.len(), held.toc.len());
                assert_eq!(read.body, held.body, "pieces of {size} bytes of {doc:?}");
                let texts = |c: &Converted| {
                    c.toc
                        .iter()
                        .map(|t| (t.anchor.clone(), t.text.clone()))
                        .collect::<Vec<_>>()
                };
                assert_eq!(texts(&read), texts(&held));
            }
        }
    }
}
