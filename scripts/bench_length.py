"""Check time against sentence length, up to 1 MB in one sentence, as a table.

    python scripts/bench_length.py [--sizes 1000,10000,100000,1000000] [--checks rules,source]
                                   [--shapes list,prose] [--budget 60]

Each shape is a short unit repeated (no sentence-final stop inside) into one segment of the given
number of characters, with a Russian source and a reference of the same length. Every default
check runs on it alone; the table shows seconds and microseconds per character, so a check that
is near-linear keeps a flat us/char column as the length grows. A (shape, check) whose time
passes --budget seconds is not run at larger sizes (shown as "-").
"""

from __future__ import annotations

import argparse
import time

SHAPES: dict[str, str] = {
    # a list with repeated items: the input that made `repeated_list_items` cubic
    "list": "sanctions, tariffs and quotas, embargoes, duties, levies and sanctions, ",
    # short lines with no full stop, the way a feed dump forms one long sentence
    "lines": "the minister said that talks would continue next week\n",
    "prose": "The ministers agreed to continue the talks on a peaceful settlement in Vienna while ",
    "mixed": "The ministers said переговоры would continue about урегулирование in Vienna ",
    "caps": "said SHE and met VVP (BRICS) in the US with ZQX ",
    "brackets": 'a) b) (c ] [d ) " x " « y » ',
    "hyphens": "long- and short-term ",
    "numbers": "on 5.03.2024 at 17:45 some 1,500 of 23 people paid $4.5 million, ",
    "names": "Mr Zakharova met Peskov and Shoigu, Lavrov and Nebenzya, ",
}
SOURCE = "Министры Захарова, Песков и Шойгу договорились 5.03.2024 в 17:45 о 1 500 рублях, "
DEFAULT_CHECKS = ("fluency", "vocabulary", "rules", "source", "reference")


def fill(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n].strip() + "."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--checks", default=",".join(DEFAULT_CHECKS))
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--budget", type=float, default=60.0)
    args = ap.parse_args()

    from mtqa.checks import Languages, check_class
    from mtqa.types import Segment

    sizes = [int(s) for s in args.sizes.split(",")]
    langs = Languages("ru", "en")
    checks = {name: check_class(name)(None, langs) for name in args.checks.split(",")}
    warm = Segment(index=0, id="w", mt="Talks in Zqxw resumed.", src="Переговоры.", ref="Talks.")
    for check in checks.values():
        check.run([warm])  # lazy loads (trigram model, word lists) are not timed
    print(f"{'shape':9} {'check':10} " + " ".join(f"{n:>16,}" for n in sizes))
    print(f"{'':9} {'':10} " + " ".join(f"{'s  us/char':>16}" for _ in sizes))
    for shape in args.shapes.split(","):
        for name, check in checks.items():
            cells = []
            over = False
            for n in sizes:
                if over:
                    cells.append(f"{'-':>16}")
                    continue
                mt = fill(SHAPES[shape], n)
                seg = Segment(index=0, id="1", mt=mt, src=fill(SOURCE, n), ref=mt[::-1])
                t0 = time.perf_counter()
                check.run([seg])
                dt = time.perf_counter() - t0
                cells.append(f"{dt:9.3f} {1e6 * dt / n:6.1f}")
                over = dt > args.budget
            print(f"{shape:9} {name:10} " + " ".join(cells), flush=True)


if __name__ == "__main__":
    main()
