//! The record of processing activities (Art. 30 GDPR): the controller's record under Art.
//! 30(1), one row per section, and, where `privreg.yaml` has `processor_for`, the
//! processor's record under Art. 30(2), one row per entry. Every cell comes from the
//! checked register; where the law asks for an item the register does not hold, the cell
//! says [`NOT_STATED`] and `check` has warned. The record is in English for now.
//!
//! Register strings reach the record only through [`text`] (and the lists built on it),
//! so a register whose texts become translatable needs that one accessor changed.

use crate::law::{bases, countries, mechanisms};
use crate::load::Spanned;
use crate::model::{Config, Controller, Processor, Retention, Section, Transfer};
use crate::project::Project;

use super::env::CitationStyle;
use super::table::{Block, Cell, Doc, NOT_STATED, Table};

/// What a column of the record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Names the row: the processing activity.
    Key,
    /// An item the law requires, by its provision ("Art. 30(1)(b)").
    Required(&'static str),
    /// Further information, useful beside the record but not required by Art. 30.
    Further,
}

/// A column: its header and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The header, without the provision.
    pub header: &'static str,
    /// What it holds.
    pub item: Item,
}

impl Column {
    /// The header as CSV and XLSX write it: with its provision, or marked as further.
    pub fn labelled(&self) -> String {
        match self.item {
            Item::Key => self.header.to_owned(),
            Item::Required(p) => format!("{} [{p}]", self.header),
            Item::Further => format!("{} [further]", self.header),
        }
    }
}

const fn col(header: &'static str, item: Item) -> Column {
    Column { header, item }
}

/// The columns of the controller's record, Art. 30(1)(a)-(g) first, then further ones.
pub const CONTROLLER_COLUMNS: &[Column] = &[
    col("Processing activity", Item::Key),
    col("Controller", Item::Required("Art. 30(1)(a)")),
    col("Joint controllers", Item::Required("Art. 30(1)(a)")),
    col("Representative", Item::Required("Art. 30(1)(a)")),
    col("Data protection officer", Item::Required("Art. 30(1)(a)")),
    col("Purposes", Item::Required("Art. 30(1)(b)")),
    col(
        "Categories of data subjects",
        Item::Required("Art. 30(1)(c)"),
    ),
    col(
        "Categories of personal data",
        Item::Required("Art. 30(1)(c)"),
    ),
    col("Categories of recipients", Item::Required("Art. 30(1)(d)")),
    col(
        "Transfers to third countries",
        Item::Required("Art. 30(1)(e)"),
    ),
    col("Time limits for erasure", Item::Required("Art. 30(1)(f)")),
    col(
        "Technical and organisational security measures",
        Item::Required("Art. 30(1)(g)"),
    ),
    col("Legal bases", Item::Further),
    col("Conditions for special categories", Item::Further),
    col("Transfer mechanisms", Item::Further),
    col("Data processing agreements", Item::Further),
    col("Data protection impact assessment", Item::Further),
];

/// The columns of the processor's record, Art. 30(2)(a)-(d) first.
pub const PROCESSOR_COLUMNS: &[Column] = &[
    col("Categories of processing", Item::Required("Art. 30(2)(b)")),
    col("Processor", Item::Required("Art. 30(2)(a)")),
    col("Controllers", Item::Required("Art. 30(2)(a)")),
    col("Representative", Item::Required("Art. 30(2)(a)")),
    col("Data protection officer", Item::Required("Art. 30(2)(a)")),
    col(
        "Transfers to third countries",
        Item::Required("Art. 30(2)(c)"),
    ),
    col(
        "Technical and organisational security measures",
        Item::Required("Art. 30(2)(d)"),
    ),
    col("Sub-processors", Item::Further),
];

/// The record of one project: its rows, cells in the order of the columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// One row per section, sorted by `order`, then `id`.
    pub activities: Vec<Row>,
    /// One row per `processor_for` entry.
    pub on_behalf: Vec<Vec<Cell>>,
    /// `last_updated` (or `SOURCE_DATE_EPOCH`'s date), where set.
    pub date: Option<String>,
}

/// One processing activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The section's id, the anchor of its heading.
    pub id: String,
    /// Its cells, in the order of [`CONTROLLER_COLUMNS`].
    pub cells: Vec<Cell>,
}

impl Record {
    /// The record of `project`.
    pub fn new(project: &Project) -> Record {
        let config = project.config.raw.as_ref();
        let style = CitationStyle::of(project);
        let sections = project.sections_in_order();
        let controller = config.and_then(|c| c.controller.as_ref());
        let activities = sections
            .iter()
            .map(|s| Row {
                id: text(&s.id),
                cells: activity(s, &project.config.chapter, config, controller, style),
            })
            .collect();
        let on_behalf = config
            .map(|c| {
                c.processor_for
                    .iter()
                    .map(|a| {
                        let services: Vec<&Processor> = a
                            .services
                            .iter()
                            .filter_map(|name| {
                                sections
                                    .iter()
                                    .flat_map(|s| &s.processors)
                                    .find(|p| p.service.value == *name.value)
                            })
                            .map(|p| &p.value)
                            .collect();
                        vec![
                            texts(&a.processing),
                            or_not_stated(controller.map(contact).unwrap_or_default()),
                            a.controllers
                                .iter()
                                .map(|p| {
                                    let mut line =
                                        entity_line(&p.legal_name, &p.address, &p.country.value);
                                    for (label, v) in [("email", &p.email), ("phone", &p.phone)] {
                                        if let Some(v) = v {
                                            line.push_str(&format!("; {label} {}", text(v)));
                                        }
                                    }
                                    line
                                })
                                .collect(),
                            controller.map(representative).unwrap_or_default(),
                            controller.map(dpo).unwrap_or_default(),
                            if a.services.is_empty() {
                                vec![NOT_STATED.to_owned()]
                            } else {
                                services.iter().flat_map(|p| transfers(p)).collect()
                            },
                            or_not_stated(texts(&c.security_measures)),
                            services
                                .iter()
                                .map(|p| {
                                    format!(
                                        "{} ({}), {}",
                                        text(&p.provider.legal_name),
                                        text(&p.service),
                                        country(&p.provider.country.value)
                                    )
                                })
                                .collect(),
                        ]
                    })
                    .collect()
            })
            .unwrap_or_default();
        Record {
            activities,
            on_behalf,
            date: crate::project::recorded_date(project).map(|d| d.to_string()),
        }
    }

    /// The controller's record as one table, a row per activity (CSV, XLSX).
    pub fn controller_table(&self) -> Table {
        Table {
            headers: CONTROLLER_COLUMNS.iter().map(Column::labelled).collect(),
            rows: self.activities.iter().map(|r| r.cells.clone()).collect(),
        }
    }

    /// The processor's record as one table, a row per `processor_for` entry.
    pub fn processor_table(&self) -> Table {
        Table {
            headers: PROCESSOR_COLUMNS.iter().map(Column::labelled).collect(),
            rows: self.on_behalf.clone(),
        }
    }

    /// The record as a document: the controller's details once, then per activity a table
    /// of the items of Art. 30(1) and one of further information; then the processor's
    /// record, where there is one.
    pub fn doc(&self) -> Doc {
        let mut blocks = vec![Block::Paragraph(match &self.date {
            Some(d) => format!(
                "The record of processing activities under Art. 30 GDPR, as of {d}, compiled by privreg from the register."
            ),
            None => "The record of processing activities under Art. 30 GDPR, compiled by privreg from the register.".to_owned(),
        })];
        // Items (a) of the controller, its representative and DPO are the same in every
        // row: stated once, before the activities.
        let shared = [1, 3, 4];
        if let Some(first) = self.activities.first() {
            blocks.push(heading(2, "Controller", None));
            blocks.push(items(
                &shared.map(|i| (CONTROLLER_COLUMNS[i], first.cells[i].clone())),
            ));
        }
        for row in &self.activities {
            blocks.push(heading(2, &row.cells[0].join(" "), Some(&row.id)));
            let (required, further): (Vec<usize>, Vec<usize>) = (1..CONTROLLER_COLUMNS.len())
                .filter(|i| !shared.contains(i))
                .partition(|&i| matches!(CONTROLLER_COLUMNS[i].item, Item::Required(_)));
            blocks.push(items(
                &required
                    .iter()
                    .map(|&i| (CONTROLLER_COLUMNS[i], row.cells[i].clone()))
                    .collect::<Vec<_>>(),
            ));
            blocks.push(Block::Paragraph(
                "Further information, not required by Art. 30(1) GDPR:".to_owned(),
            ));
            blocks.push(items(
                &further
                    .iter()
                    .map(|&i| (CONTROLLER_COLUMNS[i], row.cells[i].clone()))
                    .collect::<Vec<_>>(),
            ));
        }
        if !self.on_behalf.is_empty() {
            blocks.push(heading(
                2,
                "Processing on behalf of controllers (Art. 30(2) GDPR)",
                Some("on-behalf"),
            ));
            for (n, row) in self.on_behalf.iter().enumerate() {
                blocks.push(heading(
                    3,
                    &format!("On behalf of controllers, {}", n + 1),
                    None,
                ));
                blocks.push(items(
                    &PROCESSOR_COLUMNS
                        .iter()
                        .copied()
                        .zip(row.iter().cloned())
                        .collect::<Vec<_>>(),
                ));
            }
        }
        Doc {
            title: "Record of processing activities".to_owned(),
            blocks,
        }
    }
}

fn heading(level: u8, text: &str, id: Option<&str>) -> Block {
    Block::Heading {
        level,
        text: text.to_owned(),
        id: id.map(str::to_owned),
    }
}

/// A two-column table: each column's header with its provision, and its cell.
fn items(cells: &[(Column, Cell)]) -> Block {
    Block::Table(Table {
        headers: vec!["Item".to_owned(), "Content".to_owned()],
        rows: cells
            .iter()
            .map(|(c, cell)| {
                let label = match c.item {
                    Item::Required(p) => format!("{} ({p})", c.header),
                    _ => c.header.to_owned(),
                };
                vec![vec![label], cell.clone()]
            })
            .collect(),
    })
}

/// A register text as the record states it: PRV019's characters made visible, whitespace
/// runs (a folded scalar's line breaks) one space.
pub fn text<T: AsRef<str>>(v: &Spanned<T>) -> String {
    let cleaned = super::markdown::clean(v.value.as_ref());
    cleaned
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn texts<T: AsRef<str>>(list: &[Spanned<T>]) -> Vec<String> {
    list.iter().map(text).collect()
}

fn or_not_stated(cell: Cell) -> Cell {
    if cell.is_empty() {
        vec![NOT_STATED.to_owned()]
    } else {
        cell
    }
}

/// A country's English name, or the code as written where it has none (PRV010's error).
pub fn country(code: &str) -> String {
    countries::name(code).map_or_else(|| super::markdown::clean(code), str::to_owned)
}

fn entity_line<A: AsRef<str>, B: AsRef<str>>(
    name: &Spanned<A>,
    address: &Spanned<B>,
    code: &str,
) -> String {
    format!("{}, {}, {}", text(name), text(address), country(code))
}

fn activity(
    s: &Section,
    chapter: &str,
    config: Option<&Config>,
    controller: Option<&Spanned<Controller>>,
    style: CitationStyle,
) -> Vec<Cell> {
    let services = || s.processors.iter().map(|p| &p.value);
    let purposes = texts(&s.purposes)
        .into_iter()
        .chain(services().flat_map(|p| {
            p.purposes
                .iter()
                .map(|x| format!("{} ({})", text(x), text(&p.service)))
        }))
        .collect();
    let special = s.special_categories.iter().map(|c| {
        let label = bases::SPECIAL_CATEGORIES
            .iter()
            .find(|(code, _)| *code == c.value)
            .map_or_else(|| text(c), |(_, l)| (*l).to_owned());
        format!("special category (Art. 9(1) GDPR): {label}")
    });
    let criminal = s
        .criminal_offences
        .as_ref()
        .is_some_and(|c| c.value)
        .then(|| {
            "personal data relating to criminal convictions and offences (Art. 10 GDPR)".to_owned()
        });
    let data = texts(&s.data_categories)
        .into_iter()
        .chain(special)
        .chain(criminal)
        .chain(services().flat_map(|p| {
            p.data_categories
                .iter()
                .map(|x| format!("{} ({})", text(x), text(&p.service)))
        }))
        .collect();
    let security: Vec<String> = config
        .map(|c| texts(&c.security_measures))
        .unwrap_or_default()
        .into_iter()
        .chain(texts(&s.security_measures))
        .collect();
    let cite_basis = |b: &bases::Basis| {
        style.cite(
            b.article,
            Some(b.paragraph),
            Some(&b.point.to_string()),
            None,
        )
    };
    let basis_lines = |article: u32| -> Cell {
        s.legal_bases
            .iter()
            .filter_map(|b| Some((b, bases::lookup(&b.basis.value)?)))
            .filter(|(_, law)| law.article == article)
            .map(|(b, law)| {
                let mut line = format!("{}: {}", cite_basis(law), law.label);
                if let Some(l) = &b.national_law {
                    line.push_str(&format!(", in conjunction with {}", text(l)));
                }
                if let Some(i) = &b.interest {
                    line.push_str(&format!("; legitimate interest: {}", text(i)));
                }
                if !b.purposes.is_empty() {
                    line.push_str(&format!("; for: {}", texts(&b.purposes).join("; ")));
                }
                if !b.data_categories.is_empty() {
                    line.push_str(&format!("; data: {}", texts(&b.data_categories).join("; ")));
                }
                if let Some(c) = &b.condition {
                    line.push_str(&format!("; {}", text(c)));
                }
                line
            })
            .collect()
    };
    vec![
        vec![format!("{chapter}.{} {}", s.order.value, text(&s.title))],
        or_not_stated(controller.map(contact).unwrap_or_default()),
        services()
            .filter(|p| role(p) == "joint-controller")
            .map(|p| {
                let mut line = entity_line(
                    &p.provider.legal_name,
                    &p.provider.address,
                    &p.provider.country.value,
                );
                if let Some(c) = &p.contact_point {
                    line.push_str(&format!("; contact point: {}", text(c)));
                }
                line
            })
            .collect(),
        controller.map(representative).unwrap_or_default(),
        controller.map(dpo).unwrap_or_default(),
        purposes,
        or_not_stated(texts(&s.data_subjects)),
        or_not_stated(data),
        recipients(s),
        services().flat_map(transfers).collect(),
        or_not_stated(s.retention.as_deref().map(erasure).unwrap_or_default()),
        or_not_stated(security),
        basis_lines(6),
        basis_lines(9),
        services()
            .flat_map(|p| {
                let own = p.transfers.iter().map(|t| (holder(p), &t.value));
                let onward = p.onward_recipients.iter().flat_map(|r| {
                    let name = r
                        .provider
                        .as_ref()
                        .map_or_else(|| text(&r.name), |e| text(&e.legal_name));
                    r.transfers.iter().map(move |t| (name.clone(), &t.value))
                });
                own.chain(onward).collect::<Vec<_>>()
            })
            .map(|(holder, t)| mechanism_line(&holder, t, style))
            .collect(),
        services()
            .filter(|p| role(p) == "processor")
            .map(|p| match &p.dpa {
                Some(d) if d.concluded.value => {
                    let mut line = format!("{}: concluded", text(&p.service));
                    if let Some(date) = &d.date {
                        line.push_str(&format!(" on {}", text(date)));
                    }
                    let with = d.counterparty.as_ref().unwrap_or(&p.provider.legal_name);
                    line.push_str(&format!(" with {}", text(with)));
                    line
                }
                Some(_) => format!("{}: not concluded", text(&p.service)),
                None => format!("{}: {NOT_STATED}", text(&p.service)),
            })
            .collect(),
        s.dpia.as_ref().map(text).into_iter().collect(),
    ]
}

fn role(p: &Processor) -> &str {
    p.role.as_ref().map_or("processor", |r| r.value.as_str())
}

fn holder(p: &Processor) -> String {
    text(&p.provider.legal_name)
}

/// The controller's name and contact details (Art. 30(1)(a)).
fn contact(c: &Spanned<Controller>) -> Cell {
    let mut lines = vec![entity_line(&c.legal_name, &c.address, &c.country.value)];
    for (label, v) in [
        ("email", &c.email),
        ("phone", &c.phone),
        ("web form", &c.web_form),
    ] {
        if let Some(v) = v {
            lines.push(format!("{label}: {}", text(v)));
        }
    }
    lines
}

fn representative(c: &Spanned<Controller>) -> Cell {
    let Some(r) = &c.representative else {
        return Vec::new();
    };
    let mut lines = vec![entity_line(&r.legal_name, &r.address, &r.country.value)];
    if let Some(e) = &r.email {
        lines.push(format!("email: {}", text(e)));
    }
    lines
}

fn dpo(c: &Spanned<Controller>) -> Cell {
    let Some(d) = &c.dpo else {
        return Vec::new();
    };
    let mut lines: Vec<String> = d.name.iter().map(text).collect();
    for (label, v) in [
        ("email", d.email.as_ref().map(text)),
        ("phone", d.phone.as_ref().map(text)),
        ("address", d.address.as_ref().map(text)),
        ("web form", d.web_form.as_ref().map(text)),
    ] {
        if let Some(v) = v {
            lines.push(format!("{label}: {v}"));
        }
    }
    lines
}

fn role_label(code: &str) -> &'static str {
    match code {
        "controller" => "independent controller",
        "joint-controller" => "joint controller",
        _ => "processor",
    }
}

/// Art. 30(1)(d): every service's provider and every onward recipient with its country,
/// then the categories named instead of entities.
fn recipients(s: &Section) -> Cell {
    let mut lines = Vec::new();
    for p in &s.processors {
        lines.push(format!(
            "{} ({}), {}: {}",
            text(&p.provider.legal_name),
            text(&p.service),
            country(&p.provider.country.value),
            role_label(role(p))
        ));
        for r in &p.onward_recipients {
            let mut name = text(&r.name);
            if let Some(d) = &r.description {
                name.push_str(&format!(", {}", text(d)));
            }
            let who = match &r.provider {
                Some(e) => format!(
                    "{} ({name}), {}",
                    text(&e.legal_name),
                    country(&e.country.value)
                ),
                None => name,
            };
            let role = r.role.as_ref().map_or("processor", |x| x.value.as_str());
            lines.push(format!(
                "{who}: {}, receives data from {}",
                role_label(role),
                text(&p.service)
            ));
        }
    }
    lines.extend(texts(&s.recipient_categories));
    lines
}

/// Art. 30(1)(e): each transfer of a service and of its onward recipients: the country,
/// who receives the data there, and for the second subparagraph of Art. 49(1) the
/// documented safeguards.
fn transfers(p: &Processor) -> Vec<String> {
    let own = p.transfers.iter().map(|t| (holder(p), &t.value));
    let onward = p.onward_recipients.iter().flat_map(|r| {
        let name = r
            .provider
            .as_ref()
            .map_or_else(|| text(&r.name), |e| text(&e.legal_name));
        r.transfers.iter().map(move |t| (name.clone(), &t.value))
    });
    own.chain(onward)
        .map(|(holder, t)| {
            let recipient = t.importer.as_ref().map_or(holder, |i| text(&i.legal_name));
            let certainty = match t.certainty.value.as_str() {
                "takes-place" => "takes place",
                "cannot-be-excluded" => "cannot be excluded",
                _ => "possible",
            };
            let mut line = format!(
                "{}: {recipient} (transfer {certainty})",
                country(&t.country.value)
            );
            if t.compelling_interests().is_some() {
                line.push_str(&format!(
                    "; suitable safeguards (Art. 49(1), second subparagraph, GDPR): {}",
                    t.safeguards.as_ref().map_or(NOT_STATED.to_owned(), text)
                ));
            }
            line
        })
        .collect()
}

/// A transfer's mechanisms in the GDPR's order, cited, joined as the register relates them.
pub(crate) fn mechanism_line(holder: &str, t: &Transfer, style: CitationStyle) -> String {
    let found = mechanisms::in_legal_order(t.mechanisms.iter().map(|m| m.value.as_str()));
    let join = match t.relation.as_ref().map(|r| r.value.as_str()) {
        Some("fallback") => "; where it does not apply, ",
        Some("alternatives") => "; or ",
        _ => "; ",
    };
    let cited: Vec<String> = found
        .iter()
        .map(|m| {
            let (article, paragraph, point) = m.provision;
            let point = point.map(|c| c.to_string());
            format!(
                "{} ({})",
                style.cite(article, Some(paragraph), point.as_deref(), m.subparagraph),
                m.label
            )
        })
        .collect();
    let recipient = t
        .importer
        .as_ref()
        .map_or(holder.to_owned(), |i| text(&i.legal_name));
    format!(
        "{} ({recipient}): {}",
        country(&t.country.value),
        if cited.is_empty() {
            NOT_STATED.to_owned()
        } else {
            cited.join(join)
        }
    )
}

/// Art. 30(1)(f): the time limits for erasure, per data category where they differ.
pub(crate) fn erasure(r: &Spanned<Retention>) -> Cell {
    let mut lines = Vec::new();
    let main = limit(
        r.duration.as_ref(),
        r.until.as_ref(),
        &r.statutory,
        r.criteria.as_ref(),
    );
    lines.extend(main);
    if let Some(p) = &r.period {
        lines.push(text(p));
    }
    for c in &r.by_category {
        let l = limit(
            c.duration.as_ref(),
            c.until.as_ref(),
            &c.statutory,
            c.criteria.as_ref(),
        );
        if !l.is_empty() {
            lines.push(format!("{}: {}", texts(&c.data).join(", "), l.join("; ")));
        }
    }
    lines.extend(texts(&r.notes));
    lines
}

fn limit<T: AsRef<str>>(
    duration: Option<&Spanned<T>>,
    until: Option<&Spanned<T>>,
    statutory: &[Spanned<T>],
    criteria: Option<&Spanned<T>>,
) -> Vec<String> {
    let mut lines = Vec::new();
    let period = match (duration, until) {
        (Some(d), Some(u)) => Some(format!("{} after {}", text(d), text(u))),
        (Some(d), None) => Some(text(d)),
        (None, Some(u)) => Some(format!("until {}", text(u))),
        (None, None) => None,
    };
    if !statutory.is_empty() {
        let laws = texts(statutory).join(", ");
        lines.push(match period {
            Some(p) => format!("{p}, then the statutory retention periods of {laws}"),
            None => format!("the statutory retention periods of {laws}"),
        });
    } else if let Some(p) = period {
        lines.push(p);
    }
    if let Some(c) = criteria {
        lines.push(format!("criteria: {}", text(c)));
    }
    lines
}

/// The formats `privreg record` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordFormat {
    /// GitHub-flavoured Markdown: per activity a table of the items.
    Markdown,
    /// A standalone HTML page, as the Markdown.
    Html,
    /// CSV (RFC 4180), a row per activity.
    Csv,
    /// An XLSX workbook: the controller's record, and the processor's as a second sheet.
    Xlsx,
}

/// The record of `project` in `format`; `processor` picks the Art. 30(2) table for CSV.
pub fn render(
    project: &Project,
    format: RecordFormat,
    processor: bool,
) -> Result<Vec<u8>, crate::Error> {
    Record::new(project).write(format, processor, crate::project::recorded_date(project))
}

impl Record {
    /// The record in `format`; `processor` picks the Art. 30(2) table for CSV; `created`
    /// dates the XLSX workbook.
    pub fn write(
        &self,
        format: RecordFormat,
        processor: bool,
        created: Option<jiff::civil::Date>,
    ) -> Result<Vec<u8>, crate::Error> {
        Ok(match format {
            RecordFormat::Markdown => super::table::markdown(&self.doc()).into_bytes(),
            RecordFormat::Html => super::table::html(&self.doc(), "en").into_bytes(),
            RecordFormat::Csv if processor => {
                super::table::csv(&self.processor_table()).into_bytes()
            }
            RecordFormat::Csv => super::table::csv(&self.controller_table()).into_bytes(),
            RecordFormat::Xlsx => {
                let controller = self.controller_table();
                let processor = self.processor_table();
                let mut sheets = vec![("Art. 30(1)", &controller)];
                if !processor.rows.is_empty() {
                    sheets.push(("Art. 30(2)", &processor));
                }
                super::table::xlsx(&sheets, created).map_err(|e| crate::Error::Write {
                    path: "record.xlsx".into(),
                    source: std::io::Error::other(e),
                })?
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_of_article_30_has_a_column_and_docs_record_md_maps_it() {
        // Art. 30(1)(a)-(g) and Art. 30(2)(a)-(d): each item a column of its record.
        let required = |columns: &[Column]| -> Vec<&'static str> {
            let mut items: Vec<&str> = columns
                .iter()
                .filter_map(|c| match c.item {
                    Item::Required(p) => Some(p),
                    _ => None,
                })
                .collect();
            items.sort_unstable();
            items.dedup();
            items
        };
        let items = |n: u8, last: char| -> Vec<String> {
            ('a'..=last).map(|p| format!("Art. 30({n})({p})")).collect()
        };
        assert_eq!(required(CONTROLLER_COLUMNS), items(1, 'g'));
        assert_eq!(required(PROCESSOR_COLUMNS), items(2, 'd'));
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/record.md"))
            .unwrap();
        for c in CONTROLLER_COLUMNS.iter().chain(PROCESSOR_COLUMNS) {
            if let Item::Required(p) = c.item {
                let row = format!("| {p} | {} |", c.header);
                assert!(doc.contains(&row), "docs/record.md lacks `{row}`");
            }
        }
    }

    #[test]
    fn the_erasure_cell_states_each_form_of_retention() {
        // Art. 30(1)(f): "the envisaged time limits for erasure of the different categories".
        let s = |v: &str| Spanned::new(v.to_owned(), 0..0);
        assert_eq!(
            limit(
                Some(&s("3 years")),
                Some(&s("the end of the contract")),
                &[],
                None
            ),
            ["3 years after the end of the contract"]
        );
        assert_eq!(
            limit(
                None,
                Some(&s("you unsubscribe")),
                &[s("§ 147 AO")],
                Some(&s("c"))
            ),
            [
                "until you unsubscribe, then the statutory retention periods of § 147 AO",
                "criteria: c"
            ]
        );
        assert!(limit::<String>(None, None, &[], None).is_empty());
    }
}
