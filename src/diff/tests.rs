//! The comparison on small registers, one kind of change at a time, each with the notices
//! it needs; then the properties on generated registers: a register compared with itself
//! has no change, and a generated mutation shows as exactly the fields it changed.

use std::path::PathBuf;
use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::model::{Config, Section};
use crate::project::{LoadedSection, Project, Settings};
use crate::source::SourceFile;

const CHAT: &str = "\
id: chat
order: 1
title: Chat
purposes: [talking to customers]
legal_bases:
  - basis: contract
processors:
  - service: Slack
    provider: { legal_name: Slack Technologies Limited, address: \"1 Dock, Dublin\", country: IE }
    dpa: { concluded: true }
";

const MAIL: &str = "\
id: mail
order: 2
title: Mail
purposes: [sending invoices]
legal_bases:
  - basis: contract
processors:
  - service: Postmark
    provider: { legal_name: ActiveCampaign LLC, address: \"1 North Dearborn, Chicago\", country: US }
    dpa: { concluded: true }
    transfers:
      - { country: US, certainty: takes-place, mechanisms: [dpf] }
";

fn loaded(yaml: &str) -> LoadedSection {
    let file = SourceFile::virtual_file("registers/s.yaml", yaml);
    let mut found = Vec::new();
    let section = crate::project::load_file::<Section>(&file, &mut found)
        .unwrap_or_else(|| panic!("{yaml}\n{found:?}"));
    assert!(found.is_empty(), "{yaml}\n{found:?}");
    LoadedSection { file, section }
}

fn project(config: Option<&str>, sections: &[&str]) -> Project {
    project_of(config, sections.iter().map(|y| loaded(y)).collect())
}

fn project_of(config: Option<&str>, sections: Vec<LoadedSection>) -> Project {
    let (config_file, raw) = match config {
        Some(text) => {
            let file = SourceFile::virtual_file("privreg.yaml", text);
            let mut found = Vec::new();
            let raw = crate::project::load_file::<Config>(&file, &mut found);
            assert!(found.is_empty(), "{found:?}");
            (Some(file), raw)
        }
        None => (None, None),
    };
    Project {
        root: PathBuf::from("/nonexistent/privreg-diff"),
        config_file,
        config: Settings::from_config(raw),
        files: sections.iter().map(|s| Arc::clone(&s.file)).collect(),
        sections,
        prose: Vec::new(),
        prose_findings: Vec::new(),
        diagnostics: Vec::new(),
    }
}

/// Each change as `path kind [notices]`.
fn lines(changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .map(|c| {
            let kind = match c.kind {
                Kind::Added => "added",
                Kind::Removed => "removed",
                Kind::Changed => "changed",
                Kind::Renamed => "renamed",
            };
            let ids: Vec<&str> = c.notices.iter().map(|n| n.id).collect();
            let section = c.section.as_ref().map_or("privreg.yaml", |s| s.id.as_str());
            format!("{section}: {} {kind} [{}]", c.path_text(), ids.join(" "))
        })
        .collect()
}

fn diff(old: &[&str], new: &[&str]) -> Vec<String> {
    lines(&compare(
        &project(None, old),
        &project(None, new),
        Options::default(),
    ))
}

/// `CHAT` with its Slack processor changed by `edit`.
fn chat(edit: impl Fn(&str) -> String) -> String {
    edit(CHAT)
}

#[test]
fn a_register_compared_with_itself_has_no_change() {
    assert!(diff(&[CHAT, MAIL], &[CHAT, MAIL]).is_empty());
    assert!(diff(&[CHAT, MAIL], &[MAIL, CHAT]).is_empty(), "file order");
}

#[test]
fn list_order_and_spelled_out_defaults_are_no_change() {
    let reordered = CHAT.replace(
        "purposes: [talking to customers]",
        "purposes: [answering, talking to customers]",
    );
    let swapped = CHAT.replace(
        "purposes: [talking to customers]",
        "purposes: [talking to customers, answering]",
    );
    assert!(diff(&[&reordered], &[&swapped]).is_empty());
    let spelled = CHAT
        .replace("    dpa:", "    role: processor\n    dpa:")
        .replace(
            "title: Chat",
            "title: Chat\nprocessed_by: processors\ndata_categories_exhaustive: true",
        )
        .replace("basis: contract", "basis: A6-1-b");
    assert!(
        diff(&[CHAT], &[&spelled]).is_empty(),
        "{:?}",
        diff(&[CHAT], &[&spelled])
    );
}

#[test]
fn wording_changes_need_no_notice() {
    let new = CHAT.replace("title: Chat", "title: Chat with us\nsummary: We talk.");
    assert_eq!(
        diff(&[CHAT], &[&new]),
        ["chat: title changed []", "chat: summary added []"]
    );
}

#[test]
fn a_new_processor_is_a_new_sub_processor_unless_its_entity_is_engaged_already() {
    let zoom = "  - service: Zoom\n    provider: { legal_name: \"Zoom Video Communications, Inc.\", address: \"55 Almaden Blvd\", country: US }\n    dpa: { concluded: true }\n";
    let new = format!("{CHAT}{zoom}");
    assert_eq!(
        diff(&[CHAT], &[&new]),
        ["chat: processors added [new-sub-processor]"]
    );
    // The same entity as Postmark's, already engaged in another section: no new one.
    let again = format!(
        "{CHAT}  - service: Postmark\n    provider: {{ legal_name: ActiveCampaign LLC, address: \"x\", country: US }}\n"
    );
    assert_eq!(
        diff(&[CHAT, MAIL], &[&again, MAIL]),
        ["chat: processors added []"]
    );
}

#[test]
fn a_new_service_name_for_the_same_entity_is_a_rename() {
    let new = CHAT.replace("service: Slack", "service: Slack Enterprise Grid");
    let found = compare(
        &project(None, &[CHAT]),
        &project(None, &[&new]),
        Options::default(),
    );
    assert_eq!(lines(&found), ["chat: processors renamed []"]);
    assert_eq!(found[0].old, Some(text("Slack")));
    assert_eq!(found[0].new, Some(text("Slack Enterprise Grid")));
    // Another entity under another name is a removal and an addition.
    let other = CHAT.replace("service: Slack", "service: Teams").replace(
        "Slack Technologies Limited",
        "Microsoft Ireland Operations Limited",
    );
    assert_eq!(
        diff(&[CHAT], &[&other]),
        [
            "chat: processors added [new-sub-processor]",
            "chat: processors removed []"
        ]
    );
}

#[test]
fn another_legal_entity_for_a_service_is_a_replaced_sub_processor() {
    let new = chat(|s| s.replace("Slack Technologies Limited", "\"Salesforce, Inc.\""));
    assert_eq!(
        diff(&[CHAT], &[&new]),
        ["chat: processors[Slack].provider.legal_name changed [replaced-sub-processor]"]
    );
    let counterparty = chat(|s| {
        s.replace(
            "dpa: { concluded: true }",
            "dpa: { concluded: true, counterparty: Slack Ireland Limited }",
        )
    });
    assert_eq!(
        diff(&[CHAT], &[&counterparty]),
        ["chat: processors[Slack].dpa.counterparty added [replaced-sub-processor]"]
    );
    let address = chat(|s| s.replace("1 Dock, Dublin", "2 Dock, Dublin"));
    assert_eq!(
        diff(&[CHAT], &[&address]),
        ["chat: processors[Slack].provider.address changed []"]
    );
}

#[test]
fn transfers_tell_customers_and_a_new_country_tells_users() {
    let to = |country: &str, mechanisms: &str| {
        CHAT.replace(
            "    dpa: { concluded: true }\n",
            &format!(
                "    dpa: {{ concluded: true }}\n    transfers:\n      - {{ country: {country}, certainty: possible, mechanisms: [{mechanisms}] }}\n"
            ),
        )
    };
    assert_eq!(
        diff(&[CHAT, MAIL], &[&to("IN", "scc"), MAIL]),
        ["chat: processors[Slack].transfers added [sub-processor-transfer new-third-country]"]
    );
    // The register transfers to the US already (MAIL): customers only.
    assert_eq!(
        diff(&[CHAT, MAIL], &[&to("US", "scc"), MAIL]),
        ["chat: processors[Slack].transfers added [sub-processor-transfer]"]
    );
    assert_eq!(
        diff(&[&to("US", "dpf"), MAIL], &[&to("US", "dpf, scc"), MAIL]),
        ["chat: processors[Slack].transfers[US].mechanisms added [sub-processor-transfer-tool]"]
    );
    assert_eq!(
        diff(
            &[&to("IN", "scc"), MAIL],
            &[&to("IN", "scc, derogation-consent"), MAIL]
        ),
        [
            "chat: processors[Slack].transfers[IN].mechanisms added [sub-processor-transfer-tool derogation]"
        ]
    );
    // A DPV id is the same mechanism as its code.
    assert!(diff(&[&to("IN", "scc")], &[&to("IN", "A46-2-c")]).is_empty());
}

#[test]
fn a_controllers_transfers_tell_no_customer() {
    let controller = |mechanisms: &str| {
        CHAT.replace(
            "    dpa: { concluded: true }\n",
            &format!(
                "    role: controller\n    transfers:\n      - {{ country: US, certainty: possible, mechanisms: [{mechanisms}] }}\n"
            ),
        )
    };
    assert_eq!(
        diff(
            &[&controller("scc"), MAIL],
            &[&controller("scc, dpf"), MAIL]
        ),
        ["chat: processors[Slack].transfers[US].mechanisms added []"]
    );
    assert_eq!(
        diff(&[CHAT], &[&controller("scc")]),
        [
            "chat: processors[Slack].role changed [new-recipient]",
            "chat: processors[Slack].dpa removed []",
            "chat: processors[Slack].transfers added [new-third-country]"
        ]
    );
}

#[test]
fn new_purposes_and_bases_tell_users() {
    let new = CHAT
        .replace(
            "purposes: [talking to customers]",
            "purposes: [talking to customers, improving the service]\ndirect_marketing: [improving the service]",
        )
        .replace(
            "  - basis: contract\n",
            "  - basis: contract\n  - basis: legitimate-interests\n    interest: a better service\n    purposes: [improving the service]\n",
        );
    assert_eq!(
        diff(&[CHAT], &[&new]),
        [
            "chat: purposes added [new-purpose]",
            "chat: legal_bases added [new-basis right-to-object]",
            "chat: direct_marketing added [right-to-object]",
        ]
    );
    let assigned = CHAT.replace(
        "  - basis: contract\n",
        "  - basis: contract\n    purposes: [talking to customers]\n",
    );
    assert_eq!(
        diff(&[CHAT], &[&assigned]),
        ["chat: legal_bases[contract].purposes added [new-basis]"]
    );
}

#[test]
fn sections_added_bring_their_notices_and_removed_ones_none() {
    assert_eq!(
        diff(&[CHAT], &[CHAT, MAIL]),
        [
            "mail: section added [new-sub-processor sub-processor-transfer new-purpose new-basis new-third-country]"
        ]
    );
    assert_eq!(diff(&[CHAT, MAIL], &[CHAT]), ["mail: section removed []"]);
}

#[test]
fn order_is_compared_only_when_asked() {
    let moved = CHAT.replace("order: 1", "order: 7");
    assert!(diff(&[CHAT], &[&moved]).is_empty());
    let asked = compare(
        &project(None, &[CHAT]),
        &project(None, &[&moved]),
        Options { order: true },
    );
    assert_eq!(lines(&asked), ["chat: order changed []"]);
}

#[test]
fn another_controller_tells_users_and_a_new_email_does_not() {
    let config = |name: &str, email: &str| {
        format!(
            "controller:\n  legal_name: {name}\n  address: Hauptstr. 1, 10115 Berlin\n  country: DE\n  email: {email}\n"
        )
    };
    let old = project(Some(&config("Example GmbH", "a@example.com")), &[CHAT]);
    let new = project(Some(&config("Example SE", "b@example.com")), &[CHAT]);
    assert_eq!(
        lines(&compare(&old, &new, Options::default())),
        [
            "privreg.yaml: controller.legal_name changed [new-controller]",
            "privreg.yaml: controller.email changed []"
        ]
    );
}

#[test]
fn onward_recipients_and_recipient_categories() {
    let hubspot = "    onward_recipients:\n      - { name: HubSpot, provider: { legal_name: HubSpot Ireland Limited, address: \"1 Sir John Rogerson's Quay\", country: IE } }\n";
    let with = chat(|s| format!("{s}{hubspot}"));
    assert_eq!(
        diff(&[CHAT], &[&with]),
        ["chat: processors[Slack].onward_recipients added [new-sub-processor]"]
    );
    let as_controller = with.replace("{ name: HubSpot,", "{ name: HubSpot, role: controller,");
    assert_eq!(
        diff(&[&with], &[&as_controller]),
        ["chat: processors[Slack].onward_recipients[HubSpot].role changed [new-recipient]"]
    );
    let categories = format!("{CHAT}recipient_categories: [tax advisers]\n");
    assert_eq!(
        diff(&[CHAT], &[&categories]),
        ["chat: recipient_categories added [new-recipient]"]
    );
}

#[test]
fn locations_point_at_the_new_value_or_at_the_removed_one() {
    let new = CHAT.replace("title: Chat", "title: Chat with us");
    let found = compare(
        &project(None, &[CHAT]),
        &project(None, &[&new]),
        Options::default(),
    );
    assert_eq!(
        (found[0].at.side, found[0].at.line, found[0].at.column),
        (Which::New, 3, 8)
    );
    let found = compare(
        &project(None, &[CHAT, MAIL]),
        &project(None, &[CHAT]),
        Options::default(),
    );
    assert_eq!(found[0].at.side, Which::Old);
}

// --- Properties on generated registers -------------------------------------------------

/// Generated sections: those of the renderer's generator (every field the register
/// allows, in every combination), by index.
fn generated(indices: &[usize]) -> Vec<LoadedSection> {
    indices
        .iter()
        .map(|&i| loaded(&crate::render::prose_tests::section(i)))
        .collect()
}

/// A mutation of one section's model, and the changes it must show as:
/// `(path, kind)` within that section.
type Expected = Vec<(String, Kind)>;

/// Applies mutation `m` to `s`; returns what the diff must find (possibly nothing, for
/// mutations that change no fact).
fn mutate(s: &mut Section, m: usize) -> Expected {
    use crate::load::Spanned;
    let sp = |v: &str| Spanned::new(crate::load::Text::plain(v), 0..0);
    let sc = |v: &str| Spanned::new(v.to_owned(), 0..0);
    let one = |field: &str, kind| vec![(field.to_owned(), kind)];
    match m % 14 {
        0 => {
            s.title.value.text.push_str(" (new)");
            one("title", Kind::Changed)
        }
        1 => {
            s.purposes.push(sp("a purpose nobody had"));
            one("purposes", Kind::Added)
        }
        2 => {
            s.purposes.remove(0);
            if s.purposes.is_empty() {
                s.purposes.push(sp("a replacement purpose"));
                return vec![
                    ("purposes".into(), Kind::Added),
                    ("purposes".into(), Kind::Removed),
                ];
            }
            one("purposes", Kind::Removed)
        }
        3 => {
            s.data_categories.push(sp("shoe sizes"));
            one("data_categories", Kind::Added)
        }
        4 => match s.processors.first_mut() {
            Some(p) => {
                p.value.service.value.text.push_str(" Pro");
                one("processors", Kind::Renamed)
            }
            None => Vec::new(),
        },
        5 => match s.processors.first_mut() {
            Some(p) => {
                p.value
                    .provider
                    .value
                    .address
                    .value
                    .text
                    .push_str(", 2nd floor");
                let key = p.value.service.value.clone();
                one(
                    &format!("processors[{key}].provider.address"),
                    Kind::Changed,
                )
            }
            None => Vec::new(),
        },
        6 => {
            let mut p = s
                .processors
                .first()
                .cloned()
                .unwrap_or_else(|| loaded(CHAT).section.processors[0].clone());
            p.value.service.value = crate::load::Text::plain("Brand New Tool");
            p.value.provider.value.legal_name.value =
                crate::load::Text::plain("Brand New Tool GmbH");
            s.processors.push(p);
            one("processors", Kind::Added)
        }
        7 => match s.processors.pop() {
            Some(_) => one("processors", Kind::Removed),
            None => Vec::new(),
        },
        8 => {
            let key = s.processors.first().map(|p| p.value.service.value.clone());
            let t = s
                .processors
                .first_mut()
                .and_then(|p| p.value.transfers.first_mut());
            match (key, t) {
                (Some(key), Some(t)) if !t.value.mechanisms.iter().any(|m| m.value == "bcr") => {
                    t.value.mechanisms.push(sc("bcr"));
                    let country = t.value.country.value.clone();
                    one(
                        &format!("processors[{key}].transfers[{country}].mechanisms"),
                        Kind::Added,
                    )
                }
                _ => Vec::new(),
            }
        }
        9 => match s.retention.take() {
            Some(_) => one("retention", Kind::Removed),
            None => Vec::new(),
        },
        10 => {
            if s.legal_bases
                .iter()
                .any(|b| b.value.basis.value == "vital-interests")
            {
                return Vec::new();
            }
            let mut b = s.legal_bases[0].clone();
            b.value = crate::model::LegalBasis {
                span: 0..0,
                basis: sc("vital-interests"),
                scope: None,
                condition: None,
                interest: None,
                purposes: Vec::new(),
                data_categories: Vec::new(),
                national_law: None,
            };
            s.legal_bases.push(b);
            one("legal_bases", Kind::Added)
        }
        11 => match s.processors.first_mut() {
            Some(p) => {
                let key = p.value.service.value.clone();
                let was = p
                    .value
                    .role
                    .as_ref()
                    .map_or("processor", |r| r.value.as_str());
                let to = if was == "processor" {
                    "controller"
                } else {
                    "processor"
                };
                p.value.role = Some(sc(to));
                one(&format!("processors[{key}].role"), Kind::Changed)
            }
            None => Vec::new(),
        },
        12 => {
            // Spelling out a default changes no fact.
            if s.data_categories_exhaustive.is_none() {
                s.data_categories_exhaustive = Some(Spanned::new(true, 0..0));
            }
            Vec::new()
        }
        _ => {
            s.order.value += 1000;
            Vec::new()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_generated_register_compared_with_itself_has_no_change(
        indices in proptest::collection::btree_set(0usize..240, 1..6)
    ) {
        let indices: Vec<usize> = indices.into_iter().collect();
        let a = project_of(None, generated(&indices));
        let b = project_of(None, generated(&indices));
        let found = compare(&a, &b, Options { order: true });
        prop_assert!(found.is_empty(), "{:?}", lines(&found));
    }

    #[test]
    fn a_generated_mutation_shows_as_exactly_the_fields_it_changed(
        indices in proptest::collection::btree_set(0usize..240, 1..6),
        mutations in proptest::collection::vec((0usize..6, 0usize..14), 1..4),
    ) {
        let indices: Vec<usize> = indices.into_iter().collect();
        let old = project_of(None, generated(&indices));
        let mut sections = generated(&indices);
        let mut expected: Vec<String> = Vec::new();
        let mut touched = std::collections::HashSet::new();
        for (which, m) in mutations {
            let which = which % sections.len();
            // One mutation a section, so that each expectation holds on its own.
            if !touched.insert(which) {
                continue;
            }
            let s = &mut sections[which].section;
            let id = s.id.value.clone();
            for (path, kind) in mutate(s, m) {
                expected.push(format!("{id}: {path} {kind:?}"));
            }
        }
        let new = project_of(None, sections);
        let found: Vec<String> = compare(&old, &new, Options::default())
            .iter()
            .map(|c| format!("{}: {} {:?}", c.section.as_ref().unwrap().id, c.path_text(), c.kind))
            .collect();
        let (mut e, mut f) = (expected.clone(), found.clone());
        e.sort();
        f.sort();
        prop_assert_eq!(e, f);
    }
}
