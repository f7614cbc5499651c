//! Finding citations: a byte-level prefilter for "art", "§" and DPV ids, then the grammar.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::automaton::{Search, search};
use super::grammar;
use super::parse::{LOOK_BACK, laws_named, names_gdpr, parse_at};
use super::{Citation, Law, Provision, Style};
use crate::law::gdpr;

/// DPV legal-basis identifiers: "A6-1-f", "A9-2-a", "A45-3".
static DPV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^A(?P<a>[0-9]{1,2})-(?P<p>[0-9]{1,2})(?:-(?P<l>[a-z]))?(?-u:\b)")
        .expect("dpv grammar")
});

/// Where a citation can start: "art" in any ASCII case, a DPV id's "A" and a digit, "§",
/// a recital keyword ([`grammar::CANDIDATE`]): by a table compiled with privreg in a short
/// run, by the regex engine's vectorised literal search once a run has read enough text.
static CANDIDATE: Search = search!("candidate", || grammar::CANDIDATE.to_owned());

/// Where the word of a recital stem starts: "Re|cital", "E|rwägungsgrund",
/// "co|nsidérant", "ov|erweging", "mo|tyw".
fn stem_back(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut j = i;
    while j > 0 && i - j < 3 && b[j - 1].is_ascii_alphabetic() {
        j -= 1;
    }
    j
}

/// Every citation in `text`, in order; citations without a law count as GDPR when `implied_gdpr`.
///
/// A citation without a law is a GDPR citation only where the document's context says so:
/// its sentence names the GDPR and no other law, or (naming no law) the document names the
/// GDPR somewhere. Elsewhere its law is unknown, and it is never checked.
pub fn scan(text: &str, implied_gdpr: bool) -> Vec<Citation> {
    scan_to(text, implied_gdpr, usize::MAX)
}

/// The citations [`scan`] finds in `text` whose keyword ("Art.", "§", "Recital") starts
/// before `end`: a citation holds its keyword, so this is every citation within `..end`
/// and the same as `scan` finds there.
pub fn scan_to(text: &str, implied_gdpr: bool, end: usize) -> Vec<Citation> {
    let names_gdpr = OnceLock::new();
    let mut scanner = Scanner::new(text, implied_gdpr, &names_gdpr);
    std::iter::from_fn(|| scanner.next_before(end)).collect()
}

/// The bytes of a piece [`scan_on`] gives a thread: some milliseconds of a citation-dense
/// text, a hundred times what starting a thread costs.
const PIECE: usize = 256 * 1024;

/// [`scan`] on up to `jobs` threads: a text of 512 KB or more is cut at line ends into
/// pieces of 256 KB scanned at once. The result is the same as `scan`'s (see `scan_cut`).
pub fn scan_on(text: &str, implied_gdpr: bool, jobs: usize) -> Vec<Citation> {
    if jobs <= 1 || text.len() < 2 * PIECE {
        return scan(text, implied_gdpr);
    }
    let mut cuts = Vec::with_capacity(text.len() / PIECE);
    let mut at = PIECE;
    while at + PIECE / 2 < text.len() {
        // The next line end, if one is near: a citation rarely spans one.
        let cut = memchr::memchr(b'\n', &text.as_bytes()[at..(at + 4096).min(text.len())])
            .map_or_else(|| crate::source::ceil_boundary(text, at), |i| at + i + 1);
        cuts.push(cut);
        at = cut + PIECE;
    }
    scan_cut(text, implied_gdpr, jobs, &cuts)
}

/// How far before its keyword [`parse_at`] may read, with the `floor` it is given as the
/// bound: a prefix ("point (f) of", [`LOOK_BACK`]) and a law named before that (another
/// look-back), from a keyword a recital stem may have moved back by 3.
const READS_BACK: usize = 2 * LOOK_BACK + 16;

/// [`scan`] of `text` cut at `cuts` (ascending char boundaries), the pieces scanned on
/// `jobs` threads; the same citations as `scan`, whatever the cuts.
///
/// A piece is scanned as if no citation ended within [`READS_BACK`] bytes before it, the
/// only thing the pieces before could change: where the scan of one piece stops and the
/// end of its last citation (the `floor` of the next parse) are all a scan carries over.
/// Where that guess was wrong, the piece is scanned again from where the scan before it
/// stopped, up to the first citation both scans end at: from there on they are the same.
pub(crate) fn scan_cut(
    text: &str,
    implied_gdpr: bool,
    jobs: usize,
    cuts: &[usize],
) -> Vec<Citation> {
    let names_gdpr = OnceLock::new();
    let pieces: Vec<(usize, usize)> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(usize::MAX)))
        .collect();
    let piece = |&(start, end): &(usize, usize)| {
        let mut scanner = Scanner::new(text, implied_gdpr, &names_gdpr);
        scanner.i = start;
        scanner.floor = start.saturating_sub(READS_BACK);
        let found: Vec<Citation> = std::iter::from_fn(|| scanner.next_before(end)).collect();
        (start, end, found, scanner.i, scanner.floor)
    };
    let mut out = Vec::new();
    // Where the scan of the pieces so far stopped, and the end of its last citation.
    let (mut i, mut floor) = (0, 0);
    let taken = crate::parallel::stream(
        jobs,
        &pieces,
        2 * jobs,
        piece,
        |(start, end, found, next_i, next_floor)| {
            if i <= start && floor <= start.saturating_sub(READS_BACK) {
                out.extend(found);
                (i, floor) = (next_i, next_floor);
                return Ok::<(), std::convert::Infallible>(());
            }
            let mut again = Scanner::new(text, implied_gdpr, &names_gdpr);
            (again.i, again.floor) = (i, floor);
            let mut found = found;
            loop {
                let Some(c) = again.next_before(end) else {
                    (i, floor) = (again.i, again.floor);
                    break;
                };
                let c_end = c.span.end;
                out.push(c);
                if let Ok(k) = found.binary_search_by_key(&c_end, |f| f.span.end) {
                    out.extend(found.drain(k + 1..));
                    (i, floor) = (next_i, next_floor);
                    break;
                }
            }
            Ok(())
        },
    );
    match taken {
        Ok(()) => out,
    }
}

/// A scan under way: where it looks next, and the end of the last citation found.
struct Scanner<'t> {
    text: &'t str,
    implied_gdpr: bool,
    context: Context<'t>,
    /// Where the next candidate is looked for.
    i: usize,
    /// The end of the last citation: a look-back of the next parse stops there.
    floor: usize,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str, implied_gdpr: bool, names_gdpr: &'t OnceLock<bool>) -> Self {
        Scanner {
            text,
            implied_gdpr,
            context: Context { names_gdpr },
            i: 0,
            floor: 0,
        }
    }

    /// The next citation whose keyword starts before `end`, if any; none leaves `i` where
    /// the scan stopped.
    fn next_before(&mut self, end: usize) -> Option<Citation> {
        let text = self.text;
        let bytes = text.as_bytes();
        while self.i + 2 < bytes.len() {
            let m = CANDIDATE.find_at(text, self.i)?;
            if m.start >= end {
                return None;
            }
            let mut i = m.start;
            // Where to look again when nothing is found here.
            let mut resume = i + 1;
            if !matches!(bytes[i], b'a' | b'A' | 0xC2) {
                // A recital stem: the keyword starts a letter or two earlier.
                resume = m.end;
                let start = stem_back(text, i);
                if start == i {
                    self.i = resume;
                    continue;
                }
                i = start;
            }
            if i + 2 >= bytes.len() {
                self.i = i;
                return None;
            }
            let b = bytes[i];
            if !word_start(text, i) {
                self.i = resume;
                continue;
            }
            let found = if b == b'A' && bytes[i + 1].is_ascii_digit() {
                dpv(text, i)
            } else {
                article(text, i, self.floor, self.implied_gdpr, &self.context)
            };
            match found {
                Some(c) => {
                    self.i = c.span.end.max(i + 1);
                    self.floor = c.span.end;
                    return Some(c);
                }
                None => self.i = resume,
            }
        }
        None
    }
}

fn word_start(text: &str, i: usize) -> bool {
    // URL paths and identifiers ("/art-6-gdpr/", "my_art") are not prose.
    text[..i].chars().next_back().is_none_or(|c| {
        !c.is_alphanumeric()
            && !matches!(
                c,
                '_' | '/' | '-' | '.' | '=' | '#' | '?' | '&' | '%' | '+' | '@' | '\\' | '~'
            )
    })
}

/// What the document says about the law its bare citations mean, worked out on demand
/// (once, by whichever piece of the text needs it first).
struct Context<'a> {
    names_gdpr: &'a OnceLock<bool>,
}

impl Context<'_> {
    /// The law of a citation at `span` that names none.
    fn bare_law(&self, text: &str, span: std::ops::Range<usize>) -> Law {
        let sentence = sentence(text, span);
        match laws_named(&text[sentence]) {
            (true, false) => Law::Gdpr,
            (_, true) => Law::Unknown(String::new()),
            (false, false) => {
                if *self.names_gdpr.get_or_init(|| names_gdpr(text)) {
                    Law::Gdpr
                } else {
                    Law::Unknown(String::new())
                }
            }
        }
    }
}

/// How far [`sentence`] reads either side of a citation for the law of a bare one.
pub(crate) const SENTENCE_REACH: usize = 300;

/// Whether the byte at `i` of `b` ends a sentence as [`sentence`] reads it: a mark, a space
/// and a word of two letters or more, in either case (a fix that writes "Art." for
/// "article" must not move the boundary), or a line break.
pub(crate) fn ends_sentence(b: &[u8], i: usize) -> bool {
    b[i] == b'\n'
        || matches!(b[i], b'.' | b'!' | b'?' | b';')
            && b.get(i + 1).is_some_and(u8::is_ascii_whitespace)
            && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic)
            && b.get(i + 3)
                .is_some_and(|&c| c.is_ascii_alphabetic() || c >= 0x80)
}

/// The sentence around `span`: back to ". Xy", "; xy", "! ", "? " or a line break, at most
/// [`SENTENCE_REACH`] bytes either side.
fn sentence(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let b = text.as_bytes();
    let ends = |i: usize| ends_sentence(b, i);
    let mut start = span.start;
    let floor = span.start.saturating_sub(SENTENCE_REACH);
    while start > floor && !ends(start - 1) {
        start -= 1;
    }
    let mut end = span.end;
    let ceil = (span.end + SENTENCE_REACH).min(b.len());
    while end < ceil && !ends(end) {
        end += 1;
    }
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end.max(start)
}

fn article(
    text: &str,
    i: usize,
    floor: usize,
    implied_gdpr: bool,
    context: &Context<'_>,
) -> Option<Citation> {
    let p = parse_at(text, i, floor)?;
    let (law, law_implied) = match p.law {
        Some(law) => (law, false),
        None if !implied_gdpr || p.section => return None,
        None => match context.bare_law(text, p.span.clone()) {
            Law::Gdpr => (Law::Gdpr, true),
            other => (other, false),
        },
    };
    // "Art. 0" is an error only where the law is named: bare, it is rarely a citation.
    if p.provisions.iter().any(|p| p.article == 0) && (law_implied || !law.is_known()) {
        return None;
    }
    let mut provisions = p.provisions;
    if law == Law::Gdpr {
        for prov in &mut provisions {
            prov.exists = Some(gdpr::exists(prov).is_ok());
        }
    }
    Some(Citation {
        text: text[p.span.clone()].to_owned(),
        span: p.span,
        law,
        law_implied,
        partial: p.partial,
        provisions,
        style: p.style,
        path: p.path,
    })
}

fn dpv(text: &str, i: usize) -> Option<Citation> {
    let c = DPV.captures(&text[i..])?;
    let end = i + c.get(0)?.end();
    if text[end..].starts_with(['-', '_']) {
        return None;
    }
    let mut prov = Provision {
        article: c["a"].parse().ok()?,
        paragraph: c["p"].parse().ok(),
        point: c.name("l").map(|m| m.as_str().to_owned()),
        ..Provision::default()
    };
    prov.exists = Some(gdpr::exists(&prov).is_ok());
    Some(Citation {
        span: i..end,
        text: text[i..end].to_owned(),
        law: Law::Gdpr,
        law_implied: false,
        partial: false,
        provisions: vec![prov],
        style: Style::Dpv,
        path: i..end,
    })
}
