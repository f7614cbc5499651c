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
    /// The text to scan: plain text is its source, borrowed; Markdown and HTML are copies,
    /// or the source's own buffer rewritten in place ([`extract_owned`]).
    pub text: Cow<'a, str>,
    map: Map,
    /// Where text in one language begins (`Some("de")`) and where text for every language
    /// resumes (`None`), in text order; empty for a document in one language. A register's
    /// `{de: ..., en: ...}` values are its source.
    pub languages: Vec<(usize, Option<&'static str>)>,
}

/// Where text stands in its source: one entry per replacement (a decoded entity, a tag
/// turned into a line break) and per jump (markup taken out). Between two entries the text
/// is a byte-for-byte copy, so the map of a policy costs 16 bytes per piece of markup; it
/// cost 64 (two 32-byte segments) and was as large as the text of tag-dense HTML.
#[derive(Debug, Clone)]
enum Map {
    /// Every offset below 4 GiB: a file `lint` reads (at most 1 GiB) always is.
    Narrow(Vec<Entry<u32>>),
    /// Any offset.
    Wide(Vec<Entry<u64>>),
}

/// Text `text..text + len` stands for source `src..src + src_len` (a replacement when
/// `len > 0`, a jump over markup otherwise); after it, text `text + len..` is a copy of
/// the source from `src + src_len`, up to the next entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry<O> {
    text: O,
    src: O,
    len: O,
    src_len: O,
}

/// An offset type of [`Map`].
trait Offset: Copy {
    fn narrow(v: usize) -> Option<Self>;
    fn get(self) -> usize;
}

impl Offset for u32 {
    fn narrow(v: usize) -> Option<Self> {
        u32::try_from(v).ok()
    }
    fn get(self) -> usize {
        self as usize
    }
}

impl Offset for u64 {
    fn narrow(v: usize) -> Option<Self> {
        u64::try_from(v).ok()
    }
    fn get(self) -> usize {
        usize::try_from(self).unwrap_or(usize::MAX)
    }
}

impl<O: Offset> Entry<O> {
    fn get(self) -> Entry<usize> {
        Entry {
            text: self.text.get(),
            src: self.src.get(),
            len: self.len.get(),
            src_len: self.src_len.get(),
        }
    }

    fn narrow(e: Entry<usize>) -> Option<Entry<O>> {
        Some(Entry {
            text: O::narrow(e.text)?,
            src: O::narrow(e.src)?,
            len: O::narrow(e.len)?,
            src_len: O::narrow(e.src_len)?,
        })
    }
}

impl Entry<usize> {
    /// The source offset of text offset `x`, which lies at or after this entry's start.
    fn source_of(self, x: usize) -> usize {
        if x < self.text + self.len {
            if x == self.text {
                self.src
            } else {
                self.src + self.src_len
            }
        } else {
            self.src + self.src_len + (x - self.text - self.len)
        }
    }

    /// The end of the replacement this entry starts with.
    fn copy_start(self) -> usize {
        self.text + self.len
    }
}

impl Default for Map {
    fn default() -> Self {
        Map::Narrow(Vec::new())
    }
}

impl Map {
    fn push(&mut self, e: Entry<usize>) {
        match self {
            Map::Narrow(v) => match Entry::narrow(e) {
                Some(n) => v.push(n),
                None => {
                    let mut wide: Vec<Entry<u64>> = v
                        .iter()
                        .map(|n| Entry::narrow(n.get()).expect("a u32 fits a u64"))
                        .collect();
                    wide.push(Entry::narrow(e).expect("a usize fits a u64"));
                    *self = Map::Wide(wide);
                }
            },
            Map::Wide(v) => v.push(Entry::narrow(e).expect("a usize fits a u64")),
        }
    }

    fn len(&self) -> usize {
        match self {
            Map::Narrow(v) => v.len(),
            Map::Wide(v) => v.len(),
        }
    }

    fn get(&self, i: usize) -> Option<Entry<usize>> {
        match self {
            Map::Narrow(v) => v.get(i).map(|e| e.get()),
            Map::Wide(v) => v.get(i).map(|e| e.get()),
        }
    }

    fn last(&self) -> Option<Entry<usize>> {
        self.get(self.len().checked_sub(1)?)
    }

    /// The index of the last entry that starts at or before text offset `x`.
    fn find(&self, x: usize) -> Option<usize> {
        let after = match self {
            Map::Narrow(v) => v.partition_point(|e| e.text.get() <= x),
            Map::Wide(v) => v.partition_point(|e| e.text.get() <= x),
        };
        after.checked_sub(1)
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Map::Narrow(v) => v.shrink_to_fit(),
            Map::Wide(v) => v.shrink_to_fit(),
        }
    }
}

/// Builds an [`Extracted`] piece by piece, e.g. from YAML scalars at known source offsets.
#[derive(Debug, Default)]
pub struct Builder {
    text: String,
    map: Map,
    languages: Vec<(usize, Option<&'static str>)>,
}

/// The map of an extraction and the length of its text, built without the text (the
/// first pass of [`extract_owned`]), and whether the text can be written over its source.
#[derive(Debug)]
struct Mapper<'s> {
    map: Map,
    text_len: usize,
    src: &'s str,
    format: Format,
    in_place: bool,
}

impl Mapper<'_> {
    fn copy(&mut self, len: usize, src_start: usize) {
        if len == 0 {
            return;
        }
        let contiguous = self.map.last().is_some_and(|last| {
            last.src + last.src_len + (self.text_len - last.copy_start()) == src_start
        });
        if !contiguous {
            self.jump(src_start);
        }
        self.text_len += len;
    }

    fn jump(&mut self, src_start: usize) {
        self.in_place &= self.text_len <= src_start;
        self.map.push(Entry {
            text: self.text_len,
            src: src_start,
            len: 0,
            src_len: 0,
        });
    }

    fn replacement(&mut self, s: &str, src_start: usize, src_len: usize) {
        if s.is_empty() {
            return;
        }
        // The rewrite decodes each replacement again from its source alone, before it
        // writes there: that must give the same text, and never write past what it read.
        let token = self.src.get(src_start..src_start + src_len).unwrap_or("");
        self.in_place &= self.text_len <= src_start
            && s.len() <= src_len
            && replacement_at(token, self.format) == s;
        self.map.push(Entry {
            text: self.text_len,
            src: src_start,
            len: s.len(),
            src_len,
        });
        self.text_len += s.len();
    }
}

/// Where extracted text goes: a new string, or nowhere (only the map is made).
trait Sink {
    fn copy(&mut self, s: &str, src_start: usize);
    fn replacement(&mut self, s: &str, src_start: usize, src_len: usize);
}

impl Sink for Builder {
    fn copy(&mut self, s: &str, src_start: usize) {
        self.push_copy(s, src_start);
    }
    fn replacement(&mut self, s: &str, src_start: usize, src_len: usize) {
        self.push_replacement(s, src_start, src_len);
    }
}

impl Sink for Mapper<'_> {
    fn copy(&mut self, s: &str, src_start: usize) {
        Mapper::copy(self, s.len(), src_start);
    }
    fn replacement(&mut self, s: &str, src_start: usize, src_len: usize) {
        Mapper::replacement(self, s, src_start, src_len);
    }
}

/// Extracts the scannable text of `src` in `format`.
pub fn extract(format: Format, src: &str) -> Extracted<'_> {
    if needs_markup(format, src) {
        let mut b = Builder::default();
        markup(src, format, &mut b);
        b.finish()
    } else {
        Extracted::identity(src)
    }
}

/// Whether the text of `src` in `format` differs from `src`; if not it is scanned as it is.
pub(crate) fn needs_markup(format: Format, src: &str) -> bool {
    // Most plain text has nothing to decode: one pass over its bytes tells.
    format != Format::Plain || memchr::memchr2(b'&', b'\\', src.as_bytes()).is_some()
}

/// [`extract`] that takes the source and writes the text over it: a policy of hundreds of
/// megabytes in Markdown or HTML is never held twice. The map is made first, reading the
/// source; then each piece of text moves to its place, which never lies after the piece's
/// own place in the source, as no replacement is longer than what it replaces.
pub fn extract_owned(format: Format, src: String) -> Extracted<'static> {
    if !needs_markup(format, &src) {
        let map = Extracted::with_offset(&src, 0).map;
        return Extracted {
            text: Cow::Owned(src),
            map,
            languages: Vec::new(),
        };
    }
    let mut m = Mapper {
        map: Map::default(),
        text_len: 0,
        src: &src,
        format,
        in_place: true,
    };
    markup(&src, format, &mut m);
    let (mut map, text_len, in_place) = (m.map, m.text_len, m.in_place);
    if !in_place {
        let mut b = Builder::default();
        markup(&src, format, &mut b);
        return b.finish();
    }
    let mut bytes = src.into_bytes();
    for i in 0..map.len() {
        let Some(e) = map.get(i) else { break };
        if e.len > 0 {
            // The source of this entry lies at or after everything written so far.
            let token = std::str::from_utf8(&bytes[e.src..e.src + e.src_len]).unwrap_or("");
            let r = replacement_at(token, format).as_bytes();
            let n = r.len().min(e.len);
            bytes[e.text..e.text + n].copy_from_slice(&r[..n]);
        }
        let end = map.get(i + 1).map_or(text_len, |next| next.text);
        let from = e.src + e.src_len;
        bytes.copy_within(from..from + (end - e.copy_start()), e.copy_start());
    }
    bytes.truncate(text_len);
    bytes.shrink_to_fit();
    // Pieces start and end at ASCII bytes or whole characters: the lossy branch is never taken.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    map.shrink_to_fit();
    Extracted {
        text: Cow::Owned(text),
        map,
        languages: Vec::new(),
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
        let mut map = Map::default();
        if !text.is_empty() {
            map.push(Entry {
                text: 0,
                src: source_offset,
                len: 0,
                src_len: 0,
            });
        }
        Extracted {
            text: Cow::Borrowed(text),
            map,
            languages: Vec::new(),
        }
    }

    /// The source byte offset of the text byte offset `text_offset`.
    pub fn to_source(&self, text_offset: usize) -> usize {
        match self.map.find(text_offset).and_then(|i| self.map.get(i)) {
            Some(e) => e.source_of(text_offset),
            None => text_offset,
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
        let end = match self.map.find(last).and_then(|i| self.map.get(i)) {
            Some(e) if last < e.copy_start() => e.src + e.src_len,
            _ => self.to_source(last) + (r.end - last),
        };
        start..end.max(start)
    }

    /// True when the text range is a byte-for-byte copy of its source range (safe to rewrite).
    pub fn is_verbatim(&self, r: Range<usize>) -> bool {
        let Some(i) = self.map.find(r.start) else {
            return r.is_empty();
        };
        let Some(e) = self.map.get(i) else {
            return r.is_empty();
        };
        let copy_end = self.map.get(i + 1).map_or(self.text.len(), |n| n.text);
        // Past a replacement that ends the text, no copy follows it.
        (e.len == 0 || e.copy_start() < copy_end) && e.copy_start() <= r.start && r.end <= copy_end
    }
}

impl Builder {
    /// Appends `s`, which is a verbatim copy of the source at `src_start`.
    pub fn push_copy(&mut self, s: &str, src_start: usize) {
        if s.is_empty() {
            return;
        }
        let text_len = self.text.len();
        let contiguous = self.map.last().is_some_and(|last| {
            last.src + last.src_len + (text_len - last.copy_start()) == src_start
        });
        if !contiguous {
            self.map.push(Entry {
                text: text_len,
                src: src_start,
                len: 0,
                src_len: 0,
            });
        }
        self.text.push_str(s);
    }

    /// Appends `s`, which stands for the `src_len` source bytes at `src_start` (an escape, an entity).
    pub fn push_replacement(&mut self, s: &str, src_start: usize, src_len: usize) {
        if s.is_empty() {
            return;
        }
        self.map.push(Entry {
            text: self.text.len(),
            src: src_start,
            len: s.len(),
            src_len,
        });
        self.text.push_str(s);
    }

    /// The finished text and map.
    pub fn finish(self) -> Extracted<'static> {
        Extracted {
            text: Cow::Owned(self.text),
            map: self.map,
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

/// What `format` makes of the markup at byte `i` of `src`: where it ends and the text it
/// stands for; `None` where `src[i]` starts no markup.
fn skip_at(src: &str, i: usize, format: Format) -> Option<(usize, &'static str)> {
    let markdown = format == Format::Markdown;
    let tags = matches!(format, Format::Html | Format::Markdown | Format::Code);
    let code = format == Format::Code;
    let escapes = matches!(format, Format::Code | Format::Plain);
    let bytes = src.as_bytes();
    match bytes[i] {
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
    }
}

/// The text the markup `token` (one whole piece of markup) stands for.
fn replacement_at(token: &str, format: Format) -> &'static str {
    if token.is_empty() {
        return "";
    }
    skip_at(token, 0, format).map_or("", |(_, r)| r)
}

fn markup(src: &str, format: Format, b: &mut impl Sink) {
    let markdown = format == Format::Markdown;
    let bytes = src.as_bytes();
    // Bytes that can start markup, skipped over without a call for each other byte.
    let mut starts = [false; 256];
    for b in [b'<', b'&', b'\\', b'{', b'*', b'`', b']'] {
        starts[usize::from(b)] = true;
    }
    let mut copy_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i..].iter().position(|&b| starts[usize::from(b)]) {
            Some(k) => i += k,
            None => break,
        }
        match skip_at(src, i, format) {
            Some((end, replacement)) => {
                b.copy(&src[copy_from..i], copy_from);
                if markdown && bytes[i] == b']' {
                    b.copy("]", i);
                } else {
                    b.replacement(replacement, i, end - i);
                }
                i = end;
                copy_from = end;
            }
            None => i += 1,
        }
    }
    b.copy(&src[copy_from..], copy_from);
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
        // Compared in place: a lower-case copy of the rest of the file for each script
        // cost its size in memory, and time quadratic in the number of scripts.
        let close = format!("</{name}");
        let found = src.as_bytes()[end..]
            .windows(close.len())
            .position(|w| w.eq_ignore_ascii_case(close.as_bytes()));
        end = found.map_or(src.len(), |k| {
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

    /// The map as it was before entries: a segment per copied run and per replacement,
    /// kept as the reference the compact map must agree with.
    #[derive(Default)]
    struct Reference {
        text: String,
        segments: Vec<(usize, usize, Option<usize>)>,
    }

    impl Sink for Reference {
        fn copy(&mut self, s: &str, src_start: usize) {
            if s.is_empty() {
                return;
            }
            let contiguous = self.segments.last().is_some_and(|&(t, src, replaced)| {
                replaced.is_none() && src + (self.text.len() - t) == src_start
            });
            if !contiguous {
                self.segments.push((self.text.len(), src_start, None));
            }
            self.text.push_str(s);
        }
        fn replacement(&mut self, s: &str, src_start: usize, src_len: usize) {
            if s.is_empty() {
                return;
            }
            self.segments
                .push((self.text.len(), src_start, Some(src_len)));
            self.text.push_str(s);
        }
    }

    impl Reference {
        fn at(&self, x: usize) -> Option<usize> {
            self.segments.partition_point(|s| s.0 <= x).checked_sub(1)
        }

        fn to_source(&self, x: usize) -> usize {
            let Some(i) = self.at(x) else { return x };
            match self.segments[i] {
                (t, src, None) => src + (x - t),
                (t, src, Some(_)) if x == t => src,
                (_, src, Some(len)) => src + len,
            }
        }

        fn span_to_source(&self, r: Range<usize>) -> Range<usize> {
            let start = self.to_source(r.start);
            if r.end <= r.start {
                return start..start;
            }
            let mut last = r.end - 1;
            while !self.text.is_char_boundary(last) {
                last -= 1;
            }
            let end = match self.at(last).map(|i| self.segments[i]) {
                Some((_, src, Some(len))) => src + len,
                _ => self.to_source(last) + (r.end - last),
            };
            start..end.max(start)
        }

        fn is_verbatim(&self, r: Range<usize>) -> bool {
            let Some(i) = self.at(r.start) else {
                return r.is_empty();
            };
            let (t, _, replaced) = self.segments[i];
            let end = self.segments.get(i + 1).map_or(self.text.len(), |s| s.0);
            replaced.is_none() && t <= r.start && r.end <= end
        }
    }

    const MARKUP: &[&str] = &[
        "Art. 6",
        " ",
        "\n",
        "ä",
        "€",
        "𝔄",
        "<p>",
        "</p>",
        "<b>",
        "</B>",
        "<br/>",
        "<p class=\"a>b\">",
        "<script>x<p>",
        "</SCRIPT >",
        "<style>",
        "</style>",
        "<!-- c -->",
        "<",
        ">",
        "&",
        "&nbsp;",
        "&amp;",
        "&#160;",
        "&#8212;",
        "&#x41;",
        "&bogus;",
        "&shy;",
        "\\u00a0",
        "\\u{a0}",
        "\\xa0",
        "\\n",
        "\\t",
        "\\",
        "{\" \"}",
        "{'\\u00a0'}",
        "{",
        "}",
        "*",
        "`",
        "[a](http://x)",
        "](",
        ")",
        "]",
    ];

    fn markup_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(MARKUP), 0..60).prop_map(|p| p.concat())
    }

    fn formats() -> impl Strategy<Value = Format> {
        prop::sample::select(&[Format::Markdown, Format::Html, Format::Code, Format::Plain][..])
    }

    fn agree(e: &Extracted, r: &Reference, ranges: &[(usize, usize)]) -> Result<(), TestCaseError> {
        prop_assert_eq!(&*e.text, r.text.as_str());
        let n = r.text.len();
        for x in 0..=n {
            prop_assert_eq!(e.to_source(x), r.to_source(x), "to_source({})", x);
        }
        let bounds: Vec<usize> = (0..=n).filter(|&i| r.text.is_char_boundary(i)).collect();
        for &(a, b) in ranges {
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            for range in [a..b, a.min(b)..a.max(b)] {
                prop_assert_eq!(
                    e.span_to_source(range.clone()),
                    r.span_to_source(range.clone())
                );
                prop_assert_eq!(e.is_verbatim(range.clone()), r.is_verbatim(range));
            }
        }
        Ok(())
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Issue 19: the compact map, made with the text or before it, and the text written
        /// over its source, agree with the segment map at every offset and range.
        #[test]
        fn the_compact_map_and_the_rewrite_agree_with_the_segments(
            src in markup_text(),
            format in formats(),
            ranges in prop::collection::vec((0..400_usize, 0..400_usize), 0..40),
        ) {
            let mut reference = Reference::default();
            if needs_markup(format, &src) {
                markup(&src, format, &mut reference);
            } else {
                reference.copy(&src, 0);
            }
            agree(&extract(format, &src), &reference, &ranges)?;
            agree(&extract_owned(format, src.clone()), &reference, &ranges)?;
        }
    }

    #[test]
    fn a_script_ends_at_its_closing_tag_in_any_case() {
        let src = "<p>a</p><SCRIPT>Art. 99 GDPR</sCrIpT >b<style>x</STYLE>c";
        assert_eq!(extract(Format::Html, src).text, "\na\n\nb\nc");
        assert_eq!(
            extract_owned(Format::Html, src.to_owned()).text,
            "\na\n\nb\nc"
        );
    }

    #[cfg(target_pointer_width = "64")]
    #[test]
    fn offsets_beyond_4_gib_widen_the_map() {
        let far = 5_000_000_000;
        let mut b = Builder::default();
        b.push_copy("Art. 6", 10);
        b.push_replacement("\n", 16, 3);
        b.push_copy("GDPR", far);
        let e = b.finish();
        assert_eq!(e.to_source(2), 12);
        assert_eq!(e.to_source(6), 16);
        assert_eq!(e.to_source(9), far + 2);
        assert_eq!(e.span_to_source(7..11), far..far + 4);
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
