//! `privreg init`: a new project in one command: settings with every key explained, one
//! example register whose only finding is the controller the user must name, and the
//! `.gitignore` lines for privreg's temporary files.
//!
//! The output directory is committed, not ignored: CI runs `privreg build --check` against
//! it (README, docs/ci.md), and a website deploys it from the repository.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::schema::Target;

/// The files `init` writes, relative to the project directory, with their contents. The
/// JSON Schemas come along so editors validate offline and against this very version.
/// `.gitignore` is not among them: [`scaffold`] adds its lines to the one there is.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("privreg.yaml", CONFIG.to_owned()),
        ("registers/example.yaml", REGISTER.to_owned()),
        (
            Target::Register.path(),
            crate::schema::render(Target::Register),
        ),
        (Target::Config.path(), crate::schema::render(Target::Config)),
    ]
}

/// Writes [`files`] into `dir` (created if missing). Refuses before writing anything when
/// any of them exists, so a project is never half-overwritten.
pub fn scaffold(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let files = files();
    let existing: Vec<&str> = files
        .iter()
        .filter(|(rel, _)| dir.join(rel).exists())
        .map(|(rel, _)| *rel)
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "{} already exist{} in {}; privreg init overwrites nothing",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" },
            dir.display()
        )));
    }
    let mut written = Vec::new();
    for (rel, text) in &files {
        let path = dir.join(rel);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)
        };
        write().map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    written.push(add_ignores(dir)?);
    Ok(written)
}

const CONFIG: &str = r#"# yaml-language-server: $schema=schema/privreg.schema.json
# privreg settings. Every key is optional; docs/reference.md describes each one.

# Chapter number of the processors chapter: sections render as 10.1, 10.2, ...
chapter: "10"
# Chapter heading.
title: Processors and services we use
# The controller publishing the policy and how to reach it (Art. 13(1)(a)-(b) GDPR): the
# chapter opens with it. `privreg check` warns (PRV501) until you fill it in.
# controller:
#   legal_name: Example GmbH
#   address: Hauptstr. 1, 10115 Berlin
#   country: DE
#   email: privacy@example.com
#   dpo: { email: dpo@example.com }
# The languages of the output, the first the default: `en`, `de`, or both (`[de, en]`:
# one file set per language, and texts may be given by language, `{de: ..., en: ...}`).
languages: [en]
# language: en   (one language: the same as `languages: [en]`)
# `para-lit` ("Art. 6 para. 1 lit. f GDPR") or `parens` ("Art. 6(1)(f) GDPR").
citation_style: para-lit
# Date of the policy's last change (YYYY-MM-DD, quoted). Adequacy decisions are judged on
# this date; without it, on SOURCE_DATE_EPOCH or today.
# last_updated: "2026-01-31"
# Directory of the register files, one YAML file per policy section.
registers: registers
# Output directory of `privreg build`.
output: dist
# What `privreg build` writes there: `policy` (the default), `record` (Art. 30),
# `subprocessors` (Art. 28(2), (4)) and `jsonld` (DPV).
# outputs: [policy, record, subprocessors, jsonld]
# Heading level of the chapter in Markdown (1-5); sections are one level deeper.
heading_level: 2
# Severity per rule: error, warning or off. `privreg rules` lists the codes.
# rules:
#   PRV301: error
# Paths that `check` skips (relative to this file, `*` wildcards).
# exclude: ["registers/draft-*.yaml"]
# Treat citations without a law name ("Art. 6(1)(f)") as GDPR citations.
implied_gdpr: true
# The law on storing and reading information on users' devices: `tdddg` (§ 25 TDDDG) or
# `eprivacy` (Art. 5(3) of Directive 2002/58/EC).
device_access_law: tdddg
# Below this age a child's consent needs the holder of parental responsibility (Art. 8(1)
# GDPR: 16, or your Member State's lower age, not below 13).
# child_consent_age: 16
# A general description of the technical and organisational security measures of every
# processing activity, for the record of processing activities (Art. 30(1)(g), 32(1)
# GDPR). `privreg check` warns (PRV701) until you describe yours, here or per section.
# security_measures:
#   - encryption in transit and at rest
#   - role-based access control with two-factor authentication
# Processing you carry out as a processor for your customers (Art. 30(2) GDPR).
# processor_for:
#   - controllers: [{ legal_name: Customer GmbH, address: "Ring 1, 50667 Köln", country: DE }]
#     processing: [hosting the customer's workspace]
"#;

const REGISTER: &str = r#"# yaml-language-server: $schema=../schema/register.schema.json
# One policy section per file. Replace this example with your first processing activity
# and run `privreg check`. Every field: docs/reference.md; every rule: `privreg rules`.
id: newsletter
order: 1
title: Newsletter
purposes:
  - sending our newsletter to subscribers
data_subjects: [newsletter subscribers]
data_categories: [email address, first name, opening and click statistics]
legal_bases:
  - basis: consent
    condition: when you subscribe to the newsletter
processors:
  - service: Example Mail
    provider:
      legal_name: Example Mail GmbH
      address: Musterstraße 1, 10115 Berlin
      country: DE
    dpa:
      concluded: true
    privacy_policy: https://mail.example/privacy
# Whether subscribers must give the data, and what follows if not (Art. 13(2)(e) GDPR).
provision:
  requirement: voluntary
  consequences: we cannot send you the newsletter
# A newsletter is direct marketing: the policy states the unconditional right to object.
direct_marketing:
  - sending our newsletter to subscribers
# Opening and click statistics come from a tracking pixel: device access with consent.
device_access: consent
retention:
  until: you unsubscribe
"#;

/// What git should not see: the build's staging directories and lock, and the temporary
/// files of `lint --fix`, should a run be killed before it cleans up.
const IGNORES: &[&str] = &[
    ".privreg-new-*",
    ".privreg-old-*",
    ".privreg-fix-*",
    ".privreg.lock",
];

/// Adds the lines of [`IGNORES`] that `.gitignore` in `dir` lacks, creating the file if
/// there is none; a repository's own lines are kept as they are.
fn add_ignores(dir: &Path) -> Result<PathBuf, Error> {
    let path = dir.join(".gitignore");
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(Error::Write { path, source }),
    };
    let missing: Vec<&str> = IGNORES
        .iter()
        .copied()
        .filter(|line| !existing.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(path);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(
        "# privreg's temporary files; its output (dist/) is committed for `build --check`.\n",
    );
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(&path, text).map_err(|source| Error::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Config;

    #[test]
    fn the_scaffolded_settings_mention_every_setting() {
        for f in Config::INFO.fields {
            let present = CONFIG.lines().any(|l| {
                let l = l.trim_start_matches(['#', ' ']);
                l.starts_with(&format!("{}:", f.name))
            });
            assert!(present, "privreg.yaml from init lacks `{}`", f.name);
        }
    }

    #[test]
    fn init_refuses_to_overwrite_and_then_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("privreg.yaml"), "mine\n").unwrap();
        let err = scaffold(dir.path()).unwrap_err();
        assert!(
            err.to_string().contains("privreg.yaml already exists"),
            "{err}"
        );
        assert!(!dir.path().join("registers").exists());
        assert!(!dir.path().join(".gitignore").exists());
    }

    #[test]
    fn init_adds_its_lines_to_an_existing_gitignore_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "node_modules\n.privreg.lock").unwrap();
        scaffold(dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
        assert!(text.starts_with("node_modules\n.privreg.lock\n"), "{text}");
        assert_eq!(text.matches(".privreg.lock").count(), 1, "{text}");
        assert!(text.contains(".privreg-new-*\n"), "{text}");
        assert!(
            !text
                .lines()
                .any(|l| l.trim_start_matches('/').starts_with("dist")),
            "the output is committed: {text}"
        );
    }

    #[test]
    fn the_scaffolded_project_asks_only_for_the_controller() {
        let dir = tempfile::tempdir().unwrap();
        scaffold(dir.path()).unwrap();
        let checked = crate::check(&crate::CheckOptions {
            root: dir.path().to_owned(),
            date: Some(jiff::civil::date(2026, 11, 29)),
            ..Default::default()
        })
        .unwrap();
        let found: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code(), d.message))
            .collect();
        // Who the controller is only the user knows: init leaves it to them, and says so.
        // How the data is secured (PRV701) is asked only of a project that makes the record.
        assert_eq!(found, ["PRV501 privreg.yaml names no controller"]);
    }
}
