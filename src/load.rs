//! YAML to spanned raw structs: parse into a located tree, then map the tree onto the
//! register types, collecting every structural problem instead of stopping at the first.

use std::sync::Arc;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle};

use crate::catalogue;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

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

/// A YAML node with its location.
#[derive(Debug, Clone)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Byte range of the node (for collections: their first byte).
    pub span: Span,
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

/// Parses one YAML document into a located tree; a syntax error becomes a diagnostic.
///
/// The tree is built from the events of serde-saphyr's parser (granit) rather than through
/// serde with `Spanned<T>`: the same parser, 2.5 times faster, and every node gets its
/// byte range directly.
pub fn parse(file: &Arc<SourceFile>) -> Result<Node, Box<Diagnostic>> {
    if file.text.len() > MAX_FILE_BYTES {
        return Err(Box::new(
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
        ));
    }
    let mut b = TreeBuilder::default();
    for event in Parser::new_from_str(&file.text) {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            let offset = m
                .byte_offset()
                .unwrap_or_else(|| file.offset(m.line(), m.col() + 1));
            Box::new(syntax_error(file, offset, &e.kind().to_string()))
        })?;
        let range = byte_range(file, &span);
        b.event(event, range)
            .map_err(|(offset, kind)| Box::new(kind.diagnostic(file, offset)))?;
    }
    Ok(b.root.unwrap_or(Node {
        value: Value::Null,
        span: 0..0,
    }))
}

/// Alias replay budget: a register needs no aliases, so a few are tolerated and an alias
/// bomb stops long before it costs memory.
const MAX_REPLAYED_NODES: usize = 10_000;
const MAX_EXPANSIONS_PER_ANCHOR: usize = 100;

fn byte_range(file: &SourceFile, span: &granit_parser::Span) -> Span {
    let at = |m: &granit_parser::Marker| {
        m.byte_offset()
            .unwrap_or_else(|| file.offset(m.line(), m.col() + 1))
            .min(file.text.len())
    };
    let start = at(&span.start);
    start..at(&span.end).max(start)
}

fn syntax_error(file: &Arc<SourceFile>, offset: usize, message: &str) -> Diagnostic {
    let message = message.trim();
    let message = if message.is_empty() {
        "invalid YAML".to_owned()
    } else {
        format!("invalid YAML: {message}")
    };
    Diagnostic::new(&catalogue::YAML_SYNTAX, file, offset..offset, message)
        .help("fix the YAML syntax; `privreg` needs one mapping per file")
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

/// An open collection; `start` is the span of its opening event (`[`, `{`, or empty for
/// block collections), which is where diagnostics about the whole collection point.
enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Span,
        anchor: usize,
        entries: Vec<(Spanned<String>, Node)>,
        key: Option<Spanned<String>>,
    },
}

#[derive(Default)]
struct TreeBuilder {
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    /// Anchored nodes by id, with their node count (what replaying them costs).
    anchors: HashMap<usize, (Node, usize)>,
    expansions: HashMap<usize, usize>,
    replayed: usize,
}

impl TreeBuilder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), (usize, Stop)> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err((span.start, Stop::SecondDocument));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let forced_str = tag
                    .as_ref()
                    .is_some_and(|t| t.is_yaml_core_schema_tag("str"));
                // Keys keep their spelling: `1: x` has the key "1", not a number.
                let is_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
                let value = if style == ScalarStyle::Plain && !forced_str && !is_key {
                    resolve_plain(&text)
                } else {
                    Value::Str(text.into_owned())
                };
                self.add(Node { value, span }, anchor)?;
            }
            Event::SequenceStart(_, anchor, _) => self.stack.push(Frame::Seq {
                start: span,
                anchor,
                items: Vec::new(),
            }),
            Event::MappingStart(_, anchor, _) => self.stack.push(Frame::Map {
                start: span,
                anchor,
                entries: Vec::new(),
                key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        anchor,
                        items,
                    }) => (
                        Node {
                            value: Value::Seq(items),
                            span: start,
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Node {
                            value: Value::Map(entries),
                            span: start,
                        },
                        anchor,
                    ),
                    None => return Err((span.start, Stop::Syntax("unbalanced collection".into()))),
                };
                self.add(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some((node, count)) = self.anchors.get(&id) else {
                    return Err((
                        span.start,
                        Stop::Syntax("alias to an unknown anchor".into()),
                    ));
                };
                self.replayed += count;
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
                let mut node = node.clone();
                node.span = span;
                self.add(node, 0)?;
            }
            Event::UnresolvedAlias(name) => {
                return Err((span.start, Stop::Syntax(format!("unknown alias `*{name}`"))));
            }
            _ => {}
        }
        Ok(())
    }

    fn add(&mut self, node: Node, anchor: usize) -> Result<(), (usize, Stop)> {
        if anchor != 0 {
            self.anchors
                .insert(anchor, (node.clone(), count_nodes(&node)));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => {
                    let text = match node.value {
                        Value::Str(s) => s,
                        // Only an alias can bring a resolved scalar here.
                        Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
                            String::new()
                        }
                        Value::Seq(_) | Value::Map(_) => {
                            return Err((
                                node.span.start,
                                Stop::Syntax("a mapping key must be a plain value".into()),
                            ));
                        }
                    };
                    *key = Some(Spanned::new(text, node.span));
                }
            },
        }
        Ok(())
    }
}

fn count_nodes(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(count_nodes).sum(),
        Value::Map(entries) => entries.iter().map(|(_, v)| 1 + count_nodes(v)).sum(),
        _ => 0,
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
}

impl<'a> LoadCx<'a> {
    /// A context for `file`.
    pub fn new(file: &'a Arc<SourceFile>) -> Self {
        LoadCx {
            file,
            diagnostics: Vec::new(),
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
            .help(format!("write {expected} here")),
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
            // A plain scalar like `94105` or `1.10` is text to the user: keep it as written.
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                Some(cx.file.text[node.span.clone()].to_owned())
            }
            _ => {
                cx.wrong_type(node, Self::EXPECTED);
                None
            }
        }
    }
}

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

/// Reports a key that the type does not have, suggesting the closest known one.
pub fn unknown_field(cx: &mut LoadCx, key: &Spanned<String>, known: &[&str], what: &str) {
    let suggestion = known
        .iter()
        .map(|k| (strsim::jaro_winkler(k, &key.value), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k);
    let help = match suggestion {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("known fields of {what}: {}", known.join(", ")),
    };
    cx.diagnostics.push(
        Diagnostic::new(
            &catalogue::FIELD_UNKNOWN,
            cx.file,
            key.span.clone(),
            format!("unknown field `{}` in {what}", key.value),
        )
        .label("not a field of this mapping")
        .help(help)
        .note("see docs/reference.md for every field"),
    );
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
                    kind: stringify!($kind),
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
    };
    (@ty req $ty:ty) => { $crate::load::Spanned<$ty> };
    (@ty opt $ty:ty) => { Option<$crate::load::Spanned<$ty>> };
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
        assert_eq!(err.code(), "PRV012");
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
}
