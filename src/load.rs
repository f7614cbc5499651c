//! YAML to spanned raw structs: parse into a located tree, then map the tree onto the
//! register types, collecting every structural problem instead of stopping at the first.

use std::fmt;
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::Diagnostic;
use crate::rules;
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
pub fn parse(file: &Arc<SourceFile>) -> Result<Node, Box<Diagnostic>> {
    if file.text.len() > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::new(
                &rules::FILE_TOO_LARGE,
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
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    // Forward duplicates to our visitor so the second occurrence is reported with the first.
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options.merge_keys = serde_saphyr::MergeKeyPolicy::Error;
    // A register is small: a few hundred nodes. These limits stop alias bombs early.
    options.alias_limits.max_total_replayed_events = 10_000;
    options.alias_limits.max_alias_expansions_per_anchor = 100;
    options.alias_limits.max_replay_stack_depth = 16;
    match serde_saphyr::from_str_with_options::<serde_saphyr::Spanned<RawValue>>(
        &file.text, options,
    ) {
        Ok(root) => Ok(convert(file, root)),
        Err(err) => Err(Box::new(syntax_diagnostic(file, &err))),
    }
}

fn syntax_diagnostic(file: &Arc<SourceFile>, err: &serde_saphyr::Error) -> Diagnostic {
    let inner = err.without_snippet();
    let offset = err
        .location()
        .filter(|l| l.line() > 0)
        .map_or(0, |l| file.offset(l.line() as usize, l.column() as usize));
    let text = inner.to_string();
    let message = text
        .split(" at line ")
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    // Alias errors arrive wrapped with their locations, so the variant alone does not tell.
    let limit = matches!(inner, serde_saphyr::Error::Budget { .. })
        || message.contains("limit exceeded")
        || message.contains("budget");
    if limit {
        Diagnostic::new(
            &rules::YAML_TOO_COMPLEX,
            file,
            offset..offset,
            format!("YAML exceeds privreg's size limits: {message}"),
        )
        .help("write the values out instead of expanding aliases; a register needs no anchors")
    } else {
        // serde-saphyr's own hint names its API; users need to know what to change in YAML.
        let message = if message.contains("multiple YAML documents") {
            "a register file holds one YAML document, found a second one after `---`".to_owned()
        } else {
            message
        };
        let message = if message.is_empty() {
            "invalid YAML".to_owned()
        } else {
            format!("invalid YAML: {message}")
        };
        Diagnostic::new(&rules::YAML_SYNTAX, file, offset..offset, message)
            .help("fix the YAML syntax; `privreg` needs one mapping per file")
    }
}

/// The tree as serde-saphyr hands it over, before spans become byte ranges.
enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<serde_saphyr::Spanned<RawValue>>),
    Map(
        Vec<(
            serde_saphyr::Spanned<String>,
            serde_saphyr::Spanned<RawValue>,
        )>,
    ),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(n).map_or(RawValue::Float(n as f64), RawValue::Int))
    }
    fn visit_f64<E>(self, n: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(RawValue::Map(entries))
    }
}

fn span_of(file: &SourceFile, loc: &serde_saphyr::Location) -> Span {
    let s = loc.span();
    match (s.byte_offset(), s.byte_len()) {
        (Some(o), Some(l)) if (o as usize) <= file.text.len() => {
            let start = o as usize;
            start..(start + l as usize).min(file.text.len())
        }
        _ => {
            let start = file.offset(loc.line() as usize, loc.column() as usize);
            start..start
        }
    }
}

fn convert(file: &SourceFile, raw: serde_saphyr::Spanned<RawValue>) -> Node {
    let span = span_of(file, &raw.referenced);
    let value = match raw.value {
        RawValue::Null => Value::Null,
        RawValue::Bool(b) => Value::Bool(b),
        RawValue::Int(n) => Value::Int(n),
        RawValue::Float(n) => Value::Float(n),
        RawValue::Str(s) => Value::Str(s),
        RawValue::Seq(items) => Value::Seq(items.into_iter().map(|i| convert(file, i)).collect()),
        RawValue::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Spanned::new(k.value, span_of(file, &k.referenced));
                    (key, convert(file, v))
                })
                .collect(),
        ),
    };
    Node { value, span }
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
                &rules::VALUE_TYPE_WRONG,
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
    for entry in entries {
        if let Some(first) = kept.iter().find(|(k, _)| k.value == entry.0.value) {
            cx.diagnostics.push(
                Diagnostic::new(
                    &rules::KEY_DUPLICATE,
                    cx.file,
                    entry.0.span.clone(),
                    format!("duplicate key `{}`", entry.0.value),
                )
                .label("second occurrence")
                .secondary(first.0.span.clone(), "first defined here")
                .help("remove one of the two entries; YAML keeps only one of them"),
            );
        } else {
            kept.push(entry);
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
            &rules::FIELD_UNKNOWN,
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
            &rules::FIELD_MISSING,
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
            &rules::FIELD_EMPTY,
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

    /// The YAML example after `Example:`, if any, dedented.
    pub fn example(&self) -> Option<String> {
        let mut lines = self
            .docs
            .lines()
            .skip_while(|l| !l.trim().starts_with("Example:"));
        let first = lines.next()?.trim().trim_start_matches("Example:").trim();
        if !first.is_empty() {
            return Some(first.to_owned());
        }
        let rest: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
        let indent = rest
            .iter()
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        Some(
            rest.iter()
                .map(|l| &l[indent..])
                .collect::<Vec<_>>()
                .join("\n"),
        )
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
