"""Weak target-only evidence against clean twins: is it evidence of the garble or of the sentence?

    python scripts/corroboration_eval.py dump twins:artifacts/garble/dev.jsonl tdev.pkl --target-only
    python scripts/corroboration_eval.py dump clean-wmt21 c21.pkl --target-only
    python scripts/target_only_probe.py colloc tdev.pkl c21.pkl       # LM pairs x QE P(BAD)
    python scripts/target_only_probe.py params tdev.pkl c21.pkl --check senses \
        --set '' --set '{"gain_min": 2.8, "common_gain_min": 2.4}'

Reads dumps of scripts/corroboration_eval.py (``twins:`` ones: each corrupted row followed by its
clean twin; ``clean-wmt21``: clean news) and asks, for evidence the default profile does not
report today, how often it falls on a corrupted span against how often it fires anywhere on the
clean twin of the same sentence (and on clean WMT21 sentences). Evidence that fires as often on
the twins says the sentence is odd, not that it was garbled.

- ``colloc``: the trigram LM's odd pairs of common words (``FluencyCheck.collocation_candidates``,
  weak ones included, by ``badness``) together with the QE model's stacked P(BAD) on the same
  words (mtqa/qe/stack.py, the model's scale): a grid of both levels.
- ``scores``: how often the QE model's sentence score is lower for the corrupted sentence than
  for its twin (``twins:`` dumps only);
- ``params --check CHECK --set JSON...``: the flags of one target-only check (``senses`` or ``fluency``) rerun
  with other parameters (JSON objects merged into the shipped calibration's ``checks.CHECK``;
  ``''`` for the shipped ones).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mtqa.calibration import shipped_calibration
from mtqa.checks import Languages
from mtqa.types import Segment


def _rows(data: dict[str, Any]) -> list[tuple[Segment, dict | None, int]]:
    """(segment, row or None, index into the stored results) for every sentence of a dump."""
    out, k = [], 0
    for _, segs, row in data["units"]:
        for seg in segs:
            out.append((seg, row, k))
            k += 1
    return out


def _on_span(start: int, end: int, row: dict | None) -> bool:
    return row is not None and any(start < s["end"] and s["start"] < end for s in row["spans"])


def _shares(data: dict[str, Any], found: list[list[tuple[int, int]]]) -> tuple[float, float]:
    """(share of corrupted rows with evidence on a span, share of twins with any evidence); for
    a dump of clean articles: (0, share of sentences with any evidence)."""
    rows = _rows(data)
    corrupted = [(row, f) for (_, row, _), f in zip(rows, found) if row and row["spans"]]
    clean = [f for (_, row, _), f in zip(rows, found) if not (row and row["spans"])]
    hit = sum(any(_on_span(s, e, row) for s, e in f) for row, f in corrupted)
    return hit / max(len(corrupted), 1), sum(bool(f) for f in clean) / max(len(clean), 1)


def colloc(dumps: Iterable[dict[str, Any]]) -> None:
    from mtqa.checks.lm import FluencyCheck
    from mtqa.checks.qe import QECheck, restack

    cal = shipped_calibration(["qe"])
    fluency = FluencyCheck(cal.check_params("fluency"))
    qe = QECheck({**cal.check_params("qe"), "explain": False})
    stack = qe.stack.variant("target") if qe.stack is not None else None
    tables = []
    for data in dumps:
        cands = []
        for seg, _row, k in _rows(data):
            out = data["results"]["qe"][k][0]
            if stack is not None:
                out = restack(seg, out, stack, False)
            per = []
            for s, e, badness in fluency.collocation_candidates(seg.mt, min_badness=0.0):
                p = max([w.p_bad for w in out.words if w.start < e and s < w.end] or [0.0])
                per.append((s, e, badness, p))
            cands.append(per)
        tables.append((data["name"], data, cands))
    for bmin in (0.5, 1.0, 1.5, 2.0, 2.4):
        for pmin in (0.0, 0.2, 0.3, 0.454):
            line = [f"badness >= {bmin} and P(BAD) >= {pmin}:"]
            for name, data, cands in tables:
                found = [[(s, e) for s, e, b, p in c if b >= bmin and p >= pmin] for c in cands]
                on_span, other = _shares(data, found)
                line.append(f"{name}: on span {on_span:.3f}, clean {other:.3f}")
            print(" | ".join(line))


def params(dumps: list[dict[str, Any]], check: str, settings: list[str]) -> None:
    from mtqa.checks.lm import FluencyCheck
    from mtqa.checks.senses import SenseCheck

    classes = {"senses": SenseCheck, "fluency": FluencyCheck}
    if check not in classes:
        sys.exit(f"target_only_probe: params takes senses or fluency, not {check!r}")
    base = shipped_calibration(["qe"]).check_params(check)
    for setting in settings:
        chk = classes[check](
            {**base, **(json.loads(setting) if setting else {})}, Languages("ru", "en")
        )
        line = [setting or "(shipped)"]
        for data in dumps:
            results = chk.run([seg for seg, _, _ in _rows(data)])
            found = [[(f.start, f.end) for f in r.flags] for r in results]
            on_span, other = _shares(data, found)
            line.append(f"{data['name']}: on span {on_span:.3f}, clean {other:.3f}")
        print(" | ".join(line), flush=True)


def scores(dumps: Iterable[dict[str, Any]]) -> None:
    """How often the QE model's sentence score is lower for the corrupted sentence than for its
    clean twin (``twins:`` dumps), and by how much on average."""
    for data in dumps:
        by_pair: dict[str, dict[str, float]] = {}
        for _seg, row, k in _rows(data):
            if row is None:
                continue
            twin = row.get("twin_of")
            by_pair.setdefault(twin or row["id"], {})["twin" if twin else "corrupted"] = data[
                "results"
            ]["qe"][k][0].score
        pairs = [p for p in by_pair.values() if len(p) == 2]
        lower = sum(p["corrupted"] < p["twin"] for p in pairs) / max(len(pairs), 1)
        gap = sum(p["twin"] - p["corrupted"] for p in pairs) / max(len(pairs), 1)
        print(
            f"{data['name']}: {len(pairs)} pairs, corrupted scored lower in {lower:.3f}, by {gap:.3f} z on average"
        )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("colloc")
    c.add_argument("dumps", type=Path, nargs="+")
    sc = sub.add_parser("scores")
    sc.add_argument("dumps", type=Path, nargs="+")
    p = sub.add_parser("params")
    p.add_argument("dumps", type=Path, nargs="+")
    p.add_argument("--check", required=True)
    p.add_argument("--set", dest="settings", action="append", default=[])
    args = ap.parse_args()
    dumps = []
    for path in args.dumps:
        with open(path, "rb") as f:
            dumps.append(pickle.load(f))
    if args.cmd == "colloc":
        colloc(dumps)
    elif args.cmd == "scores":
        scores(dumps)
    else:
        params(dumps, args.check, args.settings or [""])


if __name__ == "__main__":
    main()
