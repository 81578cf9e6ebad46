"""Figures for the adequacy check: clean-text flag rate, word-tag MCC, held-out recall per family.

    python scripts/adequacy_report.py [--data ../shared/data] [--parts clean,dev,test20,heldout]
        [--limit N] [--set sense_gain=1.5 --set calque_gain=1.5] [--garble artifacts/garble]
        (more parts: synth, garble-train, garble-test, clean-all, speed)

* clean:   WMT21 DA ru-en news, each distinct (src, ref) pair (human translations): share of
           sentences the adequacy check flags. (Tuning material.)
* clean-all: the same pairs through every default check (`--parts clean-all`, not by default).
* dev:     MLQE-PE ru-en dev (src, mt, word tags): word MCC of the flags. (Tuning material.)
* test20:  MLQE-PE ru-en test20: word MCC of the flags. Report only, never tuned on.
* synth:   WMT21 src/ref with one generated wrong sense per sentence (a reference word that
           renders a source word replaced by another dictionary rendering of that word, same part
           of speech, in the reference's inflection): recall of the replaced word. (Tuning.)
* speed:   adequacy alone against sentence chrF on 10,000 WMT21/22 rows (`--parts speed`).
* garble-train / garble-test: the generator's synthetic rows (`scripts/make_garbles.py`,
           `--garble DIR`, default artifacts/garble): recall of the wrong_sense, calque,
           polarity and derivation spans, and clean rows flagged. train.jsonl (WMT21 + MLQE-PE
           train) is tuning material; test.jsonl (WMT22) is held out, report only.
* heldout: tests/data/garbled_src_heldout.tsv: recall per family (a flag overlapping the garbled
           span) and flags on its clean rows. Written before tuning, never tuned on.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.types import Segment

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _rows(pattern: str) -> list[dict]:
    out = []
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            out.extend(json.loads(line) for line in f)
    return out


def clean(check: AdequacyCheck, data: str, limit: int) -> None:
    pairs = sorted(
        {(r["src"], r["ref"]) for r in _rows(f"{data}/eval/wmt21_da_ru-en_news.part*.jsonl")}
    )
    pairs = pairs[:limit] if limit else pairs
    segs = [Segment(k, str(k), ref, src=src) for k, (src, ref) in enumerate(pairs)]
    t = time.time()
    results = check.run(segs)
    dt = time.time() - t
    flagged = [(s, r) for s, r in zip(segs, results) if r.flags]
    print(
        f"clean WMT21 src/ref: {len(flagged)}/{len(segs)} sentences flagged "
        f"({100 * len(flagged) / len(segs):.1f}%), {len(segs) / dt:.0f} sent/s"
    )
    for _s, r in flagged[:15]:
        for f in r.flags:
            print(f"    {f.text!r}: {f.message} -> {f.suggestion}")


def clean_all(data: str, limit: int) -> None:
    """The same clean pairs through every default check (mt = reference, with its source)."""
    from mtqa.checks import Languages
    from mtqa.pipeline import Checker

    pairs = sorted(
        {(r["src"], r["ref"]) for r in _rows(f"{data}/eval/wmt21_da_ru-en_news.part*.jsonl")}
    )
    pairs = pairs[:limit] if limit else pairs
    segs = [Segment(k, str(k), ref, src=src) for k, (src, ref) in enumerate(pairs)]
    checker = Checker(langs=Languages("ru", "en"))
    doc = checker.check_segments(segs)
    by_check: dict[str, int] = defaultdict(int)
    for sent in doc:
        for name in {f.check for f in sent.flags}:
            by_check[name] += 1
    flagged = sum(1 for sent in doc if sent.flags)
    detail = ", ".join(f"{k} {v}" for k, v in sorted(by_check.items()))
    print(
        f"clean WMT21 src/ref, all default checks: {flagged}/{len(segs)} sentences flagged "
        f"({100 * flagged / len(segs):.1f}%); sentences per check: {detail}"
    )


def _token_offsets(mt: str, tokens: list[str]) -> list[tuple[int, int] | None]:
    out: list[tuple[int, int] | None] = []
    pos = 0
    for tok in tokens:
        tok = tok.replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")
        k = mt.find(tok, pos)
        if k < 0 or k - pos > 20:
            out.append(None)
            continue
        out.append((k, k + len(tok)))
        pos = k + len(tok)
    return out


def mcc(check: AdequacyCheck, data: str, split: str, limit: int) -> None:
    rows = [r for r in _rows(f"{data}/eval/mlqe_pe_ru-en.jsonl") if r["split"] == split]
    rows = [r for r in rows if r.get("mt_tags")][: limit or None]
    segs = [Segment(k, r["id"], r["mt"], src=r["src"]) for k, r in enumerate(rows)]
    results = check.run(segs)
    tp = fp = fn = tn = 0
    for r, res in zip(rows, results):
        toks = r["mt_tok"].split() if isinstance(r["mt_tok"], str) else r["mt_tok"]
        tags = r["mt_tags"].split() if isinstance(r["mt_tags"], str) else r["mt_tags"]
        for off, tag in zip(_token_offsets(r["mt"], toks), tags):
            pred = off is not None and any(f.start < off[1] and off[0] < f.end for f in res.flags)
            gold = tag == "BAD"
            tp += pred and gold
            fp += pred and not gold
            fn += gold and not pred
            tn += not pred and not gold
    den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)) or 1.0
    value = (tp * tn - fp * fn) / den
    flagged = sum(1 for res in results if res.flags)
    print(
        f"MLQE-PE ru-en {split}: word MCC {value:.3f} (tp {tp}, fp {fp}, fn {fn}), "
        f"{flagged}/{len(rows)} sentences flagged"
    )


def synth(check: AdequacyCheck, data: str, limit: int, seed: int = 13) -> None:
    import random

    from mtqa.checks.source.adequacy import _inflect_like
    from mtqa.lexicon.align import align
    from mtqa.lexicon.lemmas import en_lemma_set, en_lemmas

    rng = random.Random(seed)
    lex = check.lexicon
    lm = check.lm
    pairs = sorted(
        {(r["src"], r["ref"]) for r in _rows(f"{data}/eval/wmt21_da_ru-en_news.part*.jsonl")}
    )
    pairs = pairs[:limit] if limit else pairs
    segs, spans = [], []
    for src, ref in pairs:
        al = align(lex, src, ref)
        options = []
        for i, j in sorted(al.links):
            tok = al.mt[j]
            if not al.mt_content[j] or not tok.text.isalpha() or tok.text[:1].isupper():
                continue
            pos = {lem.pos for lem in en_lemmas(tok.text)} & {"NOUN", "ADJ", "VERB"}
            if not pos:
                continue
            others = [
                c
                for c in lex.renderings(al.src[i].text)
                if c not in en_lemma_set(tok.text)
                and " " not in c
                and lm.unigram(c) is not None
                and pos & {lem.pos for lem in en_lemmas(c)}
            ]
            if others:
                options.append((j, others))
        if not options:
            continue
        j, others = rng.choice(options)
        tok = al.mt[j]
        new = _inflect_like(rng.choice(others), tok.text)
        mt = ref[: tok.start] + new + ref[tok.end :]
        segs.append(Segment(len(segs), str(len(segs)), mt, src=src))
        spans.append((tok.start, tok.start + len(new)))
    results = check.run(segs)
    found = sum(
        any(f.start < e and s < f.end for f in r.flags) for (s, e), r in zip(spans, results)
    )
    flagged = sum(bool(r.flags) for r in results)
    print(
        f"synthetic wrong senses on WMT21 refs: {found}/{len(segs)} replaced words flagged "
        f"({100 * found / max(1, len(segs)):.1f}%), {flagged} sentences flagged"
    )


def speed(check: AdequacyCheck, data: str, n: int) -> None:
    """adequacy alone against sacrebleu sentence chrF on the rows scripts/bench_check.py reads
    (WMT21/22 ru-en news MT with source and reference), caches cold, resources loaded first."""
    import sacrebleu

    rows: list[dict] = []
    for path in sorted(glob.glob(f"{data}/eval/wmt2[12]_da_ru-en_news.part*.jsonl")):
        rows.extend(r for r in _rows(path) if r.get("mt") and r.get("src") and r.get("ref"))
    rows = rows[:n]
    segs = [Segment(k, str(k), r["mt"], src=r["src"], ref=r["ref"]) for k, r in enumerate(rows)]
    t = time.perf_counter()
    for r in rows:
        sacrebleu.sentence_chrf(r["mt"], [r["ref"]])
    t_chrf = time.perf_counter() - t
    t = time.perf_counter()
    check.run([Segment(0, "w", "The talks resumed on Monday.", src="Переговоры возобновились.")])
    t_load = time.perf_counter() - t
    t = time.perf_counter()
    check.run(segs)
    t_adq = time.perf_counter() - t
    print(
        f"speed on {len(rows)} rows: chrF {len(rows) / t_chrf:.0f} sent/s, adequacy "
        f"{len(rows) / t_adq:.0f} sent/s (ratio {t_chrf / t_adq:.2f}x chrF), one-off load {t_load:.1f} s"
    )


GARBLE_FAMILIES = ("wrong_sense", "calque", "polarity", "derivation")


def garble(check: AdequacyCheck, path: str, limit: int) -> None:
    """Recall of the adequacy families' spans in the generator's rows, and clean rows flagged."""
    rows = [r for r in _rows(path) if (r.get("family") or "clean") in (*GARBLE_FAMILIES, "clean")]
    rows = rows[: limit or None]
    segs = [Segment(k, r["id"], r["mt"], src=r["src"]) for k, r in enumerate(rows)]
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r, res in zip(rows, check.run(segs)):
        family = r.get("family") or "clean"
        if family == "clean":
            hits[family][0] += bool(res.flags)
        else:
            hits[family][0] += any(
                f.start < sp["end"] and sp["start"] < f.end for sp in r["spans"] for f in res.flags
            )
        hits[family][1] += 1
    name = os.path.basename(path)
    for family, (n, total) in sorted(hits.items()):
        what = "flagged (false alarms)" if family == "clean" else "garbled spans found"
        print(f"{name} {family}: {n}/{total} {what} ({100 * n / max(1, total):.1f}%)")


def heldout(check: AdequacyCheck) -> None:
    path = os.path.join(HERE, "tests", "data", "garbled_src_heldout.tsv")
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    segs, meta = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            family, src, mt, span = (line.rstrip("\n").split("\t") + [""])[:4]
            segs.append(Segment(len(segs), str(len(segs)), mt, src=src))
            meta.append((family, span))
    for (family, span), res in zip(meta, check.run(segs)):
        if family == "clean":
            hits[family][0] += bool(res.flags)
        else:
            s = segs[meta.index((family, span))].mt.find(span)
            e = s + len(span)
            hits[family][0] += any(fl.start < e and s < fl.end for fl in res.flags)
        hits[family][1] += 1
    for family, (n, total) in hits.items():
        what = "flagged (false alarms)" if family == "clean" else "garbled spans found"
        print(f"held-out {family}: {n}/{total} {what}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=os.path.join(HERE, "..", "shared", "data"))
    ap.add_argument("--parts", default="clean,synth,dev,test20,heldout")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--set", action="append", default=[], help="parameter override key=value")
    ap.add_argument("--dictionary", default=None)
    ap.add_argument("--garble", default=os.path.join(HERE, "artifacts", "garble"))
    ap.add_argument(
        "--no-dictionary",
        action="store_true",
        help="ignore the system dictionary: the mined lexicon alone",
    )
    args = ap.parse_args()
    if args.no_dictionary:
        from pathlib import Path

        from mtqa.lexicon import dictd

        dictd.SYSTEM_DIR = Path("/nonexistent")
        os.environ.pop(dictd.ENV_VAR, None)
    params = {k: float(v) for k, v in (s.split("=", 1) for s in args.set)}
    check = AdequacyCheck(params, dictionary=args.dictionary)
    print(f"signature: {check.signature()}  params: {params or 'defaults'}")
    parts = args.parts.split(",")
    if "clean" in parts:
        clean(check, args.data, args.limit)
    if "clean-all" in parts:
        clean_all(args.data, args.limit)
    if "dev" in parts:
        mcc(check, args.data, "dev", args.limit)
    if "test20" in parts:
        mcc(check, args.data, "test20", args.limit)
    if "synth" in parts:
        synth(check, args.data, args.limit)
    for split in ("train", "test"):
        if f"garble-{split}" in parts:
            garble(check, os.path.join(args.garble, f"{split}.jsonl"), args.limit)
    if "heldout" in parts:
        heldout(check)
    if "speed" in parts:
        speed(check, args.data, args.limit or 10_000)


if __name__ == "__main__":
    main()
