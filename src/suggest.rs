//! "Did you mean": the closest known spelling to a misspelt one.

/// The candidate most similar to `input`, if it is similar enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn near_misses_are_suggested_and_far_ones_are_not() {
        assert_eq!(
            closest("retension", ["retention", "order"]),
            Some("retention")
        );
        assert_eq!(closest("xyz", ["retention", "order"]), None);
        assert_eq!(closest("Consent", ["consent", "contract"]), Some("consent"));
    }
}
