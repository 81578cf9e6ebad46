"""False MAJOR flags of the ``adequacy`` check on clean translations read with their sources.

    python scripts/adequacy_precision.py [--part mlqe-dev|mlqe-train|wmt21-high|both|all]
        [--n 600] [--seed 1] [--min-da 0.4] [--dump FILE.jsonl] [--show] [--show-major]

WMT21 references cannot measure this honestly (the adequacy decision was trained on garbles of
them), so two clean sets the decision never saw:

- ``mlqe-dev``: the MLQE-PE ru-en dev post-edits (``pe``, detokenised) with their sources (a
  post-edit is a corrected translation; Reddit and Wikiquote text, not news);
- ``mlqe-train``: the same for the MLQE-PE ru-en train post-edits (``../shared/data/train``);
- ``wmt21-high``: WMT21 system outputs people rated at or above ``--min-da`` (DA z-score),
  with their sources (mostly good; a few flags are real errors).

A seeded sample of ``--n`` rows per part is checked with the default profile (the QE model
when installed). Prints, per part, the share of rows with a major flag and with a major
``adequacy`` flag, the adequacy majors by mechanism (the message's kind: calque "word by
word", "polarity:", "derivation:", the dictionary's "not a rendering"/other sense kinds), and
whether the QE model backed them (its message says so), and the major or critical flags of every
check per check/category per 1,000 rows. ``--dump`` writes every adequacy flag (any severity)
and every major or critical flag of the other checks with its sentence for reading; ``--show``
prints the adequacy majors, ``--show-major`` the majors of every check. ``both`` is
mlqe-dev and wmt21-high, ``all`` adds mlqe-train.
Never point it at WMT22 (held out).
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def detok(text: str) -> str:
    """Undo the MLQE-PE tokenisation ("hadn 't said it ." -> "hadn't said it.")."""
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m|'t)\b", r"\1", text)
    text = re.sub(r" ([.,!?;:%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return text


def mechanism(message: str) -> str:
    """The kind of an adequacy flag, from its message."""
    if " word by word" in message:
        return "calque"
    for head in ("polarity:", "derivation:"):
        if message.startswith(head):
            return head[:-1]
    m = re.match(r"'[^']*' (.*?); source has", message)
    if m:
        why = re.sub(r"'[^']*'|«[^»]*»|\d+(\.\d+)?", "_", m.group(1))
        return "sense: " + why[:60]
    return "other: " + message[:40]


def load(part: str, data: Path, n: int, seed: int, min_da: float) -> list[dict]:
    rows: list[dict] = []
    if part in ("mlqe-dev", "mlqe-train"):
        if part == "mlqe-dev":
            paths = [str(data / "mlqe_pe_ru-en.jsonl")]
        else:
            paths = sorted(
                glob.glob(str(data.parent / "train" / "mlqe_pe_ru-en.train.part*.jsonl"))
            )
        split = part.split("-")[1]
        for path in paths:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    if r.get("split") == split and r.get("pe") and r.get("src"):
                        rows.append({"id": r["id"], "src": r["src"], "mt": detok(r["pe"])})
    else:
        for path in sorted(glob.glob(str(data / "wmt21_da_ru-en_news.part*.jsonl"))):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    if r.get("score") is not None and r["score"] >= min_da and r.get("src"):
                        rows.append({"id": r["id"], "src": r["src"], "mt": r["mt"]})
    random.Random(seed).shuffle(rows)
    return rows[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--part", choices=["mlqe-dev", "mlqe-train", "wmt21-high", "both", "all"], default="both"
    )
    ap.add_argument("--n", type=int, default=600, help="rows per part")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-da", type=float, default=0.4, help="lowest DA z-score (wmt21-high)")
    ap.add_argument("--dump", type=Path, help="write every adequacy flag here (JSONL)")
    ap.add_argument("--show", action="store_true", help="print every major adequacy flag")
    ap.add_argument("--show-major", action="store_true", help="print every major flag")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "eval")
    args = ap.parse_args(argv)

    from mtqa.checks import Languages
    from mtqa.pipeline import Checker
    from mtqa.types import Segment

    parts = {
        "both": ["mlqe-dev", "wmt21-high"],
        "all": ["mlqe-dev", "mlqe-train", "wmt21-high"],
    }.get(args.part, [args.part])
    checker = Checker(checks=None, langs=Languages("ru", "en"))
    dumped: list[dict] = []
    for part in parts:
        rows = load(part, args.data, args.n, args.seed, args.min_da)
        if not rows:
            print(f"adequacy_precision: no rows for {part} under {args.data}", file=sys.stderr)
            return 2
        segs = [Segment(index=i, id=r["id"], mt=r["mt"], src=r["src"]) for i, r in enumerate(rows)]
        results = checker.check_segments(segs)
        n = len(rows)
        n_major = n_adq_major = n_adq_any = 0
        kinds: Counter[str] = Counter()
        backed: Counter[str] = Counter()
        by_check: Counter[str] = Counter()
        for res in results:
            flags = res.flags
            for f in flags:
                if f.severity == "minor":
                    continue
                by_check[f"{f.check}/{f.category}"] += 1
                if args.show_major:
                    print(f"  [{part}] {f.severity} {f.check}/{f.category} {f.text!r}: {f.message}")
                    print(f"      | {res.segment.src}\n      | {res.segment.mt}")
                if args.dump and f.check != "adequacy":
                    dumped.append(
                        {
                            "part": part,
                            "id": res.segment.id,
                            "severity": f.severity,
                            "kind": f"{f.check}/{f.category}",
                            "text": f.text,
                            "message": f.message,
                            "src": res.segment.src,
                            "mt": res.segment.mt,
                        }
                    )
            n_major += any(f.severity != "minor" for f in flags)
            adq = [f for f in flags if f.check == "adequacy"]
            n_adq_any += bool(adq)
            n_adq_major += any(f.severity != "minor" for f in adq)
            for f in adq:
                kind = mechanism(f.message)
                if f.severity != "minor":
                    kinds[kind] += 1
                    backed[kind] += "the QE model agrees" in f.message
                    if args.show:
                        print(f"  [{part}] {kind} {f.text!r}: {f.message}")
                        print(f"      | {res.segment.src}\n      | {res.segment.mt}")
                if args.dump:
                    rec = {
                        "part": part,
                        "id": res.segment.id,
                        "severity": f.severity,
                        "kind": kind,
                        "text": f.text,
                        "message": f.message,
                        "src": res.segment.src,
                        "mt": res.segment.mt,
                    }
                    dumped.append(rec)
        print(f"{part}: {n} clean rows with sources (seed {args.seed})")
        print(f"  rows with a major flag           {n_major / n:6.1%}  ({n_major})")
        print(f"  rows with a major adequacy flag  {n_adq_major / n:6.1%}  ({n_adq_major})")
        print(f"  rows with any adequacy flag      {n_adq_any / n:6.1%}  ({n_adq_any})")
        for kind, count in kinds.most_common():
            print(f"    major {kind:55s} {count:4d}  (QE agrees: {backed[kind]})")
        total = sum(by_check.values())
        print(f"  major or critical flags per 1,000 rows  {1000 * total / n:6.1f}  ({total})")
        for key, count in by_check.most_common():
            print(f"    {key:40s} {1000 * count / n:6.1f}  ({count})")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in dumped)
    print(f"signature: {results[0].signature}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
