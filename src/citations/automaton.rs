//! The grammar's automata, compiled into transition tables by `build.rs` when privreg is
//! compiled, and searched here without building anything when privreg runs.
//!
//! A table is the forward DFA regex-automata determinizes from [`super::grammar`]'s
//! anchored patterns (for the tables of [`super::grammar::SEARCHED`] also an unanchored
//! forward DFA and an anchored reverse one), written in a plain format of privreg's own,
//! so that loading it is reading a header and no `unsafe` deserialization is needed (the
//! crate forbids unsafe code). All numbers are little-endian:
//!
//! | bytes              | what                                                     |
//! |--------------------|----------------------------------------------------------|
//! | 8                  | `PRVDFA03`                                               |
//! | 2                  | `A`, the columns: the byte classes and end of input, last |
//! | 2                  | `S`, the states; state 0 is dead                          |
//! | 2                  | `M`, the match states: states 1 to `M`                    |
//! | 2 × 257            | the start state after each byte, then at the text's start |
//! | 256                | each byte's class                                        |
//! | 2 × `M`            | the pattern each match state reports                      |
//! | 2 × `S` × `A`      | the transitions, row by row                              |
//!
//! A state's match is delayed by one byte, as in regex-automata: entering a match state on
//! the byte at `i` means a match that ends at `i`; the end-of-input column reports a match
//! that ends with the haystack. A reverse table reads the text backwards from a match's
//! end, its start states by the byte after that end: entering a match state on the byte
//! at `i` means a match that starts at `i + 1`.

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex::Regex;

/// One compiled automaton over several anchored patterns: it reports which pattern matched
/// (the first in order, as an alternation would) and where, with no capture search.
pub(crate) struct Automaton {
    columns: usize,
    /// The last match state: states 1 to `matching` are the match states.
    matching: u16,
    starts: &'static [u8],
    classes: &'static [u8; 256],
    matches: &'static [u8],
    transitions: &'static [u8],
}

const MAGIC: &[u8] = b"PRVDFA03";
const HEADER: usize = MAGIC.len() + 6;
/// The start state at the haystack's start, after the 256 for a byte before it.
const TEXT_START: usize = 256;

impl Automaton {
    /// Reads a table `build.rs` wrote; it panics on any other bytes, which only a broken
    /// build can give it.
    pub(crate) fn new(bytes: &'static [u8]) -> Automaton {
        assert!(bytes.starts_with(MAGIC), "not a privreg automaton");
        let word = |at: usize| usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
        let columns = word(MAGIC.len());
        let states = word(MAGIC.len() + 2);
        let matching = word(MAGIC.len() + 4);
        let (starts, rest) = bytes[HEADER..].split_at(2 * 257);
        let (classes, rest) = rest.split_at(256);
        let (matches, transitions) = rest.split_at(2 * matching);
        assert_eq!(
            transitions.len(),
            2 * states * columns,
            "automaton truncated"
        );
        let automaton = Automaton {
            columns,
            matching: matching as u16,
            starts,
            classes: classes.try_into().expect("256 classes"),
            matches,
            transitions,
        };
        assert!(
            (0..257).all(|i| usize::from(automaton.start(i)) < states),
            "automaton's start out of range"
        );
        automaton
    }

    /// The start state after byte `before`, or at the text's start for [`TEXT_START`].
    fn start(&self, before: usize) -> u16 {
        u16::from_le_bytes([self.starts[2 * before], self.starts[2 * before + 1]])
    }

    fn next(&self, state: u16, column: usize) -> u16 {
        let at = 2 * (usize::from(state) * self.columns + column);
        u16::from_le_bytes([self.transitions[at], self.transitions[at + 1]])
    }

    /// The pattern matching at the start of `hay` and the end of its leftmost-first match.
    pub(crate) fn find(&self, hay: &str) -> Option<(usize, usize)> {
        self.search(hay.as_bytes(), 0, false)
    }

    /// The pattern matching at `at` in `hay` (the byte before `at` counts for word
    /// boundaries) and the end of its leftmost-first match.
    pub(crate) fn find_at(&self, hay: &str, at: usize) -> Option<(usize, usize)> {
        self.search(hay.as_bytes(), at, false)
    }

    /// True when a pattern matches at the start of `hay`.
    pub(crate) fn is_match(&self, hay: &str) -> bool {
        self.search(hay.as_bytes(), 0, true).is_some()
    }

    /// The leftmost-first match in `hay` that starts at or after `at`, and its pattern, as
    /// an unanchored search of the same patterns finds it (the byte before `at` counts for
    /// word boundaries). It tries each start in turn, which suits sentences, not documents.
    pub(crate) fn find_from(&self, hay: &str, at: usize) -> Option<(usize, Range<usize>)> {
        let bytes = hay.as_bytes();
        let mut before = at
            .checked_sub(1)
            .map_or(TEXT_START, |i| usize::from(bytes[i]));
        for (start, &b) in bytes.iter().enumerate().skip(at) {
            // Matches are reported a byte late, so a start whose first byte leads to the
            // dead state has no match at all, not even an empty one: most starts end here.
            let first = self.next(
                self.start(before),
                usize::from(self.classes[usize::from(b)]),
            );
            if first != 0
                && let Some((pattern, end)) = self.search(bytes, start, false)
            {
                return Some((pattern, start..end));
            }
            before = usize::from(b);
        }
        let (pattern, end) = self.search(bytes, bytes.len().max(at), false)?;
        Some((pattern, end..end))
    }

    /// The anchored leftmost-first (or with `earliest`, the first seen) match from `from`.
    fn search(&self, hay: &[u8], from: usize, earliest: bool) -> Option<(usize, usize)> {
        walk(self, hay, from, earliest)
    }
}

impl Automaton {
    /// Where the leftmost match of a reverse table's patterns that ends at `end` starts, at
    /// `at` or later: the last match a backward search from `end` sees (the byte at `end`
    /// counts for word boundaries, as the byte before `at` does at the other end).
    fn search_back(&self, hay: &[u8], at: usize, end: usize) -> Option<usize> {
        let after = hay.get(end).map_or(TEXT_START, |&b| usize::from(b));
        let mut state = self.start(after);
        let mut found = None;
        for i in (at..end).rev() {
            state = self.next(state, usize::from(self.classes[usize::from(hay[i])]));
            if state == 0 {
                return found;
            }
            if state <= self.matching {
                found = Some(i + 1);
            }
        }
        let column = at.checked_sub(1).map_or(self.columns - 1, |i| {
            usize::from(self.classes[usize::from(hay[i])])
        });
        state = self.next(state, column);
        if state != 0 && state <= self.matching {
            found = Some(at);
        }
        found
    }
}

/// A forward table as [`walk`] steps through it: as read ([`Automaton`]) or widened
/// ([`Wide`]). State 0 is the dead state in both.
trait Forward {
    type State: Copy + Eq + Default;
    /// The start state after the byte `before`, or at the text's start for [`TEXT_START`].
    fn start(&self, before: usize) -> Self::State;
    /// The state after `state` on a byte of class `column` (the last: the end of input).
    fn next(&self, state: Self::State, column: usize) -> Self::State;
    /// The class of byte `b`.
    fn class(&self, b: u8) -> usize;
    /// The end of input's column.
    fn end_column(&self) -> usize;
    /// True for the dead state and the match states.
    fn special(&self, state: Self::State) -> bool;
    /// The pattern the match state `state` reports.
    fn pattern(&self, state: Self::State) -> usize;
}

impl Forward for Automaton {
    type State = u16;

    fn start(&self, before: usize) -> u16 {
        Automaton::start(self, before)
    }

    fn next(&self, state: u16, column: usize) -> u16 {
        Automaton::next(self, state, column)
    }

    fn class(&self, b: u8) -> usize {
        usize::from(self.classes[usize::from(b)])
    }

    fn end_column(&self) -> usize {
        self.columns - 1
    }

    fn special(&self, state: u16) -> bool {
        state <= self.matching
    }

    fn pattern(&self, state: u16) -> usize {
        pattern_of(self.matches, usize::from(state))
    }
}

impl Forward for Wide {
    type State = u32;

    fn start(&self, before: usize) -> u32 {
        self.starts[before]
    }

    fn next(&self, state: u32, column: usize) -> u32 {
        self.transitions[state as usize + column]
    }

    fn class(&self, b: u8) -> usize {
        usize::from(self.classes[usize::from(b)])
    }

    fn end_column(&self) -> usize {
        self.columns - 1
    }

    fn special(&self, state: u32) -> bool {
        state <= self.special
    }

    fn pattern(&self, state: u32) -> usize {
        pattern_of(self.matches, state as usize / self.columns)
    }
}

/// The pattern the match state numbered `state` reports, from a table's list of them.
fn pattern_of(matches: &[u8], state: usize) -> usize {
    let at = 2 * (state - 1);
    usize::from(u16::from_le_bytes([matches[at], matches[at + 1]]))
}

/// The anchored leftmost-first (or with `earliest`, the first seen) match of `table`'s
/// patterns from `from` in `hay`, and its pattern; the byte before `from` counts for word
/// boundaries.
fn walk<T: Forward>(table: &T, hay: &[u8], from: usize, earliest: bool) -> Option<(usize, usize)> {
    let dead = T::State::default();
    let before = from
        .checked_sub(1)
        .map_or(TEXT_START, |i| usize::from(hay[i]));
    let mut state = table.start(before);
    let mut found = None;
    for (i, &b) in hay[from..].iter().enumerate() {
        state = table.next(state, table.class(b));
        if table.special(state) {
            if state == dead {
                return found;
            }
            found = Some((table.pattern(state), from + i));
            if earliest {
                return found;
            }
        }
    }
    state = table.next(state, table.end_column());
    if state == dead || !table.special(state) {
        return found;
    }
    Some((table.pattern(state), hay.len()))
}

/// The leftmost match of a grammar's patterns anywhere in a text, by the two tables
/// `build.rs` compiles for the tables of [`super::grammar::SEARCHED`]: one pass forward
/// from any start to where the leftmost-first match ends, one back from there to where it
/// starts. [`Automaton::find_from`] tried every start in turn, which cost some 28
/// instructions a byte of a sentence; the forward pass costs a transition a byte.
pub(crate) struct Finder {
    forward: Automaton,
    /// `forward` widened, once a run has searched more bytes with it than the table holds
    /// (`spent`): widening costs a few instructions an entry, which a `check` of one file
    /// would pay for tables it searches a sentence or two with.
    wide: OnceLock<Wide>,
    spent: AtomicUsize,
    reverse: Automaton,
}

/// A table with its transitions widened, each to the `u32` offset of the next state's row:
/// a step over a byte is a load and an add, half the instructions of
/// [`Automaton::search`]'s, for the passes over whole sentences a [`Finder`] makes.
struct Wide {
    columns: usize,
    /// Offsets up to this one are the dead state's (0) and the match states'.
    special: u32,
    starts: Vec<u32>,
    classes: [u8; 256],
    transitions: Vec<u32>,
    matches: &'static [u8],
}

impl Wide {
    fn new(table: &Automaton) -> Wide {
        let columns = table.columns;
        let offset =
            |state: u16| u32::try_from(usize::from(state) * columns).expect("a table under 4 GB");
        // An offset out of the table would panic where it is read, as in `Automaton`.
        Wide {
            columns,
            special: offset(table.matching),
            starts: (0..257).map(|i| offset(table.start(i))).collect(),
            classes: *table.classes,
            transitions: table
                .transitions
                .chunks_exact(2)
                .map(|w| offset(u16::from_le_bytes([w[0], w[1]])))
                .collect(),
            matches: table.matches,
        }
    }

    /// [`Automaton::search`] on the widened table.
    fn search(&self, hay: &[u8], from: usize, earliest: bool) -> Option<(usize, usize)> {
        walk(self, hay, from, earliest)
    }
}

impl Finder {
    /// Reads the forward (`NAME.fwd.dfa`) and the reverse (`NAME.rev.dfa`) table.
    pub(crate) fn new(forward: &'static [u8], reverse: &'static [u8]) -> Finder {
        Finder {
            forward: Automaton::new(forward),
            wide: OnceLock::new(),
            spent: AtomicUsize::new(0),
            reverse: Automaton::new(reverse),
        }
    }

    /// The forward search from `at`, by the widened table once the run has earned it.
    fn forward(&self, hay: &[u8], at: usize, earliest: bool) -> Option<(usize, usize)> {
        if let Some(wide) = self.wide.get() {
            return wide.search(hay, at, earliest);
        }
        let spent = self.spent.fetch_add(hay.len() - at, Ordering::Relaxed);
        if spent > self.forward.transitions.len() {
            return self
                .wide
                .get_or_init(|| Wide::new(&self.forward))
                .search(hay, at, earliest);
        }
        self.forward.search(hay, at, earliest)
    }

    /// The leftmost-first match in `hay` that starts at or after `at`, and its pattern, as
    /// an unanchored search of the same patterns finds it (the byte before `at` counts for
    /// word boundaries).
    pub(crate) fn find_from(&self, hay: &str, at: usize) -> Option<(usize, Range<usize>)> {
        let bytes = hay.as_bytes();
        let (pattern, end) = self.forward(bytes, at, false)?;
        let start = self
            .reverse
            .search_back(bytes, at, end)
            .expect("a match found forward starts somewhere");
        Some((pattern, start..end))
    }

    /// True when a match starts at or after `at` in `hay`.
    pub(crate) fn is_match_from(&self, hay: &str, at: usize) -> bool {
        self.forward(hay.as_bytes(), at, true).is_some()
    }
}

/// The [`Finder`] of the tables `build.rs` compiled under `$name` (see
/// [`super::grammar::SEARCHED`]), read lazily.
macro_rules! finder {
    ($name:literal) => {
        std::sync::LazyLock::new(|| {
            $crate::citations::Finder::new(
                include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".fwd.dfa")),
                include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".rev.dfa")),
            )
        })
    };
}
pub(crate) use finder;

/// The [`Search`] of the tables `build.rs` compiled under `$name` (see
/// [`super::grammar::SEARCHED`]) and of the regex `$pattern` makes.
macro_rules! search {
    ($name:literal, $pattern:expr) => {
        $crate::citations::Search::new(
            (
                include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".fwd.dfa")),
                include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".rev.dfa")),
            ),
            $pattern,
        )
    };
}
pub(crate) use search;

/// The table `build.rs` compiled under `$name` (see `grammar::automata`), as a lazily read
/// [`Automaton`].
macro_rules! table {
    ($name:literal) => {
        std::sync::LazyLock::new(|| {
            $crate::citations::Automaton::new(include_bytes!(concat!(
                env!("OUT_DIR"),
                "/",
                $name,
                ".dfa"
            )))
        })
    };
}
pub(crate) use table;

/// The leftmost match of one pattern: by its tables ([`Finder::find_from`]) while a run
/// has searched fewer than [`TABLE_BUDGET`] bytes that way, then, and for any haystack
/// longer than what is left of the budget, by the regex of the pattern, built once; a
/// haystack's last [`SHORT_HAY`] bytes always by the table. The regex's vectorised
/// literal search is many times faster a byte, but building it cost more than searching a
/// few registers' prose byte by byte: a `check` of one file never builds it, a `lint` of a
/// large policy soon does. Both find the same matches, so the way taken never changes a
/// result.
pub(crate) struct Search {
    /// The forward and the reverse table of the pattern.
    tables: (&'static [u8], &'static [u8]),
    /// The pattern, made only when the regex is built.
    pattern: fn() -> String,
    table: OnceLock<Finder>,
    regex: OnceLock<Regex>,
    /// Bytes the table has searched so far in this run.
    spent: AtomicUsize,
}

/// Bytes a [`Search`] tries with its table before it builds its regex: about what building
/// the regex costs, at some ten instructions a byte.
const TABLE_BUDGET: usize = 64 * 1024;

/// What is left of a haystack that a [`Search`] always searches with its table: less than
/// a regex search costs to set up (the windows PRV404's guard reads again are this short).
const SHORT_HAY: usize = 256;

impl Search {
    /// The search of `pattern`, whose forward and reverse tables `build.rs` compiled.
    pub(crate) const fn new(
        tables: (&'static [u8], &'static [u8]),
        pattern: fn() -> String,
    ) -> Search {
        Search {
            tables,
            pattern,
            table: OnceLock::new(),
            regex: OnceLock::new(),
            spent: AtomicUsize::new(0),
        }
    }

    /// The leftmost match in `hay` that starts at or after `at`.
    pub(crate) fn find_at(&self, hay: &str, at: usize) -> Option<Range<usize>> {
        // What the table could have to read: a haystack longer than the budget left goes to
        // the regex at once.
        let most = hay.len() - at;
        let within = || most <= TABLE_BUDGET.saturating_sub(self.spent.load(Ordering::Relaxed));
        if most <= SHORT_HAY || self.regex.get().is_none() && within() {
            let found = self
                .table
                .get_or_init(|| Finder::new(self.tables.0, self.tables.1))
                .find_from(hay, at)
                .map(|(_, m)| m);
            let searched = found.as_ref().map_or(hay.len(), |m| m.start + 1) - at;
            self.spent.fetch_add(searched, Ordering::Relaxed);
            return found;
        }
        self.regex
            .get_or_init(|| Regex::new(&(self.pattern)()).expect("the grammar's patterns compile"))
            .find_at(hay, at)
            .map(|m| m.range())
    }
}

#[cfg(test)]
mod tests {
    use regex_automata::{Anchored, Input, hybrid, nfa::thompson};

    use super::super::grammar;
    use super::*;

    /// The lazy DFA of the same patterns, which privreg built at run time before.
    fn lazy(patterns: &[String]) -> (hybrid::dfa::DFA, hybrid::dfa::Cache) {
        let dfa = hybrid::dfa::DFA::builder()
            .thompson(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_many(patterns)
            .unwrap();
        let cache = dfa.create_cache();
        (dfa, cache)
    }

    /// Every table build.rs wrote, read back from `OUT_DIR`, with its patterns.
    fn tables() -> Vec<(&'static str, Automaton, Vec<String>)> {
        let names = crate::law::laws::names_pattern;
        let other = crate::law::names::other_patterns(include_str!("../law/laws.tsv"));
        grammar::automata(&names(true), &names(false), &other)
            .into_iter()
            .map(|(name, patterns)| (name, Automaton::new(out_table(name, "dfa")), patterns))
            .collect()
    }

    /// The table `build.rs` wrote to `OUT_DIR/NAME.EXTENSION`.
    fn out_table(name: &str, extension: &str) -> &'static [u8] {
        let path = std::path::Path::new(env!("OUT_DIR")).join(format!("{name}.{extension}"));
        std::fs::read(&path)
            .expect("build.rs wrote the table")
            .leak()
    }

    /// Haystacks that start with every kind of token, value and law name, and with what
    /// only nearly is one: each cut at every character boundary, so that end of input falls
    /// everywhere.
    fn haystacks() -> Vec<String> {
        let mut seeds: Vec<String> = [
            " para. 1 lit. f",
            "(1)(f) GDPR",
            " Abs. 1 S. 1 lit. a DSGVO",
            ", of the General Data Protection Regulation",
            " of Regulation (EU) 2016/679.",
            " du Règlement général sur la protection des données",
            " UK GDPR",
            " der Datenschutz\u{a0}Grundverordnung",
            " BDSG-neu",
            " first sentence of",
            " et seq.",
            " und Art. 14",
            "\u{2013}22",
            " ust. 1 pkt 3",
            " n.º 1, alínea a)",
            "ſ Kelvin \u{212A}",
            " EU-GDPR",
            "GDPRs",
            " of the Terms",
            " IV",
            " 0012th",
            "legitimate interests",
            "xconsent, Einwilligungen; öffentlichen Interesses",
            "prawnie uzasadnionego interesu",
            "açık rızası",
            "Erwägungsgrund 42, considérant 32, Recital 7, overweging, motyw 4, A6-1-f",
            "Recitals 47 and 48, Erwägungsgründe 4, motywy, of the Working Party, ErwGr. 7",
            " van de Wet, of the Terms, or, und, (",
            "standard contractual clauses, Angemessenheitsbeschluss, BCRs, dérogations, DPF",
            "EU-US Privacy Shield, Safe Harbour, § 25 TTDSG, 2010/87/EU, 95/46/EG, BDSG",
            "\t\n ",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        for row in crate::law::laws::table() {
            for name in row.names() {
                seeds.push(format!(" {name}"));
                seeds.push(format!(" of the {name},"));
            }
        }
        let mut out = Vec::new();
        for s in seeds {
            for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
                out.push(s[..i].to_owned());
            }
        }
        out
    }

    #[test]
    fn each_table_finds_what_the_lazy_dfa_of_its_patterns_finds() {
        let hays = haystacks();
        for (name, table, patterns) in tables() {
            let (dfa, mut cache) = lazy(&patterns);
            for hay in &hays {
                for earliest in [false, true] {
                    let input = Input::new(hay).anchored(Anchored::Yes).earliest(earliest);
                    let want = dfa
                        .try_search_fwd(&mut cache, &input)
                        .unwrap()
                        .map(|m| (m.pattern().as_usize(), m.offset()));
                    let got = table.search(hay.as_bytes(), 0, earliest);
                    assert_eq!(got, want, "{name}, earliest {earliest}: {hay:?}");
                }
            }
        }
    }

    /// A match's pattern and range, if any.
    type Found = Option<(usize, Range<usize>)>;

    /// Asserts that `find` finds from every start of every haystack what the regex of
    /// `patterns` finds; the byte before the start decides the word boundaries.
    fn finds_as_the_regex(name: &str, patterns: &[String], find: &dyn Fn(&str, usize) -> Found) {
        let re = regex_automata::meta::Regex::new_many(patterns).unwrap();
        for h in haystacks() {
            let hay = format!("a {h} b{h}");
            for at in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                let want = re
                    .search(&Input::new(&hay).range(at..))
                    .map(|m| (m.pattern().as_usize(), m.range()));
                assert_eq!(find(&hay, at), want, "{name} from {at}: {hay:?}");
            }
        }
    }

    #[test]
    fn an_unanchored_search_finds_what_the_regex_of_the_patterns_finds() {
        for (name, table, patterns) in tables() {
            finds_as_the_regex(name, &patterns, &|hay, at| table.find_from(hay, at));
        }
    }

    /// The forward and reverse tables of each of [`grammar::SEARCHED`], with its patterns.
    fn finders() -> Vec<(&'static str, Finder, Vec<String>)> {
        tables()
            .into_iter()
            .filter(|(name, ..)| grammar::SEARCHED.contains(name))
            .map(|(name, _, patterns)| {
                let finder = Finder::new(out_table(name, "fwd.dfa"), out_table(name, "rev.dfa"));
                (name, finder, patterns)
            })
            .collect()
    }

    #[test]
    fn a_finder_finds_what_the_regex_of_its_patterns_finds() {
        let finders = finders();
        assert_eq!(finders.len(), grammar::SEARCHED.len());
        for (name, finder, patterns) in finders {
            // By the table as read, then widened: a run that has searched enough widens it.
            for widened in [false, true] {
                if widened {
                    finder.spent.store(usize::MAX / 2, Ordering::Relaxed);
                }
                finds_as_the_regex(name, &patterns, &|hay, at| {
                    if !widened {
                        finder.spent.store(0, Ordering::Relaxed);
                    }
                    let found = finder.find_from(hay, at);
                    assert_eq!(finder.is_match_from(hay, at), found.is_some(), "{name}");
                    found
                });
                assert_eq!(finder.wide.get().is_some(), widened, "{name}");
            }
        }
    }

    #[test]
    fn the_tables_match_something() {
        // Not vacuous: each automaton finds something in some of the haystacks, not in all.
        let hays = haystacks();
        for (name, table, _) in tables() {
            let found = hays
                .iter()
                .filter(|h| table.find_from(h, 0).is_some())
                .count();
            assert!(found > 0 && found < hays.len(), "{name}: {found}");
        }
    }

    #[test]
    fn a_search_finds_the_same_by_table_and_by_regex() {
        // Longer than SHORT_HAY, so that the regex is used where the budget is spent.
        let hay = "Art. 6 GDPR, Privacy Shield, § 5 TMG, A6-1-f und Erwägungsgrund 4; part, art. "
            .repeat(4);
        let hay = hay.as_str();
        let searches: [fn() -> Search; 4] = [
            || search!("candidate", || grammar::CANDIDATE.to_owned()),
            || {
                search!("anchor_folded", || grammar::INSTRUMENT_ANCHORS[0]
                    .to_owned())
            },
            || search!("anchor_exact", || grammar::INSTRUMENT_ANCHORS[1].to_owned()),
            || {
                search!("gdpr_anywhere", || grammar::gdpr_anywhere(
                    &crate::law::laws::names_pattern(true)
                ))
            },
        ];
        for new in searches {
            let every = |search: &Search| {
                let mut found = Vec::new();
                let mut at = 0;
                while let Some(m) = search.find_at(hay, at) {
                    at = crate::source::ceil_boundary(hay, m.start + 1);
                    found.push(m);
                }
                found
            };
            let by_table = new();
            let table = every(&by_table);
            assert!(
                by_table.regex.get().is_none(),
                "a text within the budget builds no regex"
            );
            let by_regex = new();
            by_regex.spent.store(TABLE_BUDGET, Ordering::Relaxed);
            let regex = every(&by_regex);
            assert!(by_regex.regex.get().is_some());
            let pattern = (by_table.pattern)();
            assert!(table.len() >= 2, "{pattern}: {table:?}");
            assert_eq!(table, regex, "{pattern}");
        }
    }

    #[test]
    #[should_panic(expected = "not a privreg automaton")]
    fn other_bytes_are_refused() {
        Automaton::new(b"regex-automata serialized DFA");
    }
}
