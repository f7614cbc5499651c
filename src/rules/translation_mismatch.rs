//! PRV023: the languages of one text state different numbers, URLs or email addresses.

use std::sync::Arc;

use super::RuleCx;
use crate::catalogue::TRANSLATION_MISMATCH;
use crate::diagnostic::Diagnostic;
use crate::load::{Spanned, Text};
use crate::source::SourceFile;

/// The facts of `text` that no translation changes: its URLs, email addresses and the digit
/// runs outside them, each sorted, so word order may differ between languages.
pub fn facts(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut rest = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '<' | '>' | '"'));
        let w = w.trim_end_matches(['.', ':', '!', '?']);
        if w.contains("://") || w.starts_with("mailto:") || (w.contains('@') && w.contains('.')) {
            links.push(w.to_owned());
        } else {
            rest.push_str(word);
            rest.push(' ');
        }
    }
    let mut numbers: Vec<String> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        // "01" and "1" are one day of a date written two ways.
        .map(|n| n.trim_start_matches('0').to_owned())
        .collect();
    numbers.sort();
    links.sort();
    links.into_iter().chain(numbers).collect()
}

/// Reports texts whose languages differ in [`facts`].
pub fn check(cx: &RuleCx, out: &mut Vec<Diagnostic>) {
    for (file, section) in cx.sections() {
        compare(file, section.all_texts(), out);
    }
    if let Some((file, config)) = cx.config() {
        compare(file, config.all_texts(), out);
    }
}

fn compare(file: &Arc<SourceFile>, texts: Vec<&Spanned<Text>>, out: &mut Vec<Diagnostic>) {
    for text in texts {
        if text.translations.is_empty() {
            continue;
        }
        let expected = facts(&text.value.text);
        for (lang, other) in text.translations.iter() {
            let found = facts(&other.value);
            if found == expected {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &TRANSLATION_MISMATCH,
                    file,
                    other.span.clone(),
                    format!(
                        "the `{lang}` text states {} where the first language's states {}",
                        list(&found),
                        list(&expected)
                    ),
                )
                .label("differs from the first language")
                .help("state the same numbers, dates, URLs and email addresses in every language"),
            );
        }
    }
}

fn list(facts: &[String]) -> String {
    if facts.is_empty() {
        "none".to_owned()
    } else {
        facts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::facts;

    #[test]
    fn numbers_urls_and_addresses_are_the_facts_in_any_order() {
        assert_eq!(
            facts("14 days, see https://a.example/x. or mail dpo@a.example"),
            facts("Siehe https://a.example/x oder dpo@a.example: 14 Tage")
        );
        assert_ne!(facts("14 days"), facts("30 Tage"));
        assert_eq!(facts("1 December 2026"), facts("1. Dezember 2026"));
        assert_eq!(facts("01/12/2026"), facts("1.12.2026"));
        assert_ne!(
            facts("see https://a.example/en"),
            facts("siehe https://a.example/de")
        );
        assert_eq!(facts("no number here"), facts("keine Zahl"));
    }
}
