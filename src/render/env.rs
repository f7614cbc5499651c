//! The minijinja environment: embedded templates with per-file project overrides, strict
//! undefined values, and the filters and functions the default templates use.

use std::io;
use std::path::{Path, PathBuf};

use minijinja::value::Value;
use minijinja::{Environment, ErrorKind, UndefinedBehavior};

use crate::error::Error;

/// What one render of a template may use. Both limits grow with the register, so that a
/// chapter of any size fits while a template that does not end still stops early: fuel
/// (minijinja's: one unit per instruction, one per 64 bytes of data made) ends endless
/// loops and bounds the strings a template builds in memory; the output cap bounds what it
/// writes. Fuel meters only a project's own templates (`templates/`). The shipped
/// templates, metered, use about 760 fuel and write about 1.9 KiB per section, a sixth and
/// an eighth of what a section adds to the limits (docs/limits.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Fuel for one render.
    pub fuel: u64,
    /// Bytes one render may write.
    pub output: usize,
}

impl Limits {
    /// Fuel every render has, whatever the register's size.
    pub const BASE_FUEL: u64 = 10_000_000;
    /// Fuel each section adds.
    pub const FUEL_PER_SECTION: u64 = 5_000;
    /// Output every render may write.
    pub const BASE_OUTPUT: usize = 64 * 1024 * 1024;
    /// Output each section adds.
    pub const OUTPUT_PER_SECTION: usize = 16 * 1024;

    /// The limits for a register of `sections` sections.
    pub fn for_sections(sections: usize) -> Limits {
        Limits {
            fuel: Self::BASE_FUEL + Self::FUEL_PER_SECTION * sections as u64,
            output: Self::BASE_OUTPUT + Self::OUTPUT_PER_SECTION * sections,
        }
    }
}

/// The default templates, embedded so privreg works from any directory.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("chapter.md", include_str!("../../templates/chapter.md")),
    ("section.md", include_str!("../../templates/section.md")),
    (
        "section-macros.md",
        include_str!("../../templates/section-macros.md"),
    ),
    (
        "controller.md",
        include_str!("../../templates/controller.md"),
    ),
    ("page.html", include_str!("../../templates/page.html")),
    ("page.css", include_str!("../../templates/page.css")),
    (
        "de/chapter.md",
        include_str!("../../templates/de/chapter.md"),
    ),
    (
        "de/section.md",
        include_str!("../../templates/de/section.md"),
    ),
    (
        "de/section-macros.md",
        include_str!("../../templates/de/section-macros.md"),
    ),
    (
        "de/controller.md",
        include_str!("../../templates/de/controller.md"),
    ),
    ("diff.md", include_str!("../../templates/diff.md")),
    (
        "diff-changelog.md",
        include_str!("../../templates/diff-changelog.md"),
    ),
    (
        "diff-notices.md",
        include_str!("../../templates/diff-notices.md"),
    ),
    (
        "diff-customer-notice.md",
        include_str!("../../templates/diff-customer-notice.md"),
    ),
    (
        "diff-macros.md",
        include_str!("../../templates/diff-macros.md"),
    ),
];

/// How legal citations are written; `citation_style` in `privreg.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CitationStyle {
    /// `Art. 6 para. 1 lit. f GDPR` (the default).
    #[default]
    ParaLit,
    /// `Art. 6(1)(f) GDPR`.
    Parens,
    /// `Art. 6 Abs. 1 lit. f DSGVO`: German practice, which has no parenthesised style in
    /// common use, so German text is written so whatever `citation_style` says.
    German,
}

impl CitationStyle {
    /// The style named in `privreg.yaml`; unknown names (already reported by `check`) fall
    /// back to the default.
    pub fn from_setting(name: Option<&str>) -> CitationStyle {
        match name {
            Some("parens") => CitationStyle::Parens,
            _ => CitationStyle::ParaLit,
        }
    }

    /// The style `citation_style` of `project`'s privreg.yaml names.
    pub fn of(project: &crate::project::Project) -> CitationStyle {
        CitationStyle::from_setting(
            project
                .config
                .raw
                .as_ref()
                .and_then(|c| c.citation_style.as_ref())
                .map(|s| s.value.as_str()),
        )
    }

    /// A GDPR citation of an article, optionally down to paragraph and point.
    pub fn cite(
        self,
        article: u32,
        paragraph: Option<u32>,
        point: Option<&str>,
        subparagraph: Option<u32>,
    ) -> String {
        use std::fmt::Write as _;
        // Written into one string: `cite()` runs for every basis and mechanism of a chapter.
        let mut s = String::with_capacity(40);
        let _ = write!(s, "Art. {article}");
        match self {
            CitationStyle::German => {
                if let Some(p) = paragraph {
                    let _ = write!(s, " Abs. {p}");
                }
                if let Some(u) = subparagraph {
                    let _ = write!(s, " UAbs. {u}");
                }
                if let Some(l) = point {
                    let _ = write!(s, " lit. {l}");
                }
                s.push_str(" DSGVO");
                return s;
            }
            CitationStyle::ParaLit => {
                if let Some(p) = paragraph {
                    let _ = write!(s, " para. {p}");
                }
                if let Some(l) = point {
                    let _ = write!(s, " lit. {l}");
                }
            }
            CitationStyle::Parens => {
                if let Some(p) = paragraph {
                    let _ = write!(s, "({p})");
                }
                if let Some(l) = point {
                    let _ = write!(s, "({l})");
                }
            }
        }
        // Both styles write it so: "Art. 49 para. 1 subpara. 2", "Art. 49(1) subpara. 2".
        if let Some(u) = subparagraph {
            let _ = write!(s, " subpara. {u}");
        }
        s.push_str(" GDPR");
        s
    }
}

/// Whether template `name` of `env` is privreg's own: the embedded one, or a project's
/// copy of it, byte for byte.
pub fn is_own(env: &Environment<'_>, name: &str) -> bool {
    let Some((_, embedded)) = EMBEDDED.iter().find(|(n, _)| *n == name) else {
        return false;
    };
    env.get_template(name)
        .is_ok_and(|t| t.source() == *embedded)
}

/// Builds the environment. `overrides` is the project's `templates/` directory, links
/// resolved (`project::templates_dir`): a file there replaces the embedded template of the
/// same name, and no template is read from outside it.
pub fn environment(
    overrides: Option<PathBuf>,
    style: CitationStyle,
    limits: Limits,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Fuel is for the project's own templates: the embedded ones are privreg's and end on
    // every input (each loop runs over a register list), and metering them would cost a
    // sixth of every build.
    if overrides.is_some() {
        env.set_fuel(Some(limits.fuel));
    }
    env.set_debug(true);
    // Block tags on their own lines leave no trace, so templates can be indented readably.
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("default delimiters are valid"),
    );
    env.set_loader(move |name| load(overrides.as_deref(), name));
    // The chapter's `lang` picks the style: German text cites in German whatever the
    // project's `citation_style`, which chooses between the English styles.
    let style_in =
        move |state: &minijinja::State| match state.lookup("lang").as_ref().and_then(Value::as_str)
        {
            Some("de") => CitationStyle::German,
            _ => style,
        };
    env.add_function(
        "cite",
        move |state: &minijinja::State,
              article: u32,
              paragraph: Option<u32>,
              point: Option<String>,
              subparagraph: Option<u32>| {
            style_in(state).cite(article, paragraph, point.as_deref(), subparagraph)
        },
    );
    env.add_function(
        "cite_device",
        move |state: &minijinja::State, law: String, kind: String| {
            let law = crate::law::device::law(Some(&law)).ok_or_else(|| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("cite_device: no device access law `{law}`"),
                )
            })?;
            let ((para_lit, parens), german) = match kind.as_str() {
                "consent" => (law.consent, law.consent_de),
                "strictly-necessary" => (law.necessary, law.necessary_de),
                other => {
                    return Err(minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!(
                            "cite_device: `{other}` is neither `consent` nor `strictly-necessary`"
                        ),
                    ));
                }
            };
            Ok(match style_in(state) {
                CitationStyle::ParaLit => para_lit,
                CitationStyle::Parens => parens,
                CitationStyle::German => german,
            })
        },
    );
    env.add_filter("join_list", join_list);
    env.add_filter("sentence", sentence);
    env.add_filter("end", end);
    env.add_filter("upper_first", upper_first);
    env.add_test("long", is_long);
    env.add_test("fragment", is_fragment);
    env.add_test("plural", is_plural);
    env
}

/// The text of one render and the fuel it used.
#[derive(Debug)]
pub struct Rendered {
    /// The output.
    pub text: String,
    /// The fuel used, of [`Limits::fuel`].
    pub fuel: u64,
}

/// Renders template `name` over `ctx` within the environment's fuel and `limits.output`;
/// reaching either is an error naming the template and the limit.
pub fn render(
    env: &Environment<'_>,
    name: &str,
    ctx: Value,
    limits: Limits,
) -> Result<Rendered, Error> {
    render_into(env, name, ctx, limits, Sink::Raw(Vec::new()))
}

/// [`render`] into a buffer made for `expected` bytes at once: the page around a chapter's
/// HTML would otherwise grow by doubling, and for an instant hold both buffers.
pub fn render_sized(
    env: &Environment<'_>,
    name: &str,
    ctx: Value,
    limits: Limits,
    expected: usize,
) -> Result<Rendered, Error> {
    let buf = Vec::with_capacity(expected.min(limits.output));
    render_into(env, name, ctx, limits, Sink::Raw(buf))
}

/// [`render`], the output tidied by [`markdown::normalise`](super::markdown::normalise)
/// as it is written: the raw output is never held whole. The limit counts the raw output.
/// Room for `sections` sections is reserved at once, not grown by doubling.
pub fn render_markdown(
    env: &Environment<'_>,
    name: &str,
    ctx: Value,
    limits: Limits,
    sections: usize,
) -> Result<Rendered, Error> {
    // The shipped templates write about 1.7 KiB a section (docs/limits.md).
    let expected = (4 * 1024 * sections.saturating_add(1)).min(limits.output);
    let sink = Sink::Markdown(super::markdown::Normaliser::with_capacity(expected));
    render_into(env, name, ctx, limits, sink)
}

/// [`render_markdown`] straight into `out`, tidied as it is written and never held whole;
/// returns the fuel used.
pub fn render_markdown_to(
    env: &Environment<'_>,
    name: &str,
    ctx: Value,
    limits: Limits,
    out: &mut dyn std::io::Write,
) -> Result<u64, Error> {
    let sink = Sink::MarkdownTo(super::markdown::Normaliser::default(), out);
    render_into(env, name, ctx, limits, sink).map(|r| r.fuel)
}

/// [`render`] straight into `out`, never held whole; returns the fuel used.
pub fn render_to(
    env: &Environment<'_>,
    name: &str,
    ctx: Value,
    limits: Limits,
    out: &mut dyn std::io::Write,
) -> Result<u64, Error> {
    render_into(env, name, ctx, limits, Sink::Stream(out)).map(|r| r.fuel)
}

fn render_into(
    env: &Environment<'_>,
    name: &str,
    ctx: Value,
    limits: Limits,
    sink: Sink<'_>,
) -> Result<Rendered, Error> {
    let mut out = Capped::new(sink, limits.output);
    let fuel = match super::split::Plan::new(env, name, &ctx) {
        Some(plan) => match plan.render(&mut out) {
            // Unmetered: the split is only of privreg's own templates.
            Ok(()) => 0,
            Err(e) if out.over || out.not_utf8 => return Err(out.error(name, limits, &e)),
            // privreg's own templates failing would be a bug; the error is the one a
            // single render gives, naming the template and line a user can look up.
            Err(e) => {
                let mut nowhere = std::io::sink();
                let mut again = Capped::new(Sink::Stream(&mut nowhere), limits.output);
                let whole = render_whole(env, name, ctx, &mut again);
                return Err(match whole {
                    Err(e) => again.error(name, limits, &e),
                    Ok(_) => template_error(&e),
                });
            }
        },
        None => render_whole(env, name, ctx, &mut out).map_err(|e| out.error(name, limits, &e))?,
    };
    let text = match out.sink {
        // Only whole `str`s are written, and a write over the limit fails whole.
        Sink::Raw(buf) => String::from_utf8(buf).map_err(|_| not_utf8(name))?,
        Sink::Markdown(n) => n.finish(),
        Sink::MarkdownTo(n, out) => {
            out.write_all(n.finish().as_bytes()).map_err(|e| {
                Error::Template(format!("{name}: the output cannot be written: {e}"))
            })?;
            String::new()
        }
        Sink::Stream(_) => String::new(),
    };
    Ok(Rendered { text, fuel })
}

/// Template `name` over `ctx` rendered whole, and in blocks on `jobs` threads if
/// [`Plan`](super::split::Plan) splits it, each as written or as failed, within `limits`
/// (for the split's tests).
#[cfg(test)]
pub(super) fn whole_and_split(
    env: &Environment<'_>,
    name: &str,
    ctx: &Value,
    jobs: usize,
    limits: Limits,
) -> (Result<String, Error>, Option<Result<String, Error>>) {
    let capped = || Capped::new(Sink::Raw(Vec::new()), limits.output);
    let text = |out: Capped<'_>| match out.sink {
        Sink::Raw(bytes) => String::from_utf8(bytes).unwrap(),
        _ => unreachable!("raw"),
    };
    let mut whole = capped();
    let whole = match render_whole(env, name, ctx.clone(), &mut whole) {
        Ok(_) => Ok(text(whole)),
        Err(e) => Err(whole.error(name, limits, &e)),
    };
    let split = super::split::Plan::with_jobs(env, name, ctx, jobs).map(|plan| {
        let mut out = capped();
        match plan.render(&mut out) {
            Ok(()) => Ok(text(out)),
            Err(e) => Err(out.error(name, limits, &e)),
        }
    });
    (whole, split)
}

/// Template `name` rendered over `ctx` into `out` in one render; the fuel it used.
fn render_whole(
    env: &Environment<'_>,
    name: &str,
    ctx: Value,
    out: &mut Capped<'_>,
) -> Result<u64, minijinja::Error> {
    let captured = env
        .get_template(name)
        .and_then(|t| t.render_captured_to(ctx, &mut *out))?;
    Ok(captured.state().fuel_levels().map_or(0, |(used, _)| used))
}

/// The error of a render of template `name` that would write more than `limits.output`.
pub fn over_limit(name: &str, limits: Limits) -> Error {
    Error::Template(format!(
        "{name}: the output is over the limit of {} MiB on what one template may write for \
         this register (docs/limits.md)",
        limits.output / (1024 * 1024)
    ))
}

fn not_utf8(name: &str) -> Error {
    Error::Template(format!("{name}: the output is not UTF-8"))
}

/// How much tidied Markdown [`Sink::MarkdownTo`] gathers before passing it on.
const MARKDOWN_PIECE: usize = 64 * 1024;

/// Where a render's output goes.
pub(super) enum Sink<'a> {
    /// Kept as written.
    Raw(Vec<u8>),
    /// Tidied line by line.
    Markdown(super::markdown::Normaliser),
    /// Tidied line by line and passed on in pieces.
    MarkdownTo(super::markdown::Normaliser, &'a mut dyn std::io::Write),
    /// Passed on as written.
    Stream(&'a mut dyn std::io::Write),
}

/// An output that refuses to take more than `cap` bytes.
pub(super) struct Capped<'a> {
    sink: Sink<'a>,
    written: usize,
    /// Whether a write would have gone over `cap`.
    pub(super) over: bool,
    not_utf8: bool,
    cap: usize,
}

impl<'a> Capped<'a> {
    /// Nothing written yet to `sink`, which takes at most `cap` bytes.
    fn new(sink: Sink<'a>, cap: usize) -> Capped<'a> {
        Capped {
            sink,
            written: 0,
            over: false,
            not_utf8: false,
            cap,
        }
    }

    /// The bytes it takes before it is full.
    pub(super) fn room(&self) -> usize {
        self.cap - self.written
    }

    /// What a render of template `name` that failed with `err` while writing here reports.
    fn error(&self, name: &str, limits: Limits, err: &minijinja::Error) -> Error {
        if self.over {
            // minijinja reports a failed write without the template it came from.
            over_limit(name, limits)
        } else if self.not_utf8 {
            not_utf8(name)
        } else {
            template_error(err)
        }
    }
}

impl std::io::Write for Capped<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.written + bytes.len() > self.cap {
            self.over = true;
            return Err(std::io::Error::other("output limit reached"));
        }
        self.written += bytes.len();
        match &mut self.sink {
            Sink::Raw(buf) => buf.extend_from_slice(bytes),
            Sink::Markdown(n) => match std::str::from_utf8(bytes) {
                Ok(text) => n.push(text),
                Err(_) => {
                    self.not_utf8 = true;
                    return Err(std::io::Error::other("output is not UTF-8"));
                }
            },
            Sink::MarkdownTo(n, out) => match std::str::from_utf8(bytes) {
                Ok(text) => {
                    n.push(text);
                    if n.tidied() >= MARKDOWN_PIECE {
                        n.drain_into(out)?;
                    }
                }
                Err(_) => {
                    self.not_utf8 = true;
                    return Err(std::io::Error::other("output is not UTF-8"));
                }
            },
            Sink::Stream(out) => {
                if std::str::from_utf8(bytes).is_err() {
                    self.not_utf8 = true;
                    return Err(std::io::Error::other("output is not UTF-8"));
                }
                out.write_all(bytes)?;
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Turns a minijinja failure into an [`Error::Template`] naming the template, the line,
/// the source line and the offending expression.
pub fn template_error(err: &minijinja::Error) -> Error {
    // Errors inside an included template arrive wrapped; the innermost names the culprit.
    let mut inner = err;
    while let Some(next) = std::error::Error::source(inner)
        .and_then(|s| s.downcast_ref::<minijinja::Error>())
        .filter(|e| e.name().is_some())
    {
        inner = next;
    }
    let name = inner.name().unwrap_or("<template>");
    let mut msg = match inner.line() {
        Some(line) => format!("{name}:{line}: {}", inner.kind()),
        None => format!("{name}: {}", inner.kind()),
    };
    if let Some(detail) = inner.detail() {
        msg.push_str(&format!(": {detail}"));
    }
    if inner.kind() == ErrorKind::OutOfFuel {
        msg.push_str(&format!(
            ": the template did more work than its fuel allows ({} million, and {} more per \
             section; docs/limits.md); look for a loop that does not end or a string that \
             keeps growing",
            Limits::BASE_FUEL / 1_000_000,
            Limits::FUEL_PER_SECTION
        ));
    }
    if let (Some(source), Some(line)) = (inner.template_source(), inner.line())
        && let Some(text) = source.lines().nth(line - 1)
    {
        msg.push_str(&format!("\n  {line} | {}", text.trim_end()));
    }
    if let (Some(source), Some(range)) = (inner.template_source(), inner.range())
        && let Some(expr) = source.get(range)
        && !expr.trim().is_empty()
        && !msg.ends_with(&format!("| {}", expr.trim()))
    {
        msg.push_str(&format!("\n  in `{}`", expr.trim()));
    }
    Error::Template(msg)
}

fn load(overrides: Option<&Path>, name: &str) -> Result<Option<String>, minijinja::Error> {
    let refused = |detail: String| minijinja::Error::new(ErrorKind::InvalidOperation, detail);
    if let Some(dir) = overrides
        && let Some(path) = crate::project::template_file(dir, name).map_err(refused)?
    {
        // Read bounded, as every file privreg did not write (docs/limits.md).
        let limit = crate::project::TEMPLATE_LIMIT.bytes;
        let text = crate::files::read_regular(&path, limit)
            .map_err(|e| e.into_io(limit))
            .and_then(|bytes| String::from_utf8(bytes).map_err(io::Error::other));
        return text.map(Some).map_err(|e| {
            minijinja::Error::new(
                ErrorKind::TemplateNotFound,
                format!("cannot read {}: {e}", path.display()),
            )
        });
    }
    Ok(EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| (*text).to_owned()))
}

/// `a`, `a and b`, `a, b, and c`; items holding commas of their own are separated by
/// semicolons so the list stays readable. The conjunction defaults to `and`. The serial
/// comma is English: before another conjunction ("a, b und c") there is none.
fn join_list(items: Vec<String>, conjunction: Option<String>) -> String {
    let conj = conjunction.as_deref().unwrap_or("and");
    let serial = matches!(conj, "and" | "or");
    let sep = if items.iter().any(|i| has_top_level_comma(i)) {
        ";"
    } else {
        ","
    };
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        2 if sep == "," => format!("{} {conj} {}", items[0], items[1]),
        n => {
            let mut s = items[..n - 1].join(&format!("{sep} "));
            if serial || sep == ";" {
                s.push_str(&format!("{sep} {conj} {}", items[n - 1]));
            } else {
                s.push_str(&format!(" {conj} {}", items[n - 1]));
            }
            s
        }
    }
}

/// Whether `s` has a comma outside parentheses ("technical metadata (IP address, browser
/// data)" has none).
fn has_top_level_comma(s: &str) -> bool {
    let mut depth = 0i32;
    s.chars().any(|c| {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        c == ',' && depth <= 0
    })
}

/// A register fragment as a sentence: first letter capitalised, final period added.
fn sentence(s: String) -> String {
    end(upper_first(s))
}

/// Ends a sentence with a period unless the value already does ("HiHello, Inc.").
fn end(mut s: String) -> String {
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

/// The first character in upper case; unlike `capitalize`, the rest stays as written.
fn upper_first(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => s,
    }
}

/// A list of several items reads better as bullets than as a sentence when any item is
/// long, when there are many, or when together they would make a sentence too long to follow.
fn is_long(items: Value) -> bool {
    let lengths: Vec<usize> = items
        .try_iter()
        .map(|it| {
            it.map(|v| v.as_str().map_or(0, |s| s.split_whitespace().count()))
                .collect()
        })
        .unwrap_or_default();
    lengths.len() > 1
        && (lengths.len() >= 6
            || lengths.iter().any(|&w| w > 16)
            || lengths.iter().sum::<usize>() > 30)
}

/// A text of one or two words ("pseudonymised"), or one that opens with a preposition or
/// an adverb ("by invitation only", "exclusively internally"), is a fragment: it needs a
/// subject and a verb to stand as a sentence.
fn is_fragment(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "by",
        "with",
        "without",
        "only",
        "exclusively",
        "solely",
        "in",
        "on",
        "under",
        "via",
        "through",
        "after",
        "before",
        "within",
        "upon",
    ];
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or_default().to_lowercase();
    text.split_whitespace().count() < 3 || OPENERS.contains(&first.as_str())
}

/// Whether a list of data items takes a plural verb: several items, or one whose last word
/// is an English plural ("transcripts"); "data" and "content" are singular in a policy.
fn is_plural(items: Value) -> bool {
    let words: Vec<String> = items
        .try_iter()
        .map(|it| it.filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    match words.as_slice() {
        // The head noun stands before any parenthesis: "payment details (card number)".
        [one] => one
            .split('(')
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .last()
            .map(|w| w.trim_end_matches(['.', ',']).to_lowercase())
            .is_some_and(|w| {
                w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
            }),
        many => many.len() > 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_data_takes_a_plural_verb() {
        let v =
            |items: &[&str]| Value::from(items.iter().map(|s| Value::from(*s)).collect::<Vec<_>>());
        assert!(is_plural(v(&["transcripts"])));
        assert!(is_plural(v(&["names", "call content"])));
        assert!(is_plural(v(&["payment details (card number)"])));
        for singular in ["call content", "data", "the address", "analysis", "status"] {
            assert!(!is_plural(v(&[singular])), "{singular}");
        }
    }

    #[test]
    fn fragments_and_long_lists() {
        assert!(is_fragment("pseudonymised"));
        assert!(is_fragment("by invitation"));
        assert!(is_fragment("by invitation only"));
        assert!(is_fragment("Exclusively internally and pseudonymised"));
        assert!(!is_fragment("the data is encrypted"));
        let v =
            |items: &[&str]| Value::from(items.iter().map(|s| Value::from(*s)).collect::<Vec<_>>());
        assert!(!is_long(v(&["names", "emails"])));
        assert!(is_long(v(&["a", "b", "c", "d", "e", "f"])));
        assert!(is_long(v(&[&"word ".repeat(17), "b"])));
        assert!(!is_long(v(&[&"word ".repeat(40)])), "one item is no list");
    }

    #[test]
    fn both_citation_styles_cite_article_paragraph_and_point() {
        let (pl, pa) = (CitationStyle::ParaLit, CitationStyle::Parens);
        assert_eq!(
            pl.cite(6, Some(1), Some("f"), None),
            "Art. 6 para. 1 lit. f GDPR"
        );
        assert_eq!(pa.cite(6, Some(1), Some("f"), None), "Art. 6(1)(f) GDPR");
        assert_eq!(pl.cite(28, None, None, None), "Art. 28 GDPR");
        assert_eq!(pa.cite(45, Some(3), None, None), "Art. 45(3) GDPR");
        // The second subparagraph of Art. 49(1): compelling legitimate interests.
        assert_eq!(
            pl.cite(49, Some(1), None, Some(2)),
            "Art. 49 para. 1 subpara. 2 GDPR"
        );
        assert_eq!(
            pa.cite(49, Some(1), None, Some(2)),
            "Art. 49(1) subpara. 2 GDPR"
        );
    }

    #[test]
    fn lists_join_with_oxford_comma_or_semicolons() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_list(v(&["a", "b"]), None), "a and b");
        assert_eq!(
            join_list(v(&["a", "b", "c"]), Some("or".into())),
            "a, b, or c"
        );
        assert_eq!(join_list(v(&["a (x, y)", "b"]), None), "a (x, y) and b");
        assert_eq!(join_list(v(&["a, b", "c"]), None), "a, b; and c");
    }

    #[test]
    fn sentences_get_a_capital_and_a_period() {
        assert_eq!(
            sentence("the data stays here".into()),
            "The data stays here."
        );
        assert_eq!(sentence("Done.".into()), "Done.");
        assert_eq!(upper_first("dashboard: Login".into()), "Dashboard: Login");
    }
}
