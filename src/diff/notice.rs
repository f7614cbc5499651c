//! Notice classes: which changes of a register someone must be told of before they apply,
//! and the provision that says so. One table, [`NOTICES`]; `docs/diff.md` shows it (a
//! test keeps the copy current), `--format json` carries it, and every change names the
//! classes it falls in.
//!
//! Two audiences. *Customers* are the controllers for whom the register's owner processes
//! data as a processor (B2B customers under a DPA): for them every processor in the
//! register is a sub-processor, and Art. 28(2) GDPR entitles them to hear of a new or
//! replaced one in time to object. *Users* are the data subjects the policy informs.
//! Everything else a diff finds (wording, removals, retention, data categories,
//! addresses, links) changes the policy's text, which the changelog records, and needs no
//! notice of its own.

use serde::Serialize;

use crate::render::env::CitationStyle;

/// Who must be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// The controllers the register's owner processes data for (Art. 28 GDPR).
    Customers,
    /// The data subjects (Art. 12-14 GDPR).
    Users,
}

impl Audience {
    /// `customers` or `users`.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Customers => "customers",
            Audience::Users => "users",
        }
    }
}

/// A provision of the GDPR, cited in the project's `citation_style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provision {
    /// Article.
    pub article: u32,
    /// Paragraph.
    pub paragraph: Option<u32>,
    /// Point letter.
    pub point: Option<&'static str>,
    /// Subparagraph, where not the first.
    pub subparagraph: Option<u32>,
}

impl Provision {
    /// The citation in `style`: "Art. 28 para. 2 GDPR", "Art. 28(2) GDPR".
    pub fn cite(&self, style: CitationStyle) -> String {
        style.cite(self.article, self.paragraph, self.point, self.subparagraph)
    }
}

const fn art(article: u32, paragraph: u32, point: Option<&'static str>) -> Provision {
    Provision {
        article,
        paragraph: Some(paragraph),
        point,
        subparagraph: None,
    }
}

const fn whole(article: u32) -> Provision {
    Provision {
        article,
        paragraph: None,
        point: None,
        subparagraph: None,
    }
}

/// One notice class.
#[derive(Debug, PartialEq, Eq)]
pub struct Notice {
    /// Stable identifier, as the JSON output names it (`new-sub-processor`).
    pub id: &'static str,
    /// Who must be told.
    pub audience: Audience,
    /// The change, in a phrase ("a new sub-processor").
    pub summary: &'static str,
    /// Which register changes fall in it.
    pub when: &'static str,
    /// The provisions that require the notice.
    pub provisions: &'static [Provision],
    /// Guidance that reads the provisions so, where the text alone does not say it.
    pub guidance: Option<&'static str>,
}

/// The Article 29 Working Party's transparency guidelines, endorsed by the EDPB, on which
/// changes of the information of Art. 13 and 14 must be told, and when.
const WP260: &str = "WP260 rev.01 (transparency guidelines), on changes to Art. 13 and 14 information and their timing";

/// A new sub-processor.
pub static NEW_SUB_PROCESSOR: Notice = Notice {
    id: "new-sub-processor",
    audience: Audience::Customers,
    summary: "a new sub-processor",
    when: "a processor is added whose legal entity (the DPA counterparty, else the provider) \
           the register did not engage as a processor before, a service becomes a processor \
           (`role`), or a processor's onward recipient that processes on its behalf is added",
    provisions: &[art(28, 2, None), art(28, 4, None)],
    guidance: None,
};

/// A sub-processor replaced by another legal entity.
pub static REPLACED_SUB_PROCESSOR: Notice = Notice {
    id: "replaced-sub-processor",
    audience: Audience::Customers,
    summary: "a sub-processor replaced by another legal entity",
    when: "a processor's provider, DPA counterparty or importer is another legal entity, or \
           so is the provider of a processor's onward recipient",
    provisions: &[art(28, 2, None)],
    guidance: None,
};

/// A sub-processor transferring to a new third country.
pub static SUB_PROCESSOR_TRANSFER: Notice = Notice {
    id: "sub-processor-transfer",
    audience: Audience::Customers,
    summary: "a sub-processor's new transfer to a third country",
    when: "a processor, or its onward recipient, has a transfer to a country it did not \
           transfer to before",
    provisions: &[art(28, 3, Some("a")), whole(44)],
    guidance: None,
};

/// A sub-processor's transfer relying on another tool.
pub static SUB_PROCESSOR_TRANSFER_TOOL: Notice = Notice {
    id: "sub-processor-transfer-tool",
    audience: Audience::Customers,
    summary: "a sub-processor's transfer relies on another transfer tool",
    when: "a mechanism is added to or removed from a transfer of a processor or of its \
           onward recipient",
    provisions: &[art(28, 3, Some("a")), whole(44)],
    guidance: None,
};

/// A new purpose.
pub static NEW_PURPOSE: Notice = Notice {
    id: "new-purpose",
    audience: Audience::Users,
    summary: "a new purpose",
    when: "a purpose is added to a section or to a service, or a section is added; a purpose \
           reworded counts as new, since the words are all privreg can compare",
    provisions: &[art(13, 3, None), art(14, 4, None)],
    guidance: None,
};

/// A new legal basis.
pub static NEW_BASIS: Notice = Notice {
    id: "new-basis",
    audience: Audience::Users,
    summary: "a new legal basis",
    when: "a legal basis is added to a section, or a purpose is newly assigned to a basis \
           (`legal_bases[].purposes`)",
    provisions: &[
        art(13, 1, Some("c")),
        art(14, 1, Some("c")),
        art(13, 3, None),
    ],
    guidance: None,
};

/// A new right to object.
pub static RIGHT_TO_OBJECT: Notice = Notice {
    id: "right-to-object",
    audience: Audience::Users,
    summary: "a new right to object",
    when: "a basis of Art. 6(1)(e) or (f) (`public-task`, `legitimate-interests`) is added, or \
           a purpose of direct marketing (`direct_marketing`)",
    provisions: &[art(21, 4, None)],
    guidance: None,
};

/// A new third country.
pub static NEW_THIRD_COUNTRY: Notice = Notice {
    id: "new-third-country",
    audience: Audience::Users,
    summary: "a transfer to a new third country",
    when: "a transfer goes to a country to which no transfer of the register went before",
    provisions: &[art(13, 1, Some("f")), art(14, 1, Some("f"))],
    guidance: Some(WP260),
};

/// A transfer resting on a derogation the data subject must hear of.
pub static DEROGATION: Notice = Notice {
    id: "derogation",
    audience: Audience::Users,
    summary: "a transfer on explicit consent or compelling legitimate interests",
    when: "a transfer newly names `derogation-consent` or `derogation-compelling-interests`",
    provisions: &[
        art(49, 1, Some("a")),
        Provision {
            article: 49,
            paragraph: Some(1),
            point: None,
            subparagraph: Some(2),
        },
    ],
    guidance: None,
};

/// A new recipient acting as a controller, or a new category of recipients.
pub static NEW_RECIPIENT: Notice = Notice {
    id: "new-recipient",
    audience: Audience::Users,
    summary: "data goes to a new controller or a new category of recipients",
    when: "an independent or joint controller is added (a service or onward recipient with \
           `role: controller` or `joint-controller`, or one whose role or legal entity \
           changes to such), or a category of recipients (`recipient_categories`)",
    provisions: &[
        art(13, 1, Some("e")),
        art(14, 1, Some("e")),
        art(26, 2, None),
    ],
    guidance: Some(WP260),
};

/// Another controller.
pub static NEW_CONTROLLER: Notice = Notice {
    id: "new-controller",
    audience: Audience::Users,
    summary: "another controller",
    when: "the controller of privreg.yaml is another legal entity (`controller.legal_name`)",
    provisions: &[art(13, 1, Some("a")), art(14, 1, Some("a"))],
    guidance: Some(WP260),
};

/// Every notice class, customers first.
pub static NOTICES: &[&Notice] = &[
    &NEW_SUB_PROCESSOR,
    &REPLACED_SUB_PROCESSOR,
    &SUB_PROCESSOR_TRANSFER,
    &SUB_PROCESSOR_TRANSFER_TOOL,
    &NEW_PURPOSE,
    &NEW_BASIS,
    &RIGHT_TO_OBJECT,
    &NEW_THIRD_COUNTRY,
    &DEROGATION,
    &NEW_RECIPIENT,
    &NEW_CONTROLLER,
];

/// The Markdown table of docs/diff.md.
pub fn table() -> String {
    let mut out =
        String::from("| class | who is told | the change | when | why |\n|---|---|---|---|---|\n");
    for n in NOTICES {
        let cites: Vec<String> = n
            .provisions
            .iter()
            .map(|p| p.cite(CitationStyle::Parens))
            .collect();
        let why = match n.guidance {
            Some(g) => format!("{}; {g}", cites.join(", ")),
            None => cites.join(", "),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            n.id,
            n.audience.as_str(),
            n.summary,
            n.when,
            why
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provision_exists_in_the_gdpr() {
        for n in NOTICES {
            for p in n.provisions {
                let provision = crate::law::Provision {
                    article: p.article,
                    paragraph: p.paragraph,
                    subparagraph: p.subparagraph,
                    point: p.point.map(str::to_owned),
                    ..Default::default()
                };
                assert!(
                    crate::law::gdpr::exists(&provision).is_ok(),
                    "{}: {}",
                    n.id,
                    p.cite(CitationStyle::Parens)
                );
            }
        }
    }

    #[test]
    fn ids_are_unique_and_customers_come_first() {
        let mut ids: Vec<&str> = NOTICES.iter().map(|n| n.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), NOTICES.len());
        assert!(NOTICES.windows(2).all(|w| w[0].audience <= w[1].audience));
    }

    #[test]
    fn docs_diff_md_holds_the_current_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diff.md");
        let doc = std::fs::read_to_string(path).unwrap();
        let (start, end) = ("<!-- notices:start -->\n", "<!-- notices:end -->");
        let a = doc.find(start).expect("start marker") + start.len();
        let b = doc.find(end).expect("end marker");
        let generated = format!(
            "<!-- Generated from src/diff/notice.rs by `PRIVREG_BLESS=1 cargo test`; do not \
             edit. -->\n{}",
            table()
        );
        if std::env::var_os("PRIVREG_BLESS").is_some() {
            let fresh = format!("{}{generated}{}", &doc[..a], &doc[b..]);
            std::fs::write(path, fresh).unwrap();
            return;
        }
        assert_eq!(
            &doc[a..b],
            generated,
            "docs/diff.md is stale: run `PRIVREG_BLESS=1 cargo test`"
        );
    }
}
