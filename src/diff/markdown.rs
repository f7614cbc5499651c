//! `--format markdown`: the changelog of the policy, the notices the changes need and a
//! notice to customers, written by minijinja templates (`diff.md` and what it includes)
//! that a file of the same name in the project's `templates/` replaces, as for `build`.
//!
//! The view holds every register value escaped for Markdown, as the chapter's does
//! (`render::view`): the old side's values too, which no check vouches for. Codes are
//! given with their labels from the law tables (`scc`: "standard contractual clauses");
//! wording is the templates' work.

use std::path::Path;

use minijinja::Value;
use serde::Serialize;

use super::{Audience, Change, Diff, NOTICES, Notice, SectionRef};
use crate::error::Error;
use crate::law::{bases, countries, mechanisms};
use crate::render::env::{self, Limits};
use crate::render::markdown::{escape, escape_number};

/// The template `--format markdown` renders unless `--template` names another.
pub const DEFAULT_TEMPLATE: &str = "diff.md";

/// Renders `template` over `diff`, with the templates of the project at `root`.
pub fn render(diff: &Diff, root: &Path, template: &str) -> Result<String, Error> {
    let limits = Limits::for_sections(diff.changes.len());
    let overrides = crate::project::templates_dir(root)?;
    let env = env::environment(overrides, diff.style, limits);
    let view = DiffView::new(diff);
    let md = env::render(
        &env,
        template,
        Value::from(minijinja::value::Serde(&view)),
        limits,
    )?;
    Ok(crate::render::markdown::normalise(&md.text))
}

/// The context of the diff templates.
#[derive(Debug, Serialize)]
pub struct DiffView {
    /// The old side, as output names it ("v1.2 (3f2a1bc0d1e2)"), escaped.
    pub old: String,
    /// The new side, escaped.
    pub new: String,
    /// The new side's `last_updated` (else the date of `SOURCE_DATE_EPOCH`).
    pub date: Option<String>,
    /// The new side's controller, by registered name, escaped.
    pub controller: Option<String>,
    /// Every change.
    pub changes: Vec<ChangeView>,
    /// The changes by section, privreg.yaml's first.
    pub sections: Vec<GroupView>,
    /// The changes customers must be told of, by section.
    pub customers: Vec<GroupView>,
    /// The changes users must be told of, by section.
    pub users: Vec<GroupView>,
    /// Every notice class, with the number of changes in it.
    pub notices: Vec<NoticeView>,
}

/// The changes of one section, or of privreg.yaml.
#[derive(Debug, Serialize)]
pub struct GroupView {
    /// The section; absent for privreg.yaml.
    pub section: Option<SectionView>,
    /// Its changes.
    pub changes: Vec<ChangeView>,
}

/// A section as the new chapter numbers it.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// "10.3".
    pub number: String,
    /// Its title, escaped.
    pub title: String,
    /// Its `id`, escaped.
    pub id: String,
}

/// One change.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// `added`, `removed`, `changed` or `renamed`.
    pub change: &'static str,
    /// The field as docs/output.md names it (`provider.legal_name`; `processors` for a
    /// service added); privreg's own names, not escaped.
    pub field: String,
    /// The last part of `field`, which says what its values are (`country` of
    /// `provider.country`).
    pub leaf: String,
    /// The items above the change, from the section down.
    pub path: Vec<StepView>,
    /// The value before, escaped.
    pub old: Option<String>,
    /// The value after, escaped.
    pub new: Option<String>,
    /// `old` as a reader knows it: a code's label from the law tables, a country's name.
    pub old_label: Option<String>,
    /// `new` likewise.
    pub new_label: Option<String>,
    /// What identifies an added or removed item beyond its key, escaped.
    pub detail: Option<String>,
    /// The section.
    pub section: Option<SectionView>,
    /// `registers/10-1-slack.yaml:40`, escaped.
    pub location: String,
    /// The ids of its notice classes.
    pub notices: Vec<&'static str>,
    /// Who must be told: `customers`, `users`, both or neither.
    pub audiences: Vec<&'static str>,
}

/// An item on a change's path.
#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    /// The list it is in (`processors`, `transfers`).
    pub field: &'static str,
    /// Its key, escaped.
    pub key: String,
    /// Its key as a reader knows it (a country's name for a transfer).
    pub label: String,
}

/// A notice class.
#[derive(Debug, Serialize)]
pub struct NoticeView {
    /// Its id (`new-sub-processor`).
    pub id: &'static str,
    /// `customers` or `users`.
    pub audience: &'static str,
    /// The change in a phrase.
    pub summary: &'static str,
    /// Its provisions, cited in the project's `citation_style`.
    pub citations: Vec<String>,
    /// How many changes fall in it.
    pub changes: usize,
}

impl DiffView {
    /// The view of `diff`.
    pub fn new(diff: &Diff) -> DiffView {
        let view = |c: &Change| change(diff, c);
        let changes: Vec<ChangeView> = diff.changes.iter().map(view).collect();
        let groups = |keep: &dyn Fn(&Change) -> bool| -> Vec<GroupView> {
            diff.groups()
                .into_iter()
                .map(|(s, list)| GroupView {
                    section: s.map(|s| section(diff, s)),
                    changes: list.into_iter().filter(|c| keep(c)).map(view).collect(),
                })
                .filter(|g| !g.changes.is_empty())
                .collect()
        };
        let sections = groups(&|_| true);
        let audience = |a: Audience| groups(&|c: &Change| c.tells(a));
        DiffView {
            old: escape(&diff.old.label()),
            new: escape(&diff.new.label()),
            date: diff.date.clone(),
            controller: diff.controller.as_deref().map(escape),
            changes,
            sections,
            customers: audience(Audience::Customers),
            users: audience(Audience::Users),
            notices: NOTICES.iter().map(|n| notice(diff, n)).collect(),
        }
    }
}

fn section(diff: &Diff, s: &SectionRef) -> SectionView {
    SectionView {
        number: escape_number(&diff.number(s)),
        title: escape(&s.title),
        id: escape(&s.id),
    }
}

fn notice(diff: &Diff, n: &'static Notice) -> NoticeView {
    NoticeView {
        id: n.id,
        audience: n.audience.as_str(),
        summary: n.summary,
        citations: n.provisions.iter().map(|p| p.cite(diff.style)).collect(),
        changes: diff
            .changes
            .iter()
            .filter(|c| c.notices.iter().any(|m| std::ptr::eq(*m, n)))
            .count(),
    }
}

fn change(diff: &Diff, c: &Change) -> ChangeView {
    // What a value of this change is: the last part of the field (`mechanisms`,
    // `provider.country`), or the list of an item (`transfers`).
    let kind = c.field.rsplit('.').next().unwrap_or_default();
    let value = |v: &Option<super::Value>| v.as_ref().map(|v| escape(&v.to_string()));
    let shown = |v: &Option<super::Value>| {
        v.as_ref()
            .map(|v| label(kind, &v.to_string()).unwrap_or_else(|| escape(&v.to_string())))
    };
    let mut audiences: Vec<&'static str> = c.notices.iter().map(|n| n.audience.as_str()).collect();
    audiences.dedup();
    ChangeView {
        change: match c.kind {
            super::Kind::Added => "added",
            super::Kind::Removed => "removed",
            super::Kind::Changed => "changed",
            super::Kind::Renamed => "renamed",
        },
        field: c.field.clone(),
        leaf: kind.to_owned(),
        path: c
            .path
            .iter()
            .map(|s| StepView {
                field: s.field,
                key: escape(&s.key),
                label: label(s.field, &s.key).unwrap_or_else(|| escape(&s.key)),
            })
            .collect(),
        old: value(&c.old),
        new: value(&c.new),
        old_label: shown(&c.old),
        new_label: shown(&c.new),
        detail: c.detail.as_deref().map(escape),
        section: c.section.as_ref().map(|s| section(diff, s)),
        location: escape(&format!(
            "{}{}:{}",
            match c.at.side {
                super::Which::Old => diff.old.file_prefix(),
                super::Which::New => diff.new.file_prefix(),
            },
            c.at.file,
            c.at.line
        )),
        notices: c.notices.iter().map(|n| n.id).collect(),
        audiences,
    }
}

/// The label of a code from the law tables, for the field that holds it.
fn label(field: &str, value: &str) -> Option<String> {
    match field {
        "legal_bases" | "basis" => bases::lookup(value).map(|b| b.label.to_owned()),
        "mechanisms" => mechanisms::lookup(value).map(|m| m.label.to_owned()),
        "transfers" | "country" => countries::name(value)
            .map(|_| crate::render::view::to_country(value, &crate::render::lang::LANGS[0])),
        _ => None,
    }
}
