//! The citation grammar: one verbose token regex plus a small state machine that folds
//! tokens into provisions, and the law-name grammar that follows (or precedes) them.
//!
//! Tokens are matched anchored at the current position (`^` on a suffix slice), so the
//! cost is proportional to the citation's length, never to the text's.

#[cfg(test)]
use std::cell::RefCell;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};
#[cfg(test)]
use std::thread::LocalKey;

#[cfg(test)]
use regex::CaptureLocations;
use regex::Regex;
#[cfg(test)]
use regex_automata::{meta, nfa::thompson};

use super::automaton::{Automaton, Finder, Search, finder, search, table};
#[cfg(test)]
use super::grammar::LAW_PREFIX;
#[cfg(test)]
use super::grammar::{VALUE_BRANCHES, token_branches};
use super::{Law, Provision, Style};
use crate::law::laws;

/// The group each branch of [`token_branches`] stands for.
const TOKEN_BRANCH_GROUPS: [usize; 15] = [
    T_ART,
    T_PARA_EN,
    T_PARA_DE,
    T_PARA_OTHER,
    T_SUBPARA,
    T_SENT,
    T_POINT,
    T_NR,
    T_AL,
    T_ORD,
    T_PAREN,
    T_DOT,
    T_FF,
    T_CONJ,
    T_RANGE,
];

/// The structural tokens of a citation path; values (numbers, letters) are read by [`VALUE`].
/// The reference the lexer ([`token`]) is tested against.
#[cfg(test)]
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    let branches: Vec<&str> = token_branches().collect();
    Regex::new(&crate::citations::latin(&format!(
        r"(?xi)^(?P<ws>\s*)(?:{})",
        branches.join("\n|")
    )))
    .expect("citation token grammar")
});

/// TOKEN's branches as the patterns of one forward DFA, without captures, compiled when
/// privreg is: it finds a token without the backtracker, and costs nothing to build.
static TOKEN_DFA: LazyLock<Automaton> = table!("token");

/// The article keyword alone, as TOKEN's `art` group reads it: at an "art" TOKEN's first
/// branch always wins, so [`TOKEN_DFA`]'s match there ends where this one does (tested).
#[cfg(test)]
static ART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^art(?:icles?|ikelen|ikels?|ikeln|icolo|icoli|[ií]culos?|igos?|ykuł(?:u|y|ów)?|t\.|s\.|\.)?-?")
        .expect("article keyword grammar")
});

/// Spans of each group of one match (relative to the haystack), copied out of the scratch
/// locations so that callers may match again while they read them. A span is a pair of
/// `u32`, `u32::MAX` for a group that took no part: a token's 23 groups are 184 bytes to
/// return instead of 560, whose copies were 2% of a lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Groups<const N: usize>([(u32, u32); N]);

impl<const N: usize> Groups<N> {
    const NONE: (u32, u32) = (u32::MAX, u32::MAX);

    /// No group matched.
    fn new() -> Self {
        Groups([Self::NONE; N])
    }

    /// The span of group `i`, if it took part.
    fn at(&self, i: usize) -> Option<(usize, usize)> {
        let (a, b) = self.0[i];
        (a != u32::MAX).then_some((a as usize, b as usize))
    }

    /// Sets the span of group `i`.
    fn set(&mut self, i: usize, (a, b): (usize, usize)) {
        let word =
            |n: usize| u32::try_from(n).expect("a token within 4 GB of its haystack's start");
        self.0[i] = (word(a), word(b));
    }
}

const TOKEN_GROUPS: usize = 23;
const VALUE_GROUPS: usize = 8;

#[cfg(test)]
thread_local! {
    // Reused across matches: allocating captures per token showed up in profiles.
    static TOKEN_LOCS: RefCell<CaptureLocations> = RefCell::new(TOKEN.capture_locations());
    static VALUE_LOCS: RefCell<CaptureLocations> = RefCell::new(VALUE.capture_locations());
}

#[cfg(test)]
fn captures<const N: usize>(
    re: &Regex,
    scratch: &'static LocalKey<RefCell<CaptureLocations>>,
    hay: &str,
) -> Option<Groups<N>> {
    scratch.with_borrow_mut(|locs| {
        re.captures_read(locs, hay)?;
        let mut g = Groups::new();
        for i in 0..N {
            if let Some(span) = locs.get(i) {
                g.set(i, span);
            }
        }
        Some(g)
    })
}

/// The groups of TOKEN at the start of `hay`, as its capture search would give them.
fn token(hay: &str) -> Option<Groups<TOKEN_GROUPS>> {
    let (branch, end) = TOKEN_DFA.find(hay)?;
    // No branch starts with white space, so TOKEN's `ws` takes all of it.
    let b = leading_space(hay);
    let body = &hay[b..end];
    let mut g: Groups<TOKEN_GROUPS> = Groups::new();
    g.set(0, (0, end));
    g.set(T_WS, (0, b));
    let group = TOKEN_BRANCH_GROUPS[branch];
    g.set(group, (b, end));
    match group {
        T_ORD => {
            // The ordinal is one word, then white space and the word that says what it counts.
            let word = body.find(char::is_whitespace)?;
            g.set(T_ORD, (b, b + word));
            let rest = body[word..].trim_start();
            let kind = match folded_pair(rest) {
                [Some('s'), Some('u')] | [Some('a'), Some('l')] | [Some('u'), Some('n')] => {
                    T_ORDSUB
                }
                [Some('l'), Some('i')] | [Some('p'), Some('a')] | [Some('a'), Some('b')] => {
                    T_ORDPARA
                }
                _ => T_ORDSENT,
            };
            g.set(kind, (end - rest.len(), end));
        }
        T_PAREN => {
            // "(", white space, the label, white space, ")".
            let inner = &body[1..body.len() - 1];
            let label = inner.trim();
            let s = b + 1 + (inner.len() - inner.trim_start().len());
            g.set(T_PV, (s, s + label.len()));
        }
        T_DOT => {
            // ".1" or ".b" with an optional ")".
            let rest = &body[1..];
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                g.set(T_DNUM, (b + 1, end));
            } else {
                let letter = rest.strip_suffix(')').unwrap_or(rest);
                g.set(T_DLET, (b + 1, b + 1 + letter.len()));
            }
        }
        _ => {}
    }
    Some(g)
}

/// Is white space to `char::is_whitespace` and ASCII.
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// `s` without its leading characters that `trim` takes, counted a byte at a time while
/// they are ASCII ones of `ascii`: `trim_start` decoding every character before each token
/// and value was 2% of a lint.
fn trim_leading(s: &str, ascii: fn(u8) -> bool, trim: fn(char) -> bool) -> &str {
    let n = s.bytes().take_while(|&b| ascii(b)).count();
    let rest = &s[n..];
    if rest.as_bytes().first().is_some_and(|&b| b >= 0x80) {
        rest.trim_start_matches(trim)
    } else {
        rest
    }
}

/// The bytes of white space `s` starts with, as `trim_start` counts them.
fn leading_space(s: &str) -> usize {
    s.len() - trim_leading(s, ascii_space, char::is_whitespace).len()
}

/// The first two characters of `s` as the grammar's `(?i)` compares ASCII letters: the long
/// s and the Kelvin sign fold to "s" and "k".
fn folded_pair(s: &str) -> [Option<char>; 2] {
    let mut chars = s.chars().map(|c| match c {
        '\u{17F}' => 's',
        '\u{212A}' => 'k',
        c => c.to_ascii_lowercase(),
    });
    [chars.next(), chars.next()]
}

/// The groups of VALUE at the start of `hay`, as its capture search would give them.
fn value_groups(hay: &str) -> Option<Groups<VALUE_GROUPS>> {
    let (branch, end) = VALUE_DFA.find(hay)?;
    let b = leading_space(hay);
    let body = &hay[b..end];
    let mut g: Groups<VALUE_GROUPS> = Groups::new();
    g.set(0, (0, end));
    g.set(V_WS, (0, b));
    match branch {
        0 => {
            let inner = &body[1..body.len() - 1];
            let s = b + 1 + (inner.len() - inner.trim_start().len());
            g.set(V_PV, (s, s + inner.trim().len()));
        }
        1 => {
            // Zeros, then the number: `0*` takes every zero but the last digit's.
            let digits = body.bytes().take_while(u8::is_ascii_digit).count();
            let zeros = body.bytes().take_while(|&c| c == b'0').count();
            let from = if zeros == digits { digits - 1 } else { zeros };
            g.set(V_NUM, (b + from, b + digits));
            // A point glued to the number is one lower-case ASCII letter, maybe closed by ")".
            let rest = &body[digits..];
            if rest.starts_with(|c: char| c.is_ascii_lowercase())
                && (rest.len() == 1 || rest.len() == 2 && rest.ends_with(')'))
            {
                g.set(V_NUMLET, (b + digits, b + digits + 1));
            }
        }
        2 => g.set(V_ROMAN, (b, end)),
        _ => {
            let letter = body.chars().next().map_or(0, char::len_utf8);
            g.set(V_LETTER, (b, b + letter));
            if body.len() > letter {
                g.set(V_CLOSE, (b + letter, end));
            }
        }
    }
    Some(g)
}

// Group indices of TOKEN and VALUE (named groups are their only groups); a test pins them.
const T_ART: usize = 2;
const T_PARA_EN: usize = 3;
const T_PARA_DE: usize = 4;
const T_PARA_OTHER: usize = 5;
const T_SUBPARA: usize = 6;
const T_SENT: usize = 7;
const T_POINT: usize = 8;
const T_NR: usize = 9;
const T_AL: usize = 10;
const T_ORD: usize = 11;
const T_ORDSUB: usize = 12;
const T_ORDSENT: usize = 13;
const T_ORDPARA: usize = 14;
const T_PAREN: usize = 15;
const T_PV: usize = 16;
const T_DOT: usize = 17;
const T_DNUM: usize = 18;
const T_DLET: usize = 19;
const T_FF: usize = 20;
const T_CONJ: usize = 21;
const T_RANGE: usize = 22;
const V_PV: usize = 2;
const V_NUM: usize = 3;
const V_NUMLET: usize = 4;
const V_ROMAN: usize = 5;
const V_LETTER: usize = 6;
const V_CLOSE: usize = 7;
const T_WS: usize = 1;
const V_WS: usize = 1;

/// A value after a keyword, connector or article: number, parenthesised label, roman numeral, letter.
/// The reference [`value_groups`] is tested against.
#[cfg(test)]
static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)^(?P<ws>\s*)(?:{})",
        VALUE_BRANCHES.join("\n|")
    ))
    .expect("citation value grammar")
});

/// VALUE's branches as one forward DFA, as [`TOKEN_DFA`] is TOKEN's.
static VALUE_DFA: LazyLock<Automaton> = table!("value");

/// Capitals after a citation that are no law's name.
const NOT_A_LAW: &[&str] = &[
    "EU", "EEA", "EWR", "EEE", "SEE", "UE", "US", "USA", "UK", "IT", "IP", "ID", "OK", "FAQ",
    "PDF", "URL", "DPO", "DSB", "AG", "SE", "LLC", "INC", "CEO", "HR", "API", "AND", "OR", "THE",
    "UND", "ODER", "ET", "OU", "DE", "DER", "DIE", "DU", "DEL", "II", "III", "IV", "VI", "VII",
    "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "CH", "DE", "AT", "FR", "ES", "NL", "PL", "PT",
];

/// The GDPR's names and the other laws' names, each as one alternation, for the regexes
/// the tables replaced.
#[cfg(test)]
static NAMES: LazyLock<(String, String)> =
    LazyLock::new(|| (laws::names_pattern(true), laws::names_pattern(false)));

/// Each row of another law named after the provisions (pattern `i` for the `i`-th row of
/// [`OTHER_LAWS`]), or the GDPR (the last pattern): the first pattern wins wherever it
/// matches, as other laws were tried first ("UK GDPR" ends in "GDPR"). Compiled when
/// privreg is: the names, Unicode case-insensitive, were most of the first citation's cost.
static LAW_AFTER: LazyLock<Automaton> = table!("law_after");

/// The rows of the law table that name another law than the GDPR, in [`LAW_AFTER`]'s order.
static OTHER_LAWS: LazyLock<Vec<&'static laws::LawName>> =
    LazyLock::new(|| laws::table().iter().filter(|r| !r.is_gdpr()).collect());

/// The regexes [`LAW_AFTER`] replaced, to test it against.
#[cfg(test)]
static LAW_OTHER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let (_, other) = &*NAMES;
    Regex::new(&format!("{LAW_PREFIX}{other}")).expect("other law names")
});

#[cfg(test)]
static LAW_GDPR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let (gdpr, _) = &*NAMES;
    Regex::new(&format!("{LAW_PREFIX}{gdpr}")).expect("GDPR names")
});

/// Where [`LAW_UNKNOWN_AFTER`] can match ([`super::grammar::law_unknown_gate`]), compiled
/// when privreg is: a citation followed by no law's name never builds that regex.
static LAW_UNKNOWN_GATE: LazyLock<Automaton> = table!("law_unknown");

/// An unknown law named after the provisions; tried only when no known law is.
static LAW_UNKNOWN_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&super::grammar::law_unknown_after()).expect("law names"));

/// The connecting words alone, to take them off a law's name.
#[cfg(test)]
static PREFIX: LazyLock<Regex> = LazyLock::new(|| Regex::new(LAW_PREFIX).expect("law prefix"));

/// The same names, without captures, for a quick look-ahead; [`LAW_AFTER`] stands for it.
#[cfg(test)]
static LAW_AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    let (gdpr, other) = &*NAMES;
    Regex::new(&format!("{LAW_PREFIX}(?:{other}|{gdpr})")).expect("law names")
});

/// The law named at the start of `rest` and the length of the text naming it.
pub(crate) fn law_after(rest: &str) -> Option<(Law, usize)> {
    let rest = crate::source::prefix_within(rest, 160);
    if let Some((row, end)) = LAW_AFTER.find(rest) {
        let law = match OTHER_LAWS.get(row) {
            Some(other) => Law::Other(other.short.to_owned()),
            None => Law::Gdpr,
        };
        return Some((law, end));
    }
    if !LAW_UNKNOWN_GATE.is_match(rest) {
        return None;
    }
    let c = LAW_UNKNOWN_AFTER.captures(rest)?;
    let end = c.get(0)?.end();
    let m = c.name("unknown")?;
    if let Some(a) = c.name("acronym")
        && (NOT_A_LAW.contains(&a.as_str()) || a.as_str().len() < 2)
    {
        return None;
    }
    let name: String = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    Some((Law::Unknown(name), end))
}

/// True when a law's name from the table starts `rest`.
fn law_follows(rest: &str) -> bool {
    LAW_AFTER.is_match(rest)
}

/// A law's name right before the article: "GDPR Art. 6(1)", "ePrivacy Directive, Art. 5(3)",
/// "TTDSG, § 25", "LOPDGDD, art. 11" ([`super::grammar::law_before_patterns`]: a pattern
/// per row of another law, in [`OTHER_LAWS`]' order, then the GDPR), compiled when privreg
/// is: the names, Unicode case-insensitive, cost some 5 ms to build at run time.
static LAW_BEFORE: LazyLock<Automaton> = table!("law_before");

/// The law whose name ends `hay` (but for white space and a comma or colon) and where the
/// name starts: the leftmost start that begins a word, as the regex
/// `(?:^|[^\w-])(?:(?P<other>…)|(?P<gdpr>…))\s*[,:]?\s*$` finds it.
fn law_before(hay: &str) -> Option<(Law, usize)> {
    let starts = std::iter::once(0).chain(
        hay.char_indices()
            .filter(|&(_, c)| !(super::grammar::is_latin_word(c) || c == '-'))
            .map(|(i, c)| i + c.len_utf8()),
    );
    for start in starts {
        if let Some((row, _)) = LAW_BEFORE.find_at(hay, start) {
            let law = match OTHER_LAWS.get(row) {
                Some(other) => Law::Other(other.short.to_owned()),
                None => Law::Gdpr,
            };
            return Some((law, start));
        }
    }
    None
}

/// The regex [`LAW_BEFORE`] replaced, to test [`law_before`] against.
#[cfg(test)]
static LAW_BEFORE_REGEX: LazyLock<Regex> = LazyLock::new(|| {
    let (gdpr, other) = &*NAMES;
    Regex::new(&crate::citations::latin(&format!(
        r"(?:^|[^\w-])(?:(?P<other>{other})|(?P<gdpr>{gdpr}))\s*[,:]?\s*$"
    )))
    .expect("law prefix grammar")
});

/// A law's name of its own after the citation, which privreg does not know ("artikel 10 van
/// Richtlijn (EU) 2016/680"): a law named before belongs to the citation before.
/// Compiled when privreg is ([`super::grammar::OWN_LAW_FOLLOWS`]).
static OWN_LAW_FOLLOWS: LazyLock<Automaton> = table!("own_law");

/// Any law of the table anywhere in a sentence: another (pattern 0) or the GDPR (pattern 1)
/// ([`super::grammar::any_law_patterns`]), compiled when privreg is; a sentence is short
/// enough to be searched by trying each start.
static ANY_LAW: LazyLock<Automaton> = table!("any_law");

/// The regex [`ANY_LAW`] replaced, to test it against.
#[cfg(test)]
static ANY_LAW_REGEX: LazyLock<meta::Regex> = LazyLock::new(|| {
    let (gdpr, other) = &*NAMES;
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .auto_prefilter(false)
                .which_captures(thompson::WhichCaptures::Implicit),
        )
        .build_many(&[format!(r"(?-u:\b){other}"), format!(r"(?-u:\b){gdpr}")])
        .expect("law names")
});

/// The GDPR named anywhere in a text ([`super::grammar::gdpr_anywhere`]): by a table
/// compiled with privreg in a short text, by the regex in a long one.
static GDPR_ANYWHERE: Search = search!("gdpr_anywhere", || super::grammar::gdpr_anywhere(
    &laws::names_pattern(true)
));

/// Which laws `text` names: (the GDPR, another law of the table).
pub(crate) fn laws_named(text: &str) -> (bool, bool) {
    let mut found = (false, false);
    let mut at = 0;
    // Leftmost-first and without overlaps, as a regex's `find_iter`: "UK GDPR" is another
    // law, not the GDPR too.
    while let Some((pattern, m)) = ANY_LAW.find_from(text, at) {
        if pattern == 1 {
            found.0 = true;
        } else {
            found.1 = true;
        }
        if found.0 && found.1 || m.end >= text.len() {
            break;
        }
        at = if m.is_empty() {
            crate::source::ceil_boundary(text, m.end + 1)
        } else {
            m.end
        };
    }
    found
}

/// True when `text` names the GDPR anywhere (or cites it by a DPV id).
pub(crate) fn names_gdpr(text: &str) -> bool {
    GDPR_ANYWHERE.find_at(text, 0).is_some()
}

/// Words after a number that show "Art. 29" is not a citation of a law we track.
/// Compiled when privreg is ([`super::grammar::NOT_A_CITATION`]).
static NOT_A_CITATION: LazyLock<Automaton> = table!("not_a_citation");

/// [`NOT_A_CITATION`] at the start of `rest`.
fn not_a_citation(rest: &str) -> bool {
    // Every branch of the grammar starts, after dashes, commas and white space, with one of
    // these letter pairs, none of which folds to a non-ASCII letter. Most citations go on
    // otherwise, so that most never run the automaton.
    let word = trim_leading(
        rest,
        |b| ascii_space(b) || b == b'-' || b == b',',
        |c| c.is_whitespace() || c == '-' || c == ',',
    );
    let pair = word
        .as_bytes()
        .get(..2)
        .map(|p| [p[0].to_ascii_lowercase(), p[1].to_ascii_lowercase()]);
    matches!(
        pair,
        Some([b'd', b'a' | b'e' | b'u'] | [b'w', b'o' | b'p'] | [b'g', b'r'] | [b'o', b'f'])
    ) && NOT_A_CITATION.is_match(rest)
}

/// Reversed parts before the article: "point (f) of", "the second subparagraph of"
/// ([`super::grammar::REVERSED`]), built when a text first holds them.
static REVERSED: OnceLock<Regex> = OnceLock::new();

/// [`REVERSED`] without its capture group, compiled when privreg is: until a text before
/// "of Art." holds a reversed part, the regex is not built ("im Sinne des Art. 6" never
/// builds it); once built, its reverse search from the end is the cheaper of the two.
static REVERSED_TABLE: LazyLock<Automaton> = table!("reversed");

/// The reversed parts at the end of `before` ([`REVERSED`]'s captures).
fn reversed(before: &str) -> Option<regex::Captures<'_>> {
    let regex = match REVERSED.get() {
        Some(regex) => regex,
        None if REVERSED_TABLE.find_from(before, 0).is_some() => REVERSED.get_or_init(|| {
            Regex::new(&crate::citations::latin(super::grammar::REVERSED))
                .expect("reversed citation grammar")
        }),
        None => return None,
    };
    regex.captures(before)
}

/// A recital keyword in the languages privreg reads: "Recital", "Erwägungsgrund", "ErwGr.",
/// "considérant", "considerando", "overweging", "motyw".
/// Compiled when privreg is ([`super::grammar::RECITAL`]).
static RECITAL: LazyLock<Automaton> = table!("recital");

/// The plural recital keywords: a bare list of numbers follows.
/// Compiled when privreg is ([`super::grammar::RECITALS`]).
static RECITALS: LazyLock<Automaton> = table!("recitals");

/// Paragraph and point glued to the article by dashes: "-1-f", "-1-f)".
static DASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^-(?P<p>[0-9]{1,2})-(?P<l>[a-zA-Z])(?:\)|(?-u:\b))").expect("dashed grammar")
});

/// A letter in parentheses next: the point after a sentence number.
static LETTER_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\(\s*[a-z]\s*\)").expect("letter in parentheses"));

/// Parts before an article that the reversed grammar could not read
/// ([`super::grammar::reversed_hint`]).
static REVERSED_HINT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&super::grammar::reversed_hint()).expect("reversed hint"));

/// Where [`REVERSED_HINT`] can match ([`super::grammar::reversed_hint_gate`]), compiled when
/// privreg is: the regex's Unicode word boundary sends a search of non-ASCII text to the
/// slow engines, some 30,000 instructions a citation after "des", "of", "du".
static REVERSED_HINT_GATE: LazyLock<Finder> = finder!("reversed_hint");

/// [`REVERSED_HINT`] in `window`, asked of the regex only where the gate lets it.
fn reversed_hint(window: &str) -> bool {
    REVERSED_HINT_GATE.is_match_from(window, 0) && REVERSED_HINT.is_match(window)
}

/// Separates the pieces of a reversed prefix.
static REVERSED_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s+(?:of|des|der|de|du|del|della|dell['’]|de\s+la|d['’])(?:\s+the|\s*l['’])?(?:\s+|$)|\s*l['’]$")
        .expect("reversed separator")
});

/// A citation before its law is resolved: provisions and where they were written.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub span: Range<usize>,
    pub path: Range<usize>,
    pub provisions: Vec<Provision>,
    pub style: Style,
    pub law: Option<Law>,
    /// Started with "§": a national law's section, never the GDPR by implication.
    pub section: bool,
    /// The text around goes on in a way the grammar did not read: never checked.
    pub partial: bool,
}

/// True when the text at `end` goes on like a citation the grammar could not read: a
/// keyword without a value it understands ("Abs. 1a"), a glued part ("-1-f", ".1.b"), a
/// parenthesised label.
fn continues(text: &str, end: usize) -> bool {
    let rest = head(text, end, 48);
    if rest.starts_with(['-', '.', '/']) {
        let after = &rest[1..];
        return after.starts_with(|c: char| c.is_ascii_alphanumeric());
    }
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return true;
    }
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    // A refinement privreg has no level for: "Alt. 2", "Hs. 1", "Doppelbuchst. aa"
    // ([`super::grammar::QUALIFIER`]), by a table compiled when privreg is: the regex's
    // Unicode letters cost 5 ms to build. It needs a run of letters and a full stop, which
    // most text after a citation is not, so that is looked at first: every letter
    // (`\p{L}`) is alphabetic and a full stop is not.
    static QUALIFIER: LazyLock<Automaton> = table!("qualifier");
    let word = rest.trim_start();
    let letters = word
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(word.len());
    if letters > 0
        && word[letters..].starts_with('.')
        && word[..letters].chars().nth(14).is_none()
        && QUALIFIER.is_match(rest)
    {
        return true;
    }
    token(rest).is_some_and(|c| {
        [
            T_PARA_EN,
            T_PARA_DE,
            T_PARA_OTHER,
            T_SUBPARA,
            T_SENT,
            T_POINT,
            T_NR,
            T_AL,
            T_ORD,
            T_PAREN,
            T_DOT,
        ]
        .iter()
        .any(|&g| c.at(g).is_some())
    })
}

/// Parses the citation whose article keyword ("Art.", "§") starts at `pos`; `floor` is the
/// end of the previous citation, which a reversed prefix must not reach into.
pub(crate) fn parse_at(text: &str, pos: usize, floor: usize) -> Option<Parsed> {
    let section = text[pos..].starts_with('§');
    // Candidates are mostly "art": only other starts can be a recital keyword.
    let recital = if section || matches!(text.as_bytes()[pos], b'a' | b'A') {
        None
    } else {
        RECITAL.find(head(text, pos, 32))
    };
    let after_kw = if let Some((_, end)) = recital {
        pos + end
    } else if section {
        pos + text[pos..]
            .chars()
            .take_while(|&c| c == '§')
            .map(char::len_utf8)
            .sum::<usize>()
    } else {
        // The keyword is TOKEN's first branch, which wins wherever it matches.
        match TOKEN_DFA.find(head(text, pos, 32))? {
            (0, end) => pos + end,
            _ => return None,
        }
    };
    let recital = recital.is_some();
    let plural = section && text[pos..].starts_with("§§")
        || is_plural(&text[pos..after_kw])
        || recital && RECITALS.is_match(&text[pos..after_kw]);
    let v = value(text, after_kw)?;
    // "§ 4a", "Art. 2a": a national law's inserted article, never the GDPR's.
    if v.glued.is_some() {
        return None;
    }
    let Val::Num(article) = v.val else {
        return None;
    };
    // "artikel 1:3 Awb": book and article of a national code, no EU notation.
    if text[v.end..].starts_with(':') && text[v.end + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let mut st = State::new(Provision::article(article), after_kw, v.end, plural);
    if recital {
        // A recital has no parts: only lists and ranges of recitals follow.
        st.recital = true;
    }
    st.run(text);
    if not_a_citation(&text[st.end..]) && !law_follows(&text[st.end..]) {
        return None;
    }
    let mut provisions = st.finish();
    if recital {
        provisions.iter_mut().for_each(|p| p.recital = true);
    }
    let mut start = pos;
    let mut style = st.style();
    let mut reversed_unread = false;

    if let Some(window) = window_before(text, pos, floor)
        && ends_with_of(&text[window..pos])
    {
        let mut read = false;
        if let Some(c) = reversed(&text[window..pos]) {
            let rev = c.name("rev").expect("group");
            let rev_start = window + rev.start();
            if let Some(parts) = reversed_parts(text, rev_start, pos) {
                // The parts before belong to the first article only: "points (a) and (b) of
                // Article 49(1) and Article 49(4)".
                let n = st.first_article_items.unwrap_or(provisions.len());
                let mut combined = combine(&provisions[..n], &parts);
                combined.extend_from_slice(&provisions[n..]);
                provisions = combined;
                start = rev_start;
                style = Style::PointOf;
                read = true;
            }
        }
        reversed_unread = !read && reversed_hint(&text[window..pos]);
    }
    let path = start..st.end;
    let mut end = st.end;
    let mut law = None;
    if let Some((named, len)) = law_after(&text[end..]) {
        law = Some(named);
        end += len;
    } else if !OWN_LAW_FOLLOWS.is_match(head(text, end, 64))
        && let Some(window) = window_before(text, start, floor)
        && text[window..start]
            .trim_end_matches([' ', ',', ':', '\u{a0}'])
            .ends_with(|c: char| c.is_alphanumeric() || c == ')')
        && let Some((named, at)) = law_before(&text[window..start])
    {
        law = Some(named);
        start = window + at;
    }
    if matches!(law, Some(Law::Gdpr)) || law.is_none() && !section {
        provisions.iter_mut().for_each(normalize_article_4);
    }
    let partial = law.is_none() && continues(text, st.end) || reversed_unread;
    Some(Parsed {
        span: start..end,
        path,
        provisions,
        style,
        law,
        section,
        partial,
    })
}

/// At most `n` bytes of `text` from `pos`: tokens are short, and a short haystack keeps the
/// capture engine cheap.
fn head(text: &str, pos: usize, n: usize) -> &str {
    crate::source::prefix_within(&text[pos..], n)
}

/// A cheap test before the reversed grammar: reversed parts end in "of", "de l'", "der" ...
fn ends_with_of(before: &str) -> bool {
    let t = before.trim_end().as_bytes();
    let t = &t[t.len().saturating_sub(5)..];
    // On the stack: this runs for every citation with text before it.
    let mut buf = [0u8; 5];
    let tail = &mut buf[..t.len()];
    tail.copy_from_slice(t);
    tail.make_ascii_lowercase();
    [
        &b"of"[..],
        b"de",
        b"du",
        b"des",
        b"der",
        b"del",
        b"della",
        b"l'",
        b"d'",
        "l\u{2019}".as_bytes(),
        "d\u{2019}".as_bytes(),
        b"the",
    ]
    .iter()
    .any(|w| tail.ends_with(w))
}

fn is_plural(kw: &str) -> bool {
    if kw.is_ascii() {
        // Compared in place: an ASCII keyword lower-cases byte by byte, and a copy for
        // every citation was a seventh of a lint's allocations.
        let starts = |p: &str| {
            kw.len() >= p.len() && kw.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        };
        return starts("articles")
            || starts("artikeln")
            || kw.eq_ignore_ascii_case("arts.")
            || kw.eq_ignore_ascii_case("artt.")
            || starts("articoli");
    }
    let k = kw.to_lowercase();
    k.starts_with("articles")
        || k.starts_with("artikeln")
        || k == "arts."
        || k == "artt."
        || k.starts_with("articoli")
        || k.starts_with("artículos")
}

/// How far back a look-back reads: a reversed prefix ("point (f) of"), or a law named
/// before the citation.
pub(crate) const LOOK_BACK: usize = 120;

/// Where a look-back may start: at most [`LOOK_BACK`] bytes back, never before `floor`, on
/// a char boundary.
fn window_before(text: &str, pos: usize, floor: usize) -> Option<usize> {
    let mut w = pos.saturating_sub(LOOK_BACK).max(floor);
    while !text.is_char_boundary(w) {
        w += 1;
    }
    (w < pos).then_some(w)
}

/// In Art. 4 "(11)" is the 11th definition, not a paragraph: Art. 4 has none.
fn normalize_article_4(p: &mut Provision) {
    if p.article != 4 {
        return;
    }
    if let Some(n) = p.paragraph {
        match &p.point {
            Some(pt) if pt.as_bytes()[0].is_ascii_digit() => {
                if n == 1 {
                    p.paragraph = None;
                }
            }
            _ => {
                p.subpoint = p.point.take();
                p.point = Some(n.to_string());
                p.paragraph = None;
            }
        }
    }
}

/// The reversed prefix's pieces, each a list of partial provisions (article 0).
fn reversed_parts(text: &str, start: usize, end: usize) -> Option<Vec<Vec<Provision>>> {
    let mut parts = Vec::new();
    let mut at = start;
    for sep in REVERSED_SEP.find_iter(&text[start..end]) {
        let piece_end = start + sep.start();
        if piece_end > at {
            parts.push(parse_piece(text, at, piece_end)?);
        }
        at = start + sep.end();
    }
    if at < end && !text[at..end].trim().is_empty() {
        parts.push(parse_piece(text, at, end)?);
    }
    (!parts.is_empty()).then_some(parts)
}

fn parse_piece(text: &str, start: usize, end: usize) -> Option<Vec<Provision>> {
    let piece = &text[start..end];
    // "the " lower-cased is ASCII, and only ASCII lower-cases to it.
    let start = if piece.len() >= 4 && piece.as_bytes()[..4].eq_ignore_ascii_case(b"the ") {
        start + 4
    } else {
        start
    };
    let mut st = State::new(Provision::article(0), start, start, true);
    st.limit = end;
    st.run(text);
    if st.end < end && !text[st.end..end].trim().is_empty() {
        return None;
    }
    let items = st.finish();
    (items.iter().any(|p| *p != Provision::article(0))).then_some(items)
}

/// Applies each reversed piece's parts to every provision of the forward path.
fn combine(base: &[Provision], parts: &[Vec<Provision>]) -> Vec<Provision> {
    let mut out: Vec<Provision> = base.to_vec();
    for piece in parts {
        let mut next = Vec::new();
        for b in &out {
            for p in piece {
                let mut q = b.clone();
                for level in LEVELS.into_iter().skip(1) {
                    if let Some(v) = get(p, level) {
                        set(&mut q, level, &v);
                    }
                }
                // `set` clears deeper parts; restore those the piece did not name.
                for level in LEVELS.into_iter().skip(1) {
                    if get(p, level).is_none()
                        && get(&q, level).is_none()
                        && let Some(v) = get(b, level)
                    {
                        set_only(&mut q, level, &v);
                    }
                }
                next.push(q);
            }
        }
        out = next;
    }
    out
}

/// The parts of a provision, from the article down; the order is the nesting.
use crate::law::gdpr::Part as Level;

const LEVELS: [Level; 6] = [
    Level::Article,
    Level::Paragraph,
    Level::Subparagraph,
    Level::Sentence,
    Level::Point,
    Level::Subpoint,
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Val {
    Num(u32),
    Label(String),
}

impl Val {
    fn label(&self) -> String {
        match self {
            Val::Num(n) => n.to_string(),
            Val::Label(s) => s.clone(),
        }
    }
}

fn get(p: &Provision, level: Level) -> Option<Val> {
    match level {
        Level::Article => Some(Val::Num(p.article)),
        Level::Paragraph => p.paragraph.map(Val::Num),
        Level::Subparagraph => p.subparagraph.map(Val::Num),
        Level::Sentence => p.sentence.map(Val::Num),
        Level::Point => p.point.clone().map(Val::Label),
        Level::Subpoint => p.subpoint.clone().map(Val::Label),
    }
}

/// Sets one level and clears the deeper ones: a new paragraph has no point yet.
fn set(p: &mut Provision, level: Level, v: &Val) {
    set_only(p, level, v);
    for deeper in LEVELS.into_iter().filter(|&l| l > level) {
        match deeper {
            Level::Article => {}
            Level::Paragraph => p.paragraph = None,
            Level::Subparagraph => p.subparagraph = None,
            Level::Sentence => p.sentence = None,
            Level::Point => p.point = None,
            Level::Subpoint => p.subpoint = None,
        }
    }
}

fn set_only(p: &mut Provision, level: Level, v: &Val) {
    let num = match v {
        Val::Num(n) => Some(*n),
        Val::Label(s) => s.parse().ok(),
    };
    match level {
        Level::Article => p.article = num.unwrap_or(p.article),
        Level::Paragraph => p.paragraph = num,
        Level::Subparagraph => p.subparagraph = num,
        Level::Sentence => p.sentence = num,
        Level::Point => p.point = Some(v.label()),
        Level::Subpoint => p.subpoint = Some(v.label()),
    }
}

/// How the paragraph was written, which decides the citation's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Note {
    Paren,
    ParaEn,
    Abs,
    Roman,
    Dot,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    Comma,
    List,
    Range,
}

struct Value<'a> {
    val: Val,
    /// A point glued to a paragraph number: the "a" of "Abs. 1a".
    glued: Option<String>,
    raw: &'a str,
    roman: bool,
    paren: bool,
    closed: bool,
    end: usize,
}

fn value(text: &str, pos: usize) -> Option<Value<'_>> {
    let hay = head(text, pos, 64);
    let c = value_groups(hay)?;
    let get = |g: usize| c.at(g).map(|(a, b)| &hay[a..b]);
    let end = pos + c.at(0)?.1;
    let raw = get(V_PV)
        .or(get(V_NUM))
        .or(get(V_ROMAN))
        .or(get(V_LETTER))?;
    if let Some(m) = get(V_PV) {
        return Some(Value {
            val: label_val(m),
            glued: None,
            raw,
            roman: false,
            paren: true,
            closed: true,
            end,
        });
    }
    if let Some(m) = get(V_NUM) {
        return Some(Value {
            val: Val::Num(m.parse().ok()?),
            glued: get(V_NUMLET).map(str::to_owned),
            raw,
            roman: false,
            paren: false,
            closed: false,
            end,
        });
    }
    if let Some(m) = get(V_ROMAN) {
        return Some(Value {
            val: Val::Num(roman(m)?),
            glued: None,
            raw,
            roman: true,
            paren: false,
            closed: false,
            end,
        });
    }
    let m = get(V_LETTER)?;
    Some(Value {
        val: Val::Label(lower(m)),
        glued: None,
        raw,
        roman: false,
        paren: false,
        closed: c.at(V_CLOSE).is_some(),
        end,
    })
}

/// `s` lower-cased as `str::to_lowercase` does; an ASCII label, nearly every one, without
/// its Unicode tables.
fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

fn label_val(s: &str) -> Val {
    match s.parse() {
        Ok(n) => Val::Num(n),
        Err(_) => Val::Label(lower(s)),
    }
}

fn roman(s: &str) -> Option<u32> {
    let n = match s {
        "I" => 1,
        "II" => 2,
        "III" => 3,
        "IV" => 4,
        "V" => 5,
        "VI" => 6,
        "VII" => 7,
        "VIII" => 8,
        "IX" => 9,
        "X" => 10,
        "XI" => 11,
        "XII" => 12,
        _ => return None,
    };
    Some(n)
}

/// The fold from tokens to provisions.
struct State {
    items: Vec<Provision>,
    cur: Provision,
    level: Level,
    pending: Pending,
    /// Where the next token is looked for.
    pos: usize,
    /// End of the last accepted part: the citation's path ends here.
    end: usize,
    plural: bool,
    limit: usize,
    para_note: Option<Note>,
    point_paren: bool,
    roman_para: bool,
    /// The last value was a paragraph given as a bare number right after a roman numeral.
    last_value_end: usize,
    /// How many items the first article has, once another article keyword starts a list.
    first_article_items: Option<usize>,
    /// Reading recitals: nothing below the first level.
    recital: bool,
}

impl State {
    fn new(first: Provision, pos: usize, end: usize, plural: bool) -> State {
        State {
            items: Vec::new(),
            cur: first,
            level: Level::Article,
            pending: Pending::None,
            pos: end.max(pos),
            end,
            plural,
            limit: usize::MAX,
            para_note: None,
            point_paren: false,
            roman_para: false,
            last_value_end: end,
            first_article_items: None,
            recital: false,
        }
    }

    fn finish(&mut self) -> Vec<Provision> {
        let mut items = std::mem::take(&mut self.items);
        items.push(self.cur.clone());
        items
    }

    fn style(&self) -> Style {
        match self.para_note {
            Some(Note::Paren) => Style::Parens,
            Some(Note::ParaEn) => Style::ParaLit,
            Some(Note::Abs) => Style::AbsLit,
            Some(Note::Roman) => Style::Roman,
            Some(Note::Dot) => Style::Dotted,
            Some(Note::Other) => Style::Bare,
            None if self.point_paren => Style::Parens,
            None => Style::Bare,
        }
    }

    fn run(&mut self, text: &str) {
        let text = &text[..self.limit.min(text.len())];
        while self.pos < text.len() {
            if !self.step(text) {
                break;
            }
        }
    }

    /// Consumes one token; false when the citation ends here.
    fn step(&mut self, text: &str) -> bool {
        let hay = head(text, self.pos, 96);
        // "Art. 6-1-f", "art. 6-1-f) du RGPD": paragraph and point glued by dashes.
        if self.level == Level::Article
            && self.pending == Pending::None
            && self.pos == self.last_value_end
            && hay.starts_with('-')
            && let Some(c) = DASHED.captures(hay)
        {
            let end = self.pos + c.get(0).map_or(0, |m| m.end());
            let para = c["p"].parse().unwrap_or(0);
            self.para_note.get_or_insert(Note::Dot);
            return self.accept(Level::Paragraph, Val::Num(para), end)
                && self.accept(Level::Point, Val::Label(lower(&c["l"])), end);
        }
        let Some(c) = token(hay) else {
            return self.bare(text);
        };
        let get = |g: usize| c.at(g).map(|(a, b)| &hay[a..b]);
        let ws = !get(T_WS).is_some_and(str::is_empty);
        let tok_end = self.pos + c.at(0).map_or(0, |(_, e)| e);
        if c.at(T_ART).is_some() {
            if self.pending == Pending::None
                || self.pending == Pending::Range && self.level != Level::Article
            {
                return false;
            }
            let Some(v) = value(text, tok_end) else {
                return false;
            };
            if v.paren || v.roman || v.glued.is_some() || !matches!(v.val, Val::Num(_)) {
                return false;
            }
            let before = self.items.len() + 1;
            let ok = self.accept(Level::Article, v.val, v.end);
            if ok {
                self.first_article_items.get_or_insert(before);
            }
            return ok;
        }
        if let Some((level, note)) = keyword(&c) {
            let Some(mut v) = value(text, tok_end) else {
                return false;
            };
            if v.roman && level >= Level::Point {
                // Upper-case text: "LIT. I" is point (i), not a roman numeral.
                if v.raw.len() != 1 {
                    return false;
                }
                v.val = Val::Label(lower(v.raw));
            }
            let level = match level {
                // "Art. 4 Nr. 16 lit. a": a point inside a point is a subpoint.
                Level::Point if self.level == Level::Point && self.pending == Pending::None => {
                    Level::Subpoint
                }
                // "al. b)": the Portuguese alínea, a point.
                Level::Paragraph if c.at(T_AL).is_some() && matches!(v.val, Val::Label(_)) => {
                    Level::Point
                }
                // "al." is the paragraph in Swiss/Belgian usage, the subparagraph after one.
                Level::Paragraph
                    if note == Some(Note::Other)
                        && c.at(T_AL).is_some()
                        && self.cur.paragraph.is_some() =>
                {
                    Level::Subparagraph
                }
                l => l,
            };
            if v.paren && level < Level::Point && matches!(v.val, Val::Label(_)) {
                return false;
            }
            if level == Level::Paragraph && self.para_note.is_none() {
                self.para_note = note;
            }
            if level == Level::Point && v.paren && self.para_note.is_none() {
                self.point_paren = true;
            }
            if let Some(point) = v.glued.take() {
                // "Abs. 1a": paragraph 1, point (a).
                return level == Level::Paragraph && self.accept_glued(v.val, point, v.end);
            }
            return self.accept(level, v.val, v.end);
        }
        if let Some(ord) = get(T_ORD) {
            let n = ordinal(ord);
            let level = if c.at(T_ORDSUB).is_some() {
                Level::Subparagraph
            } else if c.at(T_ORDPARA).is_some() {
                self.para_note.get_or_insert(Note::Other);
                Level::Paragraph
            } else {
                Level::Sentence
            };
            return self.accept(level, Val::Num(n), tok_end);
        }
        if c.at(T_PAREN).is_some() {
            let val = label_val(get(T_PV).unwrap_or(""));
            let mut level = self.paren_level(&val);
            // "Art. 6(1)(1)(f)": a number between a paragraph and a point is the sentence.
            if level == Level::Point
                && self.level == Level::Paragraph
                && matches!(val, Val::Num(_))
                && LETTER_PAREN.is_match(head(text, tok_end, 16))
            {
                level = Level::Sentence;
            }
            if level == Level::Paragraph && self.para_note.is_none() {
                self.para_note = Some(Note::Paren);
            }
            if level == Level::Point && self.para_note.is_none() {
                self.point_paren = true;
            }
            return self.accept(level, val, tok_end);
        }
        if c.at(T_DOT).is_some() {
            if ws || self.pending != Pending::None || self.pos != self.last_value_end {
                return false;
            }
            if let Some(n) = get(T_DNUM) {
                if self.level != Level::Article {
                    return false;
                }
                self.para_note.get_or_insert(Note::Dot);
                return self.accept(Level::Paragraph, Val::Num(n.parse().unwrap_or(0)), tok_end);
            }
            if let Some(l) = get(T_DLET) {
                if self.level != Level::Paragraph || self.para_note != Some(Note::Dot) {
                    return false;
                }
                return self.accept(Level::Point, Val::Label(lower(l)), tok_end);
            }
            return false;
        }
        if c.at(T_FF).is_some() {
            if self.pending != Pending::None {
                return false;
            }
            self.pos = tok_end;
            self.end = tok_end;
            return true;
        }
        // "e", "y", "i", "o", "a" join items in Romance and Slavic languages, but where a
        // value is due they are one: "lit. a, b, c, d, e, f".
        let word = get(T_CONJ).or(get(T_RANGE)).unwrap_or("");
        if word.len() == 1
            && word.as_bytes()[0].is_ascii_alphabetic()
            && self.pending != Pending::None
        {
            return self.bare(text);
        }
        if let Some(m) = get(T_CONJ) {
            let comma = m == ",";
            self.pending = match (self.pending, comma) {
                (Pending::None, true) => Pending::Comma,
                (Pending::None | Pending::Comma | Pending::List, false) => Pending::List,
                _ => return false,
            };
            self.pos = tok_end;
            return true;
        }
        if c.at(T_RANGE).is_some() {
            if self.pending != Pending::None {
                return false;
            }
            self.pending = Pending::Range;
            self.pos = tok_end;
            return true;
        }
        self.bare(text)
    }

    /// A value with no keyword: a list item, a range end, or roman-style parts.
    fn bare(&mut self, text: &str) -> bool {
        let Some(mut v) = value(text, self.pos) else {
            return false;
        };
        if let Some(point) = v.glued.take() {
            // "Abs. 1e oder 1f": another paragraph with its point.
            return self.pending != Pending::None
                && self.pending != Pending::Range
                && self.level >= Level::Paragraph
                && self.para_note.is_some()
                && self.accept_glued(v.val, point, v.end);
        }
        if self.pending == Pending::None {
            // "Art. 6 I lit. f": a roman paragraph right after the article number.
            if v.roman
                && self.level == Level::Article
                && matches!(self.para_note, None | Some(Note::Roman))
                && roman_continues(text, v.end)
            {
                self.para_note = Some(Note::Roman);
                self.roman_para = true;
                return self.accept(Level::Paragraph, v.val, v.end);
            }
            // "Art. 6 I 1 lit. f": a plain number after a roman paragraph is the sentence.
            if self.roman_para
                && self.level == Level::Paragraph
                && !v.roman
                && !v.paren
                && matches!(v.val, Val::Num(_))
            {
                return self.accept(Level::Sentence, v.val, v.end);
            }
            // "article 6.1 f)" / "paragraphe 1, f)": a letter closed by a parenthesis is a point.
            if v.closed && !v.paren && self.level < Level::Point && self.level > Level::Article {
                return self.accept(Level::Point, v.val, v.end);
            }
            return false;
        }
        let level = if self.pending == Pending::Comma
            && v.closed
            && !v.paren
            && self.level < Level::Point
            && self.level > Level::Article
        {
            Level::Point
        } else {
            self.level
        };
        let val = match (&v.val, level, v.roman) {
            (_, Level::Point | Level::Subpoint, true) if v.raw.len() == 1 => {
                Val::Label(lower(v.raw))
            }
            (_, Level::Point | Level::Subpoint, true) => return false,
            (Val::Num(_), _, true) if !self.roman_para => return false,
            (Val::Label(_), l, _) if l < Level::Point => return false,
            _ => v.val.clone(),
        };
        if !v.paren && !v.closed && !self.bare_ok(text, v.end, matches!(val, Val::Num(_))) {
            return false;
        }
        // "Art. 13(1) and 14(1)": a bare number with its own paragraph in parentheses is the
        // next article, which this list cannot hold; the citation ends before it rather than
        // read "paragraph 14" and report it as an error.
        if !v.paren
            && matches!(val, Val::Num(_))
            && level >= Level::Paragraph
            && text[v.end..].starts_with('(')
        {
            return false;
        }
        self.accept(level, val, v.end)
    }

    /// A bare list item must not be the start of a prose phrase: "lit. f and a balancing test".
    fn bare_ok(&self, text: &str, end: usize, numeric: bool) -> bool {
        let rest = &text[end..self.limit.min(text.len())];
        let next = rest.trim_start();
        let Some(ch) = next.chars().next() else {
            return true;
        };
        if !ch.is_alphabetic() {
            return true;
        }
        if numeric && self.plural {
            return true;
        }
        if law_follows(rest) || not_a_citation(rest) {
            return true;
        }
        token(rest).is_some_and(|c| {
            [
                T_ART, T_PARA_EN, T_PARA_DE, T_SUBPARA, T_SENT, T_POINT, T_NR, T_CONJ, T_RANGE,
                T_FF, T_ORD,
            ]
            .iter()
            .any(|&g| c.at(g).is_some())
        })
    }

    fn paren_level(&self, val: &Val) -> Level {
        let after_list = self.pending != Pending::None;
        match val {
            Val::Label(_) if self.level >= Level::Point && !after_list => Level::Subpoint,
            Val::Label(_) if self.level == Level::Subpoint => Level::Subpoint,
            Val::Label(_) => Level::Point,
            Val::Num(_) if self.level == Level::Article => Level::Paragraph,
            Val::Num(_) if !after_list => Level::Point,
            Val::Num(_)
                if self.level >= Level::Point
                    && self
                        .cur
                        .point
                        .as_deref()
                        .is_some_and(|p| !p.as_bytes()[0].is_ascii_digit()) =>
            {
                Level::Paragraph
            }
            Val::Num(_) => self.level,
        }
    }

    /// A paragraph with a point glued to its number ("1a").
    fn accept_glued(&mut self, para: Val, point: String, end: usize) -> bool {
        self.accept(Level::Paragraph, para, end)
            && self.accept(Level::Point, Val::Label(point), end)
    }

    /// Adds a part at `level`: deeper continues the path, same or shallower starts a new item.
    fn accept(&mut self, level: Level, val: Val, end: usize) -> bool {
        if self.recital && level != Level::Article {
            return false;
        }
        match self.pending {
            Pending::None | Pending::Comma if level > self.level => {
                set(&mut self.cur, level, &val);
            }
            Pending::None => return false,
            Pending::Range if level == self.level => {
                let Some(from) = get(&self.cur, level) else {
                    return false;
                };
                let expanded = expand(&from, &val);
                if expanded.is_empty() {
                    return false;
                }
                for v in expanded {
                    let mut next = self.cur.clone();
                    set(&mut next, level, &v);
                    self.items.push(std::mem::replace(&mut self.cur, next));
                }
            }
            Pending::Range => return false,
            Pending::Comma | Pending::List if level <= self.level => {
                let mut next = self.cur.clone();
                set(&mut next, level, &val);
                self.items.push(std::mem::replace(&mut self.cur, next));
            }
            Pending::List => return false,
            Pending::Comma => unreachable!("deeper levels handled above"),
        }
        self.level = level;
        self.pending = Pending::None;
        self.pos = end;
        self.end = end;
        self.last_value_end = end;
        true
    }
}

/// Values strictly after `from` up to `to` inclusive; empty when not a sensible range.
fn expand(from: &Val, to: &Val) -> Vec<Val> {
    let num = |v: &Val| match v {
        Val::Num(n) => Some(*n),
        Val::Label(s) => s.parse().ok(),
    };
    if let (Some(a), Some(b)) = (num(from), num(to)) {
        if a < b && b - a <= 100 {
            let label = matches!(from, Val::Label(_));
            return (a + 1..=b)
                .map(|n| {
                    if label {
                        Val::Label(n.to_string())
                    } else {
                        Val::Num(n)
                    }
                })
                .collect();
        }
        return Vec::new();
    }
    if let (Val::Label(a), Val::Label(b)) = (from, to)
        && let (Some(a), Some(b)) = (a.chars().next(), b.chars().next())
        && a < b
        && a.is_ascii_lowercase()
        && b.is_ascii_lowercase()
    {
        return ((a as u8 + 1)..=(b as u8))
            .map(|c| Val::Label((c as char).to_string()))
            .collect();
    }
    Vec::new()
}

/// A roman paragraph must be followed by more of the citation or a law, not by prose ("Art. 6 I think").
fn roman_continues(text: &str, end: usize) -> bool {
    static LIST_OR_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:$|[.,;:)\]]|(?:,|und|oder|bis|[-\u{2013}])\s*(?:Art|[IVX]{1,4}(?-u:\b)))",
        )
        .expect("roman continuation")
    });
    let rest = &text[end..];
    if law_follows(rest) || LIST_OR_END.is_match(rest) {
        return true;
    }
    if value_groups(rest).is_some_and(|c| c.at(V_NUM).is_some()) {
        return true;
    }
    token(rest).is_some_and(|c| {
        [T_SUBPARA, T_SENT, T_POINT, T_NR]
            .iter()
            .any(|&g| c.at(g).is_some())
    })
}

fn keyword(c: &Groups<TOKEN_GROUPS>) -> Option<(Level, Option<Note>)> {
    if c.at(T_PARA_EN).is_some() {
        Some((Level::Paragraph, Some(Note::ParaEn)))
    } else if c.at(T_PARA_DE).is_some() {
        Some((Level::Paragraph, Some(Note::Abs)))
    } else if c.at(T_PARA_OTHER).is_some() || c.at(T_AL).is_some() {
        Some((Level::Paragraph, Some(Note::Other)))
    } else if c.at(T_SUBPARA).is_some() {
        Some((Level::Subparagraph, None))
    } else if c.at(T_SENT).is_some() {
        Some((Level::Sentence, None))
    } else if c.at(T_POINT).is_some() || c.at(T_NR).is_some() {
        Some((Level::Point, None))
    } else {
        None
    }
}

fn ordinal(s: &str) -> u32 {
    match s.to_lowercase().as_str() {
        "first" | "1st" | "premier" | "première" | "erster" | "erste" | "eerste" => 1,
        "second" | "2nd" | "deuxième" | "zweiter" | "zweite" | "tweede" => 2,
        "third" | "3rd" | "troisième" | "dritter" | "dritte" | "derde" => 3,
        "fourth" | "4th" | "vierde" => 4,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn group_indices_match_the_grammar() {
        let names: Vec<_> = TOKEN.capture_names().collect();
        for (name, i) in [
            ("ws", T_WS),
            ("art", T_ART),
            ("para_en", T_PARA_EN),
            ("para_de", T_PARA_DE),
            ("para_other", T_PARA_OTHER),
            ("subpara", T_SUBPARA),
            ("sent", T_SENT),
            ("point", T_POINT),
            ("nr", T_NR),
            ("al", T_AL),
            ("ord", T_ORD),
            ("ordsub", T_ORDSUB),
            ("ordsent", T_ORDSENT),
            ("ordpara", T_ORDPARA),
            ("paren", T_PAREN),
            ("pv", T_PV),
            ("dot", T_DOT),
            ("dnum", T_DNUM),
            ("dlet", T_DLET),
            ("ff", T_FF),
            ("conj", T_CONJ),
            ("range", T_RANGE),
        ] {
            assert_eq!(names[i], Some(name));
        }
        let names: Vec<_> = VALUE.capture_names().collect();
        for (name, i) in [
            ("pv", V_PV),
            ("num", V_NUM),
            ("numlet", V_NUMLET),
            ("roman", V_ROMAN),
            ("letter", V_LETTER),
            ("close", V_CLOSE),
        ] {
            assert_eq!(names[i], Some(name));
        }
    }

    /// Pieces of citation-like text: keywords of every branch in several cases, values,
    /// law names, connectors, white space (also no-break and em spaces), letters that fold
    /// to ASCII (long s, Kelvin sign) and prose.
    const PIECES: &[&str] = &[
        "Art",
        "art.",
        "ARTS.",
        "Artikel",
        "artículo",
        "artykułu",
        "Artt.",
        "para",
        "para.",
        "paragraph",
        "paras",
        "Abs.",
        "Absatz",
        "abs",
        "Absätzen",
        "paragraphe",
        "lid",
        "§",
        "ust.",
        "ustępu",
        "n.º",
        "nº ",
        "sub-para.",
        "Unterabs.",
        "UAbs.",
        "akapit",
        "S.",
        "p.",
        "s.",
        "Satz",
        "sentence",
        "zd.",
        "volzin",
        "lit.",
        "litt.",
        "Lit",
        "letter",
        "Buchst.",
        "buchstabe",
        "point",
        "pts.",
        "pkt",
        "sub",
        "onder",
        "alínea",
        "Nr.",
        "no.",
        "Ziff.",
        "número",
        "núm.",
        "punto",
        "alinéa",
        "al.",
        "comma",
        "first",
        "Second",
        "1st",
        "erster",
        "zweite",
        "eerste",
        "première",
        "subparagraph",
        "sub-paragraph",
        "Unterabsatzes",
        "phrase",
        "Satzes",
        "Absatzes",
        "paragraphe",
        "(1)",
        "( a )",
        "(f)",
        "(12)",
        "(A)",
        ".1",
        ".b",
        ".f)",
        ".12",
        "ff.",
        "et seq.",
        "et seqq",
        "et suiv.",
        ",",
        ";",
        "/",
        "&",
        "i.V.m.",
        "iVm",
        "and",
        "und",
        "et",
        "or",
        "oder",
        "ou",
        "sowie",
        "in Verbindung mit",
        "e",
        "y",
        "o",
        "i",
        "en",
        "E",
        "bis",
        "to",
        "through",
        "tot en met",
        "t/m",
        "au",
        "al",
        "a",
        "do",
        "à",
        "-",
        "\u{2013}",
        "\u{2212}",
        "1",
        "6",
        "06",
        "0",
        "000",
        "1000",
        "12",
        "1a",
        "1e)",
        "1er",
        "2nd",
        "3rd",
        "4th",
        "1.º",
        "1º",
        "I",
        "II",
        "IV",
        "XII",
        "IIII",
        "f",
        "f)",
        "b",
        "\u{17F}",
        "\u{17F}atz",
        "\u{212A}",
        "GDPR",
        "DSGVO",
        "RGPD",
        "UK GDPR",
        "BDSG",
        "TTDSG",
        "ePrivacy Directive",
        "Directive 2002/58/EC",
        "Regulation (EU) 2016/679",
        "of the",
        "der",
        "du",
        "de la",
        "van het",
        "the",
        "Data Act",
        "AI Act",
        "KVKK",
        " ",
        "  ",
        "\u{a0}",
        "\u{2003}",
        "\n",
        "\t",
        ")",
        "(",
        ".",
        "x",
        "the data",
        "Working Party",
        "é",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..7).prop_map(|v| {
            // Glue some pieces, space others: "Art." "6" and "Art. 6" are both seen.
            v.iter()
                .enumerate()
                .map(|(i, p)| {
                    if i % 3 == 2 {
                        format!(" {p}")
                    } else {
                        (*p).to_owned()
                    }
                })
                .collect()
        })
    }

    /// The law named after a citation as the two regexes of the names and the row's short
    /// name (the first row matching the name without its connecting words) told it.
    fn old_law_after(rest: &str) -> Option<(Law, usize)> {
        let rest = crate::source::prefix_within(rest, 160);
        if let Some(m) = LAW_OTHER_AFTER.find(rest) {
            let written = &rest[..m.end()];
            let name = &written[PREFIX.find(written).map_or(0, |p| p.end())..];
            let short = laws::short_name(name).unwrap_or(name);
            return Some((Law::Other(short.to_owned()), m.end()));
        }
        LAW_GDPR_AFTER.find(rest).map(|m| (Law::Gdpr, m.end()))
    }

    fn new_law_after(rest: &str) -> Option<(Law, usize)> {
        match law_after(rest)? {
            // The unknown-law grammar is unchanged; only the table's names moved.
            (Law::Unknown(_), _) => old_law_after(rest),
            known => Some(known),
        }
    }

    /// The single regex ANY_LAW was, with a group for each kind of law.
    static OLD_ANY_LAW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?-u:\b)(?:(?P<other>{})|(?P<gdpr>{}))",
            NAMES.1, NAMES.0
        ))
        .unwrap()
    });

    fn old_laws_named(text: &str) -> (bool, bool) {
        let mut found = (false, false);
        for c in OLD_ANY_LAW.captures_iter(text) {
            if c.name("gdpr").is_some() {
                found.0 = true;
            } else {
                found.1 = true;
            }
        }
        found
    }

    /// The law named before a citation and where its name starts, as the regex of the
    /// names and the row's short name told it.
    fn old_law_before(hay: &str) -> Option<(Law, usize)> {
        let c = LAW_BEFORE_REGEX.captures(hay)?;
        let m = c.name("other").or(c.name("gdpr")).expect("a named group");
        let law = if c.name("gdpr").is_some() {
            Law::Gdpr
        } else {
            Law::Other(
                laws::short_name(m.as_str())
                    .unwrap_or(m.as_str())
                    .to_owned(),
            )
        };
        Some((law, m.start()))
    }

    /// What the tables that stand for regexes only as a gate or a search tell of `hay`.
    fn assert_same_laws(hay: &str) {
        assert_eq!(law_before(hay), old_law_before(hay), "law before {hay:?}");
        let mut by_regex = (false, false);
        for m in ANY_LAW_REGEX.find_iter(hay) {
            if m.pattern().as_usize() == 1 {
                by_regex.0 = true;
            } else {
                by_regex.1 = true;
            }
        }
        assert_eq!(laws_named(hay), by_regex, "laws named in {hay:?}");
        let gdpr = Regex::new(&crate::citations::grammar::gdpr_anywhere(&NAMES.0)).unwrap();
        assert_eq!(names_gdpr(hay), gdpr.is_match(hay), "GDPR in {hay:?}");
        assert_eq!(
            reversed_hint(hay),
            REVERSED_HINT.is_match(hay),
            "reversed hint in {hay:?}"
        );
        let rest = crate::source::prefix_within(hay, 160);
        if LAW_UNKNOWN_AFTER.is_match(rest) {
            assert!(LAW_UNKNOWN_GATE.is_match(rest), "unknown law gate: {hay:?}");
        }
    }

    fn assert_same(hay: &str) {
        assert_same_laws(hay);
        let old: Option<Groups<TOKEN_GROUPS>> = captures(&TOKEN, &TOKEN_LOCS, hay);
        assert_eq!(token(hay), old, "token of {hay:?}");
        let old: Option<Groups<VALUE_GROUPS>> = captures(&VALUE, &VALUE_LOCS, hay);
        assert_eq!(value_groups(hay), old, "value of {hay:?}");
        assert_eq!(new_law_after(hay), old_law_after(hay), "law after {hay:?}");
        assert_eq!(
            law_follows(hay),
            LAW_AHEAD.is_match(hay),
            "law ahead {hay:?}"
        );
    }

    #[test]
    fn the_article_keyword_ends_where_tokens_first_branch_does() {
        for word in [
            "art",
            "Art.",
            "ART. 6",
            "arts.",
            "Artt. 5",
            "Artikel 6",
            "artikelen",
            "Artikels",
            "Artikeln",
            "articolo",
            "articoli",
            "artículo",
            "artículos",
            "artigos",
            "artykułu",
            "artykułów",
            "art-6",
            "Artx",
            "arte",
            "art.-6",
        ] {
            let token = TOKEN_DFA.find(word).filter(|&(branch, _)| branch == 0);
            assert_eq!(
                token.map(|(_, end)| end),
                ART.find(word).map(|m| m.end()),
                "{word}"
            );
        }
    }

    #[test]
    fn the_dfas_agree_with_the_grammars_regexes_on_every_piece_and_name() {
        for piece in PIECES {
            for hay in [
                (*piece).to_owned(),
                format!(" {piece}"),
                format!("\u{a0}{piece} 1"),
                format!("{piece}x"),
                format!("{piece})"),
            ] {
                assert_same(&hay);
            }
        }
        for row in laws::table() {
            for name in row.names() {
                for hay in [
                    name.to_owned(),
                    format!(" {name}"),
                    format!(", of the {name}"),
                    format!(" der {name}."),
                    format!(" {}", name.to_uppercase()),
                    format!(" {name}x"),
                    format!("{name}, "),
                    format!("x-{name}"),
                    format!("(see the {name}:"),
                    format!("Xx {name} \u{a0}"),
                    format!("{name} Regulation (EU) 2016/680"),
                    format!(" of the Data Protection Act 2018 {name}"),
                ] {
                    assert_same(&hay);
                    assert_eq!(laws_named(&hay), old_laws_named(&hay), "{hay:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn the_dfas_agree_with_the_grammars_regexes_on_random_text(hay in text()) {
            assert_same(&hay);
            proptest::prop_assert_eq!(laws_named(&hay), old_laws_named(&hay));
        }

        #[test]
        fn leading_white_space_is_what_trim_start_takes(
            s in "[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{2009}\u{3000}\u{1c},a.-]{0,12}"
        ) {
            proptest::prop_assert_eq!(leading_space(&s), s.len() - s.trim_start().len());
            let trim = |c: char| c.is_whitespace() || c == '-' || c == ',';
            proptest::prop_assert_eq!(
                trim_leading(&s, |b| ascii_space(b) || b == b'-' || b == b',', trim),
                s.trim_start_matches(trim)
            );
        }
    }
}
