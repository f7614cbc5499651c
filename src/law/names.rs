//! The law table's rows and their patterns, from the table's text alone, so that `build.rs`
//! compiles the same names privreg reads (it includes this file as a module).

/// Each row of the law table's text (`laws.tsv`), in the table's order: short name,
/// jurisdiction, pattern, source and names.
pub fn rows(table: &str) -> impl Iterator<Item = [&str; 5]> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            std::array::from_fn(|_| f.next().expect("laws.tsv: five tab-separated columns"))
        })
}

/// True for the short name of the GDPR's rows.
pub fn is_gdpr(short: &str) -> bool {
    short == "GDPR"
}

/// The alternation of the GDPR's names (`gdpr` true) or of every other law's names.
pub fn names_pattern(table: &str, gdpr: bool) -> String {
    let alts: Vec<String> = rows(table)
        .filter(|[short, ..]| is_gdpr(short) == gdpr)
        .map(|[_, _, pattern, ..]| format!("(?:{pattern})"))
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
        .filter(|[short, ..]| !is_gdpr(short))
        .map(|[_, _, pattern, ..]| pattern)
        .collect()
}
