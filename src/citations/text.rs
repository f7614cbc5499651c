//! Text extraction from Markdown, HTML, source files (JSX/TSX, Vue, Svelte, PHP/Blade,
//! Dart, JSON, ...) and plain text, with a map from text offsets back to the source.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

/// How a file's text is turned into the text that is scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Raw Markdown; emphasis markers, link targets and inline HTML are taken out.
    Markdown,
    /// HTML: tags removed (block tags become line breaks), entities decoded, scripts skipped.
    Html,
    /// Source files and templates where policies of websites live (JSX/TSX, Vue, Svelte,
    /// PHP/Blade, Dart, JSON, ...): tags removed as in HTML, entities (`&nbsp;`, `&#160;`),
    /// string escapes (`\u00a0`, `\xa0`, `\u{a0}`, `\n`) and JSX whitespace (`{" "}`)
    /// decoded.
    Code,
    /// Scanned as it is, except that entities and `\u00a0`-style escapes are decoded.
    Plain,
}

/// The extensions read as [`Format::Code`] (lower case, without the dot).
pub const CODE_EXTENSIONS: &[&str] = &[
    "js",
    "jsx",
    "mjs",
    "cjs",
    "ts",
    "tsx",
    "mts",
    "cts",
    "vue",
    "svelte",
    "astro",
    "php",
    "phtml",
    "twig",
    "erb",
    "hbs",
    "handlebars",
    "mustache",
    "liquid",
    "njk",
    "jinja",
    "j2",
    "dart",
    "json",
    "arb",
    "yaml",
    "yml",
    "xml",
    "xlf",
    "xliff",
    "po",
    "properties",
    "strings",
];

impl Format {
    /// The format for a path: `.md`/`.markdown`, `.html`/`.htm`/`.xhtml`, the
    /// [`CODE_EXTENSIONS`], anything else plain.
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some(ext) if CODE_EXTENSIONS.contains(&ext) => Format::Code,
            _ => Format::Plain,
        }
    }
}

/// Scannable text plus the map back to byte offsets in the source it came from.
#[derive(Debug, Clone)]
pub struct Extracted<'a> {
    /// The text to scan: plain text is its source, borrowed; Markdown and HTML are copies.
    pub text: Cow<'a, str>,
    segments: Vec<Segment>,
    /// Where text in one language begins (`Some("de")`) and where text for every language
    /// resumes (`None`), in text order; empty for a document in one language. A register's
    /// `{de: ..., en: ...}` values are its source.
    pub languages: Vec<(usize, Option<&'static str>)>,
}

/// A run of text that starts at `text` and came from `src`: copied byte for byte, or a
/// replacement (decoded entity, tag turned into a line break) standing for `src_len` bytes.
#[derive(Debug, Clone, Copy)]
struct Segment {
    text: usize,
    src: usize,
    replaced: Option<usize>,
}

/// Builds an [`Extracted`] piece by piece, e.g. from YAML scalars at known source offsets.
#[derive(Debug, Default)]
pub struct Builder {
    text: String,
    segments: Vec<Segment>,
    languages: Vec<(usize, Option<&'static str>)>,
}

/// Extracts the scannable text of `src` in `format`.
pub fn extract(format: Format, src: &str) -> Extracted<'_> {
    match format {
        // Most plain text has nothing to decode: one pass over its bytes tells.
        Format::Plain if !src.bytes().any(|b| b == b'&' || b == b'\\') => Extracted::identity(src),
        _ => markup(src, format),
    }
}

impl<'a> Extracted<'a> {
    /// Text that is its own source.
    pub fn identity(text: &'a str) -> Extracted<'a> {
        Extracted::with_offset(text, 0)
    }

    /// Text unchanged from the source starting at byte `source_offset`, borrowed: a
    /// policy of hundreds of megabytes is scanned where it lies.
    pub fn with_offset(text: &'a str, source_offset: usize) -> Extracted<'a> {
        let segments = if text.is_empty() {
            Vec::new()
        } else {
            vec![Segment {
                text: 0,
                src: source_offset,
                replaced: None,
            }]
        };
        Extracted {
            text: Cow::Borrowed(text),
            segments,
            languages: Vec::new(),
        }
    }

    /// The source byte offset of the text byte offset `text_offset`.
    pub fn to_source(&self, text_offset: usize) -> usize {
        let i = self
            .segments
            .partition_point(|s| s.text <= text_offset)
            .saturating_sub(1);
        let Some(seg) = self.segments.get(i) else {
            return text_offset;
        };
        match seg.replaced {
            None => seg.src + (text_offset - seg.text),
            Some(_) if text_offset == seg.text => seg.src,
            Some(len) => seg.src + len,
        }
    }

    /// The source range of a text range; the end covers the whole source of the last character.
    pub fn span_to_source(&self, r: Range<usize>) -> Range<usize> {
        let start = self.to_source(r.start);
        if r.end <= r.start {
            return start..start;
        }
        let mut last = r.end - 1;
        while !self.text.is_char_boundary(last) {
            last -= 1;
        }
        let i = self
            .segments
            .partition_point(|s| s.text <= last)
            .saturating_sub(1);
        let end = match self.segments.get(i) {
            Some(Segment {
                replaced: Some(len),
                src,
                ..
            }) => src + len,
            _ => self.to_source(last) + (r.end - last),
        };
        start..end.max(start)
    }

    /// True when the text range is a byte-for-byte copy of its source range (safe to rewrite).
    pub fn is_verbatim(&self, r: Range<usize>) -> bool {
        let i = self
            .segments
            .partition_point(|s| s.text <= r.start)
            .saturating_sub(1);
        let Some(seg) = self.segments.get(i) else {
            return r.is_empty();
        };
        let seg_end = self.segments.get(i + 1).map_or(self.text.len(), |s| s.text);
        seg.replaced.is_none() && seg.text <= r.start && r.end <= seg_end
    }
}

impl Builder {
    /// Appends `s`, which is a verbatim copy of the source at `src_start`.
    pub fn push_copy(&mut self, s: &str, src_start: usize) {
        if s.is_empty() {
            return;
        }
        let contiguous = self.segments.last().is_some_and(|last| {
            last.replaced.is_none() && last.src + (self.text.len() - last.text) == src_start
        });
        if !contiguous {
            self.segments.push(Segment {
                text: self.text.len(),
                src: src_start,
                replaced: None,
            });
        }
        self.text.push_str(s);
    }

    /// Appends `s`, which stands for the `src_len` source bytes at `src_start` (an escape, an entity).
    pub fn push_replacement(&mut self, s: &str, src_start: usize, src_len: usize) {
        if s.is_empty() {
            return;
        }
        self.segments.push(Segment {
            text: self.text.len(),
            src: src_start,
            replaced: Some(src_len),
        });
        self.text.push_str(s);
    }

    /// The finished text and map.
    pub fn finish(self) -> Extracted<'static> {
        Extracted {
            text: Cow::Owned(self.text),
            segments: self.segments,
            languages: self.languages,
        }
    }

    /// Marks the text appended from here on as written in `lang`, or (`None`) for every
    /// language.
    pub fn language(&mut self, lang: Option<&'static str>) {
        self.languages.push((self.text.len(), lang));
    }
}

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

fn markup(src: &str, format: Format) -> Extracted<'static> {
    let markdown = format == Format::Markdown;
    let tags = matches!(format, Format::Html | Format::Markdown | Format::Code);
    let code = format == Format::Code;
    let escapes = matches!(format, Format::Code | Format::Plain);
    let bytes = src.as_bytes();
    let mut b = Builder::default();
    let mut copy_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let skip = match bytes[i] {
            b'<' if tags => tag(src, i).map(|(end, block)| (end, if block { "\n" } else { "" })),
            b'&' => entity(src, i),
            b'\\' if escapes => escape(src, i, code),
            b'{' if code => jsx_space(src, i),
            b'*' | b'`' if markdown => Some((i + 1, "")),
            b']' if markdown && bytes.get(i + 1) == Some(&b'(') => {
                // Link targets are URLs, not prose: "[Art. 6 GDPR](https://…/art-6-gdpr/)".
                src[i + 2..].find([')', '\n']).map(|k| (i + 2 + k + 1, ""))
            }
            _ => None,
        };
        match skip {
            Some((end, replacement)) => {
                b.push_copy(&src[copy_from..i], copy_from);
                if markdown && bytes[i] == b']' {
                    b.push_copy("]", i);
                } else {
                    b.push_replacement(replacement, i, end - i);
                }
                i = end;
                copy_from = end;
            }
            None => i += 1,
        }
    }
    b.push_copy(&src[copy_from..], copy_from);
    b.finish()
}

/// The end of the tag, comment or raw-text element at `i`, and whether it breaks a block.
fn tag(src: &str, i: usize) -> Option<(usize, bool)> {
    let rest = &src[i..];
    if rest.starts_with("<!--") {
        return Some((i + rest.find("-->").map_or(rest.len(), |k| k + 3), false));
    }
    let bytes = rest.as_bytes();
    let name_start = if bytes.get(1) == Some(&b'/') { 2 } else { 1 };
    if !bytes
        .get(name_start)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'!' || *c == b'?')
    {
        return None;
    }
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .count();
    let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
    let mut quote = None;
    let mut end = None;
    for (k, &c) in bytes.iter().enumerate().skip(name_start + name_len) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => {
                end = Some(k + 1);
                break;
            }
            (None, b'<') => return None,
            _ => {}
        }
    }
    let mut end = i + end?;
    if name_start == 1 && (name == "script" || name == "style") {
        let close = format!("</{name}");
        let lower = src[end..].to_ascii_lowercase();
        end = lower.find(&close).map_or(src.len(), |k| {
            let after = end + k;
            after + src[after..].find('>').map_or(src.len() - after, |g| g + 1)
        });
        return Some((end, true));
    }
    Some((end, BLOCK_TAGS.contains(&name.as_str())))
}

/// A string escape at `i` (a backslash) that stands for a character of prose, and its end:
/// `\u00a0`, `\u{a0}`, `\xa0`; in source files also `\n`, `\r` and `\t`.
fn escape(src: &str, i: usize, code: bool) -> Option<(usize, &'static str)> {
    let b = src.as_bytes();
    let hex = |from: usize, len: usize| -> Option<u32> {
        let h = src.get(from..from + len)?;
        h.bytes()
            .all(|c| c.is_ascii_hexdigit())
            .then(|| u32::from_str_radix(h, 16).ok())?
    };
    match *b.get(i + 1)? {
        b'u' if b.get(i + 2) == Some(&b'{') => {
            let close = crate::source::prefix_within(&src[i + 3..], 8).find('}')?;
            let code = hex(i + 3, close)?;
            Some((i + 3 + close + 1, numeric_char(code)?))
        }
        b'u' => Some((i + 6, numeric_char(hex(i + 2, 4)?)?)),
        b'x' => Some((i + 4, numeric_char(hex(i + 2, 2)?)?)),
        b'n' | b'r' if code => Some((i + 2, "\n")),
        b't' if code => Some((i + 2, " ")),
        _ => None,
    }
}

/// JSX whitespace at `i`: `{" "}`, `{' '}`, `{"\u00a0"}`, `{`&nbsp;`}`, and its end.
fn jsx_space(src: &str, i: usize) -> Option<(usize, &'static str)> {
    let rest = crate::source::prefix_within(&src[i + 1..], 16);
    let q = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let close = rest[1..].find(q)? + 1;
    let inner = &rest[1..close];
    if !rest[close + 1..].starts_with('}') {
        return None;
    }
    let end = i + 1 + close + 2;
    let decoded = if inner.chars().all(|c| c == ' ') && !inner.is_empty() {
        " "
    } else {
        match inner {
            r"\u00a0" | r"\u00A0" | r"\xa0" | r"\xA0" | r"\u{a0}" | r"\u{A0}" | "&nbsp;"
            | "&#160;" | r"\u{00a0}" | r"\u{00A0}" | r"\u202f" | r"\u202F" => "\u{a0}",
            r"\n" => "\n",
            _ if inner.chars().all(|c| c == '\u{a0}') && !inner.is_empty() => "\u{a0}",
            _ => return None,
        }
    };
    Some((end, decoded))
}

/// A decoded character reference at `i` and its end.
fn entity(src: &str, i: usize) -> Option<(usize, &'static str)> {
    let rest = &src[i + 1..];
    let semi = crate::source::prefix_within(rest, 12).find(';')?;
    let name = &rest[..semi];
    let end = i + 1 + semi + 1;
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some((end, numeric_char(code)?));
    }
    let s = match name {
        "nbsp" => "\u{a0}",
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "sect" => "§",
        "shy" => "",
        "auml" => "ä",
        "ouml" => "ö",
        "uuml" => "ü",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "szlig" => "ß",
        "eacute" => "é",
        "egrave" => "è",
        "agrave" => "à",
        "ccedil" => "ç",
        "thinsp" => "\u{2009}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "copy" => "©",
        _ => return None,
    };
    Some((end, s))
}

/// Characters a numeric reference may stand for; others stay undecoded (rare in prose).
fn numeric_char(code: u32) -> Option<&'static str> {
    // A static table keeps the decoded text borrowable; it covers what policies use.
    Some(match code {
        32 => " ",
        34 => "\"",
        38 => "&",
        39 => "'",
        40 => "(",
        41 => ")",
        45 => "-",
        46 => ".",
        60 => "<",
        62 => ">",
        160 => "\u{a0}",
        167 => "§",
        173 => "",
        228 => "ä",
        246 => "ö",
        252 => "ü",
        196 => "Ä",
        214 => "Ö",
        220 => "Ü",
        223 => "ß",
        233 => "é",
        8194 => "\u{2002}",
        8195 => "\u{2003}",
        8201 => "\u{2009}",
        8202 => "\u{200a}",
        8209 => "\u{2011}",
        8211 => "\u{2013}",
        8212 => "\u{2014}",
        8216 => "‘",
        8217 => "’",
        8220 => "“",
        8221 => "”",
        8222 => "„",
        8239 => "\u{202f}",
        10 => "\n",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_tags_vanish_and_entities_decode() {
        let src = "<p>Art.&nbsp;6 <b>Abs.</b>&#160;1 lit.&nbsp;f DSGVO</p><script>Art. 99</script>";
        let e = extract(Format::Html, src);
        assert_eq!(e.text, "\nArt.\u{a0}6 Abs.\u{a0}1 lit.\u{a0}f DSGVO\n\n");
        let at = e.text.find("Abs.").unwrap();
        assert_eq!(e.to_source(at), src.find("Abs.").unwrap());
        let f = e.text.find("f DSGVO").unwrap();
        assert_eq!(e.to_source(f), src.find("f DSGVO").unwrap());
    }

    #[test]
    fn span_end_covers_a_decoded_entity() {
        let src = "x &amp; y";
        let e = extract(Format::Html, src);
        assert_eq!(e.text, "x & y");
        assert_eq!(e.span_to_source(2..3), 2..7);
        assert_eq!(e.span_to_source(0..5), 0..9);
    }

    #[test]
    fn markdown_drops_emphasis_and_link_targets() {
        let src = "**Art. 6(1)(f) GDPR** and [Art. 6 GDPR](https://example.org/art-6-gdpr/).";
        let e = extract(Format::Markdown, src);
        assert_eq!(e.text, "Art. 6(1)(f) GDPR and [Art. 6 GDPR].");
        let at = e.text.find("and").unwrap();
        assert_eq!(e.to_source(at), src.find("and").unwrap());
    }

    #[test]
    fn builder_maps_pieces_at_their_offsets() {
        let mut b = Builder::default();
        b.push_copy("Art. 6", 100);
        b.push_replacement("\n", 106, 2);
        b.push_copy("GDPR", 108);
        let e = b.finish();
        assert_eq!(e.text, "Art. 6\nGDPR");
        assert_eq!(e.to_source(7), 108);
        assert_eq!(e.span_to_source(0..11), 100..112);
        assert!(e.is_verbatim(0..6));
        assert!(!e.is_verbatim(0..11));
    }

    #[test]
    fn source_files_decode_entities_escapes_and_jsx_whitespace() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "p.tsx",
                "<p>Art.&nbsp;6 Abs.{\" \"}1 lit.&#160;f DSGVO</p>",
                "Art.\u{a0}6 Abs. 1 lit.\u{a0}f DSGVO",
            ),
            (
                "p.jsx",
                "<li>Art.{' '}6(1)(f){\"\\u00a0\"}GDPR</li>",
                "Art. 6(1)(f)\u{a0}GDPR",
            ),
            (
                "p.json",
                "{\"basis\": \"Art.\\u00a06 Abs.\\u00a01 lit. f DSGVO\"}",
                "Art.\u{a0}6 Abs.\u{a0}1 lit. f DSGVO",
            ),
            (
                "p.dart",
                "Text('Art.\\u{a0}6 para.\\xa01 lit. f GDPR')",
                "Art.\u{a0}6 para.\u{a0}1 lit. f GDPR",
            ),
            (
                "p.vue",
                "<template><p>Art.&nbsp;6 Abs.&nbsp;1 lit.&nbsp;f DSGVO</p></template>",
                "Art.\u{a0}6 Abs.\u{a0}1 lit.\u{a0}f DSGVO",
            ),
            (
                "p.blade.php",
                "<?php echo $x; ?><p>Art.&nbsp;6 Abs.&nbsp;1 lit.&nbsp;f DSGVO</p>",
                "Art.\u{a0}6 Abs.\u{a0}1 lit.\u{a0}f DSGVO",
            ),
            (
                "p.svelte",
                "<p>Art. 6 Abs. 1 lit.&nbsp;f DSGVO</p>",
                "Art. 6 Abs. 1 lit.\u{a0}f DSGVO",
            ),
            (
                "p.txt",
                "Art.&nbsp;6 Abs.\\u00a01 lit. f DSGVO",
                "Art.\u{a0}6 Abs.\u{a0}1 lit. f DSGVO",
            ),
        ];
        for (name, src, want) in cases {
            let format = Format::from_path(Path::new(name));
            let e = extract(format, src);
            assert!(e.text.contains(want), "{name}: {:?}", e.text);
            // Positions map back: the citation's start and end are the source's.
            let at = e.text.find(want).unwrap();
            let span = e.span_to_source(at..at + want.len());
            assert!(
                src[span.clone()].starts_with("Art."),
                "{name}: {:?}",
                &src[span.clone()]
            );
            assert!(
                src[span.clone()].ends_with("GDPR") || src[span].ends_with("DSGVO"),
                "{name}"
            );
        }
    }

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(Format::from_path(Path::new("Privacy.tsx")), Format::Code);
        assert_eq!(
            Format::from_path(Path::new("privacy.blade.php")),
            Format::Code
        );
        assert_eq!(Format::from_path(Path::new("strings.JSON")), Format::Code);
        assert_eq!(Format::from_path(Path::new("a.MD")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("a.htm")), Format::Html);
        assert_eq!(Format::from_path(Path::new("a.txt")), Format::Plain);
    }
}
