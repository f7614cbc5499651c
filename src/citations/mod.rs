//! The citation linter: find legal citations in text, check them against the GDPR's structure.
//!
//! `text` turns Markdown/HTML into plain text with an offset map, `scan` finds citations
//! (the grammar lives in `parse`) and `fix` rewrites them into one style. The checks that
//! turn citations into PRV4xx diagnostics sit a layer up, in `rules::citations`.

mod automaton;
pub(crate) use automaton::{Automaton, Finder, Search, finder, search, table};
pub mod fix;
#[cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "build.rs compiles the patterns; only the tests read them in the crate"
    )
)]
pub(crate) mod grammar;
mod parse;
pub mod scan;
pub mod text;
pub mod yaml;

#[cfg(test)]
pub(crate) mod tests;

use std::fmt;
use std::ops::Range;

use serde::{Serialize, Serializer};

use crate::source::SourceFile;

pub use crate::law::Provision;
pub use fix::{apply_fixes, rewrite};
pub use scan::{scan, scan_on, scan_to};
pub use text::{Extracted, Format};

/// Settings of the citation linter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LintOptions {
    /// A citation without a law name counts as a GDPR citation (and is marked implied).
    pub implied_gdpr: bool,
    /// The style PRV404 rewrites into; `None` means the document's majority (ties: para-lit).
    pub style: Option<Style>,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            implied_gdpr: true,
            style: None,
        }
    }
}

/// One citation found in text; a list or range is expanded into one provision each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Byte range in the scanned (extracted) text.
    pub span: Range<usize>,
    /// The citation as written.
    pub text: String,
    /// The law cited: named, or the GDPR implied.
    pub law: Law,
    /// True when no law was named and the GDPR was assumed (`implied_gdpr`).
    pub law_implied: bool,
    /// True when privreg did not understand the whole citation (the text goes on in a form
    /// the grammar cannot read): such a citation is listed but never reported as an error.
    pub partial: bool,
    /// Every provision cited, in order.
    pub provisions: Vec<Provision>,
    /// How the citation is written.
    pub style: Style,
    /// The part of `span` that names provisions (the law name and any prefix lie outside).
    #[serde(skip)]
    pub path: Range<usize>,
}

/// A law a citation refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Law {
    /// Regulation (EU) 2016/679, in any language's name.
    Gdpr,
    /// Any other law of the law table, by its short name ("BDSG", "TDDDG", "ePrivacy Directive").
    Other(String),
    /// A law privreg does not know: a name in no row of the law table ("Foo Act"), or
    /// none at all where the document does not say the GDPR is meant (empty). Never checked.
    Unknown(String),
}

impl Law {
    /// The short name used in output ("GDPR", "BDSG").
    pub fn as_str(&self) -> &str {
        match self {
            Law::Gdpr => "GDPR",
            Law::Other(name) => name,
            Law::Unknown(name) if name.is_empty() => "unknown",
            Law::Unknown(name) => name,
        }
    }

    /// True for the GDPR and the laws of the law table; false for an unknown law.
    pub fn is_known(&self) -> bool {
        !matches!(self, Law::Unknown(_))
    }
}

impl fmt::Display for Law {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Law {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

// Written by the citation writer, so the law tables need not know any notation.
impl fmt::Display for Provision {
    /// The compact EU form: "Art. 6(1)(f)", with subparagraph and sentence spelled out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fix::write_one(self, Style::Parens))
    }
}

/// The notation a citation is written in; PRV404 wants one per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// "Art. 6 para. 1 lit. f GDPR".
    ParaLit,
    /// "Art. 6(1)(f) GDPR".
    Parens,
    /// "Art. 6 Abs. 1 lit. f DSGVO".
    AbsLit,
    /// "Art. 6 I lit. f DSGVO".
    Roman,
    /// "article 6.1.f du RGPD".
    Dotted,
    /// "point (f) of Article 6(1) GDPR".
    PointOf,
    /// A DPV identifier, "A6-1-f".
    Dpv,
    /// Neutral: an article alone ("Art. 28 GDPR") or a notation no other style competes with.
    Bare,
}

impl Style {
    /// Every style a fix can write into, as `citation_style` can name them.
    pub const WRITABLE: [Style; 6] = [
        Style::ParaLit,
        Style::Parens,
        Style::AbsLit,
        Style::Roman,
        Style::Dotted,
        Style::PointOf,
    ];

    /// True when the style takes part in the one-style-per-document rule.
    pub fn is_distinct(self) -> bool {
        !matches!(self, Style::Bare | Style::Dpv)
    }

    /// The configuration name ("para-lit").
    pub fn as_str(self) -> &'static str {
        match self {
            Style::ParaLit => "para-lit",
            Style::Parens => "parens",
            Style::AbsLit => "abs-lit",
            Style::Roman => "roman",
            Style::Dotted => "dotted",
            Style::PointOf => "point-of",
            Style::Dpv => "dpv",
            Style::Bare => "bare",
        }
    }

    /// Parses a configuration name.
    pub fn parse(s: &str) -> Option<Style> {
        Style::WRITABLE
            .into_iter()
            .find(|style| style.as_str() == s)
    }

    /// An example citation in this style, for messages.
    pub fn example(self) -> &'static str {
        match self {
            Style::ParaLit => "Art. 6 para. 1 lit. f",
            Style::Parens => "Art. 6(1)(f)",
            Style::AbsLit => "Art. 6 Abs. 1 lit. f",
            Style::Roman => "Art. 6 I lit. f",
            Style::Dotted => "Art. 6.1.f",
            Style::PointOf => "point (f) of Article 6(1)",
            Style::Dpv => "A6-1-f",
            Style::Bare => "Art. 6",
        }
    }
}

/// One entry of `privreg citations --format json`: a citation with its original position.
#[derive(Debug, Clone, Serialize)]
pub struct CitationRecord {
    /// File name as shown to users.
    pub file: String,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based character column of the first character.
    pub column: usize,
    /// 1-based line of the last character.
    pub end_line: usize,
    /// 1-based character column just past the last character.
    pub end_column: usize,
    /// The citation as written in the scanned text.
    pub text: String,
    /// Short law name ("GDPR").
    pub law: Law,
    /// True when the law was implied.
    pub law_implied: bool,
    /// False when the law is unknown: named but in no row of the law table, or not named
    /// where the document does not say the GDPR is meant. Such citations are never checked.
    pub law_known: bool,
    /// True when privreg did not understand the whole citation; never an error.
    pub partial: bool,
    /// The provisions, expanded.
    pub provisions: Vec<Provision>,
}

/// Positions `citations` (found in `extracted`) in `file` for the JSON listing; each
/// citation's text and provisions move into its record rather than being copied.
pub fn records(
    file: &SourceFile,
    extracted: &Extracted,
    citations: Vec<Citation>,
) -> Vec<CitationRecord> {
    citations
        .into_iter()
        .map(|c| {
            let span = extracted.span_to_source(c.span.clone());
            let start = file.line_col(span.start);
            let end = file.line_col(span.end);
            CitationRecord {
                file: file.name.clone(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                text: c.text,
                // Read before `law` moves into the record.
                law_known: c.law.is_known(),
                law: c.law,
                law_implied: c.law_implied,
                partial: c.partial,
                provisions: c.provisions,
            }
        })
        .collect()
}

pub(crate) use grammar::latin;

#[cfg(test)]
mod latin_tests {
    use super::latin;

    #[test]
    fn latin_words_cover_the_letters_of_the_grammars_languages() {
        let word = regex::Regex::new(&latin(r"^\w+$")).unwrap();
        // German, French, Polish, Turkish, Portuguese words the basis grammar continues.
        for w in [
            "öffentlichen",
            "légitimes",
            "zgodę",
            "rızası",
            "obrigação",
            "Straße",
        ] {
            assert!(word.is_match(w), "{w}");
        }
        assert!(!word.is_match("закон"), "no other script");
        let not_word = regex::Regex::new(&latin(r"^[^\w-]$")).unwrap();
        assert!(not_word.is_match(" ") && !not_word.is_match("é") && !not_word.is_match("-"));
    }

    #[test]
    fn the_latin_word_predicate_is_the_latin_word_class() {
        let word = regex::Regex::new(&latin(r"^\w$")).unwrap();
        for c in (0..0x400).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            assert_eq!(
                super::grammar::is_latin_word(c),
                word.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
    }
}
