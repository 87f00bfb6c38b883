//! The WebAssembly surface: the only place that knows about wasm-bindgen.
//!
//! `analyze` returns a plain JS object (not a class instance) following the
//! JSON contract of [`crate::Analysis`]; offsets are code points.

use crate::Analyzer;
use serde::Serialize;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

#[wasm_bindgen]
extern "C" {
    /// The engine's `JSON.parse`.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// Analyze `text` and return the analysis as a plain JS object.
///
/// The analysis crosses into JavaScript as JSON text and is rebuilt by the
/// engine's `JSON.parse`: for a long text (a million words) that is several
/// times faster than creating each object and field through wasm-bindgen
/// calls, and gives the same plain objects.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsValue> {
    let a = analyzer().analyze_lazy(text);
    match serde_json::to_string(&a) {
        Ok(json) => json_parse(&json),
        Err(_) => {
            let ser = serde_wasm_bindgen::Serializer::json_compatible();
            a.into_analysis()
                .serialize(&ser)
                .map_err(|e| JsValue::from_str(&e.to_string()))
        }
    }
}

/// Analyze `text` and return the analysis as JSON text, exactly as
/// `soi analyze` writes it (cheaper than [`analyze`] when the result is to be
/// stored, sent or downloaded rather than read as objects).
#[wasm_bindgen]
pub fn analyze_json(text: &str) -> String {
    serde_json::to_string(&analyzer().analyze_lazy(text)).unwrap_or_default()
}

/// Segment `text` into words: one output line per input line, words separated
/// by spaces, syllables of a word joined by `_`.
#[wasm_bindgen]
pub fn segment(text: &str) -> String {
    analyzer().segment(text)
}

/// The version of soi.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Build the analyzer now (loading embedded data), so that the first
/// `analyze` call is not slower than the others.
#[wasm_bindgen]
pub fn warm_up() {
    analyzer();
}
