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

/// Build the sentences' word objects from the packed arrays (see
/// [`analyze_packed`]): a plain JavaScript loop creates a million small
/// objects several times faster than `JSON.parse` of their text does, and
/// far faster than creating them field by field through wasm-bindgen.
#[wasm_bindgen(inline_js = r#"
export function unpack(r, p) {
  const { sent, pos, kind, tid, tlen, kinds, text } = p;
  const texts = new Array(tlen.length);
  for (let t = 0, off = 0; t < tlen.length; t++) {
    texts[t] = text.slice(off, off + tlen[t]);
    off += tlen[t];
  }
  const n = sent.length / 3;
  const out = new Array(n);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const count = sent[3 * i + 2];
    const words = new Array(count);
    for (let j = 0; j < count; j++, w++) {
      words[j] = { text: texts[tid[w]], start: pos[2 * w], end: pos[2 * w + 1], kind: kinds[kind[w]] };
    }
    out[i] = { start: sent[3 * i], end: sent[3 * i + 1], words };
  }
  r.sentences = out;
  return r;
}
"#)]
extern "C" {
    fn unpack(result: JsValue, packed: JsValue) -> JsValue;
}

/// The analysis as a plain JS object without its sentences, and the
/// sentences as packed arrays.
fn parts(text: &str) -> Result<(JsValue, JsValue), JsValue> {
    let (rest, p) = analyzer().analyze_lazy(text).into_parts();
    let result = match serde_json::to_string(&rest) {
        Ok(json) => json_parse(&json)?,
        Err(_) => {
            let ser = serde_wasm_bindgen::Serializer::json_compatible();
            rest.serialize(&ser)
                .map_err(|e| JsValue::from_str(&e.to_string()))?
        }
    };
    let kinds = js_sys::Array::new();
    for k in crate::tokenize::TokenKind::ALL {
        kinds.push(&JsValue::from_str(k.name()));
    }
    let packed = js_sys::Object::new();
    let set =
        |key: &str, value: &JsValue| js_sys::Reflect::set(&packed, &JsValue::from_str(key), value);
    set("sent", &js_sys::Uint32Array::from(&p.sentences[..]))?;
    set("pos", &js_sys::Uint32Array::from(&p.spans[..]))?;
    set("kind", &js_sys::Uint8Array::from(&p.kinds[..]))?;
    set("tid", &js_sys::Uint32Array::from(&p.text_ids[..]))?;
    set("tlen", &js_sys::Uint32Array::from(&p.text_lens[..]))?;
    set("kinds", &kinds)?;
    set("text", &JsValue::from_str(&p.text))?;
    Ok((result, packed.into()))
}

/// Analyze `text` and return the analysis as a plain JS object.
///
/// The same objects as `JSON.parse(analyze_json(text))`. Everything but the
/// words crosses into JavaScript as JSON text, rebuilt by the engine's
/// `JSON.parse`; the words cross as typed arrays and one string, and a
/// JavaScript loop makes their objects.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsValue> {
    let (result, packed) = parts(text)?;
    Ok(unpack(result, packed))
}

/// Analyze `text` and return `{ result, packed }`: `result` is the analysis
/// as [`analyze`] gives it but with `sentences` empty, and `packed` holds the
/// sentences and words in flat arrays, cheaper to make and to send to another
/// thread than word objects:
///
/// - `sent`: `Uint32Array`, three per sentence: start, end, number of words;
/// - `pos`: `Uint32Array`, two per word: start, end;
/// - `kind`: `Uint8Array`, one per word: an index into `kinds`;
/// - `kinds`: the names of the token kinds ("syllable", "punct", ...);
/// - `tid`: `Uint32Array`, one per word: the index of its text among the
///   distinct word texts;
/// - `tlen`: `Uint32Array`, one per distinct text: its length (UTF-16 code
///   units);
/// - `text`: the distinct texts one after another.
#[wasm_bindgen]
pub fn analyze_packed(text: &str) -> Result<JsValue, JsValue> {
    let (result, packed) = parts(text)?;
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &JsValue::from_str("result"), &result)?;
    js_sys::Reflect::set(&out, &JsValue::from_str("packed"), &packed)?;
    Ok(out.into())
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
