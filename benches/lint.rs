//! Citation-linter throughput on ~20 MB of generated policy-like text (budget: 100 MB/s).
//!
//! Run with `cargo bench --bench lint`; prints MB/s for scanning alone and for the full check.
//! `PRIVREG_BENCH_MB=2` makes the corpus 2 MB instead of 20, e.g. for callgrind;
//! `PRIVREG_BENCH_ONLY=scan|mixed|english` runs one of the three measurements.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports its figures on stdout"
)]

use std::hint::black_box;
use std::time::Instant;

use privreg::citations::{Extracted, LintOptions, scan};
use privreg::rules::citations::check;
use privreg::source::SourceFile;

/// Sentences of the kind privacy policies are made of, with and without citations.
const SENTENCES: &[&str] = &[
    "For communication with selected customers, we use the service Slack, provided by Salesforce, Inc., Salesforce Tower, 415 Mission Street, San Francisco, CA 94105, USA.",
    "The processing is based on Art. 6 para. 1 lit. b GDPR (contractual performance or initiation).",
    "Where the use is voluntary, the legal basis is your consent pursuant to Art. 6 para. 1 lit. a GDPR.",
    "Die Verarbeitung erfolgt auf Grundlage unseres berechtigten Interesses gemäß Art. 6 Abs. 1 lit. f DSGVO.",
    "Stored data is retained only as long as necessary to fulfil the purposes described above.",
    "You have the right to object to the processing of your data at any time in accordance with Art. 21 GDPR.",
    "Such transfer is based on the Standard Contractual Clauses and, where applicable, the EU-US Data Privacy Framework.",
    "Further information is available at https://example.org/privacy and in the privacy policy of the provider.",
    "The conference tools collect all information that you provide to use the tools, such as your email address and phone number.",
    "Die Speicherung von Cookies erfolgt auf Grundlage von § 25 Abs. 1 TDDDG und Art. 6 Abs. 1 lit. a DSGVO.",
    "This data processing is solely for the purpose of detecting and preventing security-related incidents and for optimising technical operations.",
    "Vous disposez des droits prévus aux articles 15 à 22 du RGPD, notamment du droit d'accès et de rectification.",
    "A data processing agreement pursuant to Art. 28(3) GDPR has been concluded with the provider.",
    "Our partners, apart from the start-up department, take part in the art and craft of careful data handling.",
    "The data is not used for marketing or profiling purposes and is analysed internally for security purposes only.",
    "Information pursuant to Articles 13 and 14 GDPR is provided when the data is collected.",
    "We have no influence on the duration of storage of your data that is stored by the operators of the conference tools for their own purposes.",
    "Stored cookies remain on your end device until you delete them; mandatory legal retention periods remain unaffected.",
    "Wir verwenden für die Kommunikation mit unseren Kunden Online-Konferenz-Tools, die im Folgenden im Einzelnen aufgeführt sind.",
    "Should content be exchanged, uploaded, or otherwise made available within the tool, it is also stored on the servers of the tool provider.",
    "Please note that we do not have complete influence on the data processing procedures of the tools used by our partners.",
    "Les données sont conservées pendant la durée strictement nécessaire à la réalisation des finalités décrites ci-dessus.",
    "This includes, in particular, IP addresses, MAC addresses, device IDs, device type, operating system type and version, and client version.",
    "Our possibilities are largely determined by the corporate policy of the respective provider and the terms of the agreement.",
];

/// A single-language policy: a real document cites in one language and mostly one style.
fn english(s: &str) -> bool {
    !["DSGVO", "Die ", "Wir ", "Vous ", "Les "]
        .iter()
        .any(|w| s.contains(w))
}

fn corpus(target: usize) -> String {
    corpus_of(SENTENCES, target)
}

fn corpus_of(sentences: &[&str], target: usize) -> String {
    let mut out = String::with_capacity(target + 1024);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    while out.len() < target {
        // xorshift: deterministic variety without a dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push_str(sentences[(state % sentences.len() as u64) as usize]);
        out.push(if state.is_multiple_of(5) { '\n' } else { ' ' });
    }
    out
}

/// The fastest of three runs of `f`, with what it counted.
fn best(f: &dyn Fn() -> usize) -> (f64, usize) {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let n = black_box(f());
            (t.elapsed().as_secs_f64(), n)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("three runs")
}

/// Times the full check (scan and every PRV4xx rule) on `text` and prints MB/s.
fn measure_check(text: &str, what: &str) {
    let mb = text.len() as f64 / 1e6;
    let file = SourceFile::virtual_file("bench.txt", text);
    let extracted = Extracted::identity(text);
    let opts = LintOptions::default();
    let (secs, diags) = best(&|| {
        let mut out = Vec::new();
        check(&file, &extracted, &opts, &mut out);
        out.len()
    });
    println!(
        "check: {mb:.1} MB, {diags} diagnostics, {:.0} MB/s ({what})",
        mb / secs
    );
}

fn main() {
    let size: usize = std::env::var("PRIVREG_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let only = std::env::var("PRIVREG_BENCH_ONLY").ok();
    let runs = |what: &str| only.as_deref().is_none_or(|o| o == what);
    let text = corpus(size * 1024 * 1024);
    if runs("scan") {
        let mb = text.len() as f64 / 1e6;
        let (secs, found) = best(&|| scan(&text, true).len());
        println!(
            "scan:  {mb:.1} MB, {found} citations, {:.0} MB/s",
            mb / secs
        );
    }
    if runs("mixed") {
        measure_check(&text, "EN/DE/FR mixed in one document");
    }
    if runs("english") {
        let en: Vec<&str> = SENTENCES.iter().copied().filter(|s| english(s)).collect();
        measure_check(
            &corpus_of(&en, size * 1024 * 1024),
            "English policy, one style",
        );
    }
}
