//! Compiles the citation grammar's automata into transition tables (`OUT_DIR/*.dfa`), so
//! that privreg searches them from its first citation on instead of building them at run
//! time (issue 19). The format is described in `src/citations/automaton.rs`.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::path::Path;

use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::nfa::thompson;
use regex_automata::util::{primitives::StateID, start};
use regex_automata::{Anchored, MatchKind};

#[allow(dead_code, reason = "the crate uses the rest of the grammar")]
#[path = "src/citations/grammar.rs"]
mod grammar;
#[allow(dead_code, reason = "the crate uses the rest of the table's reading")]
#[path = "src/law/names.rs"]
mod names;

fn main() {
    println!("cargo::rerun-if-changed=src/citations/grammar.rs");
    println!("cargo::rerun-if-changed=src/law/names.rs");
    println!("cargo::rerun-if-changed=src/law/laws.tsv");
    link_position_dependent();
    println!("cargo::rerun-if-changed=src/law/gdpr-structure.tsv");
    let table = std::fs::read_to_string("src/law/laws.tsv").expect("src/law/laws.tsv");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let structure =
        std::fs::read_to_string("src/law/gdpr-structure.tsv").expect("gdpr-structure.tsv");
    std::fs::write(
        Path::new(&out).join("gdpr_structure.rs"),
        gdpr_structure(&structure),
    )
    .expect("OUT_DIR is writable");
    let (gdpr, other) = (
        names::names_pattern(&table, true),
        names::names_pattern(&table, false),
    );
    let other_rows = names::other_patterns(&table);
    for (name, patterns) in grammar::automata(&gdpr, &other, &other_rows) {
        let mut kinds = vec![(Kind::Anchored, "dfa")];
        if grammar::SEARCHED.contains(&name) {
            kinds.extend([(Kind::Unanchored, "fwd.dfa"), (Kind::Reverse, "rev.dfa")]);
        }
        for (kind, extension) in kinds {
            let bytes = compile(&patterns, kind);
            std::fs::write(Path::new(&out).join(format!("{name}.{extension}")), bytes)
                .expect("OUT_DIR is writable");
        }
    }
}

/// Links the `privreg` binary at a fixed address on Linux with glibc, unless `PRIVREG_PIE`
/// is set.
///
/// A position-independent privreg spends half of a one-file `check` in the dynamic loader,
/// applying 26,000 relocations to the pointers in its static tables (issue 18 item 5:
/// `--version` 2.2 -> 1.6 ms). The heap, the stack and the shared libraries stay randomised;
/// a packager whose policy requires PIE sets `PRIVREG_PIE=1` and pays the millisecond.
fn link_position_dependent() {
    println!("cargo::rerun-if-env-changed=PRIVREG_PIE");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && std::env::var_os("PRIVREG_PIE").is_none()
    {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}

/// The GDPR's structure table as a Rust expression of `law::gdpr`'s types: read when
/// privreg is compiled, it costs nothing at the first citation of a run, where parsing its
/// 392 rows took a third of a one-file `check` (issue 18 item 5). `gdpr::tests` compares
/// it with the table parsed at test time.
fn gdpr_structure(tsv: &str) -> String {
    use std::fmt::Write as _;
    let list = |s: &str| -> Vec<String> {
        s.split(',')
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut articles: Vec<(u32, Vec<String>)> = Vec::new();
    let mut numbered = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [art, para, subs, sentences, points, subpoints] = cols[..] else {
            panic!("malformed GDPR table row: {line:?}");
        };
        let number: u32 = art.parse().expect("article number");
        let paragraph: Option<u32> = (para != "-").then(|| para.parse().expect("paragraph"));
        let subs: u32 = subs.parse().expect("subparagraph count");
        let sentences: Vec<u32> = list(sentences)
            .iter()
            .map(|s| s.parse().expect("sentence count"))
            .collect();
        let mut points_src = String::new();
        for label in list(points) {
            let subs_of: Vec<String> = subpoints
                .split(';')
                .filter_map(|e| e.split_once(':'))
                .find(|(k, _)| *k == label)
                .map(|(_, v)| list(v))
                .unwrap_or_default();
            write!(
                points_src,
                "Point {{ label: {label:?}, subpoints: &{subs_of:?} }},"
            )
            .expect("writing to a String");
        }
        let src = format!(
            "Paragraph {{ number: {paragraph:?}, subparagraphs: {subs}, sentences: &{sentences:?}, points: &[{points_src}] }}"
        );
        match articles.last_mut() {
            Some((n, paragraphs)) if *n == number => paragraphs.push(src),
            _ => {
                articles.push((number, vec![src]));
                numbered.push(paragraph.is_some());
            }
        }
    }
    let mut out = String::from("&[\n");
    for ((number, paragraphs), numbered) in articles.iter().zip(numbered) {
        writeln!(
            out,
            "Article {{ number: {number}, numbered_paragraphs: {numbered}, paragraphs: &[{}] }},",
            paragraphs.join(", ")
        )
        .expect("writing to a String");
    }
    out.push(']');
    out
}

/// Which DFA of a grammar's patterns a table holds.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Forward, leftmost-first, searched anchored at its start.
    Anchored,
    /// Forward, leftmost-first, from any start: its search ends where the leftmost match does.
    Unanchored,
    /// Backward over the text, anchored at a match's end, every match: the last one it sees
    /// starts leftmost.
    Reverse,
}

/// The table of the DFA of `patterns` of the given kind.
fn compile(patterns: &[String], kind: Kind) -> Vec<u8> {
    let (match_kind, start_kind, anchored) = match kind {
        Kind::Anchored => (MatchKind::LeftmostFirst, StartKind::Anchored, Anchored::Yes),
        Kind::Unanchored => (
            MatchKind::LeftmostFirst,
            StartKind::Unanchored,
            Anchored::No,
        ),
        Kind::Reverse => (MatchKind::All, StartKind::Anchored, Anchored::Yes),
    };
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .match_kind(match_kind)
                .start_kind(start_kind),
        )
        .thompson(
            thompson::Config::new()
                .which_captures(thompson::WhichCaptures::None)
                .reverse(kind == Kind::Reverse),
        )
        .build_many(patterns)
        .expect("the grammar's patterns compile");
    let classes = dfa.byte_classes();
    // One byte of each class stands for it; the end of input is the last column.
    let mut representative: Vec<Option<u8>> = vec![None; classes.alphabet_len() - 1];
    for b in 0..=255u8 {
        representative[usize::from(classes.get(b))].get_or_insert(b);
    }
    let columns = representative.len() + 1;
    // The start state for each byte before the search's start, then for none (the
    // haystack's start): look-behind decides word boundaries.
    let starts: Vec<StateID> = (0..=255u8)
        .map(Some)
        .chain([None])
        .map(|before| {
            dfa.start_state(&start::Config::new().anchored(anchored).look_behind(before))
                .expect("a start state of the kind built")
        })
        .collect();

    // States numbered in breadth-first order from the starts, the dead state first.
    let dead = dead_state(&dfa);
    let mut number: HashMap<StateID, u16> = HashMap::from([(dead, 0)]);
    let mut order = vec![dead];
    let mut queue = VecDeque::new();
    for &s in &starts {
        if let Entry::Vacant(e) = number.entry(s) {
            e.insert(u16::try_from(order.len()).expect("fewer than 65,536 states"));
            order.push(s);
            queue.push_back(s);
        }
    }
    let mut rows: Vec<Vec<StateID>> = Vec::new();
    while let Some(state) = queue.pop_front() {
        let mut row: Vec<StateID> = representative
            .iter()
            .map(|b| dfa.next_state(state, b.expect("every class has a byte")))
            .collect();
        row.push(dfa.next_eoi_state(state));
        for &next in &row {
            assert!(
                !dfa.is_quit_state(next),
                "no pattern of the grammar gives up"
            );
            if let Entry::Vacant(e) = number.entry(next) {
                e.insert(u16::try_from(order.len()).expect("fewer than 65,536 states"));
                order.push(next);
                queue.push_back(next);
            }
        }
        rows.push(row);
    }

    // Renumbered: the dead state, then the match states, then the others, so that a search
    // tells a match by comparing the state with the number of match states.
    let is_match: Vec<bool> = order.iter().map(|&s| dfa.is_match_state(s)).collect();
    let final_order: Vec<usize> = std::iter::once(0)
        .chain((1..order.len()).filter(|&i| is_match[i]))
        .chain((1..order.len()).filter(|&i| !is_match[i]))
        .collect();
    let mut renumber = vec![0u16; order.len()];
    for (new, &old) in final_order.iter().enumerate() {
        renumber[old] = u16::try_from(new).expect("fewer than 65,536 states");
    }
    let id = |s: &StateID| usize::from(renumber[usize::from(number[s])]);

    let mut bytes = b"PRVDFA03".to_vec();
    let word = |bytes: &mut Vec<u8>, n: usize| {
        bytes.extend(u16::try_from(n).expect("fits in 16 bits").to_le_bytes());
    };
    word(&mut bytes, columns);
    word(&mut bytes, order.len());
    word(&mut bytes, is_match.iter().filter(|&&m| m).count());
    for s in &starts {
        word(&mut bytes, id(s));
    }
    bytes.extend((0..=255u8).map(|b| classes.get(b)));
    for &old in final_order.iter().skip(1).take_while(|&&old| is_match[old]) {
        word(&mut bytes, dfa.match_pattern(order[old], 0).as_usize());
    }
    // The dead state's row leads back to itself; `rows` holds the others in `order`.
    for &old in &final_order {
        match old.checked_sub(1) {
            None => bytes.extend(std::iter::repeat_n(0u8, 2 * columns)),
            Some(row) => {
                for next in &rows[row] {
                    word(&mut bytes, id(next));
                }
            }
        }
    }
    bytes
}

/// The dead state: a dense DFA keeps it first, whether or not its patterns ever reach it
/// (an unanchored search that finds no match never dies).
fn dead_state(dfa: &dense::DFA<Vec<u32>>) -> StateID {
    let dead = StateID::ZERO;
    assert!(dfa.is_dead_state(dead), "a dense DFA's first state is dead");
    dead
}
