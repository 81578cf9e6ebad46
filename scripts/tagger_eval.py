"""Measure a garble tagger delta against its gate (docs/model.md, "Garble tagger").

    python scripts/tagger_eval.py DELTA --garbles artifacts/garble [--gate 0.02] \
        [--cache DIR] [--tuning FILE ...]

1. The threshold: the lowest P(BAD) at which at most ``--gate`` of the 1,000 clean WMT21 DA
   reference segments (with their sources; the ``clean`` side of the WMT21 rows of
   ``GARBLES/train.jsonl``, which the tagger never trains on) have a word at or above it.
2. At that threshold, per family: garbled spans of ``GARBLES/dev.jsonl`` (MLQE-PE dev garbled)
   with a flagged word, and its clean rows with any flag.
3. What decides: the hand-written tuning files with sources (``--tuning``; default the five of
   the gate): garbled rows found and clean rows flagged by the tagger check as it ships (int8
   ONNX, the file's own threshold, digits left to the numbers check), by the current default
   profile (scripts/garble_recall.py's runner; its results are cached under ``--cache``), and by
   the two together (a row counts for the union when either flags it).

Tuning and dev material only: never give it a held-out set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from garble_recall import check_rows, read_jsonl, read_tests

from mtqa.qe.tagger_data import gate_threshold

TUNING = (
    "sense_tuning.tsv",
    "collocation_tuning.tsv",
    "calque_tuning3.tsv",
    "sense_calque_tuning2.tsv",
    "names_tuning2.tsv",
)


def word_tops(predictor, rows: list[dict]) -> list[list[tuple[int, int, float]]]:
    """Per row: (start, end, P(BAD)) of every word of ``mt``."""
    outs = predictor.predict([r["mt"] for r in rows], [r["src"] or "" for r in rows])
    return [[(w.start, w.end, w.p_bad) for w in o.words] for o in outs]


def hits(words: list[tuple[int, int, float]], t: float) -> list[tuple[int, int]]:
    return [(s, e) for s, e, p in words if p >= t]


def overlaps(flags: list[tuple[int, int]], span: dict) -> bool:
    return any(s < span["end"] and span["start"] < e for s, e in flags)


def check_flags(delta: Path, rows: list[dict]) -> list[list[tuple[int, int]]]:
    """The tagger check's flags (as it ships) on each row."""
    from mtqa.checks import Languages
    from mtqa.checks.tagger import GarbleTaggerCheck
    from mtqa.types import Segment

    check = GarbleTaggerCheck({"delta": str(delta)}, Languages("ru", "en"))
    segs = [Segment(index=i, id=r["id"], mt=r["mt"], src=r["src"]) for i, r in enumerate(rows)]
    return [[(f.start, f.end) for f in res.flags] for res in check.run(segs)]


def score_rows(
    rows: list[dict], words, t: float, default: list[dict] | None = None, flags=None
) -> dict:
    """Found/total per family (a row counts once: found when a flag overlaps a span), clean rows
    flagged; for the tagger (its words at ``t``, or its check's ``flags``), and with ``default``
    results also for the default and the union."""
    out: dict[str, dict[str, list[int]]] = {"tagger": {}, "default": {}, "union": {}}
    by_id = {r["id"]: r for r in default or []}
    for k, (row, w) in enumerate(zip(rows, words)):
        mine = flags[k] if flags is not None else hits(w, t)
        theirs = [(f["start"], f["end"]) for f in by_id.get(row["id"], {}).get("flags", [])]
        fam = row["spans"][0]["category"] if row["spans"] else "clean"
        for name, spans in (("tagger", mine), ("default", theirs), ("union", mine + theirs)):
            if name != "tagger" and default is None:
                continue
            # a garbled row counts when a flag touches its span; a clean row when anything is flagged
            got = any(overlaps(spans, s) for s in row["spans"]) if row["spans"] else bool(spans)
            cell = out[name].setdefault(fam, [0, 0])
            cell[0] += int(got)
            cell[1] += 1
    return {
        name: {fam: f"{a}/{b}" for fam, (a, b) in sorted(per.items())}
        for name, per in out.items()
        if per
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("delta", type=Path)
    ap.add_argument("--garbles", type=Path, default=ROOT / "artifacts" / "garble")
    ap.add_argument("--gate", type=float, default=0.02)
    ap.add_argument("--cache", type=Path, default=None, help="folder for the default's results")
    ap.add_argument("--tuning", type=Path, nargs="*", default=None)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument(
        "--only",
        type=Path,
        nargs="*",
        default=None,
        help="score only these garble files at the gate threshold (no tuning files); for the one"
        " held-out look at the end",
    )
    args = ap.parse_args(argv)

    from mtqa.qe.predict import QEPredictor

    predictor = QEPredictor(delta=args.delta, threads=args.threads)
    wmt21 = [
        r for r in read_jsonl(args.garbles / "train.jsonl") if r["source_id"].startswith("wmt21")
    ]
    clean = [{"id": r["source_id"], "src": r["src"], "mt": r["clean"], "spans": []} for r in wmt21]
    clean_words = word_tops(predictor, clean)
    tops = [max((p for _, _, p in w), default=0.0) for w in clean_words]
    t = gate_threshold(tops, args.gate)
    report: dict = {
        "delta": args.delta.name,
        "gate": args.gate,
        "threshold": round(t, 4),
        "wmt21_clean": {"rows": len(clean), "flagged": sum(p >= t for p in tops)},
        "wmt21_clean_flagged_at": {
            str(x): round(sum(p >= x for p in tops) / len(tops), 4) for x in (0.5, 0.7, 0.9)
        },
    }
    if args.only is not None:
        for path in args.only:
            rows = read_jsonl(path)
            report[path.name] = score_rows(rows, word_tops(predictor, rows), t)["tagger"]
        print(json.dumps(report, indent=1, ensure_ascii=False))
        return 0
    dev = read_jsonl(args.garbles / "dev.jsonl")
    report["dev.jsonl"] = score_rows(dev, word_tops(predictor, dev), t)["tagger"]
    files = args.tuning or [ROOT / "tests" / "data" / name for name in TUNING]
    totals: dict[str, list[int]] = {}
    for path in files:
        rows = read_tests(path)
        default = None
        if args.cache:
            cached = args.cache / f"default.{path.stem}.jsonl"
            if not cached.exists():
                args.cache.mkdir(parents=True, exist_ok=True)
                with open(cached, "w", encoding="utf-8") as f:
                    f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in check_rows(rows))
            default = read_jsonl(cached)
        scored = score_rows(rows, [[]] * len(rows), t, default, check_flags(args.delta, rows))
        report[path.name] = scored
        for name, per in scored.items():
            for fam, cell in per.items():
                a, b = map(int, cell.split("/"))
                key = f"{name}.{'clean' if fam == 'clean' else 'garbled'}"
                acc = totals.setdefault(key, [0, 0])
                acc[0] += a
                acc[1] += b
    report["tuning_totals"] = {k: f"{a}/{b}" for k, (a, b) in sorted(totals.items())}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
