//! The law table's rows as regex patterns, from the table's text alone, so that `build.rs`
//! compiles the same names privreg reads (it includes this file as a module).

/// Each row of the law table's text (`laws.tsv`: short name, jurisdiction, pattern,
/// source, names) as its short name and pattern, in the table's order.
pub fn rows(table: &str) -> impl Iterator<Item = (&str, &str)> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let short = f.next()?;
            Some((short, f.nth(1)?))
        })
}

/// The alternation of the GDPR's names (`gdpr` true) or of every other law's names.
pub fn names_pattern(table: &str, gdpr: bool) -> String {
    let alts: Vec<String> = rows(table)
        .filter(|&(short, _)| (short == "GDPR") == gdpr)
        .map(|(_, pattern)| format!("(?:{pattern})"))
        .collect();
    format!("(?:{})", alts.join("|"))
}

/// The patterns of every row that names another law than the GDPR, in the table's order.
#[cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "build.rs compiles them; the crate reads the rows from `laws`"
    )
)]
pub fn other_patterns(table: &str) -> Vec<&str> {
    rows(table)
        .filter(|&(short, _)| short != "GDPR")
        .map(|(_, pattern)| pattern)
        .collect()
}
