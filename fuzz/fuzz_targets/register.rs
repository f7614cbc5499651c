//! A register file: loaded, checked by every rule, rendered (`privreg::fuzz::register`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        privreg::fuzz::register(text);
    }
});
