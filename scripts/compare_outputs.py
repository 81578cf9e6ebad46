"""Whether two checkouts of mtqa give identical results: every score, flag, message and suggestion.

    python scripts/compare_outputs.py OTHER_CHECKOUT [--n 2000] [--garble PATH] [--data DIR]

For speed work that must change no result: unpack the commit before the change somewhere (e.g.
``git archive BASE | tar -x -C /tmp/base``) and pass that folder. Each checkout runs the offline
profile (``--checks offline``) in a process of its own over the same inputs, and the results
(floats at full precision, via repr) are compared byte for byte. The inputs: WMT21/22 ru-en news
src/mt and src/ref pairs spread over the DA files in ``--data``, edge variants of some of them
(the translation lowercased, the source copied as the translation, he/she and his/her swapped,
the final mark dropped), and every fourth row of a garble set (``--garble``, a jsonl file with
``src`` and ``mt``; optional).
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SWAP = {"he": "she", "she": "he", "his": "her", "her": "his"}


def inputs(data: Path, n: int, garble: Path | None) -> list[tuple[str | None, str]]:
    rows: list[tuple[str | None, str]] = []
    for path in sorted(glob.glob(str(data / "wmt2[12]_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        step = max(1, len(lines) // max(1, n // 4))
        for line in lines[::step][: n // 4]:
            r = json.loads(line)
            if r.get("src") and r.get("mt"):
                rows.append((r["src"], r["mt"]))
            if r.get("src") and r.get("ref"):
                rows.append((r["src"], r["ref"]))
    for src, mt in list(rows[:1200:4]):
        rows.append((src, mt.lower()))
        rows.append((src, src or ""))
        rows.append((src, re.sub(r"\b(he|she|his|her)\b", lambda m: _SWAP[m.group()], mt)))
        rows.append((src, mt.rstrip(".!?")))
    if garble is not None and garble.exists():
        with open(garble, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % 4 == 0:
                    r = json.loads(line)
                    rows.append((r.get("src"), r["mt"]))
    return rows


def dump(rows: list[tuple[str | None, str]], out: Path) -> None:
    from mtqa.checks import Languages
    from mtqa.pipeline import Checker
    from mtqa.types import Segment

    segments = [Segment(index=i, id=str(i), mt=mt, src=src) for i, (src, mt) in enumerate(rows)]
    checker = Checker(["offline"], langs=Languages("ru", "en"))
    t0 = time.perf_counter()
    results = checker.check_segments(segments)
    seconds = time.perf_counter() - t0
    with open(out, "w", encoding="utf-8") as f:
        for r in results:
            row = {
                "quality": repr(r.quality),
                "scores": {k: repr(v) for k, v in sorted(r.scores.items())},
                "flags": [
                    {k: repr(v) for k, v in dataclasses.asdict(flag).items()} for flag in r.flags
                ],
            }
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(segments)} segments in {seconds:.1f} s; {checker.signature}", file=sys.stderr)


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, nargs="?", help="the other checkout's root folder")
    parser.add_argument("--n", type=int, default=2000, help="WMT rows (each gives mt and ref)")
    parser.add_argument("--data", type=Path, default=here.parent / "shared" / "data" / "eval")
    parser.add_argument(
        "--garble", type=Path, default=here / "artifacts" / "garble" / "train.jsonl"
    )
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    rows = inputs(args.data, args.n, args.garble)
    if args.dump is not None:
        dump(rows, args.dump)
        return
    if args.other is None:
        parser.error("give the other checkout's folder")
    outputs = []
    with tempfile.TemporaryDirectory() as tmp:
        for root in (args.other.resolve(), here):
            out = Path(tmp) / f"{len(outputs)}.jsonl"
            env = dict(os.environ, PYTHONPATH=str(root))
            command = [sys.executable, __file__, "--dump", str(out), "--n", str(args.n)]
            command += ["--data", str(args.data), "--garble", str(args.garble)]
            # run from the temporary folder: the current folder must not shadow PYTHONPATH
            subprocess.run(command, env=env, cwd=tmp, check=True)
            outputs.append(out.read_text(encoding="utf-8").splitlines())
    a, b = outputs
    differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(a) != len(b) or differ:
        print(f"DIFFERENT: {len(differ)} of {len(a)} rows (and {len(a)} vs {len(b)} rows)")
        for i in differ[:5]:
            print(f"row {i}: {rows[i][1][:80]!r}\n  other: {a[i][:300]}\n  this:  {b[i][:300]}")
        sys.exit(1)
    print(f"identical: {len(a)} rows (every score, flag, message and suggestion)")


if __name__ == "__main__":
    main()
