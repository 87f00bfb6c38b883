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

/// Build the objects of the packed arrays (see [`analyze_packed`]): a plain
/// JavaScript loop creates a million small objects several times faster
/// than `JSON.parse` of their text does, and far faster than creating them
/// field by field through wasm-bindgen. `build` puts the blocks and the
/// mentions into the result (`r`), and its sentences when `withWords`; it
/// removes their arrays from the packed object (`p`), which keeps the
/// sentences' arrays and the table of strings.
#[wasm_bindgen(inline_js = r#"
const NONE = 0xffffffff;
export function build(r, p, withWords) {
  const { tlen, text, blk, ent } = p;
  const texts = new Array(tlen.length);
  for (let t = 0, off = 0; t < tlen.length; t++) {
    texts[t] = text.slice(off, off + tlen[t]);
    off += tlen[t];
  }
  const blocks = new Array(blk.length / 3);
  for (let i = 0, k = 0; k < blk.length; i++, k += 3) {
    blocks[i] = { kind: texts[blk[k]], start: blk[k + 1], end: blk[k + 2] };
  }
  const entities = new Array(ent.length / 5);
  for (let i = 0, k = 0; k < ent.length; i++, k += 5) {
    const e = { type: texts[ent[k]], text: texts[ent[k + 1]], start: ent[k + 2], end: ent[k + 3] };
    if (ent[k + 4] !== NONE) e.value = texts[ent[k + 4]];
    entities[i] = e;
  }
  r.blocks = blocks;
  r.entities = entities;
  delete p.blk;
  delete p.ent;
  if (!withWords) return;
  const { sent, pos, kind, tid, kinds } = p;
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
}
"#)]
extern "C" {
    fn build(result: &JsValue, packed: &JsValue, with_words: bool);
}

/// The analysis as a plain JS object, and its sentences as packed arrays;
/// the object has its sentences too when `with_words`.
fn parts(text: &str, with_words: bool) -> Result<(JsValue, JsValue), JsValue> {
    let (facts, p) = analyzer().analyze_lazy(text).into_parts();
    let result = match serde_json::to_string(&facts) {
        Ok(json) => json_parse(&json)?,
        Err(_) => {
            let ser = serde_wasm_bindgen::Serializer::json_compatible();
            facts
                .serialize(&ser)
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
    set("blk", &js_sys::Uint32Array::from(&p.blocks[..]))?;
    set("ent", &js_sys::Uint32Array::from(&p.entities[..]))?;
    set("kinds", &kinds)?;
    set("text", &JsValue::from_str(&p.text))?;
    let packed = JsValue::from(packed);
    build(&result, &packed, with_words);
    Ok((result, packed))
}

/// Analyze `text` and return the analysis as a plain JS object.
///
/// The same objects as `JSON.parse(analyze_json(text))`. The lists of facts
/// cross into JavaScript as JSON text, rebuilt by the engine's `JSON.parse`;
/// the words, blocks and mentions (the many small objects) cross as typed
/// arrays and one string of distinct texts, and a JavaScript loop makes
/// their objects.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsValue> {
    Ok(parts(text, true)?.0)
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
///   distinct texts;
/// - `tlen`: `Uint32Array`, one per distinct text: its length (UTF-16 code
///   units);
/// - `text`: the distinct texts one after another (the texts of the words
///   and of the mentions, the mentions' values, the kinds of the blocks and
///   the types of the mentions).
#[wasm_bindgen]
pub fn analyze_packed(text: &str) -> Result<JsValue, JsValue> {
    let (result, packed) = parts(text, false)?;
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
