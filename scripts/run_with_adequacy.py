"""Run another script with some of the adequacy check's defaults changed (for measuring a setting).

    python scripts/run_with_adequacy.py wordnet=1 -- scripts/clean_rates.py --part wmt21 --with-src
    python scripts/run_with_adequacy.py wordnet=1 wordnet_gain=1.0 -- scripts/garble_recall.py FILE

Each KEY=VALUE (a number, or a JSON value) replaces ``mtqa.checks.source.adequacy.DEFAULTS[KEY]``
(or ``collocation.DEFAULTS[KEY]`` for the pair rule's ``colloc_*``)
in this process before the script runs (a calibration file's ``checks.adequacy`` value for the
same key still wins); ``decision_path=FILE`` replaces the shipped decision file. Unknown keys
are refused.
"""

from __future__ import annotations

import json
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    args = sys.argv[1:]
    if "--" not in args:
        sys.exit(__doc__)
    cut = args.index("--")
    settings, rest = args[:cut], args[cut + 1 :]
    if not rest:
        sys.exit(__doc__)
    from mtqa.checks.source import adequacy

    for item in settings:
        key, _, value = item.partition("=")
        if key == "decision_path":
            from mtqa.checks.source import decision

            decision.DEFAULT_MODEL = Path(value).resolve()
            continue
        from mtqa.checks.source import collocation

        if key in collocation.DEFAULTS:  # the pair rule's settings (colloc_*)
            collocation.DEFAULTS[key] = json.loads(value)
            continue
        if key not in adequacy.DEFAULTS:
            sys.exit(f"run_with_adequacy: unknown setting {key!r}")
        adequacy.DEFAULTS[key] = json.loads(value)
    script = rest[0]
    sys.path.insert(0, str(Path(script).resolve().parent))
    sys.argv = rest
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
