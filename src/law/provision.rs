//! The address of one provision of a law: article, paragraph, sentence, point.

use serde::Serialize;

/// One cited provision: article and optional parts; absent parts are `None` (JSON null).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Provision {
    /// Article (or section, for "§" laws) number.
    pub article: u32,
    /// Paragraph number.
    pub paragraph: Option<u32>,
    /// Subparagraph number (German "UAbs.").
    pub subparagraph: Option<u32>,
    /// Sentence number (German "S."/"Satz").
    pub sentence: Option<u32>,
    /// Point label without parentheses: "f", or "11" for Art. 4's definitions.
    pub point: Option<String>,
    /// Subpoint label ("a" in Art. 4(16)(a)).
    pub subpoint: Option<String>,
    /// Whether the provision exists in the GDPR; `None` for other laws.
    pub exists: Option<bool>,
    /// A recital rather than an article: `article` holds the recital's number.
    pub recital: bool,
}

impl Provision {
    /// An article-only provision.
    pub fn article(article: u32) -> Self {
        Provision {
            article,
            ..Provision::default()
        }
    }

    /// The same provision without the `exists` flag, for comparing what is cited.
    pub fn cited(&self) -> Provision {
        Provision {
            exists: None,
            ..self.clone()
        }
    }
}
