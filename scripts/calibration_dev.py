"""Write the dev rows `mtqa calibrate` measures but never trains on, for `mtqa evaluate`.

    python scripts/calibration_dev.py ../shared/data/eval/wmt21_da_ru-en_news.part*.jsonl -o wmt21_newsdev.jsonl
    mtqa evaluate wmt21_newsdev.jsonl --no-ref

Rows of split 'dev', and of files without splits (WMT DA) the held-out quarter of the source
sentences (mtqa.evaluate.calibrate.read_dev); test splits are never read. The lines are copied
as they are.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqa.evaluate.calibrate import read_dev


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for path in args.files:
            ids = {r.id for r in read_dev([path])}
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip() and json.loads(line).get("id") in ids:
                        out.write(line if line.endswith("\n") else line + "\n")
                        n += 1
    print(f"calibration_dev: {n} rows -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
