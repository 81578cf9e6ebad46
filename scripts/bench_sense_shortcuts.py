"""CPU time of the adequacy check's wrong-sense shortcuts against the plain computation, in one process.

    python scripts/bench_sense_shortcuts.py [--n 2000] [--repeats 3]

On a shared machine whole-run timings of two checkouts drift by more than these shortcuts save,
so both versions run here side by side over the same WMT ru-en news pairs (from
../shared/data/eval), alternating per chunk of 100 sentences, after one pass that warms every
cache (what is left is the work itself, not first look-ups): the wrong-sense candidates and the
learned decision (``sense_candidates`` with its per-word shortcuts, and the decision's trees
compiled) against the same with the shortcuts off and the trees walked node by node.

Both sides give identical answers (tests/unit/test_decision_shortcuts.py); this prints the CPU
seconds summed per side.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import load_rows


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data", type=Path, default=here.parent / "shared" / "data" / "eval")
    args = parser.parse_args()

    import mtqa.checks.source.decision as decision_module
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import Alignment, align
    from mtqa.types import Segment

    rows = load_rows(args.data, args.n)
    check = AdequacyCheck()
    lexicon = check.lexicon
    decision = check.decision
    assert decision is not None
    compiled = decision._compiled
    items = [
        (Segment(i, str(i), r["mt"], src=r["src"]), align(lexicon, r["src"], r["mt"]))
        for i, r in enumerate(rows)
    ]

    def senses(chunk: list[tuple[Segment, Alignment]], fast: bool) -> None:
        decision_module._SHORTCUTS = fast
        object.__setattr__(decision, "_compiled", compiled if fast else None)
        for seg, al in chunk:
            for cand in decision_module.sense_candidates(check, seg, al):
                decision.probability(decision_module.vector(decision, cand))

    senses(items, True)  # warm every cache
    spent = {False: 0.0, True: 0.0}
    for rep in range(args.repeats):
        for k in range(0, len(items), 100):
            chunk = items[k : k + 100]
            order = (True, False) if (k // 100 + rep) % 2 else (False, True)
            for fast in order:
                c0 = time.process_time()
                senses(chunk, fast)
                spent[fast] += time.process_time() - c0
    decision_module._SHORTCUTS = True
    object.__setattr__(decision, "_compiled", compiled)
    n = len(items) * args.repeats
    print(
        f"CPU seconds of the wrong-sense candidates + decision over {n} sentence passes "
        f"(caches warm): plain {spent[False]:.2f}, shortcuts {spent[True]:.2f}"
    )


if __name__ == "__main__":
    main()
