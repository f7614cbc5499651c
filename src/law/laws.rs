//! The laws a citation can name, as data (`laws.tsv`): the GDPR in its languages and every
//! other law privreg keeps apart from it, each row with its official source.
//!
//! A citation of another law is recognised and listed but never checked; a name that is in
//! no row is an unknown law, which is never checked either.

use std::sync::OnceLock;

use regex::{Regex, RegexSet};

static TABLE: &str = include_str!("laws.tsv");

/// One row of the law table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawName {
    /// The short name privreg reports ("GDPR", "BDSG", "ePrivacy Directive").
    pub short: &'static str,
    /// Where the law applies: "EU", a country code, "CoE".
    pub jurisdiction: &'static str,
    /// A regex fragment matching the law's names where they start.
    pub pattern: &'static str,
    /// The official text the names were taken from.
    pub source: &'static str,
    /// The usual names, `|`-separated; the pattern matches each of them.
    pub names: &'static str,
}

impl LawName {
    /// The usual names of the law.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        self.names.split('|')
    }

    /// True for the GDPR's own rows.
    pub fn is_gdpr(&self) -> bool {
        super::names::is_gdpr(self.short)
    }
}

/// Every row, in the table's order (the GDPR's rows first).
pub fn table() -> &'static [LawName] {
    static CELL: OnceLock<Vec<LawName>> = OnceLock::new();
    CELL.get_or_init(|| {
        super::names::rows(TABLE)
            .map(|[short, jurisdiction, pattern, source, names]| LawName {
                short,
                jurisdiction,
                pattern,
                source,
                names,
            })
            .collect()
    })
}

/// The alternation of the GDPR's names (`gdpr` true) or of every other law's names.
pub fn names_pattern(gdpr: bool) -> String {
    super::names::names_pattern(TABLE, gdpr)
}

/// The short name of the law whose name `written` starts with; `None` when no row matches.
pub fn short_name(written: &str) -> Option<&'static str> {
    static SET: OnceLock<RegexSet> = OnceLock::new();
    let set = SET.get_or_init(|| {
        RegexSet::new(table().iter().map(|r| format!("^(?:{})", r.pattern))).expect("laws.tsv")
    });
    set.matches(written).iter().next().map(|i| table()[i].short)
}

/// True when `written` names the GDPR.
pub fn is_gdpr_name(written: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!("^{}", names_pattern(true))).expect("laws.tsv"))
        .is_match(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_compiles_has_a_source_and_a_short_name() {
        assert!(table().len() >= 40);
        for r in table() {
            Regex::new(r.pattern).unwrap_or_else(|e| panic!("{}: {e}", r.short));
            assert!(!r.short.is_empty() && !r.jurisdiction.is_empty());
            assert!(r.source.starts_with("http"), "{}: {}", r.short, r.source);
        }
    }

    #[test]
    fn names_map_to_their_short_name() {
        for (written, short) in [
            ("GDPR", "GDPR"),
            ("DSGVO", "GDPR"),
            ("RODO", "GDPR"),
            ("AVG", "GDPR"),
            ("Regulamento (UE) 2016/679", "GDPR"),
            ("UK GDPR", "UK GDPR"),
            ("ePrivacy Directive", "ePrivacy Directive"),
            ("Directive 2002/58/EC", "ePrivacy Directive"),
            ("TTDSG", "TTDSG"),
            ("LOPDGDD", "LOPDGDD"),
            ("LSSI-CE", "LSSI-CE"),
            ("AI Act", "AI Act"),
            ("Data Act", "Data Act"),
            ("DSA", "DSA"),
            ("KVKK", "KVKK"),
            ("Directive 95/46/EC", "Directive 95/46/EC"),
        ] {
            assert_eq!(short_name(written), Some(short), "{written}");
        }
        assert!(is_gdpr_name("Datenschutz-Grundverordnung"));
        for r in table() {
            for name in r.names() {
                assert_eq!(short_name(name), Some(r.short), "{name}");
            }
        }
        assert!(!is_gdpr_name("BDSG"));
    }
}
