//! Word segmentation: official terms and names, spaced numbers, and the
//! syllable cache of the segmenter.

use soi::tokenize::tokenize;
use soi::words::model::{tok_infos, TokCache, Weights};
use soi::words::Segmenter;
use soi::Analyzer;

/// The segmenter's words of one sentence, as text.
fn segment_sentence(s: &str) -> Vec<&str> {
    let toks = tokenize(s);
    Segmenter::new()
        .segment(s, &toks)
        .into_iter()
        .map(|r| &s[toks[r.start].start()..toks[r.end - 1].end()])
        .collect()
}

fn words(s: &str) -> Vec<String> {
    Analyzer::new()
        .segment(s)
        .split_whitespace()
        .map(String::from)
        .collect()
}

#[test]
fn official_terms_and_names() {
    let w = words(
        "Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng Phan Văn Giang làm việc \
         với Ban Dân vận Tỉnh ủy tại Việt Nam.",
    );
    for x in [
        "Ủy_viên",
        "Bộ_Chính_trị",
        "Bộ_trưởng",
        "Bộ_Quốc_phòng",
        "Phan_Văn_Giang",
        "làm_việc",
        "Tỉnh_ủy",
        "Việt_Nam",
    ] {
        assert!(w.iter().any(|y| y == x), "{x} not in {w:?}");
    }
    // The treebank writes both "Ban_Bí_thư" and "Ban Tổ_chức": either way,
    // "Dân vận" stays together.
    assert!(
        w.iter().any(|y| y == "Dân_vận" || y == "Ban_Dân_vận"),
        "{w:?}"
    );
}

#[test]
fn thousands_written_spaced_are_one_word() {
    // Inside one sentence (where sentences end is the sentence splitter's
    // call): the treebank writes "25 . 000" as one word.
    let ws = segment_sentence("có 25 . 000 hộ");
    assert_eq!(ws, ["có", "25 . 000", "hộ"]);
}

#[test]
fn cached_syllable_values_are_the_computed_ones() {
    let w = Weights::from_bytes(include_bytes!("../data/segmodel.bin")).unwrap();
    // Every entry of the word list, in upper and lower case and amid
    // punctuation, abbreviations and codes: far more tokens than cache
    // slots, some longer than the cached 15 bytes, of every kind.
    let list = include_str!("../data/Viet74K.txt");
    let mut cache = TokCache::default();
    let (mut plain, mut cached) = (Vec::new(), Vec::new());
    for pass in 0..3 {
        for line in list.lines().step_by(3) {
            let text = match pass {
                0 => line.to_string(),
                1 => line.to_uppercase(),
                _ => format!("{line}, ({line}) UBND; 904-QĐ/TU H5N1 «{line}»… 23,4% {line}!"),
            };
            let toks = tokenize(&text);
            tok_infos(&text, &toks, &w.stats, None, &mut plain, None);
            tok_infos(&text, &toks, &w.stats, Some(&mut cache), &mut cached, None);
            assert_eq!(plain, cached, "{text}");
            // Extraction's values, kept in the same slots: equal to the ones
            // computed directly, also where a slot was filled without them.
            let (mut direct, mut kept) = (Vec::new(), Vec::new());
            let f: soi::words::model::TokValueFn = soi::extract::token_value;
            tok_infos(
                &text,
                &toks,
                &w.stats,
                None,
                &mut plain,
                Some((f, &mut direct)),
            );
            tok_infos(
                &text,
                &toks,
                &w.stats,
                Some(&mut cache),
                &mut cached,
                Some((f, &mut kept)),
            );
            assert_eq!(plain, cached, "{text}");
            assert_eq!(direct.len(), toks.len());
            assert_eq!(direct, kept, "{text}");
        }
    }
}

#[test]
fn long_lexicon_words_and_lower_case_names() {
    // A four-syllable lexicon word whose halves are words too, and names
    // written in lower case (surname + middle name).
    let w = words("Bộ bách khoa toàn thư mới được xuất bản.");
    assert!(w.iter().any(|y| y == "bách_khoa_toàn_thư"), "{w:?}");
    let w = words("anh trần văn tùng và chị lê thị hoa đến sớm.");
    assert!(w.iter().any(|y| y == "trần_văn_tùng"), "{w:?}");
    assert!(w.iter().any(|y| y == "lê_thị_hoa"), "{w:?}");
}

#[test]
fn punctuation_joins_a_number_only_inside_one() {
    // "h." is an abbreviation and ", 8" starts a new clause: no word may
    // start with the punctuation before a number.
    for s in [
        "lúc 7 h. 15 phút",
        "hai người , 8 xã",
        "có 1 . 250 . 000 đồng",
    ] {
        let ws = segment_sentence(s);
        for w in &ws {
            assert!(
                !(w.starts_with("h. ") || w.len() > 1 && w.starts_with(['.', ','])),
                "{w:?} in {ws:?}"
            );
        }
        if s.contains("250") {
            assert!(ws.contains(&"1 . 250 . 000"), "{ws:?}");
        }
    }
}

#[test]
fn initials_keep_their_period() {
    let w = words("Anh K. cho biết bà G. đã về.");
    assert!(w.iter().any(|y| y == "K."), "{w:?}");
    assert!(w.iter().any(|y| y.ends_with("G.")), "{w:?}");
}
