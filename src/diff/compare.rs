//! The comparison: every field of the model, struct by struct, and the notice classes of
//! each change ([`super::notice`]).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::notice::{self, Notice};
use super::{
    Change, Kind, Location, Options, SectionRef, Step, Value, Which, code, flag, number, text,
};
use crate::load::{OptField, Spanned};
use crate::model::{
    AutomatedDecisions, CategoryRetention, Config, Controller, DataProvision, DataSource, Dpa, Dpo,
    Entity, Importer, LegalBasis, Processor, Recipient, Representative, Retention, Section,
    Transfer,
};
use crate::project::{LoadedSection, Project};
use crate::source::{SourceFile, Span};

/// The changes from `old` to `new`: privreg.yaml's first, then section by section in the
/// new chapter's order, a removed section where its order puts it.
pub fn compare(old: &Project, new: &Project, opts: Options) -> Vec<Change> {
    let facts = Facts::of(old);
    let mut cx = Cx {
        changes: Vec::new(),
        facts: &facts,
        section: None,
        path: Vec::new(),
        prefix: String::new(),
        old_file: old.config_file.clone(),
        new_file: new.config_file.clone(),
        spans: (0..0, 0..0),
    };
    config(&mut cx, old.config.raw.as_ref(), new.config.raw.as_ref());
    let by_id = |p: &'_ Project| -> Vec<(String, usize)> {
        p.sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.section.id.value.clone(), i))
            .collect()
    };
    let (old_ids, new_ids) = (by_id(old), by_id(new));
    let old_index: HashMap<&str, usize> = old_ids.iter().map(|(id, i)| (id.as_str(), *i)).collect();
    let new_index: HashMap<&str, usize> = new_ids.iter().map(|(id, i)| (id.as_str(), *i)).collect();
    // Every section once, in chapter order: the new side's order, else the old side's.
    let mut order: Vec<(u32, &str, Option<usize>, Option<usize>)> = Vec::new();
    for (id, i) in &new_ids {
        let s = &new.sections[*i].section;
        order.push((
            s.order.value,
            id,
            old_index.get(id.as_str()).copied(),
            Some(*i),
        ));
    }
    for (id, i) in &old_ids {
        if !new_index.contains_key(id.as_str()) {
            order.push((old.sections[*i].section.order.value, id, Some(*i), None));
        }
    }
    order.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    order.dedup_by(|a, b| a.1 == b.1);
    for (_, _, o, n) in order {
        let (o, n) = (o.map(|i| &old.sections[i]), n.map(|i| &new.sections[i]));
        section(&mut cx, o, n, opts);
    }
    cx.changes
}

/// What the old register already did, register-wide: which legal entities it engaged as
/// processors, and to which countries it transferred.
struct Facts {
    engaged: HashSet<String>,
    destinations: HashSet<String>,
}

impl Facts {
    fn of(p: &Project) -> Facts {
        let mut f = Facts {
            engaged: HashSet::new(),
            destinations: HashSet::new(),
        };
        for s in &p.sections {
            for proc in &s.section.processors {
                let sub = role(proc) == "processor";
                if sub {
                    f.engaged.insert(engaged(proc).to_owned());
                }
                for t in &proc.transfers {
                    f.destinations.insert(t.country.value.clone());
                }
                for r in &proc.onward_recipients {
                    if sub && onward_role(r) == "processor" {
                        f.engaged.insert(recipient_entity(r).to_owned());
                    }
                    for t in &r.transfers {
                        f.destinations.insert(t.country.value.clone());
                    }
                }
            }
        }
        f
    }
}

/// The legal entity a processor is engaged as: the DPA's counterparty, else the provider.
fn engaged(p: &Processor) -> &str {
    p.dpa
        .as_ref()
        .and_then(|d| d.counterparty.as_ref())
        .map_or(p.provider.legal_name.value.as_str(), |c| c.value.as_str())
}

fn role(p: &Processor) -> &str {
    p.role.as_ref().map_or("processor", |r| r.value.as_str())
}

fn onward_role(r: &Recipient) -> &str {
    r.role.as_ref().map_or("processor", |r| r.value.as_str())
}

/// An onward recipient's legal entity: its provider, else its name.
fn recipient_entity(r: &Recipient) -> &str {
    r.provider
        .as_ref()
        .map_or(r.name.value.as_str(), |p| p.legal_name.value.as_str())
}

/// Whether a basis code is Art. 6(1)(e) or (f), which bring the right to object.
fn objectable(basis: &str) -> bool {
    crate::law::bases::lookup(basis).is_some_and(|b| b.article == 6 && matches!(b.point, 'e' | 'f'))
}

/// The derogations whose use the data subject must hear of (Art. 49(1)(a), second
/// subparagraph).
fn told_derogation(mechanism: &str) -> bool {
    matches!(
        crate::law::mechanisms::lookup(mechanism).map(|m| m.code),
        Some("derogation-consent" | "derogation-compelling-interests")
    )
}

/// The comparison's state: where it is, and what it found.
struct Cx<'a> {
    changes: Vec<Change>,
    facts: &'a Facts,
    section: Option<SectionRef>,
    path: Vec<Step>,
    /// The dotted prefix inside single mappings (`provider.`).
    prefix: String,
    old_file: Option<Arc<SourceFile>>,
    new_file: Option<Arc<SourceFile>>,
    /// The spans of the mappings being compared, old and new: where a value that was
    /// removed to its default is reported.
    spans: (Span, Span),
}

impl Cx<'_> {
    fn location(&self, which: Which, span: &Span) -> Location {
        let file = match which {
            Which::Old => self.old_file.as_ref().or(self.new_file.as_ref()),
            Which::New => self.new_file.as_ref().or(self.old_file.as_ref()),
        };
        // A side without privreg.yaml has nothing to point at; the other side's file does.
        let which = match (which, &self.old_file, &self.new_file) {
            (Which::New, _, None) => Which::Old,
            (Which::Old, None, _) => Which::New,
            _ => which,
        };
        match file {
            Some(f) => {
                let lc = f.line_col(span.start);
                Location {
                    side: which,
                    file: f.name.clone(),
                    line: lc.line,
                    column: lc.column,
                }
            }
            None => Location {
                side: which,
                file: crate::project::CONFIG_FILE.to_owned(),
                line: 1,
                column: 1,
            },
        }
    }

    /// Records a change of `field` (under the current prefix); returns its index.
    fn emit(
        &mut self,
        field: &str,
        kind: Kind,
        old: Option<Value>,
        new: Option<Value>,
        at: Location,
    ) -> usize {
        self.changes.push(Change {
            section: self.section.clone(),
            path: self.path.clone(),
            field: format!("{}{field}", self.prefix),
            kind,
            old,
            new,
            detail: None,
            at,
            notices: Vec::new(),
        });
        self.changes.len() - 1
    }

    /// Adds notice classes to change `i`, keeping the order of [`notice::NOTICES`].
    fn notify(&mut self, i: usize, notices: &[&'static Notice]) {
        let list = &mut self.changes[i].notices;
        for n in notices {
            if !list.iter().any(|m| std::ptr::eq(*m, *n)) {
                list.push(n);
            }
        }
        list.sort_by_key(|n| {
            notice::NOTICES
                .iter()
                .position(|m| std::ptr::eq(*m, *n))
                .unwrap_or(usize::MAX)
        });
    }

    /// A value present on either side, absent meaning nothing: added, removed or changed.
    fn value(
        &mut self,
        field: &str,
        old: Option<(Value, &Span)>,
        new: Option<(Value, &Span)>,
    ) -> Option<usize> {
        match (old, new) {
            (None, None) => None,
            (Some((a, _)), Some((b, span))) if a != b => {
                let at = self.location(Which::New, span);
                Some(self.emit(field, Kind::Changed, Some(a), Some(b), at))
            }
            (Some(_), Some(_)) => None,
            (None, Some((b, span))) => {
                let at = self.location(Which::New, span);
                Some(self.emit(field, Kind::Added, None, Some(b), at))
            }
            (Some((a, span)), None) => {
                let at = self.location(Which::Old, span);
                Some(self.emit(field, Kind::Removed, Some(a), None, at))
            }
        }
    }

    /// A value with a default that absence means: compared by effect, so a change is
    /// always `changed`, reported where the new value is (or its mapping, when the new
    /// side leaves it out).
    fn defaulted(
        &mut self,
        field: &str,
        old: Option<(Value, &Span)>,
        new: Option<(Value, &Span)>,
        default: Value,
    ) -> Option<usize> {
        let a = old.map_or(default.clone(), |(v, _)| v);
        let new_span = new
            .as_ref()
            .map_or(self.spans.1.clone(), |(_, s)| (*s).clone());
        let b = new.map_or(default, |(v, _)| v);
        if a == b {
            return None;
        }
        let at = self.location(Which::New, &new_span);
        Some(self.emit(field, Kind::Changed, Some(a), Some(b), at))
    }

    /// A text compares in every language (a `Text` equals another only when each language
    /// says the same); the change shows the first language's.
    fn text<T: AsRef<str> + PartialEq>(
        &mut self,
        field: &str,
        old: &Spanned<T>,
        new: &Spanned<T>,
    ) -> Option<usize> {
        if old.value == new.value {
            return None;
        }
        self.value(
            field,
            Some((text(old.value.as_ref()), &old.span)),
            Some((text(new.value.as_ref()), &new.span)),
        )
    }

    fn opt_text<T: AsRef<str> + PartialEq>(
        &mut self,
        field: &str,
        old: &impl OptField<T>,
        new: &impl OptField<T>,
    ) -> Option<usize> {
        let (old, new) = (old.field(), new.field());
        if old.map(|v| &v.value) == new.map(|v| &v.value) {
            return None;
        }
        self.value(
            field,
            old.map(|v| (text(v.value.as_ref()), &v.span)),
            new.map(|v| (text(v.value.as_ref()), &v.span)),
        )
    }

    fn code(&mut self, field: &str, old: &Spanned<String>, new: &Spanned<String>) -> Option<usize> {
        if old.value == new.value {
            return None;
        }
        self.value(
            field,
            Some((code(field, &old.value), &old.span)),
            Some((code(field, &new.value), &new.span)),
        )
    }

    fn opt_code(
        &mut self,
        field: &str,
        old: &Option<Spanned<String>>,
        new: &Option<Spanned<String>>,
        default: Option<&str>,
    ) -> Option<usize> {
        let o = old.as_ref().map(|v| (code(field, &v.value), &v.span));
        let n = new.as_ref().map(|v| (code(field, &v.value), &v.span));
        match default {
            Some(d) => self.defaulted(field, o, n, code(field, d)),
            None => self.value(field, o, n),
        }
    }

    fn opt_flag(
        &mut self,
        field: &str,
        old: &Option<Spanned<bool>>,
        new: &Option<Spanned<bool>>,
        default: bool,
    ) -> Option<usize> {
        self.defaulted(
            field,
            old.as_ref().map(|v| (flag(v.value), &v.span)),
            new.as_ref().map(|v| (flag(v.value), &v.span)),
            flag(default),
        )
    }

    fn flag(&mut self, field: &str, old: &Spanned<bool>, new: &Spanned<bool>) -> Option<usize> {
        self.value(
            field,
            Some((flag(old.value), &old.span)),
            Some((flag(new.value), &new.span)),
        )
    }

    /// A list of text or codes, compared as a multiset: one change per item added or
    /// removed. Returns the indices of the additions.
    fn set<T: AsRef<str> + PartialEq>(
        &mut self,
        field: &str,
        old: &[Spanned<T>],
        new: &[Spanned<T>],
        read: fn(&str, &str) -> Value,
    ) -> Vec<usize> {
        // The common case, and the cheap one: the same items in the same order.
        if old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a.value == b.value) {
            return Vec::new();
        }
        let mut left: Vec<(Value, &Span)> = old
            .iter()
            .map(|v| (read(field, v.value.as_ref()), &v.span))
            .collect();
        let mut added = Vec::new();
        let mut fresh = Vec::new();
        for v in new {
            let value = read(field, v.value.as_ref());
            match left.iter().position(|(o, _)| *o == value) {
                Some(i) => {
                    left.remove(i);
                }
                None => fresh.push((value, &v.span)),
            }
        }
        for (value, span) in fresh {
            let at = self.location(Which::New, span);
            added.push(self.emit(field, Kind::Added, None, Some(value), at));
        }
        for (value, span) in left {
            let at = self.location(Which::Old, span);
            self.emit(field, Kind::Removed, Some(value), None, at);
        }
        added
    }

    /// Compares one keyed item's fields in `f`, with the item on the path.
    fn item<T>(
        &mut self,
        field: &'static str,
        key: String,
        old: &Spanned<T>,
        new: &Spanned<T>,
        f: impl FnOnce(&mut Self, &T, &T),
    ) {
        let saved = (
            std::mem::take(&mut self.prefix),
            std::mem::replace(&mut self.spans, (old.span.clone(), new.span.clone())),
        );
        self.path.push(Step { field, key });
        f(self, &old.value, &new.value);
        self.path.pop();
        (self.prefix, self.spans) = saved;
    }

    /// Compares a single mapping present on both sides, its fields prefixed `name.`.
    fn within<T>(
        &mut self,
        name: &str,
        old: &Spanned<T>,
        new: &Spanned<T>,
        f: impl FnOnce(&mut Self, &T, &T),
    ) {
        let prefix = format!("{}{name}.", self.prefix);
        let saved = (
            std::mem::replace(&mut self.prefix, prefix),
            std::mem::replace(&mut self.spans, (old.span.clone(), new.span.clone())),
        );
        f(self, &old.value, &new.value);
        (self.prefix, self.spans) = saved;
    }

    /// An optional single mapping: added or removed whole (shown by `summary`), else
    /// compared field by field.
    fn opt_within<T>(
        &mut self,
        name: &str,
        old: Option<&Spanned<T>>,
        new: Option<&Spanned<T>>,
        summary: fn(&T) -> Value,
        f: impl FnOnce(&mut Self, &T, &T),
    ) -> Option<usize> {
        match (old, new) {
            (Some(o), Some(n)) => {
                self.within(name, o, n, f);
                None
            }
            (o, n) => self.value(
                name,
                o.map(|v| (summary(&v.value), &v.span)),
                n.map(|v| (summary(&v.value), &v.span)),
            ),
        }
    }

    /// A list of keyed items: matched by key (in order of occurrence where a key repeats),
    /// then, with `same`, unmatched items of the same legal entity paired as renamed;
    /// `both` compares a pair, `added` gives the notices of a new item; removed items need
    /// none. Items are visited in the new side's order, removed ones after.
    #[allow(clippy::too_many_arguments)]
    fn keyed<T>(
        &mut self,
        field: &'static str,
        old: &[Spanned<T>],
        new: &[Spanned<T>],
        key: impl Fn(&T) -> String,
        same: Option<fn(&T, &T) -> bool>,
        detail: impl Fn(&T) -> Option<String>,
        added: impl Fn(&Self, &T) -> Vec<&'static Notice>,
        mut both: impl FnMut(&mut Self, String, &Spanned<T>, &Spanned<T>),
    ) {
        let keys = |items: &[Spanned<T>]| -> Vec<String> {
            let mut seen: HashMap<String, usize> = HashMap::new();
            items
                .iter()
                .map(|i| {
                    let k = key(&i.value);
                    let n = seen.entry(k.clone()).or_default();
                    *n += 1;
                    if *n == 1 { k } else { format!("{k} #{n}") }
                })
                .collect()
        };
        let (old_keys, new_keys) = (keys(old), keys(new));
        let mut partner: Vec<Option<usize>> = vec![None; new.len()];
        let mut taken = vec![false; old.len()];
        for (j, k) in new_keys.iter().enumerate() {
            if let Some(i) = old_keys
                .iter()
                .enumerate()
                .position(|(i, o)| !taken[i] && o == k)
            {
                taken[i] = true;
                partner[j] = Some(i);
            }
        }
        let mut renamed = vec![false; new.len()];
        if let Some(same) = same {
            for j in 0..new.len() {
                if partner[j].is_some() {
                    continue;
                }
                if let Some(i) =
                    (0..old.len()).find(|&i| !taken[i] && same(&old[i].value, &new[j].value))
                {
                    taken[i] = true;
                    partner[j] = Some(i);
                    renamed[j] = true;
                }
            }
        }
        for (j, n) in new.iter().enumerate() {
            match partner[j] {
                Some(i) => {
                    if renamed[j] {
                        let at = self.location(Which::New, &n.span);
                        self.emit(
                            field,
                            Kind::Renamed,
                            Some(text(&old_keys[i])),
                            Some(text(&new_keys[j])),
                            at,
                        );
                    }
                    both(self, new_keys[j].clone(), &old[i], n);
                }
                None => {
                    let at = self.location(Which::New, &n.span);
                    let c = self.emit(field, Kind::Added, None, Some(text(&new_keys[j])), at);
                    self.changes[c].detail = detail(&n.value);
                    let notices = added(self, &n.value);
                    self.notify(c, &notices);
                }
            }
        }
        for (i, o) in old.iter().enumerate() {
            if !taken[i] {
                let at = self.location(Which::Old, &o.span);
                let c = self.emit(field, Kind::Removed, Some(text(&old_keys[i])), None, at);
                self.changes[c].detail = detail(&o.value);
            }
        }
    }
}

/// privreg.yaml: what the policy states of the controller, and the settings that change
/// what it says (`child_consent_age`, `device_access_law`). Presentation and tooling
/// (chapter, title, style, paths, rules) are not compared.
fn config(cx: &mut Cx, old: Option<&Config>, new: Option<&Config>) {
    cx.spans = (
        old.map_or(0..0, |c| c.span.clone()),
        new.map_or(0..0, |c| c.span.clone()),
    );
    let (oc, nc) = (
        old.and_then(|c| c.controller.as_ref()),
        new.and_then(|c| c.controller.as_ref()),
    );
    cx.opt_within(
        "controller",
        oc,
        nc,
        |c: &Controller| text(&c.legal_name.value),
        controller,
    );
    let ages = (
        old.and_then(|c| c.child_consent_age.as_ref()),
        new.and_then(|c| c.child_consent_age.as_ref()),
    );
    cx.defaulted(
        "child_consent_age",
        ages.0.map(|v| (number(v.value), &v.span)),
        ages.1.map(|v| (number(v.value), &v.span)),
        number(16),
    );
    let laws = (
        old.and_then(|c| c.device_access_law.clone()),
        new.and_then(|c| c.device_access_law.clone()),
    );
    cx.opt_code("device_access_law", &laws.0, &laws.1, Some("tdddg"));
}

fn controller(cx: &mut Cx, o: &Controller, n: &Controller) {
    if let Some(i) = cx.text("legal_name", &o.legal_name, &n.legal_name) {
        cx.notify(i, &[&notice::NEW_CONTROLLER]);
    }
    cx.text("address", &o.address, &n.address);
    cx.code("country", &o.country, &n.country);
    cx.opt_text("email", &o.email, &n.email);
    cx.opt_text("phone", &o.phone, &n.phone);
    cx.opt_text("web_form", &o.web_form, &n.web_form);
    cx.opt_within(
        "dpo",
        o.dpo.as_ref(),
        n.dpo.as_ref(),
        dpo_summary,
        |cx, o, n| {
            cx.opt_text("name", &o.name, &n.name);
            cx.opt_text("email", &o.email, &n.email);
            cx.opt_text("phone", &o.phone, &n.phone);
            cx.opt_text("address", &o.address, &n.address);
            cx.opt_text("web_form", &o.web_form, &n.web_form);
        },
    );
    cx.opt_within(
        "representative",
        o.representative.as_ref(),
        n.representative.as_ref(),
        |r: &Representative| text(&r.legal_name.value),
        |cx, o, n| {
            cx.text("legal_name", &o.legal_name, &n.legal_name);
            cx.text("address", &o.address, &n.address);
            cx.code("country", &o.country, &n.country);
            cx.opt_text("email", &o.email, &n.email);
        },
    );
    cx.opt_flag(
        "public_authority",
        &o.public_authority,
        &n.public_authority,
        false,
    );
}

fn dpo_summary(d: &Dpo) -> Value {
    let first = [
        d.name.as_ref().map(|v| v.value.as_str()),
        d.email.as_ref().map(|v| v.value.as_str()),
        d.phone.as_ref().map(|v| v.value.as_str()),
        d.web_form.as_ref().map(|v| v.value.as_str()),
        d.address.as_ref().map(|v| v.value.as_str()),
    ]
    .into_iter()
    .flatten()
    .next();
    text(first.unwrap_or(""))
}

/// One section, on either side or both.
fn section(cx: &mut Cx, old: Option<&LoadedSection>, new: Option<&LoadedSection>, opts: Options) {
    let shown = new.or(old).expect("a section on one side at least");
    cx.section = Some(SectionRef {
        id: shown.section.id.value.clone(),
        title: shown.section.title.value.to_string(),
        order: shown.section.order.value,
    });
    cx.old_file = old.map(|s| Arc::clone(&s.file));
    cx.new_file = new.map(|s| Arc::clone(&s.file));
    cx.path.clear();
    cx.prefix.clear();
    match (old, new) {
        (Some(o), Some(n)) => {
            cx.spans = (o.section.span.clone(), n.section.span.clone());
            section_fields(cx, &o.section, &n.section, opts);
        }
        (None, Some(n)) => {
            let at = cx.location(Which::New, &n.section.span);
            let i = cx.emit(
                "section",
                Kind::Added,
                None,
                Some(text(&n.section.id.value)),
                at,
            );
            cx.changes[i].detail = Some(n.section.title.value.to_string());
            let notices = section_added(cx.facts, &n.section);
            cx.notify(i, &notices);
        }
        (Some(o), None) => {
            let at = cx.location(Which::Old, &o.section.span);
            let i = cx.emit(
                "section",
                Kind::Removed,
                Some(text(&o.section.id.value)),
                None,
                at,
            );
            cx.changes[i].detail = Some(o.section.title.value.to_string());
        }
        (None, None) => {}
    }
}

fn section_fields(cx: &mut Cx, o: &Section, n: &Section, opts: Options) {
    if opts.order {
        cx.value(
            "order",
            Some((number(o.order.value), &o.order.span)),
            Some((number(n.order.value), &n.order.span)),
        );
    }
    cx.text("title", &o.title, &n.title);
    cx.opt_code(
        "processed_by",
        &o.processed_by,
        &n.processed_by,
        Some("processors"),
    );
    cx.opt_text("summary", &o.summary, &n.summary);
    for i in cx.set("purposes", &o.purposes, &n.purposes, plain) {
        cx.notify(i, &[&notice::NEW_PURPOSE]);
    }
    cx.opt_flag(
        "purposes_exclusive",
        &o.purposes_exclusive,
        &n.purposes_exclusive,
        false,
    );
    cx.set("data_subjects", &o.data_subjects, &n.data_subjects, plain);
    cx.set(
        "data_categories",
        &o.data_categories,
        &n.data_categories,
        plain,
    );
    cx.opt_flag(
        "data_categories_exhaustive",
        &o.data_categories_exhaustive,
        &n.data_categories_exhaustive,
        true,
    );
    cx.set(
        "special_categories",
        &o.special_categories,
        &n.special_categories,
        code,
    );
    cx.opt_flag(
        "criminal_offences",
        &o.criminal_offences,
        &n.criminal_offences,
        false,
    );
    cx.set("not_processed", &o.not_processed, &n.not_processed, plain);
    cx.set("excluded_uses", &o.excluded_uses, &n.excluded_uses, plain);
    cx.set("measures", &o.measures, &n.measures, plain);
    cx.set("details", &o.details, &n.details, plain);
    cx.keyed(
        "legal_bases",
        &o.legal_bases,
        &n.legal_bases,
        |b: &LegalBasis| code("basis", &b.basis.value).to_string(),
        None,
        |_| None,
        |_, b| basis_added(b),
        |cx, key, o, n| cx.item("legal_bases", key, o, n, basis),
    );
    cx.keyed(
        "processors",
        &o.processors,
        &n.processors,
        |p: &Processor| p.service.value.to_string(),
        Some(|a: &Processor, b: &Processor| {
            a.provider.legal_name.value == b.provider.legal_name.value
        }),
        |p| {
            Some(format!(
                "{}, {}",
                p.provider.legal_name.value, p.provider.country.value
            ))
        },
        |cx, p| processor_added(cx.facts, p),
        |cx, key, o, n| cx.item("processors", key, o, n, processor),
    );
    for i in cx.set(
        "recipient_categories",
        &o.recipient_categories,
        &n.recipient_categories,
        plain,
    ) {
        cx.notify(i, &[&notice::NEW_RECIPIENT]);
    }
    cx.opt_within(
        "retention",
        o.retention.as_deref(),
        n.retention.as_deref(),
        retention_summary,
        retention,
    );
    cx.opt_within(
        "provision",
        o.provision.as_deref(),
        n.provision.as_deref(),
        |p: &DataProvision| text(&p.requirement.value),
        |cx, o, n| {
            cx.code("requirement", &o.requirement, &n.requirement);
            cx.opt_text("consequences", &o.consequences, &n.consequences);
        },
    );
    cx.opt_within(
        "automated_decisions",
        o.automated_decisions.as_deref(),
        n.automated_decisions.as_deref(),
        |a: &AutomatedDecisions| flag(a.used.value),
        |cx, o, n| {
            cx.flag("used", &o.used, &n.used);
            cx.opt_text("logic", &o.logic, &n.logic);
            cx.opt_text("consequences", &o.consequences, &n.consequences);
            cx.opt_code("ground", &o.ground, &n.ground, None);
        },
    );
    cx.keyed(
        "sources",
        &o.sources,
        &n.sources,
        |s: &DataSource| s.source.value.to_string(),
        None,
        |_| None,
        |_, _| Vec::new(),
        |cx, key, o, n| {
            cx.item("sources", key, o, n, |cx, o, n| {
                cx.opt_flag("public", &o.public, &n.public, false);
                cx.set(
                    "data_categories",
                    &o.data_categories,
                    &n.data_categories,
                    plain,
                );
            });
        },
    );
    cx.opt_flag("children", &o.children, &n.children, false);
    cx.opt_code("device_access", &o.device_access, &n.device_access, None);
    for i in cx.set(
        "direct_marketing",
        &o.direct_marketing,
        &n.direct_marketing,
        plain,
    ) {
        cx.notify(i, &[&notice::RIGHT_TO_OBJECT]);
    }
}

/// Free text in a list: read as [`text`].
fn plain(_: &str, v: &str) -> Value {
    text(v)
}

fn basis(cx: &mut Cx, o: &LegalBasis, n: &LegalBasis) {
    cx.opt_text("scope", &o.scope, &n.scope);
    cx.opt_text("condition", &o.condition, &n.condition);
    cx.opt_text("interest", &o.interest, &n.interest);
    for i in cx.set("purposes", &o.purposes, &n.purposes, plain) {
        cx.notify(i, &[&notice::NEW_BASIS]);
    }
    cx.set(
        "data_categories",
        &o.data_categories,
        &n.data_categories,
        plain,
    );
    cx.opt_text("national_law", &o.national_law, &n.national_law);
}

fn basis_added(b: &LegalBasis) -> Vec<&'static Notice> {
    let mut v: Vec<&'static Notice> = vec![&notice::NEW_BASIS];
    if objectable(&b.basis.value) {
        v.push(&notice::RIGHT_TO_OBJECT);
    }
    v
}

/// The notices a new section brings: its purposes and bases, and its services as if each
/// were added.
fn section_added(facts: &Facts, s: &Section) -> Vec<&'static Notice> {
    let mut v: Vec<&'static Notice> = Vec::new();
    if !s.purposes.is_empty() {
        v.push(&notice::NEW_PURPOSE);
    }
    for b in &s.legal_bases {
        v.extend(basis_added(&b.value));
    }
    if !s.direct_marketing.is_empty() {
        v.push(&notice::RIGHT_TO_OBJECT);
    }
    if !s.recipient_categories.is_empty() {
        v.push(&notice::NEW_RECIPIENT);
    }
    for p in &s.processors {
        v.extend(processor_added(facts, &p.value));
    }
    v
}

fn processor_added(facts: &Facts, p: &Processor) -> Vec<&'static Notice> {
    let mut v: Vec<&'static Notice> = Vec::new();
    let sub = role(p) == "processor";
    if !sub {
        v.push(&notice::NEW_RECIPIENT);
    } else if !facts.engaged.contains(engaged(p)) {
        v.push(&notice::NEW_SUB_PROCESSOR);
    }
    if !p.purposes.is_empty() {
        v.push(&notice::NEW_PURPOSE);
    }
    for t in &p.transfers {
        v.extend(transfer_added(facts, &t.value, sub));
    }
    for r in &p.onward_recipients {
        v.extend(recipient_added(facts, &r.value, sub));
    }
    v
}

fn recipient_added(facts: &Facts, r: &Recipient, holder_sub: bool) -> Vec<&'static Notice> {
    let mut v: Vec<&'static Notice> = Vec::new();
    let sub = holder_sub && onward_role(r) == "processor";
    if onward_role(r) != "processor" {
        v.push(&notice::NEW_RECIPIENT);
    } else if sub && !facts.engaged.contains(recipient_entity(r)) {
        v.push(&notice::NEW_SUB_PROCESSOR);
    }
    for t in &r.transfers {
        v.extend(transfer_added(facts, &t.value, sub));
    }
    v
}

/// A transfer a service did not make before; `sub`: the service is a sub-processor.
fn transfer_added(facts: &Facts, t: &Transfer, sub: bool) -> Vec<&'static Notice> {
    let mut v: Vec<&'static Notice> = Vec::new();
    if sub {
        v.push(&notice::SUB_PROCESSOR_TRANSFER);
    }
    if !facts.destinations.contains(&t.country.value) {
        v.push(&notice::NEW_THIRD_COUNTRY);
    }
    if t.mechanisms.iter().any(|m| told_derogation(&m.value)) {
        v.push(&notice::DEROGATION);
    }
    v
}

fn processor(cx: &mut Cx, o: &Processor, n: &Processor) {
    let provider = cx.changes.len();
    cx.within("provider", &o.provider, &n.provider, entity);
    let (old_sub, new_sub) = (role(o) == "processor", role(n) == "processor");
    if let Some(i) = cx.opt_code("role", &o.role, &n.role, Some("processor")) {
        if new_sub && !cx.facts.engaged.contains(engaged(n)) {
            cx.notify(i, &[&notice::NEW_SUB_PROCESSOR]);
        } else if !new_sub {
            cx.notify(i, &[&notice::NEW_RECIPIENT]);
        }
    }
    cx.opt_text("arrangement", &o.arrangement, &n.arrangement);
    cx.opt_text("contact_point", &o.contact_point, &n.contact_point);
    cx.opt_within(
        "dpa",
        o.dpa.as_ref(),
        n.dpa.as_ref(),
        |d: &Dpa| flag(d.concluded.value),
        |cx, o, n| {
            cx.flag("concluded", &o.concluded, &n.concluded);
            cx.opt_text("counterparty", &o.counterparty, &n.counterparty);
        },
    );
    // Another legal entity for the same service: a replaced sub-processor, or for a
    // controller a new recipient; said at each field that made the entity change.
    let entity_changed = if new_sub {
        old_sub && engaged(o) != engaged(n)
    } else {
        o.provider.legal_name.value != n.provider.legal_name.value
    };
    if entity_changed {
        let notice: &'static Notice = if new_sub {
            &notice::REPLACED_SUB_PROCESSOR
        } else {
            &notice::NEW_RECIPIENT
        };
        let fields = ["provider.legal_name", "dpa.counterparty", "dpa"];
        for i in provider..cx.changes.len() {
            let here = cx.changes[i].path.len() == cx.path.len();
            if here && fields.contains(&cx.changes[i].field.as_str()) {
                if !new_sub && cx.changes[i].field != "provider.legal_name" {
                    continue;
                }
                cx.notify(i, &[notice]);
            }
        }
    }
    for i in cx.set("purposes", &o.purposes, &n.purposes, plain) {
        cx.notify(i, &[&notice::NEW_PURPOSE]);
    }
    cx.set(
        "data_categories",
        &o.data_categories,
        &n.data_categories,
        plain,
    );
    cx.set("measures", &o.measures, &n.measures, plain);
    cx.set("excluded_uses", &o.excluded_uses, &n.excluded_uses, plain);
    cx.set("details", &o.details, &n.details, plain);
    cx.keyed(
        "onward_recipients",
        &o.onward_recipients,
        &n.onward_recipients,
        |r: &Recipient| r.name.value.to_string(),
        Some(|a: &Recipient, b: &Recipient| {
            a.provider.is_some() && recipient_entity(a) == recipient_entity(b)
        }),
        |r| {
            r.provider
                .as_ref()
                .map(|p| format!("{}, {}", p.legal_name.value, p.country.value))
        },
        move |cx, r| recipient_added(cx.facts, r, new_sub),
        move |cx, key, o, n| {
            cx.item("onward_recipients", key, o, n, |cx, o, n| {
                recipient(cx, o, n, new_sub)
            })
        },
    );
    transfers(cx, &o.transfers, &n.transfers, new_sub);
    cx.opt_text("privacy_policy", &o.privacy_policy, &n.privacy_policy);
}

fn entity(cx: &mut Cx, o: &Entity, n: &Entity) {
    cx.text("legal_name", &o.legal_name, &n.legal_name);
    cx.text("address", &o.address, &n.address);
    cx.code("country", &o.country, &n.country);
}

fn recipient(cx: &mut Cx, o: &Recipient, n: &Recipient, holder_sub: bool) {
    let first = cx.changes.len();
    cx.opt_text("description", &o.description, &n.description);
    let new_sub = holder_sub && onward_role(n) == "processor";
    if let Some(i) = cx.opt_code("role", &o.role, &n.role, Some("processor")) {
        if onward_role(n) != "processor" {
            cx.notify(i, &[&notice::NEW_RECIPIENT]);
        } else if new_sub && !cx.facts.engaged.contains(recipient_entity(n)) {
            cx.notify(i, &[&notice::NEW_SUB_PROCESSOR]);
        }
    }
    cx.opt_within(
        "provider",
        o.provider.as_ref(),
        n.provider.as_ref(),
        |e: &Entity| text(&e.legal_name.value),
        entity,
    );
    if recipient_entity(o) != recipient_entity(n) && (new_sub || onward_role(n) != "processor") {
        let notice: &'static Notice = if new_sub {
            &notice::REPLACED_SUB_PROCESSOR
        } else {
            &notice::NEW_RECIPIENT
        };
        for i in first..cx.changes.len() {
            let here = cx.changes[i].path.len() == cx.path.len();
            if here
                && matches!(
                    cx.changes[i].field.as_str(),
                    "provider" | "provider.legal_name"
                )
            {
                cx.notify(i, &[notice]);
            }
        }
    }
    transfers(cx, &o.transfers, &n.transfers, new_sub);
    cx.set("data", &o.data, &n.data, plain);
    cx.opt_text("purpose", &o.purpose, &n.purpose);
}

/// A service's transfers; `sub`: the service is a sub-processor.
fn transfers(cx: &mut Cx, old: &[Spanned<Transfer>], new: &[Spanned<Transfer>], sub: bool) {
    cx.keyed(
        "transfers",
        old,
        new,
        |t: &Transfer| t.country.value.clone(),
        None,
        |t| {
            let m: Vec<String> = t
                .mechanisms
                .iter()
                .map(|m| code("mechanisms", &m.value).to_string())
                .collect();
            (!m.is_empty()).then(|| m.join(", "))
        },
        move |cx, t| transfer_added(cx.facts, t, sub),
        move |cx, key, o, n| cx.item("transfers", key, o, n, |cx, o, n| transfer(cx, o, n, sub)),
    );
}

fn transfer(cx: &mut Cx, o: &Transfer, n: &Transfer, sub: bool) {
    cx.code("certainty", &o.certainty, &n.certainty);
    let first = cx.changes.len();
    let added = cx.set("mechanisms", &o.mechanisms, &n.mechanisms, code);
    if sub {
        for i in first..cx.changes.len() {
            cx.notify(i, &[&notice::SUB_PROCESSOR_TRANSFER_TOOL]);
        }
    }
    for i in added {
        if let Some(Value::Text(m)) = &cx.changes[i].new
            && told_derogation(m)
        {
            cx.notify(i, &[&notice::DEROGATION]);
        }
    }
    cx.opt_code("relation", &o.relation, &n.relation, None);
    let i = cx.opt_within(
        "importer",
        o.importer.as_deref(),
        n.importer.as_deref(),
        |i: &Importer| text(&i.legal_name.value),
        |cx, o, n| {
            if let Some(i) = cx.text("legal_name", &o.legal_name, &n.legal_name)
                && sub
            {
                cx.notify(i, &[&notice::REPLACED_SUB_PROCESSOR]);
            }
            cx.code("country", &o.country, &n.country);
            cx.opt_text("address", &o.address, &n.address);
        },
    );
    if let Some(i) = i
        && sub
    {
        cx.notify(i, &[&notice::REPLACED_SUB_PROCESSOR]);
    }
    cx.opt_text("dpf_participant", &o.dpf_participant, &n.dpf_participant);
    cx.opt_text("copy", &o.copy, &n.copy);
    cx.opt_flag("in_scope", &o.in_scope, &n.in_scope, false);
    cx.opt_flag("occasional", &o.occasional, &n.occasional, false);
    cx.opt_text(
        "compelling_interest",
        &o.compelling_interest,
        &n.compelling_interest,
    );
}

fn retention(cx: &mut Cx, o: &Retention, n: &Retention) {
    cx.opt_text("duration", &o.duration, &n.duration);
    cx.opt_text("until", &o.until, &n.until);
    cx.set("statutory", &o.statutory, &n.statutory, plain);
    cx.opt_text("period", &o.period, &n.period);
    cx.opt_text("criteria", &o.criteria, &n.criteria);
    cx.set("notes", &o.notes, &n.notes, plain);
    cx.keyed(
        "by_category",
        &o.by_category,
        &n.by_category,
        |c: &CategoryRetention| {
            let mut data: Vec<String> = c.data.iter().map(|d| text(&d.value).to_string()).collect();
            data.sort();
            data.join(", ")
        },
        None,
        |_| None,
        |_, _| Vec::new(),
        |cx, key, o, n| {
            cx.item("by_category", key, o, n, |cx, o, n| {
                cx.opt_text("duration", &o.duration, &n.duration);
                cx.opt_text("until", &o.until, &n.until);
                cx.set("statutory", &o.statutory, &n.statutory, plain);
                cx.opt_text("criteria", &o.criteria, &n.criteria);
            });
        },
    );
}

fn retention_summary(r: &Retention) -> Value {
    let first = [&r.period, &r.duration, &r.until, &r.criteria]
        .into_iter()
        .flatten()
        .next();
    match first {
        Some(v) => text(&v.value),
        None => text(
            &r.statutory
                .iter()
                .map(|s| s.value.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}
