#!/usr/bin/env python3
"""Sentence-boundary evaluation on a UD treebank.

usage: sentence_eval.py GOLD.conllu SOI_BINARY [--group N] [--show K]

Joins the sentences of GOLD (their `# text` lines) into paragraphs of N
(default 5), one paragraph per line, runs `SOI_BINARY sentences` on them and
scores the predicted sentence ends against the gold ones. Ends are compared as
character offsets in the paragraph text with all whitespace removed, so the
spacing of the output does not matter. Prints precision, recall and F1 of the
boundaries (the end of each paragraph counts, as a line break is a given).
"""
import subprocess
import sys


def gold_texts(path):
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# text"):
                out.append(line.split("=", 1)[1].strip())
    return out


def ends(sentences):
    """Cumulative end offsets (whitespace removed) of a list of sentences."""
    pos, res = 0, set()
    for s in sentences:
        pos += len("".join(s.split()))
        res.add(pos)
    return res


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    group = 5
    show = 0
    for i, a in enumerate(argv):
        if a == "--group":
            group = int(argv[i + 1])
        if a == "--show":
            show = int(argv[i + 1])
    args = [a for a in args if not a.isdigit()]
    gold_path, binary = args[0], args[1]
    texts = gold_texts(gold_path)
    paras = [texts[i:i + group] for i in range(0, len(texts), group)]
    raw = "\n".join(" ".join(p) for p in paras) + "\n"
    res = subprocess.run([binary, "sentences", "-"], input=raw.encode(), capture_output=True, check=True)
    pred_lines = res.stdout.decode().split("\n")
    # Map predicted sentences back to paragraphs by consumed characters.
    tp = fp = fn = 0
    k = 0
    shown = 0
    for p in paras:
        want = "".join("".join(p).split())
        got, acc = [], ""
        while k < len(pred_lines) and len(acc) < len(want):
            s = pred_lines[k]
            k += 1
            if not s.strip():
                continue
            got.append(s)
            acc += "".join(s.split())
        g, q = ends(p), ends(got)
        tp += len(g & q)
        fp += len(q - g)
        fn += len(g - q)
        if show and shown < show and g != q:
            shown += 1
            print("GOLD:", " | ".join(p))
            print("PRED:", " | ".join(got))
            print()
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"paragraphs {len(paras)}  gold boundaries {tp + fn}  predicted {tp + fp}  correct {tp}")
    print(f"precision {prec:.4f}  recall {rec:.4f}")
    print(f"F1 {f1:.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])
