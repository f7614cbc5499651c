//! Rendering: the checked project becomes one [`View`] (its facts made ready for
//! sentences), and each [`Artefact`] (one document in one language) writes its files from
//! that view: its entry template writes Markdown, pulldown-cmark turns the Markdown into
//! HTML, a page template wraps that HTML. `write` puts the files in place atomically.
//!
//! The renderer knows no document: which templates and which files make one is data
//! ([`ARTEFACTS`]), so a German policy or an Art. 30 record is a set of templates and an
//! entry there.

pub mod env;
pub mod html;
pub mod jsonld;
pub mod lang;
pub mod markdown;
pub mod record;
mod split;
pub mod subprocessors;
pub mod table;
pub mod view;
pub mod write;

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use minijinja::value::Serde;
use minijinja::{Environment, Value};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::project::Project;
use env::{CitationStyle, Limits};
use html::Converted;
use view::View;
pub use write::OutputFile;

/// The files `build` writes, in this order: the outputs of [`ARTEFACTS`].
pub const OUTPUT_FILES: [&str; 3] = [
    "privacy-policy.md",
    "privacy-policy.html",
    "privacy-policy.fragment.html",
];

/// The name of `template` in `lang`'s template set: English's are the top-level files
/// (`chapter.md`), another language's are in its directory (`de/chapter.md`).
fn template_in(template: &str, lang: &str) -> String {
    if lang == "en" {
        template.to_owned()
    } else {
        format!("{lang}/{template}")
    }
}

/// One document, written in each language of the project: the template that writes it in
/// Markdown over the view, and the files made from that Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Artefact {
    /// The entry template, rendered over [`view::ChapterView`].
    pub template: &'static str,
    /// The files made from the Markdown, in the order `build` lists them.
    pub outputs: &'static [Output],
}

/// A file made from an artefact's Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The Markdown itself.
    Markdown(&'static str),
    /// The HTML converted from the Markdown, body only, for embedding in a site.
    Fragment(&'static str),
    /// That HTML inside a standalone page.
    Page {
        /// The file name.
        file: &'static str,
        /// The template writing the page around the HTML.
        template: &'static str,
    },
}

impl Output {
    /// The file name inside the output directory.
    pub const fn file(&self) -> &'static str {
        match *self {
            Output::Markdown(file) | Output::Fragment(file) | Output::Page { file, .. } => file,
        }
    }
}

/// The processors chapter of the privacy policy, in English.
pub const POLICY: Artefact = Artefact {
    template: "chapter.md",
    outputs: &[
        Output::Markdown(OUTPUT_FILES[0]),
        Output::Page {
            file: OUTPUT_FILES[1],
            template: "page.html",
        },
        Output::Fragment(OUTPUT_FILES[2]),
    ],
};

/// The templated documents of the policy. A new document or language is its templates (in
/// `env::EMBEDDED`) and an entry here.
pub const ARTEFACTS: &[Artefact] = &[POLICY];

/// What `outputs:` in privreg.yaml may name, in the order `build` writes them: the policy
/// (the default), the record (docs/record.md), the sub-processor list and the JSON-LD.
pub const OUTPUT_CHOICES: &[&str] = crate::rules::value_unknown::OUTPUTS;

/// The files of the record, the processor's record (only with `processor_for`), the
/// sub-processor list and the JSON-LD, in the order `build` writes them.
pub const RECORD_FILES: [&str; 5] = [
    "record.md",
    "record.html",
    "record.csv",
    "record.xlsx",
    "processor-record.csv",
];
/// The files of the sub-processor list.
pub const SUBPROCESSOR_FILES: [&str; 4] = [
    "subprocessors.md",
    "subprocessors.html",
    "subprocessors.json",
    "subprocessors.csv",
];
/// The file of the JSON-LD notice.
pub const JSONLD_FILE: &str = "privacy.jsonld";

/// Every file some choice of `outputs` makes `build` write: a build that writes fewer
/// still counts the others as its own in the output directory.
pub const ALL_OUTPUT_FILES: &[&str] = &[
    OUTPUT_FILES[0],
    OUTPUT_FILES[1],
    OUTPUT_FILES[2],
    RECORD_FILES[0],
    RECORD_FILES[1],
    RECORD_FILES[2],
    RECORD_FILES[3],
    RECORD_FILES[4],
    SUBPROCESSOR_FILES[0],
    SUBPROCESSOR_FILES[1],
    SUBPROCESSOR_FILES[2],
    SUBPROCESSOR_FILES[3],
    JSONLD_FILE,
];

/// The artefacts `outputs:` of privreg.yaml chooses; the policy alone when it names none.
pub fn chosen_outputs(project: &Project) -> Vec<&'static str> {
    let named: Vec<&str> = project
        .config
        .raw
        .as_ref()
        .map(|c| c.outputs.iter().map(|o| o.value.as_str()).collect())
        .unwrap_or_default();
    if named.is_empty() {
        return vec![OUTPUT_CHOICES[0]];
    }
    // Unknown names are PRV013's error; the order is the list's, not the file's.
    OUTPUT_CHOICES
        .iter()
        .copied()
        .filter(|c| named.contains(c))
        .collect()
}

/// What `build` did.
#[derive(Debug)]
pub struct Built {
    /// The findings of `check`, as it reports them.
    pub diagnostics: Vec<Diagnostic>,
    /// The result.
    pub outcome: Outcome,
}

/// How a build ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Error-level findings: nothing was rendered or written.
    Blocked,
    /// The output directory was replaced.
    Written {
        /// The output directory.
        dir: PathBuf,
        /// How to name it to the user (as configured or given with `--out`).
        shown: String,
        /// The files written, in order.
        files: Vec<String>,
    },
    /// `--check`: the output directory matches what would be written.
    Current {
        /// How to name the output directory to the user.
        shown: String,
    },
    /// `--check`: the output directory is stale; a unified diff of each stale file.
    Stale {
        /// The diff.
        diff: String,
    },
}

/// Renders the artefacts `outputs:` chooses ([`chosen_outputs`]), all from the same
/// checked project in this one run, so they cannot disagree.
pub fn render(project: &Project) -> Result<Vec<OutputFile>, Error> {
    let mut files = Collect::default();
    render_each(Held::Borrowed(project), &mut files)?;
    Ok(files.finish())
}

/// [`render`], each file handed to `stage` as soon as it is made and then dropped, and the
/// project dropped as soon as nothing more is made from it: `build` never holds the whole
/// output, nor the project beside the HTML. Returns the files' names in [`render`]'s order.
pub fn render_into_stage(project: Project, stage: &mut write::Stage) -> Result<Vec<String>, Error> {
    let mut staged = Staged {
        stage,
        names: Vec::new(),
    };
    render_each(Held::Owned(Box::new(project)), &mut staged)?;
    staged.names.sort_by_key(|(at, _)| *at);
    Ok(staged.names.into_iter().map(|(_, name)| name).collect())
}

/// Where rendered files go: each is given with its place in [`render`]'s order, since a
/// file may be finished before one listed ahead of it.
trait Emit {
    /// Takes file `name`, whole.
    fn file(&mut self, at: usize, name: String, contents: Cow<'_, [u8]>) -> Result<(), Error>;
    /// Takes file `name` as `write` writes it.
    fn stream(
        &mut self,
        at: usize,
        name: String,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Error>,
    ) -> Result<(), Error>;
    /// Where file `name`, once taken, can be read back from, if it goes to a file.
    fn written_at(&self, name: &str) -> Option<PathBuf>;
}

/// The files in memory, for [`render`].
#[derive(Default)]
struct Collect(Vec<(usize, OutputFile)>);

impl Collect {
    fn finish(mut self) -> Vec<OutputFile> {
        self.0.sort_by_key(|(at, _)| *at);
        self.0.into_iter().map(|(_, f)| f).collect()
    }
}

impl Emit for Collect {
    fn file(&mut self, at: usize, name: String, contents: Cow<'_, [u8]>) -> Result<(), Error> {
        let contents = contents.into_owned();
        self.0.push((at, OutputFile { name, contents }));
        Ok(())
    }

    fn stream(
        &mut self,
        at: usize,
        name: String,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut contents = Vec::new();
        write(&mut contents)?;
        self.file(at, name, Cow::Owned(contents))
    }

    fn written_at(&self, _: &str) -> Option<PathBuf> {
        None
    }
}

/// The files written into a stage, their names kept in [`render`]'s order.
struct Staged<'a> {
    stage: &'a mut write::Stage,
    names: Vec<(usize, String)>,
}

impl Emit for Staged<'_> {
    fn file(&mut self, at: usize, name: String, contents: Cow<'_, [u8]>) -> Result<(), Error> {
        self.stage.add(&name, &contents)?;
        self.names.push((at, name));
        Ok(())
    }

    fn stream(
        &mut self,
        at: usize,
        name: String,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.stage.stream(&name, write)?;
        self.names.push((at, name));
        Ok(())
    }

    fn written_at(&self, name: &str) -> Option<PathBuf> {
        Some(self.stage.path(name))
    }
}

/// The project a render reads: borrowed, or owned and dropped once read for the last time.
enum Held<'a> {
    Borrowed(&'a Project),
    Owned(Box<Project>),
    Released,
}

impl Held<'_> {
    fn get(&self) -> &Project {
        match self {
            Held::Borrowed(p) => p,
            Held::Owned(p) => p,
            Held::Released => unreachable!("the project is released after its last reader"),
        }
    }

    /// An owned project's sections, taken out of it in the order of
    /// [`Project::sections_in_order`], for views made one at a time; `None` when borrowed.
    fn take_sections(&mut self) -> Option<Vec<crate::model::Section>> {
        let Held::Owned(project) = self else {
            return None;
        };
        let mut loaded = std::mem::take(&mut project.sections);
        // Stable, on the file order, as `sections_in_order`.
        loaded.sort_by(|a, b| {
            let (a, b) = (&a.section, &b.section);
            (a.order.value, &a.id.value).cmp(&(b.order.value, &b.id.value))
        });
        Some(loaded.into_iter().map(|l| l.section).collect())
    }

    /// Drops an owned project: nothing reads it any more.
    fn release(&mut self) {
        if matches!(self, Held::Owned(_)) {
            *self = Held::Released;
        }
    }
}

/// Renders every chosen artefact into `out`, in [`render`]'s order.
fn render_each(mut project: Held<'_>, out: &mut dyn Emit) -> Result<(), Error> {
    let choices = chosen_outputs(project.get());
    let mut at = 0;
    let emit = |at: &mut usize, name: &str, contents: Vec<u8>, out: &mut dyn Emit| {
        *at += 1;
        out.file(*at - 1, name.to_owned(), Cow::Owned(contents))
    };
    for (i, choice) in choices.iter().enumerate() {
        let last = i + 1 == choices.len();
        match *choice {
            "policy" => {
                at = render_artefacts_into(&mut project, ARTEFACTS, last, at, out)?;
            }
            "record" => {
                use record::RecordFormat as F;
                let project = project.get();
                // Built once, written in every format.
                let record = record::Record::new(project);
                let date = crate::project::recorded_date(project);
                let formats = [F::Markdown, F::Html, F::Csv, F::Xlsx];
                for (name, format) in RECORD_FILES.iter().zip(formats) {
                    emit(&mut at, name, record.write(format, false, date)?, out)?;
                }
                if !record.on_behalf.is_empty() {
                    emit(
                        &mut at,
                        RECORD_FILES[4],
                        record.write(F::Csv, true, date)?,
                        out,
                    )?;
                }
            }
            "subprocessors" => {
                use subprocessors::ListFormat as F;
                let entries = subprocessors::entries(project.get());
                let formats = [F::Markdown, F::Html, F::Json, F::Csv];
                for (name, format) in SUBPROCESSOR_FILES.iter().zip(formats) {
                    emit(&mut at, name, subprocessors::write(&entries, format), out)?;
                }
            }
            _ => emit(&mut at, JSONLD_FILE, jsonld::render(project.get()), out)?,
        }
    }
    Ok(())
}

/// Renders `artefacts` over one view of `project` per language: their files, language by
/// language in the order of `languages`, each language's in the artefacts' order.
pub fn render_artefacts(
    project: &Project,
    artefacts: &[Artefact],
) -> Result<Vec<OutputFile>, Error> {
    let mut files = Collect::default();
    render_artefacts_into(
        &mut Held::Borrowed(project),
        artefacts,
        false,
        0,
        &mut files,
    )?;
    Ok(files.finish())
}

/// [`render_artefacts`] into `out`, the first file at place `at`; returns the place after
/// the last. With `last_reader`, nothing after these artefacts reads the project: it is
/// released once the last language's Markdown is written, before any HTML is made.
fn render_artefacts_into(
    project: &mut Held<'_>,
    artefacts: &[Artefact],
    last_reader: bool,
    mut at: usize,
    out: &mut dyn Emit,
) -> Result<usize, Error> {
    let limits = Limits::for_sections(project.get().sections.len());
    let env = environment(project.get(), limits)?;
    let languages = project_languages(project.get());
    for (li, &lang) in languages.iter().enumerate() {
        let names = Names {
            lang: lang.code,
            all: &languages,
        };
        let releasing = last_reader && li + 1 == languages.len();
        // The last reader takes the sections out of the project, so that each section's
        // view is made only while a template reads it, and never all at once.
        let deferred = if releasing && artefacts.len() == 1 {
            project.take_sections()
        } else {
            None
        };
        let mut view = View::new(project.get(), lang);
        let mut chapter = match deferred {
            Some(sections) => {
                let first = lang.code == project.get().config.languages[0];
                deferred_context(&mut view, sections, lang, first)
            }
            None => chapter_context(&mut view),
        };
        let mut mds = Vec::with_capacity(artefacts.len());
        let mut place = at;
        for (i, artefact) in artefacts.iter().enumerate() {
            // The last artefact takes the context, so the sections' views are freed as
            // soon as its Markdown is written, before its HTML is made.
            let chapter = if i + 1 < artefacts.len() {
                chapter.clone()
            } else {
                std::mem::take(&mut chapter)
            };
            mds.push(artefact.markdown(&env, &view, chapter, names, limits, place, out)?);
            place += artefact.outputs.len();
        }
        let finish = Finish {
            anchors: std::mem::take(&mut view.anchors),
            page: view.page,
            level: view.chapter.level,
        };
        if releasing {
            project.release();
        }
        for (artefact, md) in artefacts.iter().zip(mds) {
            at = artefact.finish(&env, &finish, md, names, limits, at, out)?;
        }
    }
    Ok(at)
}
/// The languages `project` is written in, those privreg writes (others are `check` errors).
fn project_languages(project: &Project) -> Vec<&'static lang::Lang> {
    let found: Vec<_> = project
        .config
        .languages
        .iter()
        .filter_map(|l| lang::lookup(l))
        .collect();
    if found.is_empty() {
        vec![&lang::LANGS[0]]
    } else {
        found
    }
}

/// The names of `build`'s files for `project`: each language's in turn.
pub fn output_names(project: &Project) -> Vec<String> {
    let languages = project_languages(project);
    languages
        .iter()
        .flat_map(|l| {
            let names = Names {
                lang: l.code,
                all: &languages,
            };
            ARTEFACTS
                .iter()
                .flat_map(move |a| a.outputs.iter().map(move |o| names.file(o.file())))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether a build could have written file `name`, in any languages.
pub fn is_output_name(name: &str) -> bool {
    ALL_OUTPUT_FILES.contains(&name)
        || ARTEFACTS.iter().flat_map(|a| a.outputs).any(|o| {
            o.file() == name
                || lang::LANGS
                    .iter()
                    .any(|l| file_in(o.file(), l.code, true) == name)
        })
}

/// How a language's files are named: with one language, as ever (`privacy-policy.md`);
/// with several, each carries its language (`privacy-policy.de.md`).
#[derive(Debug, Clone, Copy)]
struct Names<'a> {
    lang: &'static str,
    all: &'a [&'static lang::Lang],
}

impl Names<'_> {
    fn file(&self, base: &str) -> String {
        file_in(base, self.lang, self.all.len() > 1)
    }
}

/// `base` (`privacy-policy.fragment.html`) in `lang`: the tag before the first dot when
/// `tagged` (`privacy-policy.de.fragment.html`).
fn file_in(base: &str, lang: &str, tagged: bool) -> String {
    match base.split_once('.') {
        Some((stem, ext)) if tagged => format!("{stem}.{lang}.{ext}"),
        _ => base.to_owned(),
    }
}

/// The context of the Markdown templates: the fields of `view.chapter`, whose sections it
/// takes. Each section becomes a template value only while a template reads it: the whole
/// chapter made values at once was a quarter of a build's memory, 7.6 KB a section.
pub fn chapter_context(view: &mut View) -> Value {
    let sections = LazySections::Ready(std::mem::take(&mut view.chapter.sections));
    context_with(view, sections)
}

/// [`chapter_context`] of a view made without `sections` (taken out of its project before,
/// in order), whose views are made each time a template reads one: the views of all
/// sections at once were a third of a build's memory, 3 KB a section. `first`: `lang` is
/// the project's first language, in which the sections are written.
fn deferred_context(
    view: &mut View,
    sections: Vec<crate::model::Section>,
    lang: &'static lang::Lang,
    first: bool,
) -> Value {
    view.anchors = sections
        .iter()
        .map(|s| view::anchor(s, &view.chapter.number))
        .collect();
    let sections = LazySections::Deferred {
        sections,
        chapter: view.chapter.number.clone(),
        level: view.chapter.level,
        lang,
        localize: !first,
    };
    context_with(view, sections)
}

fn context_with(view: &View, sections: LazySections) -> Value {
    let sections = Value::from_object(sections);
    let rest = Value::from(Serde(&view.chapter));
    let fields = rest
        .try_iter()
        .into_iter()
        .flatten()
        .filter_map(|key| {
            let name = key.as_str()?.to_owned();
            let value = if name == "sections" {
                sections.clone()
            } else {
                rest.get_item(&key).ok()?
            };
            Some((name, value))
        })
        .collect();
    Value::from_object(Fields(fields))
}

/// The sections of the chapter, a sequence to templates; see [`chapter_context`].
#[derive(Debug)]
enum LazySections {
    /// The views, made before.
    Ready(Vec<view::SectionView>),
    /// The sections, each made a view when read ([`deferred_context`]).
    Deferred {
        sections: Vec<crate::model::Section>,
        chapter: String,
        level: u32,
        lang: &'static lang::Lang,
        /// Whether the texts of `lang` are swapped in first, on a copy.
        localize: bool,
    },
}

impl LazySections {
    /// How many sections it holds.
    fn len(&self) -> usize {
        match self {
            LazySections::Ready(views) => views.len(),
            LazySections::Deferred { sections, .. } => sections.len(),
        }
    }
}

impl minijinja::value::Object for LazySections {
    fn repr(self: &Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let i = key.as_usize()?;
        match &**self {
            LazySections::Ready(views) => Some(Value::from(Serde(views.get(i)?))),
            LazySections::Deferred {
                sections,
                chapter,
                level,
                lang,
                localize,
            } => {
                let section = sections.get(i)?;
                let view = if *localize {
                    let mut copy = section.clone();
                    crate::load::Localize::localize(&mut copy, lang.code);
                    view::section_view(&copy, chapter, *level, lang)
                } else {
                    view::section_view(section, chapter, *level, lang)
                };
                Some(Value::from(Serde(&view)))
            }
        }
    }

    fn enumerate(self: &Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Seq(self.len())
    }
}

/// A struct's fields in their order, as minijinja makes a serialized struct.
#[derive(Debug)]
struct Fields(Vec<(String, Value)>);

impl minijinja::value::Object for Fields {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        self.0
            .iter()
            .find_map(|(name, value)| (name == key).then(|| value.clone()))
    }

    fn enumerate(self: &Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Values(
            self.0
                .iter()
                .map(|(name, _)| Value::from(name.as_str()))
                .collect(),
        )
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The template environment of `project`: its `templates/` overriding the embedded ones,
/// its `citation_style` behind `cite()`.
fn environment(project: &Project, limits: Limits) -> Result<Environment<'static>, Error> {
    let style = CitationStyle::of(project);
    let overrides = crate::project::templates_dir(&project.root)?;
    Ok(env::environment(overrides, style, limits))
}

/// An artefact's Markdown: in memory, or already written to a file it can be read from.
enum Markdown {
    /// The text, not yet handed on.
    Held(String),
    /// Handed on as written, to the file at this path.
    Written(PathBuf),
}

/// What an artefact's HTML needs of the view once its Markdown is written.
struct Finish {
    anchors: std::collections::HashMap<String, String>,
    page: view::PageView,
    level: u32,
}

impl Artefact {
    /// The artefact's Markdown, its template taken from `env` and rendered over `chapter`
    /// (made by [`chapter_context`] from `view`, which gives the rest). Where `out` writes
    /// files and the artefact has one Markdown file, the Markdown is handed to `out` as it
    /// is rendered, at place `at` + its place among the outputs, and its HTML later made
    /// from the file: at 100,000 sections it is some hundred megabytes that would be held
    /// beside the project.
    #[allow(
        clippy::too_many_arguments,
        reason = "one call site, each argument distinct"
    )]
    fn markdown(
        &self,
        env: &Environment<'_>,
        view: &View,
        chapter: Value,
        names: Names<'_>,
        limits: Limits,
        at: usize,
        out: &mut dyn Emit,
    ) -> Result<Markdown, Error> {
        let template = template_in(self.template, names.lang);
        let mut files = self
            .outputs
            .iter()
            .enumerate()
            .filter(|(_, o)| matches!(o, Output::Markdown(_)));
        if let (Some((i, output)), None) = (files.next(), files.next()) {
            let name = names.file(output.file());
            if let Some(path) = out.written_at(&name) {
                let mut chapter = Some(chapter);
                out.stream(at + i, name, &mut |w| {
                    let chapter = chapter.take().unwrap_or_default();
                    env::render_markdown_to(env, &template, chapter, limits, w).map(|_| ())
                })?;
                return Ok(Markdown::Written(path));
            }
        }
        let rendered = env::render_markdown(env, &template, chapter, limits, view.anchors.len())?;
        Ok(Markdown::Held(rendered.text))
    }

    /// Makes the artefact's files from its Markdown and hands each to `out`, the first
    /// at place `at`; returns the place after the last.
    #[allow(
        clippy::too_many_arguments,
        reason = "one call site, each argument distinct"
    )]
    fn finish(
        &self,
        env: &Environment<'_>,
        finish: &Finish,
        md: Markdown,
        names: Names<'_>,
        limits: Limits,
        at: usize,
        out: &mut dyn Emit,
    ) -> Result<usize, Error> {
        let mut fragments = self
            .outputs
            .iter()
            .enumerate()
            .filter(|(_, o)| matches!(o, Output::Fragment(_)));
        if let Markdown::Written(path) = &md
            && let (Some((i, fragment)), None) = (fragments.next(), fragments.next())
            && let Some(fragment) = out.written_at(&names.file(fragment.file()))
        {
            let files = FromFiles {
                markdown: path,
                fragment: &fragment,
                at_fragment: at + i,
            };
            return self.finish_from_files(env, finish, &files, names, limits, at, out);
        }
        // Each form is made once, handed on and dropped, never copied: at 100,000
        // sections one form of the chapter is some hundred megabytes.
        let is_html = |o: &Output| !matches!(o, Output::Markdown(_));
        let mut converted = match &md {
            _ if !self.outputs.iter().any(is_html) => Converted::default(),
            Markdown::Held(md) => html::to_html(md, &finish.anchors),
            Markdown::Written(path) => {
                html::to_html_from(path, &finish.anchors).map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?
            }
        };
        // Written already: nothing to hand on.
        let md = match md {
            Markdown::Held(md) => Some(md),
            Markdown::Written(_) => None,
        };
        let last_md = self
            .outputs
            .iter()
            .rposition(|o| matches!(o, Output::Markdown(_)));
        let mut md = md;
        for (i, output) in self.outputs.iter().enumerate() {
            let name = names.file(output.file());
            match *output {
                Output::Markdown(_) if md.is_some() => {
                    let text = if Some(i) == last_md {
                        md.take().unwrap_or_default()
                    } else {
                        md.clone().unwrap_or_default()
                    };
                    out.file(at + i, name, Cow::Owned(text.into_bytes()))?;
                }
                Output::Fragment(_) => {
                    out.file(at + i, name, Cow::Borrowed(converted.body.as_bytes()))?;
                }
                Output::Markdown(_) | Output::Page { .. } => {}
            }
        }
        drop(md);
        // The page last, as it takes the body: the page template reads it as a value.
        let body = Value::from_safe_string(std::mem::take(&mut converted.body));
        for (i, output) in self.outputs.iter().enumerate() {
            // One page frame serves every language: its words come from the language's
            // table, so a project's own `page.html` dresses every language alike.
            if let Output::Page { template, .. } = *output {
                out.stream(at + i, names.file(output.file()), &mut |w| {
                    self.page(
                        env,
                        template,
                        finish,
                        &converted.toc,
                        body.clone(),
                        names,
                        limits,
                        w,
                    )
                })?;
            }
        }
        Ok(at + self.outputs.len())
    }

    /// [`Artefact::finish`] of Markdown written to `files.markdown`, where the fragment
    /// goes to a file too: each piece of HTML goes to the fragment's file as it is made,
    /// and the page takes the body from there. The body is never held whole, nor copied
    /// into the page template's value, which at 100,000 sections held it twice at once.
    #[allow(
        clippy::too_many_arguments,
        reason = "one call site, each argument distinct"
    )]
    fn finish_from_files(
        &self,
        env: &Environment<'_>,
        finish: &Finish,
        files: &FromFiles<'_>,
        names: Names<'_>,
        limits: Limits,
        at: usize,
        out: &mut dyn Emit,
    ) -> Result<usize, Error> {
        let read_error = |path: &std::path::Path| {
            let path = path.to_owned();
            move |source| Error::Read { path, source }
        };
        let fragment_name = names.file(self.outputs[files.at_fragment - at].file());
        let mut toc = Vec::new();
        out.stream(files.at_fragment, fragment_name, &mut |w| {
            toc = html::to_html_into(files.markdown, &finish.anchors, w)
                .map_err(read_error(files.markdown))?;
            Ok(())
        })?;
        for (i, output) in self.outputs.iter().enumerate() {
            match *output {
                Output::Page { template, .. } => {
                    out.stream(at + i, names.file(output.file()), &mut |w| {
                        if let Some(done) =
                            self.page_spliced(env, template, finish, &toc, files, names, limits, w)
                        {
                            return done;
                        }
                        let body = std::fs::read_to_string(files.fragment)
                            .map_err(read_error(files.fragment))?;
                        let body = Value::from_safe_string(body);
                        self.page(env, template, finish, &toc, body, names, limits, w)
                    })?;
                }
                // Written already: the artefact's one Markdown file and one fragment.
                Output::Markdown(_) | Output::Fragment(_) => {}
            }
        }
        Ok(at + self.outputs.len())
    }

    /// Writes the page with the body copied from the fragment's file into its place, when
    /// `template` is privreg's own page (in the project's `templates/` or not): that page
    /// writes its `body` once, as it is, and nothing else of it, so rendering it over a
    /// placeholder body and putting the fragment where the placeholder is writes the same
    /// bytes. `None` for any other template, or if the placeholder is not found exactly
    /// once (a register value holds it): the page is then rendered over the body.
    #[allow(
        clippy::too_many_arguments,
        reason = "one call site, each argument distinct"
    )]
    fn page_spliced(
        &self,
        env: &Environment<'_>,
        template: &str,
        finish: &Finish,
        toc: &[html::TocEntry],
        files: &FromFiles<'_>,
        names: Names<'_>,
        limits: Limits,
        out: &mut dyn std::io::Write,
    ) -> Option<Result<(), Error>> {
        if template != "page.html"
            || !PAGE_PARTS
                .iter()
                .chain([&template])
                .all(|n| env::is_own(env, n))
        {
            return None;
        }
        let placeholder = Value::from_safe_string(BODY_PLACEHOLDER.to_owned());
        let cx = self.page_context(finish, toc, placeholder, names);
        let page = match env::render(env, template, cx, limits) {
            Ok(page) => page.text,
            Err(e) => return Some(Err(e)),
        };
        let mut found = page.match_indices(BODY_PLACEHOLDER);
        let (Some((at, _)), None) = (found.next(), found.next()) else {
            return None;
        };
        Some(splice(&page, at, files.fragment, template, limits, out))
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one call site, each argument distinct"
    )]
    fn page(
        &self,
        env: &Environment<'_>,
        template: &str,
        finish: &Finish,
        toc: &[html::TocEntry],
        body: Value,
        names: Names<'_>,
        limits: Limits,
        out: &mut dyn std::io::Write,
    ) -> Result<(), Error> {
        let cx = self.page_context(finish, toc, body, names);
        let mut trimmed = TrimEnd {
            out,
            pending: String::new(),
        };
        env::render_to(env, template, cx, limits, &mut trimmed)?;
        // As `trim_end` and one `\n` on the whole page.
        std::io::Write::write_all(trimmed.out, b"\n")
            .map_err(|e| Error::Template(format!("{template}: the output cannot be written: {e}")))
    }

    /// The values of the page template, `body` the HTML of the chapter.
    fn page_context(
        &self,
        finish: &Finish,
        toc: &[html::TocEntry],
        body: Value,
        names: Names<'_>,
    ) -> Value {
        let page_file = self
            .outputs
            .iter()
            .find(|o| matches!(o, Output::Page { .. }))
            .map_or("", |o| o.file());
        // The same page in the other languages, for `hreflang` links and the switch.
        let alternates: Vec<_> = names
            .all
            .iter()
            .filter(|l| l.code != names.lang)
            .map(|l| {
                minijinja::context! {
                    lang => l.code,
                    name => l.term("name").unwrap_or(l.code),
                    href => file_in(page_file, l.code, true),
                }
            })
            .collect();
        let lang = lang::lookup(names.lang);
        let word = |key: &str| lang.and_then(|l| l.term(key)).unwrap_or_default();
        let words = minijinja::context! {
            policy => word("page.policy"),
            of => word("page.of"),
            skip => word("page.skip"),
            languages => word("page.languages"),
            contents => word("page.contents"),
        };
        let cx = minijinja::context! {
            lang => finish.page.language,
            words => words,
            alternates => alternates,
            chapter_title => &finish.page.chapter_title,
            controller => &finish.page.controller,
            heading_level => finish.level,
            toc => Value::from(Serde(toc)),
            body => body,
        };
        cx
    }
}

/// The files [`Artefact::finish_from_files`] reads: the Markdown, written, and the
/// fragment, to be written at place `at_fragment`.
struct FromFiles<'a> {
    markdown: &'a std::path::Path,
    fragment: &'a std::path::Path,
    at_fragment: usize,
}

/// The templates privreg's `page.html` includes: with it, they must be privreg's own for
/// [`Artefact::page_spliced`], as they see its `body` too.
const PAGE_PARTS: &[&str] = &["page.css"];

/// What [`Artefact::page_spliced`] renders the page over in place of its body: a value
/// holding it (NUL characters and all) makes the page render over the body instead.
const BODY_PLACEHOLDER: &str = "\u{0}privreg-body\u{0}";

/// Writes `page` with the contents of file `fragment` in place of the placeholder that
/// begins at `at`, its end trimmed and one `\n` after it, as [`Artefact::page`] writes a
/// page; `limits` counts the page with its body, as a render over the body would.
fn splice(
    page: &str,
    at: usize,
    fragment: &std::path::Path,
    template: &str,
    limits: Limits,
    out: &mut dyn std::io::Write,
) -> Result<(), Error> {
    use std::io::{BufRead, Write};
    let read_error = |source| Error::Read {
        path: fragment.to_owned(),
        source,
    };
    let body = std::fs::metadata(fragment).map_err(read_error)?.len();
    let body = usize::try_from(body).unwrap_or(usize::MAX);
    if (page.len() - BODY_PLACEHOLDER.len()).saturating_add(body) > limits.output {
        return Err(env::over_limit(template, limits));
    }
    let written = |e: std::io::Error| {
        Error::Template(format!("{template}: the output cannot be written: {e}"))
    };
    let mut trimmed = TrimEnd {
        out,
        pending: String::new(),
    };
    trimmed.write_all(&page.as_bytes()[..at]).map_err(written)?;
    let file = std::fs::File::open(fragment).map_err(read_error)?;
    let mut reader = std::io::BufReader::with_capacity(SPLICED_PIECE, file);
    // Whole lines, so that every write is whole characters, as `TrimEnd` takes them.
    let mut piece = String::with_capacity(SPLICED_PIECE);
    loop {
        let read = reader.read_line(&mut piece).map_err(read_error)?;
        if read == 0 || piece.len() >= SPLICED_PIECE {
            trimmed.write_all(piece.as_bytes()).map_err(written)?;
            piece.clear();
        }
        if read == 0 {
            break;
        }
    }
    let rest = &page[at + BODY_PLACEHOLDER.len()..];
    trimmed.write_all(rest.as_bytes()).map_err(written)?;
    trimmed.out.write_all(b"\n").map_err(written)
}

/// How much of the fragment [`splice`] copies at a time.
const SPLICED_PIECE: usize = 64 * 1024;

/// Passes text on without its trailing whitespace: what may end it is held back until
/// more text follows.
struct TrimEnd<'a> {
    out: &'a mut dyn std::io::Write,
    pending: String,
}

impl std::io::Write for TrimEnd<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        // The renderer writes whole `str`s; anything else is refused before it gets here.
        let text = std::str::from_utf8(bytes).map_err(std::io::Error::other)?;
        let kept = text.trim_end().len();
        if kept > 0 {
            self.out.write_all(self.pending.as_bytes())?;
            self.pending.clear();
            self.out.write_all(&bytes[..kept])?;
        }
        self.pending.push_str(&text[kept..]);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document the renderer has never heard of: a template and an entry, nothing else.
    const RECORD: Artefact = Artefact {
        template: "record.md",
        outputs: &[
            Output::Markdown("record.md"),
            Output::Fragment("record.fragment.html"),
        ],
    };

    const RECORD_TEMPLATE: &str = "\
{{ heading }} Record of processing activities

{% for s in sections %}
{{ s.heading }} {{ s.number }} {{ s.title }}

Purposes: {{ s.purposes|join_list }}.
Legal bases: {% for b in s.legal_bases %}{{ cite(b.article, b.paragraph, b.point) }}{% endfor %}.
{% endfor %}
";

    fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let project = crate::project::load(dir.path()).unwrap();
        (dir, project)
    }

    /// A project of `n` sections, languages `de` and `en`, with `templates` of its own.
    pub(super) fn sections(n: usize, templates: &[(&str, &str)]) -> (tempfile::TempDir, Project) {
        let registers: Vec<(String, String)> = (0..n)
            .map(|i| {
                let text = format!(
                    "id: s{i}\norder: {i}\ntitle: {{de: Abschnitt {i}, en: Section {i}}}\n\
                     processed_by: controller\npurposes: [answering questions about *{i}*]\n\
                     details: [\"Art. 6(1)(b) GDPR applies; <b>{i}</b> & more\"]\n\
                     legal_bases:\n  - basis: contract\n"
                );
                (format!("registers/s{i}.yaml"), text)
            })
            .collect();
        let mut files: Vec<(&str, &str)> = vec![("privreg.yaml", "languages: [de, en]\n")];
        files.extend(registers.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        files.extend_from_slice(templates);
        project(&files)
    }

    /// The files `build` writes for `project`, read back from its output directory.
    fn staged(project: Project, out: &std::path::Path) -> Vec<OutputFile> {
        let mut stage = write::Stage::open(out).unwrap();
        let names = render_into_stage(project, &mut stage).unwrap();
        stage.commit().unwrap();
        names
            .into_iter()
            .map(|name| OutputFile {
                contents: std::fs::read(out.join(&name)).unwrap(),
                name,
            })
            .collect()
    }

    #[test]
    fn files_written_as_made_are_the_files_made_in_memory() {
        let embedded = |name: &str| env::EMBEDDED.iter().find(|(n, _)| *n == name).unwrap().1;
        // privreg's own page, embedded and as a copy in `templates/` (spliced); pages that
        // read the body otherwise (rendered over it). 300 sections make the Markdown
        // longer than one piece.
        let other = "{{ body|length }} {{ body }}{% if \"<h2\" in body %}!{% endif %}\n";
        let cases: [&[(&str, &str)]; 4] = [
            &[],
            &[
                ("templates/page.html", embedded("page.html")),
                ("templates/page.css", embedded("page.css")),
            ],
            &[("templates/page.html", other)],
            &[("templates/page.css", "main { {{ body|length }} }")],
        ];
        for templates in cases {
            let (_dir, held) = sections(300, templates);
            let expected = render(&held).unwrap();
            let (dir, project) = sections(300, templates);
            let written = staged(project, &dir.path().join("out"));
            assert_eq!(written.len(), expected.len());
            for (w, e) in written.iter().zip(&expected) {
                assert_eq!(w.name, e.name);
                assert!(
                    w.contents == e.contents,
                    "{} differs with {templates:?}",
                    w.name
                );
            }
        }
    }

    #[test]
    fn privregs_page_includes_only_its_parts() {
        let page = env::EMBEDDED
            .iter()
            .find(|(n, _)| *n == "page.html")
            .unwrap()
            .1;
        // What the page reads besides its own text must be among the parts checked.
        for tag in ["{% import", "{% from", "{% extends", "{% macro"] {
            assert!(!page.contains(tag), "{tag}");
        }
        let included: Vec<&str> = page
            .split("{% include \"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        assert_eq!(included, PAGE_PARTS);
        assert_eq!(page.matches("body }}").count(), 1);
    }

    #[test]
    fn a_second_artefact_renders_over_the_same_view_with_its_own_template() {
        let (_dir, project) = project(&[
            (
                "privreg.yaml",
                "chapter: \"7\"\nlast_updated: \"2026-01-02\"\n",
            ),
            (
                "registers/chat.yaml",
                "id: chat\norder: 2\ntitle: \"*Chat* & <b>\"\nprocessed_by: controller\n\
                 purposes: [answering questions, \"- support\"]\n\
                 legal_bases:\n  - basis: contract\n",
            ),
            ("templates/record.md", RECORD_TEMPLATE),
        ]);
        let files = render_artefacts(&project, &[POLICY, RECORD]).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                OUTPUT_FILES.as_slice(),
                &["record.md", "record.fragment.html"]
            ]
            .concat()
        );
        assert_eq!(
            files[..3],
            render(&project).unwrap(),
            "the policy does not change beside another artefact"
        );
        // The view's escaping and anchors hold for every artefact written in Markdown.
        assert_eq!(
            files[3].text(),
            "## Record of processing activities\n\n\
             ### 7.2 \\*Chat\\* \\& \\<b\\>\n\n\
             Purposes: answering questions and \\- support.\n\
             Legal bases: Art. 6 para. 1 lit. b GDPR.\n"
        );
        assert_eq!(
            files[4].text(),
            "<h2>Record of processing activities</h2>\n\
             <h3 id=\"chat\">7.2 *Chat* &amp; &lt;b&gt;</h3>\n\
             <p>Purposes: answering questions and - support.\n\
             Legal bases: Art.\u{a0}6\u{a0}para.\u{a0}1\u{a0}lit.\u{a0}b\u{a0}GDPR.</p>\n"
        );
    }

    #[test]
    fn templates_read_the_lazy_sections_as_they_read_a_list() {
        let (_dir, project) = every_field("a *b*");
        let probe = "{{ sections|length }} {{ sections[0].id }} {{ sections[-1].id }}\n\
             {% for s in sections %}{{ loop.index }}/{{ loop.length }} {{ s.number }} \
             {{ s.processors|length }} {{ s.legal_bases[0].label }}\n{% endfor %}\
             {{ sections|map(attribute='id')|join(',') }} {{ sections|reverse|first }}\n\
             {{ sections|tojson }}\n{{ sections }}\n{% if sections %}some{% endif %} \
             {{ sections is sequence }} {{ sections|selectattr('layout', 'eq', 'shared')|list }}\n\
             {{ number }} {{ title }} {{ heading }} {{ child_age }} {{ controller }}\n\
             {% for s in sections[1:] %}{{ s.id }}{% endfor %} {{ sections|batch(2)|list|length }}";
        let limits = Limits::for_sections(3);
        let mut env = env::environment(None, CitationStyle::default(), limits);
        env.add_template_owned("probe.md", probe).unwrap();
        let mut view = View::new(&project, &lang::LANGS[0]);
        let eager = Value::from(Serde(&view.chapter));
        let lazy = chapter_context(&mut view);
        let render = |cx: Value| env::render(&env, "probe.md", cx, limits).unwrap().text;
        let (want, got) = (render(eager), render(lazy));
        assert!(want.contains("3 a c\n1/3 10.1 1 legitimate"), "{want}");
        assert_eq!(got, want);
    }

    /// A project with `value` in every text field of three sections, one per layout, and
    /// as the chapter title.
    fn every_field(value: &str) -> (tempfile::TempDir, Project) {
        let v = serde_json::to_string(value).unwrap();
        let entity = format!("{{legal_name: {v}, address: {v}, country: US}}");
        let processor = format!(
            "  - service: {v}\n    provider: {entity}\n    dpa: {{concluded: true, counterparty: {v}}}\n    \
             purposes: [{v}]\n    data_categories: [{v}, {v}]\n    measures: [{v}]\n    \
             excluded_uses: [{v}]\n    details: [{v}]\n    \
             onward_recipients: [{{name: {v}, description: {v}, data: [{v}], purpose: {v}}}, {{name: {v}}}]\n    \
             transfers: [{{country: US, certainty: takes-place, mechanisms: [scc]}}]\n"
        );
        let section = |id: &str, order: u32, processed_by: &str, processors: usize| {
            format!(
                "id: {id}\norder: {order}\ntitle: {v}\nprocessed_by: {processed_by}\nsummary: {v}\n\
                 purposes: [{v}, {v}]\ndata_subjects: [{v}]\ndata_categories: [{v}]\n\
                 special_categories: [{v}]\nnot_processed: [{v}]\nexcluded_uses: [{v}]\n\
                 measures: [{v}, {v}]\ndetails: [{v}, {v}]\n\
                 legal_bases:\n  - basis: legitimate-interests\n    interest: {v}\n    scope: {v}\n\
                 \x20 - basis: consent\n    condition: {v}\n    scope: {v}\n\
                 \x20 - basis: contract\n    scope: {v}\n\
                 retention: {{criteria: {v}, notes: [{v}, {v}]}}\ndirect_marketing: [{v}]\n\
                 processors:\n{}",
                processor.repeat(processors)
            )
        };
        project(&[
            (
                "privreg.yaml",
                &format!("title: {v}\ncontroller: {entity}\n"),
            ),
            ("registers/a.yaml", &section("a", 1, "controller", 1)),
            ("registers/b.yaml", &section("b", 2, "processors", 1)),
            ("registers/c.yaml", &section("c", 3, "both", 2)),
        ])
    }

    /// The elements of an HTML fragment in order, without attributes or text.
    fn tags(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .map(|t| t.split(['>', ' ']).next().unwrap_or(""))
            .collect()
    }

    /// Builds [`every_field`] with `value`: its fragment's elements must be those of a
    /// plain value's, and the value must show as typed.
    fn value_stays_text(value: &str, plain: &[String]) -> Result<(), String> {
        let (_dir, project) = every_field(value);
        assert!(
            project.diagnostics.is_empty(),
            "{value:?} loads: {:?}",
            project.diagnostics
        );
        let files = render(&project).unwrap();
        let fragment = files[2].text();
        if tags(fragment) != plain {
            return Err(format!("{value:?} made markup:\n{fragment}"));
        }
        let typed = value.split_whitespace().collect::<Vec<_>>().join(" ");
        // `sentence` and `upper_first` capitalise the first letter; nothing else changes.
        if !crate::fuzz::html_text(fragment)
            .to_lowercase()
            .contains(&typed.to_lowercase())
        {
            return Err(format!("{value:?} does not show as typed:\n{fragment}"));
        }
        Ok(())
    }

    fn plain_tags() -> Vec<String> {
        let (_dir, project) = every_field("plain");
        let files = render(&project).unwrap();
        tags(files[2].text())
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn hardening_5_no_value_becomes_markup_whatever_filter_or_text_follows_it() {
        let plain = plain_tags();
        for value in [
            "2024",
            "7",
            "0",
            "123456789",
            "1)",
            "1.",
            "2024.",
            "-",
            "--",
            "---",
            "+",
            "#",
            "# x",
            "##",
            ">",
            "> x",
            "*",
            "**",
            "***",
            "* x",
            "=",
            "==",
            "===",
            "`",
            "```",
            "~~~",
            "_",
            "___",
            "<script>",
            "<script>alert(1)</script>",
            "<!-- x -->",
            "|a|b|",
            "\\",
            "&amp;",
            "&#50;",
            "[x]",
            "[x](https://e.example)",
            "![i](https://e.example)",
            "<https://e.example>",
            "    indented",
            "1\\",
            "a  b",
            "2024 customers",
        ] {
            value_stays_text(value, &plain).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn hardening_5_generated_values_stay_text(
            value in proptest::prop_oneof![
                "[0-9]{1,10}[.)]?",
                "[0-9#>*=`<>_!&;\\.()\\[\\]~|:+ -]{0,12}[0-9#>*=`<>_!&;\\.()\\[\\]~|:+-a]",
            ]
        ) {
            let plain = plain_tags();
            if let Err(e) = value_stays_text(&value, &plain) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }

    #[test]
    fn hardening_8_endless_loops_and_growing_strings_run_out_of_fuel() {
        // The real limit takes seconds and a gigabyte to reach; the mechanism is the same.
        let mut env = env::environment(None, CitationStyle::default(), Limits::for_sections(0));
        env.set_fuel(Some(1_000_000));
        for (name, source) in [
            (
                "loops.md",
                "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            ),
            (
                "strings.md",
                "{% set ns = namespace(s='xxxxxxxxxxxxxxxx') %}{% for i in range(60) %}\
                 {% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
            ),
        ] {
            env.add_template_owned(name, source).unwrap();
            let err =
                env::render(&env, name, Value::UNDEFINED, Limits::for_sections(0)).unwrap_err();
            let Error::Template(msg) = err else {
                panic!("{name}: {err:?}")
            };
            assert!(
                msg.starts_with(&format!("{name}:1: engine ran out of fuel: ")),
                "{msg}"
            );
            assert!(
                msg.contains("10 million, and 5000 more per section"),
                "{msg}"
            );
        }
    }

    #[test]
    fn hardening_8_the_shipped_templates_stay_far_below_the_limits() {
        // Fuel and output grow linearly with the sections, and so do the limits: what 1,000
        // sections use, per section, must stay far below what each section adds.
        let sections = 1_000;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("registers")).unwrap();
        for i in 1..=sections {
            let name = format!("registers/s{i:05}.yaml");
            std::fs::write(dir.path().join(name), super::bench_sections::section(i)).unwrap();
        }
        let project = crate::project::load(dir.path()).unwrap();
        let limits = Limits::for_sections(sections);
        let mut env = environment(&project, limits).unwrap();
        // Measured as if they were a project's: overrides start as copies of them.
        env.set_fuel(Some(limits.fuel));
        let view = View::new(&project, &lang::LANGS[0]);
        let chapter = Value::from(Serde(&view.chapter));
        let md = env::render(&env, "chapter.md", chapter, limits).unwrap();
        let converted = html::to_html(&markdown::normalise(&md.text), &view.anchors);
        let cx = minijinja::context! {
            lang => "en", chapter_title => "10 Processors", controller => "C", heading_level => 2,
            words => minijinja::context! { policy => "Privacy Policy", of => "of", skip => "Skip to content", languages => "Other languages", contents => "Contents" },
            alternates => Vec::<Value>::new(),
            toc => Value::from(Serde(&converted.toc)),
            body => Value::from_safe_string(converted.body.clone()),
        };
        let page = env::render(&env, "page.html", cx, limits).unwrap();
        let per_section = |n: u64| n / sections as u64;
        for (name, fuel) in [("chapter.md", md.fuel), ("page.html", page.fuel)] {
            assert!(
                per_section(fuel) * 4 < Limits::FUEL_PER_SECTION,
                "{name}: {fuel} fuel for {sections} sections"
            );
        }
        for (name, len) in [
            ("chapter.md", md.text.len()),
            ("page.html", page.text.len()),
        ] {
            assert!(
                per_section(len as u64) * 4 < Limits::OUTPUT_PER_SECTION as u64,
                "{name}: {len} bytes for {sections} sections"
            );
        }
    }

    #[test]
    fn output_files_are_the_artefacts_outputs_each_named_once() {
        let names: Vec<&str> = ARTEFACTS
            .iter()
            .flat_map(|a| a.outputs)
            .map(Output::file)
            .collect();
        assert_eq!(names, OUTPUT_FILES);
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }
}

// The sections the benchmarks build, for the limits' margins.
#[path = "../../benches/support/sections.rs"]
#[cfg(test)]
mod bench_sections;
#[cfg(test)]
pub(crate) mod prose_tests;
