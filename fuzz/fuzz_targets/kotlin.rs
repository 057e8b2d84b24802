//! The Kotlin front-end on any text: a module or a reason to skip, never a panic, a
//! stack overflow or a hang; a module survives the IR cache's encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use piitrace::ir::Language;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(lowered) = piitrace::frontend::lower(3, Language::Kotlin, "src/main/kotlin/a/A.kt", text) {
            assert!(piitrace::cache::round_trips(&lowered));
        }
    }
});
