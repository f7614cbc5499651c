//! The view: the project's facts made ready for sentences, built once per build and read by
//! every artefact's templates.
//!
//! Building the view resolves what registers say in codes: legal bases and transfer
//! mechanisms get their provisions and labels from the law tables, country codes become
//! names, sections are sorted, numbered and given a layout, the date is settled. The view
//! writes no sentence; wording is the templates' work, one set per artefact and language.
//!
//! Some values are English because project templates already read them (docs/templates.md):
//! the labels from the law tables, country names, and [`TransferView::to_country`] with its
//! article ("the USA"). Bases and mechanisms carry their codes beside the labels; special
//! categories and countries do not yet, and a second language would need them to.
//!
//! # Escaping
//!
//! [`ChapterView`] holds every register string escaped for Markdown, and so it stays: every
//! artefact is written in Markdown (its HTML is converted from that), and docs/templates.md
//! promises project templates that values arrive escaped, so none can forget to. Escaping
//! on output instead (a minijinja auto-escape formatter for `.md` templates) would change
//! what templates see: `join_list`, `upper_first` and the `long` test would work on raw text
//! and their results be escaped whole (a list item after the first that starts with `-`
//! would lose its backslash; lengths would count differently), every value built here that
//! is Markdown already (heading markers, autolinks, section numbers) would need marking
//! safe, and a project template joining such a value with text would see it escaped.
//! An artefact in a format other than Markdown (CSV, JSON, DOCX) needs raw values: give
//! this module's constructors the escape functions as a parameter (identity for raw) rather
//! than copying the types. [`PageView`] already holds the few raw facts the HTML page needs.

use std::collections::HashMap;

use serde::Serialize;

use crate::law::{adequacy, bases, mechanisms};
use crate::load::Localize;
use crate::model::{Config, Entity, LegalBasis, Processor, Section, Transfer};
use crate::project::Project;
use crate::rules::contact_details_missing::is_email;
use crate::rules::safeguard_copy_missing::ON_REQUEST;
use crate::rules::value_unknown::{ONWARD_ROLES, RELATIONS, ROLES, is_duration};

use super::lang::Lang;
use super::markdown::{self, escape};

const DEFAULT_TITLE: &str = "Processors and services we use";

/// Everything the artefacts render from, built once per build.
#[derive(Debug)]
pub struct View {
    /// The context of the Markdown templates, register strings escaped.
    pub chapter: ChapterView,
    /// The facts page templates state beside the HTML body, unescaped.
    pub page: PageView,
    /// Section number as its heading shows it ("10.1") to the section's unescaped id, the
    /// anchor of its HTML heading.
    pub anchors: HashMap<String, String>,
}

/// Unescaped, because page templates are HTML and minijinja escapes them for HTML itself;
/// cleaned of PRV019's characters like every value.
#[derive(Debug)]
pub struct PageView {
    /// Chapter number and title ("10 Processors and services we use").
    pub chapter_title: String,
    /// The controller's registered name.
    pub controller: Option<String>,
    /// The language's tag (`de`).
    pub language: &'static str,
}

impl View {
    /// The view of `project`, sections sorted so file order never matters.
    pub fn new(project: &Project, lang: &'static Lang) -> View {
        // The register reads in the project's first language; another's texts are swapped
        // in on copies, so the one language of most projects costs no copy.
        let first = lang.code == project.config.languages[0];
        let ordered = project.sections_in_order();
        let localized: Vec<Section>;
        let sections: Vec<&Section> = if first {
            ordered
        } else {
            // Localizing changes no `order` or `id`, so the copies keep the order.
            localized = ordered
                .into_iter()
                .map(|s| {
                    let mut s = s.clone();
                    s.localize(lang.code);
                    s
                })
                .collect();
            localized.iter().collect()
        };
        let localized_config: Option<Config>;
        let raw = if first {
            project.config.raw.as_ref()
        } else {
            localized_config = project.config.raw.clone().map(|mut c| {
                c.localize(lang.code);
                c
            });
            localized_config.as_ref()
        };
        let chapter = ChapterView::new(project, raw, &sections, lang);
        View {
            anchors: sections
                .iter()
                .map(|s| anchor(s, &chapter.number))
                .collect(),
            page: PageView {
                chapter_title: markdown::clean(&format!(
                    "{} {}",
                    project.config.chapter,
                    title(raw, lang)
                )),
                controller: raw
                    .and_then(|c| c.controller.as_ref())
                    .map(|c| markdown::clean(&c.legal_name.value)),
                language: lang.code,
            },
            chapter,
        }
    }
}

fn title<'a>(raw: Option<&'a Config>, lang: &'static Lang) -> &'a str {
    raw.and_then(|c| c.title.as_ref()).map_or_else(
        || lang.term("chapter-title").unwrap_or(DEFAULT_TITLE),
        |t| t.value.as_str(),
    )
}

/// The context of every artefact's Markdown templates (`chapter.md`, `section.md`).
/// Register strings are Markdown-escaped; numbers, codes, labels from the law tables and
/// links built by privreg are trusted.
#[derive(Debug, Serialize)]
pub struct ChapterView {
    /// The language of the text (`de`): `cite()` writes German citations for `de`.
    pub lang: &'static str,
    /// Chapter number ("10").
    pub number: String,
    /// Chapter heading text.
    pub title: String,
    /// Markdown heading marker of the chapter ("##").
    pub heading: String,
    /// Heading level of the chapter (1-5).
    pub level: u32,
    /// `last_updated`, else the date of `SOURCE_DATE_EPOCH`; absent when neither is set.
    pub last_updated: Option<String>,
    /// The sections, sorted by `order`, then `id`.
    pub sections: Vec<SectionView>,
    /// `child_consent_age` of privreg.yaml, else 16 (Art. 8(1) GDPR).
    pub child_age: u32,
    /// `device_access_law` of privreg.yaml (`tdddg`, the default, or `eprivacy`): the law
    /// `cite_device()` cites.
    pub device_law: &'static str,
    /// The controller (`controller` in privreg.yaml), where named: the chapter opens with
    /// it, and it is the contact for copies of safeguards made available on request.
    pub controller: Option<ControllerView>,
}

/// One section in the template context.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// Section number ("10.1").
    pub number: String,
    /// The section `id`.
    pub id: String,
    /// Heading text.
    pub title: String,
    /// Markdown heading markers: section, its sub-headings, and one level deeper.
    pub heading: String,
    /// Sub-heading marker ("####").
    pub subheading: String,
    /// Sub-sub-heading marker ("#####").
    pub subsubheading: String,
    /// `single` (one processor), `controller` (our own processing, then any processors)
    /// or `shared` (a shared text, then each processor).
    pub layout: &'static str,
    /// `processors`, `controller` or `both`.
    pub processed_by: &'static str,
    /// Free-text lead paragraph.
    pub summary: Option<String>,
    /// Purposes.
    pub purposes: Vec<String>,
    /// The purposes are the only ones ("solely for").
    pub purposes_exclusive: bool,
    /// The data categories are the complete list (else examples: "such as").
    pub data_categories_exhaustive: bool,
    /// Data subjects.
    pub data_subjects: Vec<String>,
    /// Data categories at section level.
    pub data_categories: Vec<String>,
    /// Data on criminal convictions and offences is processed (Art. 10 GDPR).
    pub criminal_offences: bool,
    /// The law that authorises it, from the first basis that names one.
    pub criminal_law: Option<String>,
    /// Special categories, as labels of Art. 9(1) GDPR.
    pub special_categories: Vec<String>,
    /// Data not processed or stored.
    pub not_processed: Vec<String>,
    /// Excluded uses.
    pub excluded_uses: Vec<String>,
    /// How the processing is carried out.
    pub measures: Vec<String>,
    /// Further paragraphs.
    pub details: Vec<String>,
    /// Legal bases with their provisions.
    pub legal_bases: Vec<BasisView>,
    /// Whether any basis is consent, so the template adds the right to withdraw it.
    pub has_consent: bool,
    /// Processors, in register order.
    pub processors: Vec<ProcessorView>,
    /// Retention.
    pub retention: Option<RetentionView>,
    /// Whether the data must be provided (Art. 13(2)(e) GDPR).
    pub provision: Option<ProvisionView>,
    /// Automated decision-making (Art. 13(2)(f), Art. 22 GDPR).
    pub automated: Option<AutomatedView>,
    /// Sources other than the data subject (Art. 14(2)(f) GDPR).
    pub sources: Vec<SourceView>,
    /// The service is offered directly to children (Art. 8 GDPR).
    pub children: bool,
    /// `none`, `strictly-necessary` or `consent`, where the register says.
    pub device_access: Option<&'static str>,
    /// Purposes that are direct marketing, for the Art. 21(2)-(3) notice.
    pub direct_marketing: Vec<String>,
    /// Whether any basis is Art. 6(1)(e) or (f), so the Art. 21(1) notice is due.
    pub objectable: bool,
    /// Categories of recipients named instead of entities ("tax advisers").
    pub recipient_categories: Vec<String>,
}

/// A legal basis: the provision from the law table, the register's words escaped.
#[derive(Debug, Serialize)]
pub struct BasisView {
    /// Friendly code (`consent`), whichever spelling the register used.
    pub code: &'static str,
    /// Article (6 or 9).
    pub article: u32,
    /// Paragraph.
    pub paragraph: u32,
    /// Point letter.
    pub point: String,
    /// What the basis is ("consent").
    pub label: &'static str,
    /// What it covers.
    pub scope: Option<String>,
    /// When it applies.
    pub condition: Option<String>,
    /// The legitimate interest pursued.
    pub interest: Option<String>,
    /// Art. 6(1)(e) or (f): the data subject may object (Art. 21(1) GDPR).
    pub objectable: bool,
    /// The purposes it covers, where the register names them, but for one that repeats the
    /// interest word for word: see `interest_is_purpose`.
    pub purposes: Vec<String>,
    /// One of its purposes is the interest itself ("generally simplifying communication"):
    /// the sentence names it once, as the purpose.
    pub interest_is_purpose: bool,
    /// The data it is limited to.
    pub data_categories: Vec<String>,
    /// The Member State or Union law relied on with it.
    pub national_law: Option<String>,
    /// It covers only what it names (purposes, data) or applies only under a condition.
    pub restricted: bool,
}

/// A processor's service.
#[derive(Debug, Serialize)]
pub struct ProcessorView {
    /// Service name.
    pub service: String,
    /// The providing entity.
    pub provider: EntityView,
    /// Its role: `processor`, `controller` or `joint-controller`.
    pub role: &'static str,
    /// For a joint controller: the essence of the arrangement.
    pub arrangement: Option<String>,
    /// For a joint controller: whom to contact.
    pub contact_point: Option<String>,
    /// The DPA, if declared.
    pub dpa: Option<DpaView>,
    /// Purposes of this service.
    pub purposes: Vec<String>,
    /// Data categories of this service.
    pub data_categories: Vec<String>,
    /// How this service's processing is carried out.
    pub measures: Vec<String>,
    /// Uses excluded for this service.
    pub excluded_uses: Vec<String>,
    /// Further paragraphs.
    pub details: Vec<String>,
    /// Onward recipients.
    pub onward_recipients: Vec<RecipientView>,
    /// Third-country transfers.
    pub transfers: Vec<TransferView>,
    /// The privacy policy as Markdown: an autolink, or plain text if not publishable.
    pub privacy_policy: Option<String>,
}

/// A legal entity with its address.
#[derive(Debug, Serialize)]
pub struct EntityView {
    /// Registered name.
    pub legal_name: String,
    /// Address without country.
    pub address: String,
    /// Country name ("USA").
    pub country: String,
}

/// The controller with its contact details (Art. 13(1)(a)-(b) GDPR).
#[derive(Debug, Serialize)]
pub struct ControllerView {
    /// Registered name.
    pub legal_name: String,
    /// Address without country.
    pub address: String,
    /// Country name.
    pub country: String,
    /// Email as a Markdown autolink, or text where it cannot be one.
    pub email: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// Web form as a Markdown autolink.
    pub web_form: Option<String>,
    /// The data protection officer, where designated.
    pub dpo: Option<DpoView>,
    /// The representative in the Union, where designated.
    pub representative: Option<RepresentativeView>,
}

/// The data protection officer's contact details.
#[derive(Debug, Serialize)]
pub struct DpoView {
    /// Name, where published.
    pub name: Option<String>,
    /// Email as a Markdown autolink.
    pub email: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Web form as a Markdown autolink.
    pub web_form: Option<String>,
}

/// The representative in the Union (Art. 27 GDPR).
#[derive(Debug, Serialize)]
pub struct RepresentativeView {
    /// Registered name.
    pub legal_name: String,
    /// Address without country.
    pub address: String,
    /// Country name.
    pub country: String,
    /// Email as a Markdown autolink.
    pub email: Option<String>,
}

/// A data processing agreement.
#[derive(Debug, Serialize)]
pub struct DpaView {
    /// Whether it has been concluded.
    pub concluded: bool,
    /// The contracting entity: the counterparty if given, else the provider.
    pub counterparty: String,
}

/// An onward recipient.
#[derive(Debug, Serialize)]
pub struct RecipientView {
    /// Name ("HubSpot").
    pub name: String,
    /// What it is to us ("our CRM system").
    pub description: Option<String>,
    /// Its legal role: `processor` or `controller`.
    pub role: &'static str,
    /// The receiving legal entity, where the register names it.
    pub provider: Option<EntityView>,
    /// Data passed on.
    pub data: Vec<String>,
    /// What happens there.
    pub purpose: Option<String>,
    /// Its own transfers to third countries.
    pub transfers: Vec<TransferView>,
}

/// A transfer to a third country.
#[derive(Debug, Serialize)]
pub struct TransferView {
    /// The destination is outside the EEA: a third country (Chapter V GDPR).
    pub third_country: bool,
    /// Country name as used after "to" ("the USA", "Japan").
    pub to_country: String,
    /// `takes-place`, `cannot-be-excluded` or `possible`.
    pub certainty: String,
    /// The importer's legal name, where the register names one apart from the provider.
    pub importer: Option<String>,
    /// The importer's address, where the register gives it.
    pub importer_address: Option<String>,
    /// The mechanisms in their legal order: Art. 45, then 46 and 47, then 49.
    pub mechanisms: Vec<MechanismView>,
    /// `fallback` or `alternatives` when there are several mechanisms.
    pub relation: Option<&'static str>,
    /// The DPF List entry as Markdown (autolink or text).
    pub dpf_participant: Option<String>,
    /// Who receives the data: the importer, else the provider. The DPF List entry and a
    /// partial decision's scope are said of it.
    pub recipient: String,
    /// Where a copy of the safeguards is available (Markdown link), if stated.
    pub copy: Option<String>,
    /// The copy is available from us on request.
    pub copy_on_request: bool,
    /// The Art. 46/47 safeguards among the mechanisms, with the definite article, for the
    /// copy sentence ("the binding corporate rules").
    pub safeguards: Vec<String>,
    /// The register confirms the importer falls under a partial adequacy decision.
    pub in_scope: bool,
}

/// A transfer mechanism.
#[derive(Debug, Serialize)]
pub struct MechanismView {
    /// Code (`scc`).
    pub code: &'static str,
    /// Article (45, 46, 49).
    pub article: u32,
    /// Paragraph: for an adequacy decision 3, or 9 for one adopted under Directive 95/46/EC.
    pub paragraph: u32,
    /// Point letter, where the provision has one.
    pub point: Option<String>,
    /// Subparagraph, where the provision is not the paragraph's first (Art. 49(1), second).
    pub subparagraph: Option<u32>,
    /// For compelling legitimate interests: what they are.
    pub interest: Option<String>,
    /// Name as written in a policy.
    pub label: &'static str,
    /// The Commission decision it rests on ("Commission Implementing Decision (EU) 2021/914").
    pub decision: Option<String>,
    /// For an adequacy decision: the country it is for, as after "for" ("the USA", "Japan").
    pub country: Option<String>,
    /// For a partial adequacy decision: what it covers.
    pub scope: Option<&'static str>,
}

/// Retention.
#[derive(Debug, Serialize)]
pub struct RetentionView {
    /// A fixed period ("14 days").
    pub duration: Option<String>,
    /// The event that ends storage.
    pub until: Option<String>,
    /// Statutory retention provisions that apply afterwards.
    pub statutory: Vec<String>,
    /// Periods of some data categories.
    pub by_category: Vec<CategoryRetentionView>,
    /// Storage period in the register's words; a bare duration ("14 days") gets its "for".
    pub period: Option<String>,
    /// Criteria for the period.
    pub criteria: Option<String>,
    /// Further statements.
    pub notes: Vec<String>,
}

/// Whether the data must be provided.
#[derive(Debug, Serialize)]
pub struct ProvisionView {
    /// `statutory`, `contractual`, `contract-prerequisite` or `voluntary`.
    pub requirement: String,
    /// What follows if it is not provided.
    pub consequences: Option<String>,
}

/// Automated decision-making.
#[derive(Debug, Serialize)]
pub struct AutomatedView {
    /// Whether such decisions are taken.
    pub used: bool,
    /// The logic involved.
    pub logic: Option<String>,
    /// Significance and envisaged consequences.
    pub consequences: Option<String>,
    /// `contract`, `law` or `explicit-consent` (Art. 22(2)(a)-(c)).
    pub ground: Option<String>,
}

/// A source of data other than the data subject.
#[derive(Debug, Serialize)]
pub struct SourceView {
    /// The source.
    pub source: String,
    /// It is publicly accessible.
    pub public: bool,
    /// The data obtained from it.
    pub data_categories: Vec<String>,
}

/// How long some data categories are kept.
#[derive(Debug, Serialize)]
pub struct CategoryRetentionView {
    /// The data categories.
    pub data: Vec<String>,
    /// A fixed period.
    pub duration: Option<String>,
    /// The event that ends storage.
    pub until: Option<String>,
    /// Statutory retention provisions that apply afterwards.
    pub statutory: Vec<String>,
    /// The criteria.
    pub criteria: Option<String>,
}

impl ChapterView {
    fn new(
        project: &Project,
        raw: Option<&Config>,
        sections: &[&Section],
        lang: &'static Lang,
    ) -> ChapterView {
        let level = raw
            .and_then(|c| c.heading_level.as_ref())
            .map_or(2, |l| l.value)
            .clamp(1, 5);
        let chapter = markdown::escape_number(&project.config.chapter);
        let device_law = raw
            .and_then(|c| c.device_access_law.as_ref())
            .map(|l| l.value.as_str());
        ChapterView {
            lang: lang.code,
            title: escape(title(raw, lang)),
            heading: "#".repeat(level as usize),
            level,
            last_updated: crate::project::recorded_date(project).map(|d| lang.date(d)),
            sections: sections
                .iter()
                .map(|s| SectionView::new(s, &chapter, level, lang))
                .collect(),
            number: chapter,
            child_age: raw
                .and_then(|c| c.child_consent_age.as_ref())
                .map_or(crate::rules::child_consent_age_invalid::DEFAULT_AGE, |a| {
                    a.value
                }),
            // An unknown law is PRV013's error; a build that allowed it cites the default.
            device_law: crate::law::device::law(device_law)
                .unwrap_or(&crate::law::device::LAWS[0])
                .code,
            controller: raw
                .and_then(|c| c.controller.as_ref())
                .map(|c| controller(c, lang)),
        }
    }
}

fn texts<T: AsRef<str>>(list: &[crate::load::Spanned<T>]) -> Vec<String> {
    list.iter().map(|s| escape(s.value.as_ref())).collect()
}

fn opt_text<T: AsRef<str>>(v: &impl crate::load::OptField<T>) -> Option<String> {
    v.field().map(|s| escape(s.value.as_ref()))
}

/// The view of section `s` as [`View::new`] makes it in chapter `chapter` (escaped, as
/// [`ChapterView::number`]) at heading `level`, for views made one at a time.
pub fn section_view(s: &Section, chapter: &str, level: u32, lang: &'static Lang) -> SectionView {
    SectionView::new(s, chapter, level, lang)
}

/// The entry of [`View::anchors`] for section `s` in chapter `chapter` (escaped).
pub fn anchor(s: &Section, chapter: &str) -> (String, String) {
    // Keyed by what the heading shows: the number is escaped Markdown (`chapter: "1*2"` is
    // `1\*2.1`), the heading's text is not.
    (
        super::html::heading_text(&section_number(chapter, s)),
        markdown::clean(&s.id.value),
    )
}

fn section_number(chapter: &str, s: &Section) -> String {
    format!("{chapter}.{}", s.order.value)
}

impl SectionView {
    fn new(s: &Section, chapter: &str, level: u32, lang: &'static Lang) -> SectionView {
        let processed_by = match s.processed_by.as_ref().map(|p| p.value.as_str()) {
            Some("controller") => "controller",
            Some("both") => "both",
            _ => "processors",
        };
        let layout = if processed_by == "controller" || s.processors.is_empty() {
            "controller"
        } else if processed_by == "both" || s.processors.len() > 1 {
            "shared"
        } else {
            "single"
        };
        // Unknown codes are `check` errors; a build only gets here when they were allowed.
        let legal_bases: Vec<BasisView> = s
            .legal_bases
            .iter()
            .filter_map(|b| basis(b, lang))
            .collect();
        let heading = |extra: u32| "#".repeat((level + extra).min(6) as usize);
        SectionView {
            number: section_number(chapter, s),
            id: escape(&s.id.value),
            title: escape(&s.title.value),
            heading: heading(1),
            subheading: heading(2),
            subsubheading: heading(3),
            layout,
            processed_by,
            summary: opt_text(&s.summary),
            purposes: texts(&s.purposes),
            purposes_exclusive: s.purposes_exclusive.as_ref().is_some_and(|b| b.value),
            data_categories_exhaustive: s
                .data_categories_exhaustive
                .as_ref()
                .is_none_or(|b| b.value),
            data_subjects: texts(&s.data_subjects),
            data_categories: texts(&s.data_categories),
            criminal_offences: s.criminal_offences.as_ref().is_some_and(|c| c.value),
            criminal_law: s
                .legal_bases
                .iter()
                .find_map(|b| b.national_law.as_ref())
                .map(|l| escape(&l.value)),
            special_categories: s
                .special_categories
                .iter()
                .map(|c| {
                    lang.special_category(&c.value)
                        .map_or_else(|| escape(&c.value), str::to_owned)
                })
                .collect(),
            not_processed: texts(&s.not_processed),
            excluded_uses: texts(&s.excluded_uses),
            measures: texts(&s.measures),
            details: texts(&s.details),
            has_consent: legal_bases
                .iter()
                .any(|b| matches!(b.code, "consent" | "explicit-consent")),
            objectable: legal_bases.iter().any(|b| b.objectable),
            legal_bases,
            processors: s.processors.iter().map(|p| processor(p, lang)).collect(),
            retention: s.retention.as_ref().map(|r| RetentionView {
                duration: opt_text(&r.duration),
                until: opt_text(&r.until),
                statutory: texts(&r.statutory),
                by_category: r
                    .by_category
                    .iter()
                    .map(|c| CategoryRetentionView {
                        data: texts(&c.data),
                        duration: opt_text(&c.duration),
                        until: opt_text(&c.until),
                        statutory: texts(&c.statutory),
                        criteria: opt_text(&c.criteria),
                    })
                    .collect(),
                // "Stored data is retained 14 days" lacked its preposition.
                period: r.period.as_ref().map(|p| {
                    if lang.code == "en" && is_duration(&p.value) {
                        format!("for {}", escape(&p.value))
                    } else {
                        escape(&p.value)
                    }
                }),
                criteria: opt_text(&r.criteria),
                notes: texts(&r.notes),
            }),
            direct_marketing: texts(&s.direct_marketing),
            provision: s.provision.as_ref().map(|p| ProvisionView {
                requirement: escape(&p.requirement.value),
                consequences: opt_text(&p.consequences),
            }),
            automated: s.automated_decisions.as_ref().map(|a| AutomatedView {
                used: a.used.value,
                logic: opt_text(&a.logic),
                consequences: opt_text(&a.consequences),
                ground: opt_text(&a.ground),
            }),
            sources: s
                .sources
                .iter()
                .map(|src| SourceView {
                    source: escape(&src.source.value),
                    public: src.public.as_ref().is_some_and(|p| p.value),
                    data_categories: texts(&src.data_categories),
                })
                .collect(),
            children: s.children.as_ref().is_some_and(|c| c.value),
            device_access: s.device_access.as_ref().and_then(|d| {
                crate::law::device::ACCESS
                    .iter()
                    .copied()
                    .find(|a| *a == d.value)
            }),
            recipient_categories: texts(&s.recipient_categories),
        }
    }
}

fn basis(b: &crate::load::Spanned<LegalBasis>, lang: &'static Lang) -> Option<BasisView> {
    let law = bases::lookup(&b.basis.value)?;
    Some(BasisView {
        code: law.code,
        article: law.article,
        paragraph: law.paragraph,
        point: law.point.to_string(),
        label: lang.basis(law),
        scope: opt_text(&b.scope),
        condition: opt_text(&b.condition),
        interest: opt_text(&b.interest),
        objectable: matches!(law.code, "public-task" | "legitimate-interests"),
        purposes: b
            .purposes
            .iter()
            .filter(|p| b.interest.as_ref().is_none_or(|i| i.value != p.value))
            .map(|p| escape(&p.value))
            .collect(),
        interest_is_purpose: b
            .interest
            .as_ref()
            .is_some_and(|i| b.purposes.iter().any(|p| p.value == i.value)),
        data_categories: texts(&b.data_categories),
        national_law: opt_text(&b.national_law),
        restricted: b.condition.is_some()
            || !b.purposes.is_empty()
            || !b.data_categories.is_empty(),
    })
}

fn processor(p: &Processor, lang: &'static Lang) -> ProcessorView {
    let provider = entity(&p.provider, lang);
    ProcessorView {
        service: escape(&p.service.value),
        role: p
            .role
            .as_ref()
            .and_then(|r| ROLES.iter().copied().find(|c| *c == r.value))
            .unwrap_or("processor"),
        arrangement: opt_text(&p.arrangement),
        contact_point: opt_text(&p.contact_point),
        dpa: p.dpa.as_ref().map(|d| DpaView {
            concluded: d.concluded.value,
            counterparty: d
                .counterparty
                .as_ref()
                .map_or_else(|| provider.legal_name.clone(), |c| escape(&c.value)),
        }),
        provider,
        purposes: texts(&p.purposes),
        data_categories: texts(&p.data_categories),
        measures: texts(&p.measures),
        excluded_uses: texts(&p.excluded_uses),
        details: texts(&p.details),
        onward_recipients: p
            .onward_recipients
            .iter()
            .map(|r| RecipientView {
                name: escape(&r.name.value),
                description: opt_text(&r.description),
                role: r
                    .role
                    .as_ref()
                    .and_then(|x| ONWARD_ROLES.iter().copied().find(|c| *c == x.value))
                    .unwrap_or("processor"),
                provider: r.provider.as_ref().map(|e| entity(e, lang)),
                transfers: r
                    .transfers
                    .iter()
                    .map(|t| {
                        let holder = r
                            .provider
                            .as_ref()
                            .map_or(&r.name.value, |p| &p.legal_name.value);
                        transfer(holder, t, lang)
                    })
                    .collect(),
                data: texts(&r.data),
                purpose: opt_text(&r.purpose),
            })
            .collect(),
        transfers: p
            .transfers
            .iter()
            .map(|t| transfer(&p.provider.legal_name.value, t, lang))
            .collect(),
        privacy_policy: p.privacy_policy.as_ref().map(|u| markdown::link(&u.value)),
    }
}

/// The view of transfer `t` made by the recipient named `holder` (its legal name).
fn transfer(holder: &str, t: &Transfer, lang: &'static Lang) -> TransferView {
    let found = mechanisms::in_legal_order(t.mechanisms.iter().map(|m| m.value.as_str()));
    let decision = adequacy::any(&t.country.value);
    let mechanisms = found
        .iter()
        .map(|m| {
            let adequate = matches!(m.code, "adequacy" | "dpf");
            let on = adequate.then_some(decision).flatten();
            MechanismView {
                code: m.code,
                article: m.provision.0,
                paragraph: on.map_or(m.provision.1, adequacy::Decision::paragraph),
                point: m.provision.2.map(|c| c.to_string()),
                subparagraph: m.subparagraph,
                interest: (m.code == "derogation-compelling-interests")
                    .then(|| opt_text(&t.compelling_interest))
                    .flatten(),
                label: lang.mechanism(m.code, m.label),
                decision: on
                    .map(|d| d.decision)
                    .or_else(|| m.decision())
                    .map(|d| lang.decision(d)),
                country: adequate.then(|| to_country(&t.country.value, lang)),
                scope: on.filter(|d| d.is_partial()).map(|d| lang.scope(d.scope)),
            }
        })
        .collect();
    let importer = t.importer.as_ref().map(|i| escape(&i.legal_name.value));
    let importer_address = t.importer.as_ref().and_then(|i| opt_text(&i.address));
    TransferView {
        third_country: !crate::law::countries::is_eea(&t.country.value),
        to_country: to_country(&t.country.value, lang),
        certainty: escape(&t.certainty.value),
        recipient: importer.clone().unwrap_or_else(|| escape(holder)),
        importer,
        importer_address,
        mechanisms,
        relation: t
            .relation
            .as_ref()
            .and_then(|r| RELATIONS.iter().copied().find(|c| *c == r.value)),
        dpf_participant: t.dpf_participant.as_ref().map(|u| markdown::link(&u.value)),
        copy: t
            .copy
            .as_ref()
            .filter(|c| c.value != ON_REQUEST)
            .map(|u| markdown::link(&u.value)),
        copy_on_request: t.copy.as_ref().is_some_and(|c| c.value == ON_REQUEST),
        safeguards: found
            .iter()
            .filter(|m| m.is_safeguard())
            .map(|m| definite(lang.mechanism(m.code, m.label), lang))
            .collect(),
        in_scope: t.in_scope.as_ref().is_some_and(|s| s.value),
    }
}

/// "the binding corporate rules", "the approved code of conduct": a label with the definite
/// article, for naming a safeguard already introduced.
fn definite(label: &str, lang: &Lang) -> String {
    if lang.code != "en" {
        return label.to_owned();
    }
    let bare = label
        .strip_prefix("an ")
        .or_else(|| label.strip_prefix("a "))
        .or_else(|| label.strip_prefix("the "))
        .unwrap_or(label);
    format!("the {bare}")
}

fn entity(e: &crate::load::Spanned<Entity>, lang: &'static Lang) -> EntityView {
    EntityView {
        legal_name: escape(&e.legal_name.value),
        address: escape(&e.address.value),
        country: country_name(&e.country.value, lang),
    }
}

fn controller(
    c: &crate::load::Spanned<crate::model::Controller>,
    lang: &'static Lang,
) -> ControllerView {
    let email = |e: &Option<crate::load::Spanned<String>>| {
        e.as_ref().map(|e| {
            if is_email(&e.value) {
                format!("<{}>", e.value)
            } else {
                escape(&e.value)
            }
        })
    };
    let link =
        |l: &Option<crate::load::Spanned<String>>| l.as_ref().map(|l| markdown::link(&l.value));
    ControllerView {
        legal_name: escape(&c.legal_name.value),
        address: escape(&c.address.value),
        country: country_name(&c.country.value, lang),
        email: email(&c.email),
        phone: opt_text(&c.phone),
        web_form: link(&c.web_form),
        dpo: c.dpo.as_ref().map(|d| DpoView {
            name: opt_text(&d.name),
            email: email(&d.email),
            phone: opt_text(&d.phone),
            address: opt_text(&d.address),
            web_form: link(&d.web_form),
        }),
        representative: c.representative.as_ref().map(|r| RepresentativeView {
            legal_name: escape(&r.legal_name.value),
            address: escape(&r.address.value),
            country: country_name(&r.country.value, lang),
            email: email(&r.email),
        }),
    }
}

fn country_name(code: &str, lang: &Lang) -> String {
    lang.country(code)
        .map_or_else(|| escape(code), str::to_owned)
}

/// "the USA", "the United Kingdom", but "Japan": English puts an article before plural
/// and descriptive country names.
pub(crate) fn to_country(code: &str, lang: &Lang) -> String {
    let name = country_name(code, lang);
    if lang.code != "en" {
        return name;
    }
    let plural = [
        "USA",
        "Netherlands",
        "Philippines",
        "Bahamas",
        "Maldives",
        "Gambia",
        "Comoros",
        "Seychelles",
    ];
    let descriptive = ["Republic", "Islands", "Kingdom", "Emirates", "States"];
    if plural.contains(&name.as_str()) || descriptive.iter().any(|w| name.contains(w)) {
        format!("the {name}")
    } else {
        name
    }
}
