//! YAML to spanned raw structs: parse into a located tree, then map the tree onto the
//! register types, collecting every structural problem instead of stopping at the first.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::sync::Arc;

use serde_saphyr::granit_parser::{self, ErrorKind, Event, Parser, ScalarStyle, Tag};

use crate::catalogue;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

mod help;
pub mod lines;

/// Register and configuration files larger than this are rejected unread (PRV011):
/// a section is a few kilobytes, so a megabyte is a mistake or an attack.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// A value with the byte range it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is in its file.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `value` found at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// An optional field, boxed or not, read the same way.
pub trait OptField<T> {
    /// The value with where it is written, if the field is given.
    fn field(&self) -> Option<&Spanned<T>>;
}

impl<T> OptField<T> for Option<Spanned<T>> {
    fn field(&self) -> Option<&Spanned<T>> {
        self.as_ref()
    }
}

impl<T> OptField<T> for Option<Box<Spanned<T>>> {
    fn field(&self) -> Option<&Spanned<T>> {
        self.as_deref()
    }
}

/// A YAML node with its location.
#[derive(Debug, Clone)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Byte range of the node (for collections: their first byte); for an alias, the alias.
    pub span: Span,
    /// Byte range of the value as written: for an alias, its anchored node's; else `span`.
    pub written: Span,
}

/// A YAML value; mapping keys keep their own spans and their order.
#[derive(Debug, Clone)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false` (YAML 1.2 core schema only: `yes` stays a string).
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, duplicates included so they can be reported.
    Map(Vec<(Spanned<String>, Node)>),
}

impl Value {
    /// The YAML type name as users know it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Parses one YAML document into a located tree. A syntax error or an exceeded limit stops
/// the file; every tag privreg does not read is reported as well, and also fails it.
///
/// The tree is built from the events of serde-saphyr's parser (granit) rather than through
/// serde with `Spanned<T>`: the same parser, 2.5 times faster, and every node gets its
/// byte range directly.
pub fn parse(file: &Arc<SourceFile>) -> Result<Node, Vec<Diagnostic>> {
    if file.text.len() > MAX_FILE_BYTES {
        return Err(vec![
            Diagnostic::new(
                &catalogue::FILE_TOO_LARGE,
                file,
                0..0,
                format!(
                    "file is {} bytes, over the limit of {} bytes",
                    file.text.len(),
                    MAX_FILE_BYTES
                ),
            )
            .help("split the register into one file per policy section"),
        ]);
    }
    TreeBuilder::new(file).read()
}

/// Alias replay budget: a register needs no aliases, so a few are tolerated and an alias
/// bomb stops long before it costs memory.
const MAX_REPLAYED_NODES: usize = 10_000;
const MAX_EXPANSIONS_PER_ANCHOR: usize = 100;

/// Collections nest at most this deep, block and flow each (the parser's default, stated
/// here because the tree and every walk over it are only as deep as this allows).
const MAX_NESTING: usize = 255;

fn byte_range(file: &SourceFile, span: &granit_parser::Span) -> Span {
    let at = |m: &granit_parser::Marker| {
        m.byte_offset()
            .unwrap_or_else(|| file.offset(m.line(), m.col() + 1))
            .min(file.text.len())
    };
    let start = at(&span.start);
    start..at(&span.end).max(start)
}

/// Where a parse error is. The parser places a forbidden character (ESC, BEL, DEL, ...) of
/// a plain or block scalar at the scalar's start; the character itself is what to fix.
fn error_offset(file: &SourceFile, e: &granit_parser::ScanError) -> usize {
    let m = e.marker();
    let offset = m
        .byte_offset()
        .unwrap_or_else(|| file.offset(m.line(), m.col() + 1));
    match e.kind() {
        ErrorKind::UnexpectedCharacter { character } => file
            .text
            .get(offset..)
            .and_then(|rest| rest.find(*character))
            .map_or(offset, |i| offset + i),
        _ => offset,
    }
}

fn syntax_error(file: &Arc<SourceFile>, offset: usize, message: &str) -> Diagnostic {
    help::syntax_error(file, offset, message)
}

/// Why building the tree stopped.
enum Stop {
    Syntax(String),
    SecondDocument,
    TooComplex(String),
}

impl Stop {
    fn diagnostic(self, file: &Arc<SourceFile>, offset: usize) -> Diagnostic {
        match self {
            Stop::Syntax(m) => syntax_error(file, offset, &m),
            Stop::SecondDocument => Diagnostic::new(
                &catalogue::YAML_SYNTAX,
                file,
                offset..offset,
                "invalid YAML: a register file holds one YAML document, found a second one after `---`",
            )
            .help("move the second document into a file of its own"),
            Stop::TooComplex(m) => Diagnostic::new(
                &catalogue::YAML_TOO_COMPLEX,
                file,
                offset..offset,
                format!("YAML exceeds privreg's size limits: {m}"),
            )
            .help("write the values out instead of expanding aliases; a register needs no anchors"),
        }
    }
}

/// What builds one node, or opens or closes a collection: the part of a parser event that
/// an alias needs to build its own copy of an anchored node.
#[derive(Debug, Clone)]
enum Step<'a> {
    /// A scalar's text, and whether the core schema resolves it (plain, without `!!str`).
    Scalar(Cow<'a, str>, bool),
    SeqStart,
    MapStart,
    /// Closes the innermost open collection.
    End,
}

/// A step of an anchored node as kept for its aliases; an alias inside it stays an alias,
/// so what is kept is never more than the input.
#[derive(Debug, Clone)]
enum Taped<'a> {
    Step(Step<'a>),
    Alias(usize),
}

/// An anchored node: where its steps are on the tape, and how many nodes an alias to it
/// builds (what replaying it costs).
struct Anchor {
    steps: Range<usize>,
    nodes: usize,
}

/// An open collection.
struct Frame {
    /// The span of its opening event (`[`, `{`, or empty for block collections), which is
    /// where diagnostics about the whole collection point; for an alias, the alias.
    start: Span,
    /// The span of its opening event as written (the anchored one for an alias).
    written: Span,
    /// Its anchor id and the tape position of its opening step, if it is anchored.
    anchor: Option<(usize, usize)>,
    /// Nodes inside it so far, keys included, each alias counted as what it built.
    nodes: usize,
    body: Body,
}

enum Body {
    Seq(Vec<Node>),
    Map {
        entries: Vec<(Spanned<String>, Node)>,
        key: Option<Spanned<String>>,
    },
}

struct TreeBuilder<'a> {
    file: &'a Arc<SourceFile>,
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    /// The steps of anchored nodes in input order. An alias builds its copy from its
    /// anchor's range when it is used, so an anchor costs memory proportional to its text,
    /// however deeply anchors nest, and copies only as much as the replay budget allows.
    tape: Vec<(Taped<'a>, Span)>,
    /// Anchored collections now open: while one is, every step goes on the tape.
    taping: usize,
    anchors: HashMap<usize, Anchor>,
    expansions: HashMap<usize, usize>,
    replayed: usize,
    /// Where the previous event ended: a node's tag is written between there and the node.
    prev_end: usize,
    /// Findings that do not stop the parse (unsupported tags), then the one that did.
    problems: Vec<Diagnostic>,
    /// Nodes built so far, from the input or through aliases: the work a file costs.
    built: usize,
}

impl<'a> TreeBuilder<'a> {
    fn new(file: &'a Arc<SourceFile>) -> Self {
        TreeBuilder {
            file,
            stack: Vec::new(),
            root: None,
            documents: 0,
            tape: Vec::new(),
            taping: 0,
            anchors: HashMap::new(),
            expansions: HashMap::new(),
            replayed: 0,
            prev_end: 0,
            problems: Vec::new(),
            built: 0,
        }
    }

    /// Reads the whole file into a tree.
    fn read(&mut self) -> Result<Node, Vec<Diagnostic>> {
        let file = self.file;
        let options = granit_parser::options! {
            flow_nesting_limit: MAX_NESTING,
            block_nesting_limit: MAX_NESTING,
        };
        for event in Parser::new_from_str_with_options(&file.text, options) {
            let stop = match event {
                Ok((event, span)) => {
                    let range = byte_range(file, &span);
                    self.event(event, range)
                        .err()
                        .map(|(offset, kind)| kind.diagnostic(file, offset))
                }
                Err(e) => Some(syntax_error(
                    file,
                    error_offset(file, &e),
                    &e.kind().to_string(),
                )),
            };
            if let Some(d) = stop {
                self.problems.push(d);
                break;
            }
        }
        if !self.problems.is_empty() {
            return Err(std::mem::take(&mut self.problems));
        }
        Ok(self.root.take().unwrap_or(Node {
            value: Value::Null,
            span: 0..0,
            written: 0..0,
        }))
    }

    fn event(&mut self, event: Event<'a>, span: Span) -> Result<(), (usize, Stop)> {
        let prev_end = self.prev_end;
        self.prev_end = span.end.max(prev_end);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err((span.start, Stop::SecondDocument));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let as_text = self.read_tag(tag.as_deref(), prev_end, &span);
                let resolve = style == ScalarStyle::Plain && !as_text;
                self.step(Step::Scalar(text, resolve), span, anchor)?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                self.read_tag(tag.as_deref(), prev_end, &span);
                self.step(Step::SeqStart, span, anchor)?;
            }
            Event::MappingStart(_, anchor, tag) => {
                self.read_tag(tag.as_deref(), prev_end, &span);
                self.step(Step::MapStart, span, anchor)?;
            }
            Event::SequenceEnd | Event::MappingEnd => self.step(Step::End, span, 0)?,
            Event::Alias(id) => self.alias(id, span)?,
            Event::UnresolvedAlias(name) => {
                return Err((span.start, Stop::Syntax(format!("unknown alias `*{name}`"))));
            }
            _ => {}
        }
        Ok(())
    }

    /// Whether a node's tag makes it text. A tag outside YAML's core schema is reported
    /// at the tag: privreg includes no files and decodes no types, and a value it read
    /// without its tag would not be what its author meant.
    fn read_tag(&mut self, tag: Option<&Tag>, from: usize, node: &Span) -> bool {
        let Some(tag) = tag else { return false };
        // `!`, YAML's non-specific tag, makes a scalar a string.
        if tag.handle().is_empty() && tag.suffix() == "!" {
            return true;
        }
        // The core schema's other tags only confirm the type a value already has where
        // privreg wants it (`!!int 12`); they convert nothing, as before.
        if let Some(core) = tag.core_suffix() {
            return core == "str";
        }
        // The parser gives no span for a tag, but it is written between the previous event
        // and the node; without it there, the node stands for it.
        let written = tag.original();
        let region = self.file.text.get(from..node.start).unwrap_or("");
        let at = region
            .find(written.as_str())
            .map_or(node.start..node.start, |i| {
                from + i..from + i + written.len()
            });
        self.problems.push(
            Diagnostic::new(
                &catalogue::YAML_TAG_UNSUPPORTED,
                self.file,
                at,
                format!("unsupported YAML tag `{written}`"),
            )
            .label("privreg reads no tags outside YAML's core schema")
            .help(
                "remove the tag and write the value itself, as text, a number, a list or a mapping",
            ),
        );
        false
    }

    /// Takes one step of the input: onto the tape if an anchor may replay it, then builds.
    fn step(&mut self, step: Step<'a>, span: Span, anchor: usize) -> Result<(), (usize, Stop)> {
        let at = self.tape.len();
        if self.taping > 0 || anchor != 0 {
            self.tape.push((Taped::Step(step.clone()), span.clone()));
        }
        let anchor = (anchor != 0).then_some((anchor, at));
        self.build(step, span.clone(), span, anchor)
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), (usize, Stop)> {
        if self.taping > 0 {
            self.tape.push((Taped::Alias(id), span.clone()));
        }
        let Some(anchor) = self.anchors.get(&id) else {
            return Err((
                span.start,
                Stop::Syntax("alias to an unknown anchor".into()),
            ));
        };
        self.replayed += anchor.nodes;
        let uses = self.expansions.entry(id).or_insert(0);
        *uses += 1;
        if self.replayed > MAX_REPLAYED_NODES {
            return Err((
                span.start,
                Stop::TooComplex(format!(
                    "aliases expand to more than {MAX_REPLAYED_NODES} nodes"
                )),
            ));
        }
        if *uses > MAX_EXPANSIONS_PER_ANCHOR {
            return Err((
                span.start,
                Stop::TooComplex(format!(
                    "one anchor is used more than {MAX_EXPANSIONS_PER_ANCHOR} times"
                )),
            ));
        }
        // Replayed with a work list, not recursion: an alias inside an anchored node is
        // replayed where it stands, as deep as the budget lets chains of aliases go. The
        // first node of each replay is located at the alias that asked for it.
        let mut work = vec![(anchor.steps.clone(), Some(span))];
        while let Some((steps, alias_span)) = work.last_mut() {
            let Some(i) = steps.next() else {
                work.pop();
                continue;
            };
            let alias_span = alias_span.take();
            let (taped, written) = self.tape[i].clone();
            let span = alias_span.unwrap_or_else(|| written.clone());
            match taped {
                Taped::Step(step) => self.build(step, span, written, None)?,
                Taped::Alias(inner) => {
                    let Some(anchor) = self.anchors.get(&inner) else {
                        return Err((
                            span.start,
                            Stop::Syntax("alias to an unknown anchor".into()),
                        ));
                    };
                    work.push((anchor.steps.clone(), Some(span)));
                }
            }
        }
        Ok(())
    }

    /// Builds what one step makes, at `span`; `written` is where its text is, which differs
    /// for the first node an alias builds. `anchor` is the id and tape position of an
    /// anchored node as read from the input (never for a replayed one).
    fn build(
        &mut self,
        step: Step<'a>,
        span: Span,
        written: Span,
        anchor: Option<(usize, usize)>,
    ) -> Result<(), (usize, Stop)> {
        match step {
            Step::Scalar(text, resolve) => {
                // Keys keep their spelling: `1: x` has the key "1", not a number, and so
                // has `*one: x`, as an alias is built where it is used.
                let is_key = matches!(
                    self.stack.last(),
                    Some(Frame {
                        body: Body::Map { key: None, .. },
                        ..
                    })
                );
                let value = if resolve && !is_key {
                    resolve_plain(&text)
                } else {
                    Value::Str(text.into_owned())
                };
                if let Some((id, at)) = anchor {
                    let steps = at..at + 1;
                    self.anchors.insert(id, Anchor { steps, nodes: 1 });
                }
                let node = Node {
                    value,
                    span,
                    written,
                };
                self.add(node, 1)
            }
            Step::SeqStart | Step::MapStart => {
                let body = match step {
                    Step::SeqStart => Body::Seq(Vec::new()),
                    _ => Body::Map {
                        entries: Vec::new(),
                        key: None,
                    },
                };
                if anchor.is_some() {
                    self.taping += 1;
                }
                self.stack.push(Frame {
                    start: span,
                    written,
                    anchor,
                    nodes: 0,
                    body,
                });
                Ok(())
            }
            Step::End => {
                let Some(frame) = self.stack.pop() else {
                    return Err((span.start, Stop::Syntax("unbalanced collection".into())));
                };
                let nodes = 1 + frame.nodes;
                if let Some((id, at)) = frame.anchor {
                    self.taping -= 1;
                    let steps = at..self.tape.len();
                    self.anchors.insert(id, Anchor { steps, nodes });
                }
                let value = match frame.body {
                    Body::Seq(items) => Value::Seq(items),
                    Body::Map { entries, .. } => Value::Map(entries),
                };
                let node = Node {
                    value,
                    span: frame.start,
                    written: frame.written,
                };
                self.add(node, nodes)
            }
        }
    }

    /// Adds a built node of `nodes` nodes to the open collection, or makes it the root.
    fn add(&mut self, node: Node, nodes: usize) -> Result<(), (usize, Stop)> {
        self.built += 1;
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        frame.nodes += nodes;
        match &mut frame.body {
            Body::Seq(items) => items.push(node),
            Body::Map { entries, key } => match key.take() {
                Some(k) => entries.push((k, node)),
                // A scalar in key position is built as text, so only a collection is not.
                None => {
                    let Value::Str(text) = node.value else {
                        return Err((
                            node.span.start,
                            Stop::Syntax("a mapping key must be a plain value".into()),
                        ));
                    };
                    *key = Some(Spanned::new(text, node.span));
                }
            },
        }
        Ok(())
    }
}

/// The YAML 1.2 core schema for plain scalars, with booleans limited to `true`/`false`
/// (`yes` stays text).
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i64>().map_or_else(
            |_| Value::Float(text.parse().unwrap_or(f64::NAN)),
            Value::Int,
        );
    }
    if let Some(oct) = text.strip_prefix("0o")
        && let Ok(n) = i64::from_str_radix(oct, 8)
    {
        return Value::Int(n);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(n) = i64::from_str_radix(hex, 16)
    {
        return Value::Int(n);
    }
    if is_float(text) {
        return Value::Float(text.parse().unwrap_or(f64::NAN));
    }
    Value::Str(text.to_owned())
}

/// `[-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_float(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - f;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let e = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return false;
        }
    }
    i == b.len()
}

/// Collects the structural diagnostics of one file while its tree is mapped onto types.
pub struct LoadCx<'a> {
    /// The file being loaded.
    pub file: &'a Arc<SourceFile>,
    /// Problems found so far.
    pub diagnostics: Vec<Diagnostic>,
    /// The project's languages (`languages` of privreg.yaml), the first the default: a
    /// [`Text`] given by language must give each of them.
    pub languages: &'a [String],
}

/// The languages of a project that names none.
pub const DEFAULT_LANGUAGES: &[String] = &[];

impl<'a> LoadCx<'a> {
    /// A context for `file` in a project of the default language, English.
    pub fn new(file: &'a Arc<SourceFile>) -> Self {
        LoadCx {
            file,
            diagnostics: Vec::new(),
            languages: DEFAULT_LANGUAGES,
        }
    }

    /// A context for `file` in a project of `languages`.
    pub fn with_languages(file: &'a Arc<SourceFile>, languages: &'a [String]) -> Self {
        LoadCx {
            file,
            diagnostics: Vec::new(),
            languages,
        }
    }

    /// The project's languages: `["en"]` where it names none.
    pub fn languages(&self) -> Vec<String> {
        if self.languages.is_empty() {
            vec!["en".to_owned()]
        } else {
            self.languages.to_vec()
        }
    }

    fn wrong_type(&mut self, node: &Node, expected: &str) {
        let found = node.value.type_name();
        self.diagnostics.push(
            Diagnostic::new(
                &catalogue::VALUE_TYPE_WRONG,
                self.file,
                node.span.clone(),
                format!("expected {expected}, found {found}"),
            )
            .label(format!("this is {found}"))
            .help(help::wrong_type(self.file, node, expected)),
        );
    }
}

/// A type that can be built from a located YAML node.
pub trait FromNode: Sized {
    /// What the type is called in "expected ..." messages.
    const EXPECTED: &'static str;
    /// Builds the value, pushing a diagnostic and returning `None` when the node does not fit.
    fn from_node(node: &Node, cx: &mut LoadCx) -> Option<Self>;
}

impl FromNode for String {
    const EXPECTED: &'static str = "a string";
    fn from_node(node: &Node, cx: &mut LoadCx) -> Option<Self> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            // A plain scalar like `94105` or `1.10` is text to the user: keep it as written,
            // where it is written (`*zip` is an alias, not the text).
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                Some(cx.file.text[node.written.clone()].to_owned())
            }
            _ => {
                cx.wrong_type(node, Self::EXPECTED);
                None
            }
        }
    }
}

/// Free text of a register: one string for every language (names, addresses), or a
/// mapping by language (`{de: ..., en: ...}`) that gives each language of the project.
/// It reads as the text in the project's first language; [`Localize`] turns a value into
/// another language's.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// The text in the project's first language.
    pub text: String,
    /// The other languages' texts, where the register gives them by language; a boxed
    /// slice, as most texts have none and an empty `Vec` costs 24 bytes in every one.
    pub translations: Box<[(String, Spanned<String>)]>,
}

impl Text {
    /// The same text in every language.
    pub fn plain(text: impl Into<String>) -> Text {
        Text {
            text: text.into(),
            translations: Box::default(),
        }
    }

    /// The text in `lang`, with where it is written, where the register gives one by
    /// language; `None` means [`Text::text`] holds for `lang` too.
    pub fn translation(&self, lang: &str) -> Option<&Spanned<String>> {
        self.translations
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t)
    }
}

/// Two texts are equal when they say the same in every language, wherever written.
impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.text == other.text
            && self.translations.len() == other.translations.len()
            && self
                .translations
                .iter()
                .zip(other.translations.iter())
                .all(|((a, x), (b, y))| a == b && x.value == y.value)
    }
}

impl Eq for Text {}

impl std::ops::Deref for Text {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// A language tag as privreg reads it: two or three lower-case letters (`de`, `en`).
pub fn is_language(tag: &str) -> bool {
    (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase())
}

impl FromNode for Text {
    const EXPECTED: &'static str = "a string, or a mapping by language (`{de: ..., en: ...}`)";
    fn from_node(node: &Node, cx: &mut LoadCx) -> Option<Self> {
        let Value::Map(entries) = &node.value else {
            return String::from_node(node, cx).map(Text::plain);
        };
        if entries.iter().any(|(k, _)| !is_language(&k.value)) {
            // No key names a language: most often a `: ` inside a value made it a mapping,
            // which the help for a string explains.
            let meant = if entries.iter().any(|(k, _)| is_language(&k.value)) {
                Self::EXPECTED
            } else {
                "a string"
            };
            cx.wrong_type(node, meant);
            return None;
        }
        let entries = map_entries(node, cx, "a text by language")?;
        let languages = cx.languages();
        let mut by_language = Vec::with_capacity(entries.len());
        let mut ok = true;
        for (key, value) in entries {
            if is_empty(value) {
                empty_field(cx, key, value, "a text by language");
                ok = false;
                continue;
            }
            let Some(text) = String::from_node(value, cx) else {
                ok = false;
                continue;
            };
            if !languages.contains(&key.value) {
                cx.diagnostics.push(
                    Diagnostic::new(
                        &catalogue::TRANSLATION_UNUSED,
                        cx.file,
                        key.span.clone(),
                        format!(
                            "`{}` is not a language of this project ({})",
                            key.value,
                            languages.join(", ")
                        ),
                    )
                    .label("no output is written in this language")
                    .help(format!(
                        "add `{}` to `languages` in privreg.yaml, or remove this text",
                        key.value
                    )),
                );
                continue;
            }
            by_language.push((key.value.clone(), Spanned::new(text, value.written.clone())));
        }
        for lang in &languages {
            if ok && !by_language.iter().any(|(l, _)| l == lang) {
                cx.diagnostics.push(
                    Diagnostic::new(
                        &catalogue::TRANSLATION_MISSING,
                        cx.file,
                        node.span.clone(),
                        format!("no text in `{lang}`, a language of this project"),
                    )
                    .label(format!("`{lang}` missing here"))
                    .help(format!(
                        "add `{lang}: ...` to this mapping, or write one string for every language"
                    )),
                );
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        let first = by_language.iter().position(|(l, _)| *l == languages[0])?;
        let (_, text) = by_language.remove(first);
        Some(Text {
            text: text.value,
            translations: by_language.into_boxed_slice(),
        })
    }
}

/// A value that can be read in another of the project's languages: every [`Text`] in it
/// becomes that language's text, and its span the place that text is written.
pub trait Localize {
    /// Turns the value into `lang`'s; returns the span of a text taken from a translation.
    fn localize(&mut self, lang: &str) -> Option<Span>;
}

impl Localize for Text {
    fn localize(&mut self, lang: &str) -> Option<Span> {
        let t = self.translation(lang)?;
        let span = t.span.clone();
        self.text = t.value.clone();
        Some(span)
    }
}

impl<T: Localize> Localize for Spanned<T> {
    fn localize(&mut self, lang: &str) -> Option<Span> {
        if let Some(span) = self.value.localize(lang) {
            self.span = span;
        }
        None
    }
}

impl<T: Localize> Localize for Box<T> {
    fn localize(&mut self, lang: &str) -> Option<Span> {
        T::localize(self, lang)
    }
}

impl<T: Localize> Localize for Option<T> {
    fn localize(&mut self, lang: &str) -> Option<Span> {
        if let Some(v) = self {
            v.localize(lang);
        }
        None
    }
}

impl<T: Localize> Localize for Vec<T> {
    fn localize(&mut self, lang: &str) -> Option<Span> {
        for v in self {
            v.localize(lang);
        }
        None
    }
}

/// A value that holds free text: [`Texts::texts`] lists every [`Text`] in it, for the
/// checks that read every language of a text.
pub trait Texts {
    /// Appends every text in the value, in field order, to `out`.
    fn texts<'a>(&'a self, out: &mut Vec<&'a Spanned<Text>>);
}

impl Texts for Spanned<Text> {
    fn texts<'a>(&'a self, out: &mut Vec<&'a Spanned<Text>>) {
        out.push(self);
    }
}

impl<T: Texts> Texts for Box<T> {
    fn texts<'a>(&'a self, out: &mut Vec<&'a Spanned<Text>>) {
        T::texts(self, out);
    }
}

impl<T: Texts> Texts for Option<T> {
    fn texts<'a>(&'a self, out: &mut Vec<&'a Spanned<Text>>) {
        if let Some(v) = self {
            v.texts(out);
        }
    }
}

impl<T: Texts> Texts for Vec<T> {
    fn texts<'a>(&'a self, out: &mut Vec<&'a Spanned<Text>>) {
        for v in self {
            v.texts(out);
        }
    }
}

macro_rules! no_text {
    ($($t:ty),*) => {$(
        impl Localize for $t {
            fn localize(&mut self, _: &str) -> Option<Span> {
                None
            }
        }
        impl Texts for Spanned<$t> {
            fn texts<'a>(&'a self, _: &mut Vec<&'a Spanned<Text>>) {}
        }
    )*};
}
no_text!(String, u32, bool);

impl FromNode for u32 {
    const EXPECTED: &'static str = "a whole number";
    fn from_node(node: &Node, cx: &mut LoadCx) -> Option<Self> {
        match &node.value {
            Value::Int(n) if (0..=i64::from(u32::MAX)).contains(n) => Some(*n as u32),
            _ => {
                cx.wrong_type(node, "a whole number (0 or more)");
                None
            }
        }
    }
}

impl FromNode for bool {
    const EXPECTED: &'static str = "`true` or `false`";
    fn from_node(node: &Node, cx: &mut LoadCx) -> Option<Self> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            _ => {
                cx.wrong_type(node, Self::EXPECTED);
                None
            }
        }
    }
}

impl<T: FromNode> FromNode for Vec<Spanned<T>> {
    const EXPECTED: &'static str = "a list";
    fn from_node(node: &Node, cx: &mut LoadCx) -> Option<Self> {
        match &node.value {
            // `key:` with no value is an empty list, as the user wrote nothing into it.
            Value::Null => Some(Vec::new()),
            Value::Seq(items) => {
                // Every item is visited so each bad one is reported, not only the first.
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for item in items {
                    match T::from_node(item, cx) {
                        Some(v) => out.push(Spanned::new(v, item.span.clone())),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            _ => {
                cx.wrong_type(node, Self::EXPECTED);
                None
            }
        }
    }
}

/// The entries of a mapping node, with duplicate keys reported at their second occurrence.
pub fn map_entries<'n>(
    node: &'n Node,
    cx: &mut LoadCx,
    what: &str,
) -> Option<Vec<&'n (Spanned<String>, Node)>> {
    let Value::Map(entries) = &node.value else {
        cx.wrong_type(node, &format!("a mapping ({what})"));
        return None;
    };
    let mut kept: Vec<&(Spanned<String>, Node)> = Vec::with_capacity(entries.len());
    // One lookup per key: a mapping of many keys costs linear time, not quadratic.
    let mut first: HashMap<&str, &Span> = HashMap::with_capacity(entries.len());
    for entry in entries {
        match first.entry(entry.0.value.as_str()) {
            Entry::Occupied(first) => cx.diagnostics.push(
                Diagnostic::new(
                    &catalogue::KEY_DUPLICATE,
                    cx.file,
                    entry.0.span.clone(),
                    format!("duplicate key `{}`", entry.0.value),
                )
                .label("second occurrence")
                .secondary((*first.get()).clone(), "first defined here")
                .help("remove one of the two entries; YAML keeps only one of them"),
            ),
            Entry::Vacant(slot) => {
                slot.insert(&entry.0.span);
                kept.push(entry);
            }
        }
    }
    Some(kept)
}

/// Fields that existed once: (mapping, field, what to do instead). A register written for
/// an older privreg gets the way forward, not a guess at a similar name.
const RETIRED: &[(&str, &str, &str)] = &[(
    "a register section",
    "right_to_object",
    "delete it: privreg now states the right to object wherever a basis is Art. 6(1)(e) or (f) (Art. 21(1), (4) GDPR); list direct-marketing purposes in `direct_marketing`",
)];

/// Fields written one level too high: (mapping, field, where it belongs, its shape there).
/// A test in `model` checks each against the register types.
pub const MISPLACED: &[(&str, &str, &str, &str)] = &[
    (
        "a register section",
        "transfers",
        "a processor",
        "processors:\n  - service: Chatly\n    provider: { ... }\n    transfers:\n      - country: US\n        mechanisms: [scc]",
    ),
    (
        "a register section",
        "provider",
        "a processor",
        "processors:\n  - service: Chatly\n    provider:\n      legal_name: Chatly Inc.",
    ),
    (
        "a register section",
        "dpa",
        "a processor",
        "processors:\n  - service: Chatly\n    dpa:\n      concluded: true",
    ),
    (
        "a register section",
        "service",
        "a processor",
        "processors:\n  - service: Chatly\n    provider: { ... }",
    ),
    (
        "a register section",
        "privacy_policy",
        "a processor",
        "processors:\n  - service: Chatly\n    privacy_policy: https://chatly.example/privacy",
    ),
    (
        "a register section",
        "duration",
        "a retention statement",
        "retention:\n  duration: 14 days",
    ),
    (
        "a register section",
        "basis",
        "a legal basis",
        "legal_bases:\n  - basis: contract",
    ),
];

/// Reports a key that the type does not have, suggesting the closest known one.
pub fn unknown_field(cx: &mut LoadCx, key: &Spanned<String>, known: &[&str], what: &str) {
    if let Some((_, field, owner, shape)) = MISPLACED
        .iter()
        .find(|(w, f, _, _)| *w == what && *f == key.value)
    {
        let owner_key = shape.split(':').next().unwrap_or(field);
        cx.diagnostics.push(
            Diagnostic::new(
                &catalogue::FIELD_UNKNOWN,
                cx.file,
                key.span.clone(),
                format!("`{field}` is a field of {owner}, not of {what}"),
            )
            .label("one level too high")
            .help(format!(
                "move it under `{owner_key}:`, indented as in\n{shape}"
            ))
            .note("see docs/reference.md for every field"),
        );
        return;
    }
    if let Some((_, _, instead)) = RETIRED
        .iter()
        .find(|(w, f, _)| *w == what && *f == key.value)
    {
        cx.diagnostics.push(
            Diagnostic::new(
                &catalogue::FIELD_UNKNOWN,
                cx.file,
                key.span.clone(),
                format!("`{}` is no longer a field of {what}", key.value),
            )
            .label("retired field")
            .help(*instead)
            .note("CHANGELOG.md lists every retired field under \"Migrating registers\""),
        );
        return;
    }
    let suggestion = known
        .iter()
        .map(|k| (strsim::jaro_winkler(k, &key.value), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k);
    let d = Diagnostic::new(
        &catalogue::FIELD_UNKNOWN,
        cx.file,
        key.span.clone(),
        format!("unknown field `{}` in {what}", key.value),
    )
    .label("not a field of this mapping");
    let d = match suggestion {
        Some(k) => d.did_you_mean(k),
        None => d.help(format!("known fields of {what}: {}", known.join(", "))),
    };
    cx.diagnostics
        .push(d.note("see docs/reference.md for every field"));
}

/// Reports a required field that is absent from the mapping at `span`.
pub fn missing_field(cx: &mut LoadCx, span: &Span, field: &str, what: &str) {
    cx.diagnostics.push(
        Diagnostic::new(
            &catalogue::FIELD_MISSING,
            cx.file,
            span.start..span.start,
            format!("missing field `{field}` in {what}"),
        )
        .help(format!("add `{field}:` to {what}")),
    );
}

/// Whether a value is an empty string, empty list or null: present but saying nothing.
pub fn is_empty(node: &Node) -> bool {
    match &node.value {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        Value::Seq(items) => items.is_empty(),
        Value::Map(entries) => entries.is_empty(),
        _ => false,
    }
}

/// Reports a field that is present but empty.
pub fn empty_field(cx: &mut LoadCx, key: &Spanned<String>, node: &Node, what: &str) {
    let span = if node.span.is_empty() {
        key.span.clone()
    } else {
        node.span.clone()
    };
    cx.diagnostics.push(
        Diagnostic::new(
            &catalogue::FIELD_EMPTY,
            cx.file,
            span,
            format!("field `{}` in {what} is empty", key.value),
        )
        .help(format!(
            "give `{}` a value, or remove the key if it is optional",
            key.value
        )),
    );
}

/// A register type's description, as declared with `yaml_struct!`.
#[derive(Debug)]
pub struct TypeInfo {
    /// Rust type name, e.g. `Section`.
    pub name: &'static str,
    /// How messages name it ("a register section").
    pub what: &'static str,
    /// Its doc comment.
    pub docs: &'static str,
    /// Its fields in declaration order.
    pub fields: &'static [FieldInfo],
}

/// One field of a register type.
#[derive(Debug)]
pub struct FieldInfo {
    /// YAML key.
    pub name: &'static str,
    /// `req`, `opt`, `list` or `req_list`.
    pub kind: &'static str,
    /// Rust type of the value (of each item for lists), e.g. `String`, `u32`, `Entity`.
    pub ty: &'static str,
    /// Its doc comment; a line starting `Example:` holds a YAML example.
    pub docs: &'static str,
}

impl FieldInfo {
    /// Whether the field must be present.
    pub fn required(&self) -> bool {
        matches!(self.kind, "req" | "req_list")
    }

    /// Whether the value is a list.
    pub fn is_list(&self) -> bool {
        matches!(self.kind, "list" | "req_list")
    }

    /// The description without the example, on one line.
    pub fn description(&self) -> String {
        self.docs
            .lines()
            .map(str::trim)
            .take_while(|l| !l.starts_with("Example:"))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The YAML example after `Example:`: inline in backticks, or a fenced block below it.
    pub fn example(&self) -> Option<String> {
        let mut lines = self
            .docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .skip_while(|l| !l.trim_start().starts_with("Example:"));
        let first = lines.next()?.trim().trim_start_matches("Example:").trim();
        if !first.is_empty() {
            return Some(first.trim_matches('`').to_owned());
        }
        let block: Vec<&str> = lines
            .skip_while(|l| l.trim_start().starts_with("```"))
            .take_while(|l| !l.trim_start().starts_with("```"))
            .collect();
        (!block.is_empty()).then(|| block.join("\n"))
    }
}

/// Declares a register type: the struct, its field list and its `FromNode` mapping.
///
/// Field kinds: `req` (must be present and non-empty), `opt` (may be absent), `list`
/// (a list, absent means empty) and `req_list` (a list with at least one item).
#[macro_export]
macro_rules! yaml_struct {
    (
        $(#[doc = $doc:literal])*
        pub struct $Name:ident as $what:literal {
            $( $(#[doc = $fdoc:literal])* $field:ident : $kind:ident $ty:ty ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone)]
        pub struct $Name {
            /// Where the mapping starts.
            pub span: $crate::source::Span,
            $( $(#[doc = $fdoc])* pub $field: $crate::yaml_struct!(@ty $kind $ty), )*
        }

        impl $Name {
            /// The YAML keys this type accepts.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The type's description and fields, for the reference docs and the JSON Schema.
            pub const INFO: $crate::load::TypeInfo = $crate::load::TypeInfo {
                name: stringify!($Name),
                what: $what,
                docs: concat!($($doc, "\n"),*),
                fields: &[$( $crate::load::FieldInfo {
                    name: stringify!($field),
                    kind: $crate::yaml_struct!(@kind $kind),
                    ty: stringify!($ty),
                    docs: concat!($($fdoc, "\n"),*),
                } ),*],
            };
        }

        impl $crate::load::FromNode for $Name {
            const EXPECTED: &'static str = concat!("a mapping (", $what, ")");
            #[allow(non_snake_case, unused_mut)]
            fn from_node(node: &$crate::load::Node, cx: &mut $crate::load::LoadCx) -> Option<Self> {
                let entries = $crate::load::map_entries(node, cx, $what)?;
                $( let mut $field: Option<&$crate::load::Node> = None; )*
                let mut ok = true;
                // Keys present but empty: already reported, so not "missing" as well.
                let mut empty: Vec<&str> = Vec::new();
                for (key, value) in entries {
                    match key.value.as_str() {
                        $( stringify!($field) => {
                            // An empty `list` field means "none"; rules decide if that is wrong.
                            if stringify!($kind) != "list" && $crate::load::is_empty(value) {
                                $crate::load::empty_field(cx, key, value, $what);
                                empty.push(stringify!($field));
                                ok = false;
                            } else {
                                $field = Some(value);
                            }
                        } )*
                        _ => $crate::load::unknown_field(cx, key, Self::FIELDS, $what),
                    }
                }
                $( let $field = $crate::yaml_struct!(@get $kind $ty, $field, node, cx, ok, empty, $what); )*
                if !ok {
                    return None;
                }
                Some($Name { span: node.span.clone(), $( $field: $field.unwrap(), )* })
            }
        }

        impl $crate::load::Localize for $Name {
            fn localize(&mut self, lang: &str) -> Option<$crate::source::Span> {
                $( $crate::load::Localize::localize(&mut self.$field, lang); )*
                None
            }
        }

        impl $crate::load::Texts for $crate::load::Spanned<$Name> {
            fn texts<'a>(&'a self, out: &mut Vec<&'a $crate::load::Spanned<$crate::load::Text>>) {
                $( $crate::load::Texts::texts(&self.value.$field, out); )*
            }
        }

        impl $Name {
            /// Every free text in the value, in field order.
            pub fn all_texts(&self) -> Vec<&$crate::load::Spanned<$crate::load::Text>> {
                let mut out = Vec::new();
                $( $crate::load::Texts::texts(&self.$field, &mut out); )*
                out
            }
        }
    };
    // A boxed optional field is the same field to the user: it only costs a pointer where
    // it is absent, as a record of hundreds of bytes inline in every section would.
    (@kind opt_box) => { "opt" };
    (@kind $kind:ident) => { stringify!($kind) };
    (@ty req $ty:ty) => { $crate::load::Spanned<$ty> };
    (@ty opt $ty:ty) => { Option<$crate::load::Spanned<$ty>> };
    (@ty opt_box $ty:ty) => { Option<Box<$crate::load::Spanned<$ty>>> };
    (@ty list $ty:ty) => { Vec<$crate::load::Spanned<$ty>> };
    (@ty req_list $ty:ty) => { Vec<$crate::load::Spanned<$ty>> };
    (@get req $ty:ty, $field:ident, $node:ident, $cx:ident, $ok:ident, $empty:ident, $what:literal) => {
        match $field {
            Some(v) => match <$ty as $crate::load::FromNode>::from_node(v, $cx) {
                Some(x) => Some($crate::load::Spanned::new(x, v.span.clone())),
                None => { $ok = false; None }
            },
            None => {
                if !$empty.contains(&stringify!($field)) {
                    $crate::load::missing_field($cx, &$node.span, stringify!($field), $what);
                }
                $ok = false;
                None
            }
        }
    };
    (@get opt $ty:ty, $field:ident, $node:ident, $cx:ident, $ok:ident, $empty:ident, $what:literal) => {
        match $field {
            Some(v) => match <$ty as $crate::load::FromNode>::from_node(v, $cx) {
                Some(x) => Some(Some($crate::load::Spanned::new(x, v.span.clone()))),
                None => { $ok = false; None }
            },
            None => Some(None),
        }
    };
    (@get opt_box $ty:ty, $field:ident, $node:ident, $cx:ident, $ok:ident, $empty:ident, $what:literal) => {
        $crate::yaml_struct!(@get opt $ty, $field, $node, $cx, $ok, $empty, $what).map(|v| v.map(Box::new))
    };
    (@get list $ty:ty, $field:ident, $node:ident, $cx:ident, $ok:ident, $empty:ident, $what:literal) => {
        match $field {
            Some(v) => match <Vec<$crate::load::Spanned<$ty>> as $crate::load::FromNode>::from_node(v, $cx) {
                Some(x) => Some(x),
                None => { $ok = false; None }
            },
            None => Some(Vec::new()),
        }
    };
    (@get req_list $ty:ty, $field:ident, $node:ident, $cx:ident, $ok:ident, $empty:ident, $what:literal) => {
        $crate::yaml_struct!(@get req Vec<$crate::load::Spanned<$ty>>, $field, $node, $cx, $ok, $empty, $what)
            .map(|s: $crate::load::Spanned<Vec<$crate::load::Spanned<$ty>>>| s.value)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(yaml: &str) -> Node {
        parse(&SourceFile::virtual_file("a.yaml", yaml)).unwrap()
    }

    #[test]
    fn plain_scalars_follow_the_core_schema_with_strict_booleans() {
        assert!(matches!(resolve_plain("true"), Value::Bool(true)));
        assert!(matches!(resolve_plain("yes"), Value::Str(_)));
        assert!(matches!(resolve_plain("~"), Value::Null));
        assert!(matches!(resolve_plain("-12"), Value::Int(-12)));
        assert!(matches!(resolve_plain("0x1F"), Value::Int(31)));
        assert!(matches!(resolve_plain("1.10"), Value::Float(_)));
        assert!(matches!(resolve_plain("1e3"), Value::Float(_)));
        assert!(matches!(resolve_plain("1.2.3"), Value::Str(_)));
        assert!(matches!(resolve_plain("2026-11-29"), Value::Str(_)));
        assert!(matches!(resolve_plain("CA 94105"), Value::Str(_)));
    }

    #[test]
    fn keys_keep_their_spelling_and_values_their_spans() {
        let Value::Map(entries) = tree("1: x\nname: \"Düsseldorf\"\n").value else {
            panic!("a mapping")
        };
        assert_eq!(entries[0].0.value, "1");
        assert_eq!(entries[1].0.span, 5..9);
        assert_eq!(
            entries[1].1.span,
            11..24,
            "quoted scalars span their quotes"
        );
    }

    #[test]
    fn quoted_numbers_stay_strings() {
        let Value::Map(entries) = tree("zip: \"01234\"\n").value else {
            panic!("a mapping")
        };
        assert!(matches!(&entries[0].1.value, Value::Str(s) if s == "01234"));
    }

    #[test]
    fn aliases_are_replayed_within_a_budget() {
        let Value::Map(entries) = tree("a: &x [1, 2]\nb: *x\n").value else {
            panic!("a mapping")
        };
        assert!(matches!(&entries[1].1.value, Value::Seq(items) if items.len() == 2));
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..6 {
            bomb.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 10].join(", ")
            ));
        }
        let err = parse(&SourceFile::virtual_file("a.yaml", &bomb)).unwrap_err();
        assert_eq!(codes(&err), ["PRV012"]);
    }

    fn codes(found: &[Diagnostic]) -> Vec<&'static str> {
        found.iter().map(Diagnostic::code).collect()
    }

    fn errors(yaml: &str) -> Vec<Diagnostic> {
        parse(&SourceFile::virtual_file("a.yaml", yaml)).unwrap_err()
    }

    /// A tree as compact flow YAML, to compare shapes and values at a glance.
    fn show(node: &Node) -> String {
        match &node.value {
            Value::Null => "~".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Float(f) => format!("{f:?}"),
            Value::Str(s) => format!("'{s}'"),
            Value::Seq(items) => format!(
                "[{}]",
                items.iter().map(show).collect::<Vec<_>>().join(", ")
            ),
            Value::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.value, show(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn entries(node: &Node) -> &[(Spanned<String>, Node)] {
        match &node.value {
            Value::Map(entries) => entries,
            _ => panic!("a mapping"),
        }
    }

    /// About a megabyte of anchors nested 200 deep, none of them used, and how many nodes
    /// it holds. Each anchor used to keep a copy of all it contains.
    fn nested_anchors() -> (String, usize) {
        let depth = 200;
        let mut yaml = String::new();
        let mut nodes = 0;
        let mut chunk = 0;
        while yaml.len() < 1_000_000 {
            yaml.push_str(&format!("c{chunk}: "));
            for level in 0..depth {
                yaml.push_str(&format!("&a{chunk}x{level} ["));
            }
            yaml.push_str(&vec!["x"; 2_000].join(", "));
            yaml.push_str(&"]".repeat(depth));
            yaml.push('\n');
            nodes += 1 + depth + 2_000;
            chunk += 1;
        }
        (yaml, nodes + 1)
    }

    #[test]
    fn hardening_6_nested_anchors_cost_work_and_memory_proportional_to_the_input() {
        let (yaml, nodes) = nested_anchors();
        assert!((900_000..=MAX_FILE_BYTES).contains(&yaml.len()));
        let file = SourceFile::virtual_file("a.yaml", &yaml);
        let mut b = TreeBuilder::new(&file);
        let root = b.read().unwrap();
        assert_eq!(b.built, nodes, "every node is built once, none copied");
        // What anchors keep for their aliases: one step per scalar, two per collection,
        // where a copy per anchor kept about 200 times the input.
        assert!(b.tape.len() <= 2 * nodes, "{} steps taped", b.tape.len());
        assert_eq!(b.anchors.len(), entries(&root).len() * 200);
        let innermost = (0..200).fold(&entries(&root)[0].1, |n, _| match &n.value {
            Value::Seq(items) => &items[0],
            _ => n,
        });
        assert!(matches!(&innermost.value, Value::Str(x) if x == "x"));
    }

    #[test]
    fn hardening_6_an_alias_builds_its_copy_when_used_and_within_the_budget() {
        let (mut yaml, nodes) = nested_anchors();
        // 200 collections and 2,000 scalars, twice: 4,400 of the 10,000 nodes.
        yaml.push_str("u1: *a0x0\nu2: *a0x0\n");
        let file = SourceFile::virtual_file("a.yaml", &yaml);
        let mut b = TreeBuilder::new(&file);
        let root = b.read().unwrap();
        assert_eq!(b.replayed, 2 * 2_200);
        assert_eq!(b.built, nodes + 2 + b.replayed, "two keys, two copies");
        let entries = entries(&root);
        let n = entries.len();
        assert_eq!(show(&entries[n - 1].1), show(&entries[0].1));
        // A fifth copy would go over the budget: the file stops before building it.
        yaml.push_str("u3: *a0x0\nu4: *a0x0\nu5: *a0x0\n");
        let file = SourceFile::virtual_file("a.yaml", &yaml);
        let mut b = TreeBuilder::new(&file);
        assert_eq!(codes(&b.read().unwrap_err()), ["PRV012"]);
        assert_eq!(
            b.built,
            nodes - 1 + 5 + 4 * 2_200,
            "all but the root and the fifth copy"
        );
    }

    #[test]
    fn hardening_6_aliases_inside_anchors_replay_with_their_own_spans() {
        let yaml = "a: &a [1, &b [2, x]]\nd: &d {p: *a, q: *b}\ne: *d\n";
        let root = tree(yaml);
        let e = entries(&root);
        assert_eq!(
            show(&root),
            "{a: [1, [2, 'x']], d: {p: [1, [2, 'x']], q: [2, 'x']}, \
             e: {p: [1, [2, 'x']], q: [2, 'x']}}"
        );
        let at = |s: &str| yaml.find(s).unwrap();
        assert_eq!(e[2].1.span, at("*d\n")..at("*d\n") + 2, "the alias");
        assert_eq!(e[2].1.written.start, at("{p"), "what it stands for");
        let Value::Map(copy) = &e[2].1.value else {
            panic!("a mapping")
        };
        assert_eq!(
            copy[0].0.span.start,
            at("p:"),
            "inside: where it was written"
        );
        assert_eq!(
            copy[1].1.span.start,
            at("*b}"),
            "a nested alias: at that alias"
        );
    }

    #[test]
    fn hardening_7_every_duplicate_among_95000_keys_is_reported_at_its_second_occurrence() {
        // Every 1,000th key repeats one written 500 keys earlier, and key 7 comes back
        // a third time at the end: with linear lookup a big mapping is no slower per key.
        let mut yaml = String::new();
        let mut expected = Vec::new();
        for i in 0..95_000 {
            if i % 1_000 == 999 {
                expected.push((format!("k{}", i - 500), yaml.len()));
                yaml.push_str(&format!("k{}: again\n", i - 500));
            } else {
                yaml.push_str(&format!("k{i}: v\n"));
            }
        }
        expected.push(("k7".to_owned(), yaml.len()));
        yaml.push_str("k7: third\n");
        let file = SourceFile::virtual_file("a.yaml", &yaml);
        let root = parse(&file).unwrap();
        let mut cx = LoadCx::new(&file);
        let kept = map_entries(&root, &mut cx, "a test mapping").unwrap();
        assert_eq!(kept.len(), 95_000 - 95);
        assert_eq!(cx.diagnostics.len(), expected.len());
        for (d, (key, at)) in cx.diagnostics.iter().zip(&expected) {
            assert_eq!(d.code(), "PRV006");
            assert_eq!(d.message, format!("duplicate key `{key}`"));
            assert_eq!(d.span, *at..at + key.len(), "the second occurrence");
            let first = yaml.find(&format!("{key}: v\n")).unwrap();
            assert!(first == 0 || yaml.as_bytes()[first - 1] == b'\n');
            assert_eq!(
                d.secondary[0].span,
                first..first + key.len(),
                "the first one"
            );
        }
    }

    #[test]
    fn hardening_18_an_alias_is_its_anchored_value_wherever_it_is_used() {
        let yaml = "zip: &zip 94105\nversion: &v 1.10\nopen: &t true\n\
                    address: *zip\nrelease: *v\nflag: *t\n*zip : as a key\n";
        let file = SourceFile::virtual_file("a.yaml", yaml);
        let root = parse(&file).unwrap();
        let e = entries(&root);
        let mut cx = LoadCx::new(&file);
        let text: Vec<String> = e[3..6]
            .iter()
            .map(|(_, v)| String::from_node(v, &mut cx).unwrap())
            .collect();
        assert_eq!(text, ["94105", "1.10", "true"], "as written, not `*zip`");
        assert!(matches!(e[3].1.value, Value::Int(94105)));
        assert_eq!(
            e[3].1.span,
            yaml.find("*zip").unwrap()..yaml.find("*zip").unwrap() + 4
        );
        assert_eq!(
            e[6].0.value, "94105",
            "a key keeps its spelling, aliased or not"
        );
        // Used where a list belongs, the alias is reported where it stands.
        let list = <Vec<Spanned<String>>>::from_node(&e[3].1, &mut cx);
        assert!(list.is_none());
        assert_eq!(cx.diagnostics[0].span, e[3].1.span);
    }

    #[test]
    fn hardening_18_a_tag_outside_the_core_schema_is_reported_at_the_tag() {
        let yaml = "a: !include common.yaml\nb: !!binary aGk=\nc: !custom {x: 1}\n\
                    d:\n  !custom\n  x: 1\ne: !<tag:example.com,2000:thing> y\n\
                    !key f: 1\ng: [&n !!timestamp 2026-11-29, *n]\n";
        let found = errors(yaml);
        assert!(found.iter().all(|d| d.code() == "PRV017"), "{found:?}");
        let tags: Vec<&str> = found.iter().map(|d| &yaml[d.span.clone()]).collect();
        assert_eq!(
            tags,
            [
                "!include",
                "!!binary",
                "!custom",
                "!custom",
                "!<tag:example.com,2000:thing>",
                "!key",
                "!!timestamp"
            ],
            "each tag once, an aliased one at its anchor"
        );
        assert_eq!(found[0].message, "unsupported YAML tag `!include`");
        assert!(found[0].help.is_some());
        let named = "%TAG !e! tag:example.com,2000:\n---\nx: !e!thing 1\n";
        assert_eq!(codes(&errors(named)), ["PRV017"]);
        // A syntax error after a tag stops the file; both are reported.
        assert_eq!(codes(&errors("a: !x 1\nb: [\n")), ["PRV017", "PRV001"]);
    }

    #[test]
    fn hardening_18_the_core_schema_tags_and_the_non_specific_tag_are_read() {
        let yaml = "s: !!str 12\ni: !!int 12\nf: !!float 1.5\nb: !!bool true\nn: !!null ~\n\
                    q: !!seq [1]\nm: !!map {k: v}\nx: ! 12\nv: !<tag:yaml.org,2002:str> 7\n";
        assert_eq!(
            show(&tree(yaml)),
            "{s: '12', i: 12, f: 1.5, b: true, n: ~, q: [1], m: {k: 'v'}, x: '12', v: '7'}"
        );
    }

    #[test]
    fn hardening_20_the_parser_counts_lines_as_the_line_index_does() {
        for eol in ["\n", "\r\n", "\r"] {
            let yaml = [
                "a: 1", "b:", "  - x", "", "  - 'y", "    z'", "c: |", "  t", "d: é ü",
            ]
            .join(eol);
            let file = SourceFile::virtual_file("a.yaml", &yaml);
            let mut seen = 0;
            let options = granit_parser::options! {
                flow_nesting_limit: MAX_NESTING,
                block_nesting_limit: MAX_NESTING,
            };
            for event in Parser::new_from_str_with_options(&file.text, options) {
                let (_, span) = event.unwrap();
                for m in [span.start, span.end] {
                    let lc = file.line_col(m.byte_offset().unwrap());
                    assert_eq!((lc.line, lc.column), (m.line(), m.col() + 1), "{eol:?}");
                    seen += 1;
                }
            }
            assert!(seen > 20);
            let at = |s: &str| file.line_col(yaml.find(s).unwrap());
            assert_eq!(
                (at("'y").line, at("z'").line, at("d:").line),
                (5, 6, 9),
                "{eol:?}"
            );
        }
    }

    #[test]
    fn hardening_20_a_forbidden_character_is_reported_where_it_is() {
        let cases = [
            "a: plain text \u{1b}[31m red\n",
            "a: \"quoted \u{1b} text\"\n",
            "a: 'single \u{7} quoted'\n",
            "a: |\n  block\n  with \u{1b} escape\n",
            "a: >\n  folded \u{7f} text\n",
            "a: [flow, item \u{9b} here]\n",
            "key \u{0} x: 1\n",
            "a: x # a comment \u{1b}\n",
        ];
        for yaml in cases {
            let found = errors(yaml);
            assert_eq!(codes(&found), ["PRV001"], "{yaml:?}");
            let bad = yaml
                .char_indices()
                .find(|(_, c)| c.is_control() && *c != '\n')
                .unwrap()
                .0;
            assert_eq!(found[0].span.start, bad, "{yaml:?}: {}", found[0].message);
        }
    }

    #[test]
    fn one_anchor_is_expanded_at_most_100_times() {
        let uses = |n: usize| format!("a: &a x\nb: [{}]\n", vec!["*a"; n].join(", "));
        assert!(parse(&SourceFile::virtual_file("a.yaml", &uses(100))).is_ok());
        let found = errors(&uses(101));
        assert_eq!(codes(&found), ["PRV012"]);
        assert!(
            found[0]
                .message
                .ends_with("one anchor is used more than 100 times")
        );
        assert_eq!(
            found[0].span.start,
            "a: &a x\nb: [".len() + 100 * "*a, ".len()
        );
    }

    #[test]
    fn collections_nest_at_most_255_levels_block_and_flow_each() {
        let flow = |n: usize| format!("a: {}{}\n", "[".repeat(n), "]".repeat(n));
        let block = |n: usize| {
            (0..n)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect::<String>()
        };
        for (name, yaml) in [("flow", flow(255)), ("block", block(255))] {
            assert!(
                parse(&SourceFile::virtual_file("a.yaml", &yaml)).is_ok(),
                "{name}"
            );
        }
        for (name, yaml) in [("flow", flow(256)), ("block", block(256))] {
            let found = errors(&yaml);
            assert_eq!(codes(&found), ["PRV001"], "{name}");
            assert!(found[0].message.contains("recursion limit"), "{name}");
        }
    }
}
