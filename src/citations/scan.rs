//! Finding citations: a byte-level prefilter for "art", "§" and DPV ids, then the grammar.

use std::sync::LazyLock;

use regex::Regex;

use super::parse::parse_at;
use super::{Citation, Law, Provision, Style};
use crate::law::gdpr;

/// DPV legal-basis identifiers: "A6-1-f", "A9-2-a", "A45-3".
static DPV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^A(?P<a>[0-9]{1,2})-(?P<p>[0-9]{1,2})(?:-(?P<l>[a-z]))?(?-u:\b)")
        .expect("dpv grammar")
});

/// Where a citation can start: "art" in any ASCII case, a DPV id's "A" and a digit, "§".
/// Found by the regex engine's vectorised literal search, which skips prose far faster
/// than a byte-at-a-time loop.
static CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[aA][rR][tT]|A[0-9]|§").expect("citation starts"));

/// Every citation in `text`, in order; citations without a law count as GDPR when `implied_gdpr`.
pub fn scan(text: &str, implied_gdpr: bool) -> Vec<Citation> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i + 2 < bytes.len() {
        let Some(m) = CANDIDATE.find_at(text, i) else {
            break;
        };
        i = m.start();
        if i + 2 >= bytes.len() {
            break;
        }
        let b = bytes[i];
        if !word_start(text, i) {
            i += 1;
            continue;
        }
        let found = if b == b'A' && bytes[i + 1].is_ascii_digit() {
            dpv(text, i)
        } else {
            article(text, i, floor, implied_gdpr)
        };
        match found {
            Some(c) => {
                i = c.span.end.max(i + 1);
                floor = c.span.end;
                out.push(c);
            }
            None => i += 1,
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

fn article(text: &str, i: usize, floor: usize, implied_gdpr: bool) -> Option<Citation> {
    let p = parse_at(text, i, floor)?;
    let (law, law_implied) = match p.law {
        Some(law) => (law, false),
        None if implied_gdpr && !p.section => (Law::Gdpr, true),
        None => return None,
    };
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
        provisions: vec![prov],
        style: Style::Dpv,
        path: i..end,
    })
}
