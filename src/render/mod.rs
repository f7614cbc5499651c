//! Rendering: the checked model becomes a template context (every register string already
//! escaped for Markdown), the templates write the chapter in Markdown, pulldown-cmark turns
//! it into HTML, and `write` puts the files in place atomically.

pub mod env;
pub mod html;
pub mod markdown;
pub mod view;
pub mod write;

use std::path::PathBuf;

use minijinja::Value;
use minijinja::value::Serde;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::project::Project;
use env::CitationStyle;
use view::{ChapterView, DEFAULT_TITLE};
pub use write::OutputFile;

/// The files `build` writes, in this order.
pub const OUTPUT_FILES: [&str; 3] = [
    "privacy-policy.md",
    "privacy-policy.html",
    "privacy-policy.fragment.html",
];

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

/// Renders the project's chapter: Markdown, standalone HTML page and HTML fragment.
pub fn render(project: &Project) -> Result<Vec<OutputFile>, Error> {
    let raw = project.config.raw.as_ref();
    let style = CitationStyle::from_setting(
        raw.and_then(|c| c.citation_style.as_ref())
            .map(|s| s.value.as_str()),
    );
    let overrides = project.root.join(crate::project::TEMPLATES_DIR);
    let env = env::environment(overrides.is_dir().then_some(overrides), style);
    let chapter = ChapterView::new(project);

    let md = env
        .get_template("chapter.md")
        .and_then(|t| t.render(Value::from(Serde(&chapter))))
        .map_err(|e| env::template_error(&e))?;
    let md = markdown::normalise(&md);

    let converted = html::to_html(&md, &chapter.anchors());

    let title = raw
        .and_then(|c| c.title.as_ref())
        .map_or(DEFAULT_TITLE, |t| t.value.as_str());
    let controller = raw
        .and_then(|c| c.controller.as_ref())
        .map(|c| c.legal_name.value.clone());
    let page_cx = minijinja::context! {
        lang => raw.and_then(|c| c.language.as_ref()).map_or("en", |l| l.value.as_str()),
        chapter_title => format!("{} {}", project.config.chapter, title),
        controller => controller,
        heading_level => chapter.level,
        toc => Value::from(Serde(&converted.toc)),
        body => Value::from_safe_string(converted.body.clone()),
    };
    let page = env
        .get_template("page.html")
        .and_then(|t| t.render(page_cx))
        .map_err(|e| env::template_error(&e))?;
    let mut page = page.trim_end().to_owned();
    page.push('\n');

    Ok(vec![
        OutputFile {
            name: OUTPUT_FILES[0],
            contents: md,
        },
        OutputFile {
            name: OUTPUT_FILES[1],
            contents: page,
        },
        OutputFile {
            name: OUTPUT_FILES[2],
            contents: converted.body,
        },
    ])
}
