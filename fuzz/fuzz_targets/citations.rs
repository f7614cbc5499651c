//! Policy text in Markdown, HTML and plain text, fixed in every style
//! (`privreg::fuzz::citations`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        privreg::fuzz::citations(text);
    }
});
