//! Rewriting citations into one style without changing what they cite.

use super::{Citation, Provision, Style};
use crate::diagnostic::Diagnostic;

/// Applies the non-overlapping fixes of `diagnostics` to `text` (the file they point into).
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut fixes: Vec<_> = diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
    fixes.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in fixes {
        if f.span.start < at || f.span.end > text.len() {
            continue;
        }
        out.push_str(&text[at..f.span.start]);
        out.push_str(&f.replacement);
        at = f.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The citation written in `style`, keeping any law name and prefix as written.
pub fn rewrite(c: &Citation, style: Style) -> String {
    let rel = |i: usize| i - c.span.start;
    let prefix = &c.text[..rel(c.path.start)];
    let tail = &c.text[rel(c.path.end)..];
    let body = write_list(&c.provisions, style, !tail.trim().is_empty());
    format!("{prefix}{body}{tail}")
}

/// One provision in `style`, without a law name: "Art. 6 para. 1 lit. f".
pub fn write_one(p: &Provision, style: Style) -> String {
    if p.recital {
        return format!("Recital {}", p.article);
    }
    let style = target(style);
    if style == Style::PointOf
        && let (Some(point), Some(para), None, None, None) = (
            &p.point,
            p.paragraph,
            p.subparagraph,
            p.sentence,
            &p.subpoint,
        )
    {
        return format!("point ({point}) of Article {}({para})", p.article);
    }
    format!(
        "Art. {}{}",
        p.article,
        parts(
            p,
            if style == Style::PointOf {
                Style::Parens
            } else {
                style
            },
            Level::Paragraph
        )
    )
}

/// Several provisions as one citation: "Art. 6 para. 1 lit. a, b and f".
fn write_list(ps: &[Provision], style: Style, law_follows: bool) -> String {
    let style = target(style);
    let Some(first) = ps.first() else {
        return String::new();
    };
    if ps.len() > 1 && style == Style::PointOf {
        return write_list(ps, Style::Parens, law_follows);
    }
    let mut out = write_one(first, style);
    let and = if matches!(style, Style::AbsLit | Style::Roman) {
        " und "
    } else {
        " and "
    };
    for (k, pair) in ps.windows(2).enumerate() {
        let (prev, p) = (&pair[0], &pair[1]);
        out.push_str(if k + 2 == ps.len() { and } else { ", " });
        let from = first_difference(prev, p);
        let deepest = deepest(prev);
        let full = from == Level::Article
            || matches!(style, Style::Dotted)
            || (style == Style::Roman && from == Level::Paragraph);
        if full {
            if from == Level::Article && law_follows && deepest == Level::Article && only_article(p)
            {
                out.push_str(&p.article.to_string());
            } else {
                out.push_str(&write_one(p, style));
            }
            continue;
        }
        let rest = parts(p, style, from);
        let single = deepest == from && deepest_of(p) == from;
        if law_follows && single && from == Level::Point && style != Style::Parens {
            out.push_str(p.point.as_deref().unwrap_or_default());
        } else {
            out.push_str(rest.trim_start());
        }
    }
    out
}

/// Styles that cannot be targets fall back to the EU's own compact form.
fn target(style: Style) -> Style {
    match style {
        Style::Dpv | Style::Bare => Style::Parens,
        s => s,
    }
}

/// The parts of a provision, from the article down; the order is the nesting.
use crate::law::gdpr::Part as Level;

fn first_difference(a: &Provision, b: &Provision) -> Level {
    if a.article != b.article {
        Level::Article
    } else if a.paragraph != b.paragraph {
        Level::Paragraph
    } else if a.subparagraph != b.subparagraph {
        Level::Subparagraph
    } else if a.sentence != b.sentence {
        Level::Sentence
    } else if a.point != b.point {
        Level::Point
    } else {
        Level::Subpoint
    }
}

fn deepest(p: &Provision) -> Level {
    deepest_of(p)
}

fn deepest_of(p: &Provision) -> Level {
    if p.subpoint.is_some() {
        Level::Subpoint
    } else if p.point.is_some() {
        Level::Point
    } else if p.sentence.is_some() {
        Level::Sentence
    } else if p.subparagraph.is_some() {
        Level::Subparagraph
    } else if p.paragraph.is_some() {
        Level::Paragraph
    } else {
        Level::Article
    }
}

fn only_article(p: &Provision) -> bool {
    deepest_of(p) == Level::Article
}

/// The parts of `p` from level `from` down, in `style`.
fn parts(p: &Provision, style: Style, from: Level) -> String {
    let mut s = String::new();
    let numeric = p
        .point
        .as_deref()
        .is_some_and(|x| x.as_bytes()[0].is_ascii_digit());
    let plain = p.subparagraph.is_none() && p.sentence.is_none();
    let dotted = style == Style::Dotted
        && p.paragraph.is_some()
        && plain
        && !numeric
        && p.subpoint.is_none();
    let german = matches!(style, Style::AbsLit | Style::Roman);
    if let Some(n) = p.paragraph.filter(|_| from <= Level::Paragraph) {
        s += &match style {
            Style::Parens => format!("({n})"),
            Style::AbsLit => format!(" Abs. {n}"),
            Style::Roman if n <= 12 => format!(" {}", roman(n)),
            Style::Roman => format!(" Abs. {n}"),
            Style::Dotted if dotted => format!(".{n}"),
            _ => format!(" para. {n}"),
        };
    }
    if let Some(n) = p.subparagraph.filter(|_| from <= Level::Subparagraph) {
        s += &if german {
            format!(" UAbs. {n}")
        } else {
            format!(" subpara. {n}")
        };
    }
    if let Some(n) = p.sentence.filter(|_| from <= Level::Sentence) {
        s += &if german {
            format!(" S. {n}")
        } else {
            format!(" sentence {n}")
        };
    }
    if let Some(x) = p.point.as_deref().filter(|_| from <= Level::Point) {
        s += &match style {
            Style::Parens if plain => format!("({x})"),
            Style::Parens => format!(" point ({x})"),
            Style::Dotted if dotted => format!(".{x}"),
            _ if numeric && german => format!(" Nr. {x}"),
            _ if numeric => format!(" no. {x}"),
            _ => format!(" lit. {x}"),
        };
    }
    if let Some(x) = p.subpoint.as_deref() {
        s += &match style {
            Style::Parens if plain => format!("({x})"),
            Style::Parens => format!(" point ({x})"),
            _ => format!(" lit. {x}"),
        };
    }
    s
}

fn roman(n: u32) -> &'static str {
    const R: [&str; 13] = [
        "0", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.get(n as usize).copied().unwrap_or("XII")
}
