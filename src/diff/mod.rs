//! `privreg diff`: what changed between two checked registers, fact by fact, and whom each
//! change must be told to ([`notice`]).
//!
//! The comparison reads the model (`model.rs`), not the YAML: sections are matched by
//! `id`, services by `service`, onward recipients by `name`, transfers by `country`, legal
//! bases by their code (a DPV id and its code are one basis), data sources by `source`,
//! retention by category by its data. Lists of text are sets: their order is not
//! compared, and neither is the order of sections unless asked (`--order`). A field with
//! a documented default compares by its effect: `role: processor` written out is no
//! change. A service whose name changes while its provider's legal name stays is renamed,
//! not removed and added (docs/diff.md).
//!
//! Each kind of value is read by one small function ([`text`], [`code`], [`flag`],
//! [`number`]), so a change of how the model stores a kind (translatable text) changes
//! one function.

mod compare;
pub mod human;
pub mod json;
pub mod markdown;
pub mod notice;

use serde::Serialize;

use crate::project::Project;
pub use compare::compare;
pub use notice::{Audience, NOTICES, Notice};

/// The rules whose errors keep the old side from being compared: each means a file or a
/// value did not load, and would read as removed (or, for PRV007, two sections share the
/// key the comparison matches by). Other errors on the old side are judged by today's
/// rules and date, and say nothing about what changed.
pub const BLOCKS_OLD: &[&str] = &[
    "PRV001", "PRV002", "PRV003", "PRV004", "PRV005", "PRV006", "PRV007", "PRV011", "PRV012",
    "PRV017", "PRV018",
];

/// What `compare` is asked to report.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Report changes of a section's `order` (its number in the chapter).
    pub order: bool,
}

/// Which side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Which {
    /// The version compared from.
    Old,
    /// The version compared to.
    New,
}

/// Where one side's register comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// The project at `--root`, as it is on disk: `privreg diff REV` compares with it.
    WorkTree {
        /// `--root` as given.
        root: String,
    },
    /// A project directory named on the command line.
    Directory {
        /// The directory as given.
        path: String,
    },
    /// A commit of the repository holding `--root`.
    Revision {
        /// As written (`v1.2`, `HEAD~1`).
        spec: String,
        /// The commit, in full hexadecimal.
        commit: String,
    },
}

impl Side {
    /// How output names the side: "the work tree", "directory old/", "v1.2 (3f2a1bc0d1e2)".
    pub fn label(&self) -> String {
        match self {
            Side::WorkTree { .. } => "the work tree".to_owned(),
            Side::Directory { path } => format!("directory {path}"),
            Side::Revision { spec, commit } => {
                format!("{spec} ({})", &commit[..commit.len().min(12)])
            }
        }
    }

    /// What goes before a file name to say which version it is in: `v1.2:` for a revision,
    /// as `git show v1.2:registers/a.yaml` reads it; nothing for a directory.
    pub fn file_prefix(&self) -> String {
        match self {
            Side::Revision { spec, .. } => format!("{spec}:"),
            _ => String::new(),
        }
    }
}

/// A value as a change reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// Text, a code or a link, as written.
    Text(String),
    /// `true` or `false`.
    Flag(bool),
    /// A number.
    Number(u64),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Text(s) => f.write_str(s),
            Value::Flag(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{n}"),
        }
    }
}

/// Free text (a title, a purpose, an address), compared and shown as written. The one
/// place that reads a text value: text that becomes translatable changes here.
pub fn text(v: &str) -> Value {
    Value::Text(v.to_owned())
}

/// A code (`contract`, `US`, `scc`), compared as the law tables name it: a DPV id
/// (`A6-1-b`) and its code (`contract`) are one basis, and so for mechanisms.
pub fn code(field: &str, v: &str) -> Value {
    let canonical = match field {
        "basis" | "legal_bases" => crate::law::bases::lookup(v).map(|b| b.code),
        "mechanisms" => crate::law::mechanisms::lookup(v).map(|m| m.code),
        _ => None,
    };
    Value::Text(canonical.unwrap_or(v).to_owned())
}

/// A yes-or-no field.
pub fn flag(v: bool) -> Value {
    Value::Flag(v)
}

/// A number (`order`, `child_consent_age`).
pub fn number(v: u32) -> Value {
    Value::Number(u64::from(v))
}

/// How a change changed its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A value or item that was not there.
    Added,
    /// A value or item that is no longer there.
    Removed,
    /// Another value.
    Changed,
    /// An item under a new name, the same legal entity.
    Renamed,
}

/// The section a change is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRef {
    /// Its `id`.
    pub id: String,
    /// Its title, on the new side where it is there.
    pub title: String,
    /// Its `order`, on the new side where it is there.
    pub order: u32,
}

/// One keyed item on the way from a section to a change: `processors` `Slack`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The list the item is in.
    pub field: &'static str,
    /// Its key, as the new side writes it (the old side's for a removed item).
    pub key: String,
}

/// Where a change is: the file and position of the new value, or of the old one when the
/// change removed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The side the file belongs to.
    pub side: Which,
    /// The file, relative to the project root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
}

/// One change of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The section it is in; `None` for privreg.yaml.
    pub section: Option<SectionRef>,
    /// The items from the section down to the one changed.
    pub path: Vec<Step>,
    /// The field: dotted inside a single mapping (`provider.legal_name`); for an item
    /// added, removed or renamed, the list it is in (`processors`); `section` for a
    /// section.
    pub field: String,
    /// How.
    pub kind: Kind,
    /// The value before (an item's key, for an item).
    pub old: Option<Value>,
    /// The value after.
    pub new: Option<Value>,
    /// For an item added or removed, what identifies it beyond its key: a service's legal
    /// entity and country, a section's title.
    pub detail: Option<String>,
    /// Where.
    pub at: Location,
    /// The notice classes it falls in, in the order of [`NOTICES`].
    pub notices: Vec<&'static Notice>,
}

impl Change {
    /// `processors[Slack].transfers[US].mechanisms`: the path and the field in one string.
    pub fn path_text(&self) -> String {
        let mut s = String::new();
        for step in &self.path {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(&format!("{}[{}]", step.field, step.key));
        }
        if !self.field.is_empty() {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(&self.field);
        }
        s
    }

    /// Whether someone must be told of it.
    pub fn needs_notice(&self) -> bool {
        !self.notices.is_empty()
    }

    /// Whether `audience` must be told of it.
    pub fn tells(&self, audience: Audience) -> bool {
        self.notices.iter().any(|n| n.audience == audience)
    }
}

/// Two registers compared: the sides and the changes, grouped by section in the order of
/// the new side's chapter (privreg.yaml's changes first).
#[derive(Debug)]
pub struct Diff {
    /// The version compared from.
    pub old: Side,
    /// The version compared to.
    pub new: Side,
    /// The changes.
    pub changes: Vec<Change>,
    /// The new side's chapter number ("10"), for section numbers.
    pub chapter: String,
    /// The new side's `citation_style`, for the provisions of notices.
    pub style: crate::render::env::CitationStyle,
    /// The new side's `last_updated`, else the date of `SOURCE_DATE_EPOCH`.
    pub date: Option<String>,
    /// The new side's controller, by its registered name, where named.
    pub controller: Option<String>,
}

impl Diff {
    /// Compares two checked projects.
    pub fn new(old: Side, new: Side, before: &Project, after: &Project, opts: Options) -> Diff {
        let changes = compare(before, after, opts);
        let raw = after.config.raw.as_ref();
        Diff {
            old,
            new,
            changes,
            chapter: after.config.chapter.clone(),
            style: crate::render::env::CitationStyle::from_setting(
                raw.and_then(|c| c.citation_style.as_ref())
                    .map(|s| s.value.as_str()),
            ),
            date: crate::project::recorded_date(after).map(|d| d.to_string()),
            controller: raw
                .and_then(|c| c.controller.as_ref())
                .map(|c| c.legal_name.value.to_string()),
        }
    }

    /// Whether any change needs a notice.
    pub fn needs_notice(&self) -> bool {
        self.changes.iter().any(Change::needs_notice)
    }

    /// A section's number as the new chapter shows it: "10.3".
    pub fn number(&self, section: &SectionRef) -> String {
        format!("{}.{}", self.chapter, section.order)
    }

    /// The changes grouped by section, in order; privreg.yaml's (`None`) first.
    pub fn groups(&self) -> Vec<(Option<&SectionRef>, Vec<&Change>)> {
        let mut groups: Vec<(Option<&SectionRef>, Vec<&Change>)> = Vec::new();
        for c in &self.changes {
            match groups.last_mut() {
                Some((s, list)) if *s == c.section.as_ref() => list.push(c),
                _ => groups.push((c.section.as_ref(), vec![c])),
            }
        }
        groups
    }

    /// How many changes each audience must be told of.
    pub fn count(&self, audience: Audience) -> usize {
        self.changes.iter().filter(|c| c.tells(audience)).count()
    }
}

#[cfg(test)]
mod tests;
