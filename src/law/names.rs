//! The law table's names as one regex alternation, from the table's text alone, so that
//! `build.rs` compiles the same names privreg reads (it includes this file as a module).

/// The alternation of the GDPR's names (`gdpr` true) or of every other law's names, from
/// the law table's text (`laws.tsv`: short name, jurisdiction, pattern, source, names).
pub fn names_pattern(table: &str, gdpr: bool) -> String {
    let alts: Vec<String> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let short = f.next()?;
            let pattern = f.nth(1)?;
            ((short == "GDPR") == gdpr).then(|| format!("(?:{pattern})"))
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}
