//! Finding citations: a byte-level prefilter for "art", "§" and DPV ids, then the grammar.

use std::sync::LazyLock;

use regex::Regex;

use super::automaton::{Search, search};
use super::grammar;
use super::parse::{laws_named, names_gdpr, parse_at};
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
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut context = Context::default();
    let mut floor = 0;
    let mut i = 0;
    while i + 2 < bytes.len() {
        let Some(m) = CANDIDATE.find_at(text, i) else {
            break;
        };
        if m.start >= end {
            break;
        }
        i = m.start;
        // Where to look again when nothing is found here.
        let mut resume = i + 1;
        if !matches!(bytes[i], b'a' | b'A' | 0xC2) {
            // A recital stem: the keyword starts a letter or two earlier.
            resume = m.end;
            let start = stem_back(text, i);
            if start == i {
                i = resume;
                continue;
            }
            i = start;
        }
        if i + 2 >= bytes.len() {
            break;
        }
        let b = bytes[i];
        if !word_start(text, i) {
            i = resume;
            continue;
        }
        let found = if b == b'A' && bytes[i + 1].is_ascii_digit() {
            dpv(text, i)
        } else {
            article(text, i, floor, implied_gdpr, &mut context)
        };
        match found {
            Some(c) => {
                i = c.span.end.max(i + 1);
                floor = c.span.end;
                out.push(c);
            }
            None => i = resume,
        }
    }
    out
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

/// What the document says about the law its bare citations mean, worked out on demand.
#[derive(Default)]
struct Context {
    names_gdpr: Option<bool>,
}

impl Context {
    /// The law of a citation at `span` that names none.
    fn bare_law(&mut self, text: &str, span: std::ops::Range<usize>) -> Law {
        let sentence = sentence(text, span);
        match laws_named(&text[sentence]) {
            (true, false) => Law::Gdpr,
            (_, true) => Law::Unknown(String::new()),
            (false, false) => {
                if *self.names_gdpr.get_or_insert_with(|| names_gdpr(text)) {
                    Law::Gdpr
                } else {
                    Law::Unknown(String::new())
                }
            }
        }
    }
}

/// The sentence around `span`: back to ". Xy", "; xy", "! ", "? " or a line break, at most
/// 300 bytes either side.
fn sentence(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let b = text.as_bytes();
    // A mark, a space and a word of two letters or more, in either case: a fix that
    // writes "Art." for "article" must not move the boundary.
    let ends = |i: usize| {
        b[i] == b'\n'
            || matches!(b[i], b'.' | b'!' | b'?' | b';')
                && b.get(i + 1).is_some_and(u8::is_ascii_whitespace)
                && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic)
                && b.get(i + 3)
                    .is_some_and(|&c| c.is_ascii_alphabetic() || c >= 0x80)
    };
    let mut start = span.start;
    let floor = span.start.saturating_sub(300);
    while start > floor && !ends(start - 1) {
        start -= 1;
    }
    let mut end = span.end;
    let ceil = (span.end + 300).min(b.len());
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
    context: &mut Context,
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
