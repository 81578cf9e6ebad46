"""Measure the qe flags and the corroboration step (mtqa/corroborate.py) on clean and garbled text.

    python scripts/corroboration_eval.py dump clean-wmt21 /tmp/c21.pkl      # runs the checks once
    python scripts/corroboration_eval.py dump garble:artifacts/garble/test.jsonl /tmp/gt.pkl
    python scripts/corroboration_eval.py replay /tmp/c21.pkl [--set corroborate.demote=false ...]

``dump`` runs the default profile's checks (the `qe` model must be installed) over one data set
and stores every check's result per sentence, the QE model's word probabilities included.
``replay`` then builds the flags the way the pipeline does (qe flags from the stored
probabilities, the calibration's confidence floors, corroboration, duplicates removed) under
the given settings, in seconds, and prints:

- clean articles (``clean-wmt21``/``clean-wmt22``: the WMT DA ru-en news references with their
  sources, read as ``mtqa check article.txt --src article.ru.txt`` reads them): the share of
  articles with a major/critical flag, of sentences with any flag and with a major flag;
- garbled rows (``garble:PATH``, rows as scripts/make_garbles.py writes them): recall per family
  and its mean, at any severity and at major or worse, and the share of clean rows flagged
  (scripts/garble_recall.py's definitions);
- real MT pairs (``mtpairs-wmt21``: per WMT21 source segment, the system output people scored
  lowest and the one they scored highest, DA z-scores at least 1.0 apart): the share of each with
  any flag, for all checks and per check;
- paired rows (``twins:PATH``: each corrupted row of the garble file and its ``clean`` twin, the
  same sentence before corruption): besides recall, the share of corrupted rows with a flag on a
  corrupted span against the share of twins with any flag, for all checks and per check. A
  setting whose flags fire as often on the twins finds odd sentences, not garbles.

Replay renders the qe flags as the pipeline does: the shipped calibration's ``checks.qe``
levels and, where the stack file has the variant, the stacked word tagger's P(BAD) and threshold.

``--legacy-qe`` renders the qe flags as mtqa did before readable flags (consecutive BAD words,
category adequacy/fluency, severity from P(BAD) alone), for before/after figures; add
``--set corroborate.agree=false --set corroborate.demote=false`` for the old pipeline.
``--sample N`` (dump) keeps N articles or rows, drawn with a fixed seed; ``--target-only`` (dump)
leaves the sources out.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mtqa.checks import Languages
from mtqa.checks.base import severity_for
from mtqa.corroborate import corroborate
from mtqa.pipeline import Checker, _dedupe
from mtqa.types import CheckResult, Flag, Segment


def _units(
    name: str, sample: int | None, target_only: bool = False
) -> list[tuple[str, list[Segment], dict | None]]:
    """(unit id, segments, garble row or None) for a data set name."""
    rng = random.Random(0)
    if name.startswith("clean-"):
        from clean_rates import articles

        from mtqa.io.readers import parse_article

        arts = articles(name.removeprefix("clean-"))
        if sample:
            arts = sorted(rng.sample(arts, min(sample, len(arts))), key=lambda a: a.doc_id)
        return [
            (
                a.doc_id,
                parse_article(
                    a.ref,
                    a.doc_id,
                    None if target_only else (a.doc_id + ".ru", a.src),
                    None,
                    "ru",
                    "en",
                ),
                None,
            )
            for a in arts
        ]
    if name.startswith("mtpairs-"):
        rows = mt_pairs(name.removeprefix("mtpairs-"), sample, rng)
        return [
            (
                r["id"],
                [Segment(index=k, id=r["id"], mt=r["mt"], src=None if target_only else r["src"])],
                r,
            )
            for k, r in enumerate(rows)
        ]
    twins = name.startswith("twins:")
    path = Path(name.removeprefix("twins:" if twins else "garble:"))
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    if sample:
        rows = rng.sample(rows, min(sample, len(rows)))
    if twins:  # each corrupted row, then its clean twin (the same sentence before corruption)
        rows = [
            r
            for row in rows
            if row["spans"] and row.get("clean")
            for r in (
                row,
                {
                    **row,
                    "id": row["id"] + ".twin",
                    "mt": row["clean"],
                    "spans": [],
                    "family": None,
                    "twin_of": row["id"],
                },
            )
        ]
    return [
        (
            r["id"],
            [Segment(index=k, id=r["id"], mt=r["mt"], src=None if target_only else r.get("src"))],
            r,
        )
        for k, r in enumerate(rows)
    ]


def mt_pairs(part: str, sample: int | None, rng: random.Random, gap: float = 1.0) -> list[dict]:
    """Real MT, paired: per source segment of the WMT DA ru-en news files of ``part``
    (``wmt21``), the system output people scored lowest and the one they scored highest, when
    their DA z-scores differ by at least ``gap`` and the texts differ; rows ``{id, src, mt,
    spans: [], da, pair, tag: low|high}``, pairs in a seeded order (``sample``: at most that
    many pairs)."""
    from clean_rates import DATA

    by_seg: dict[tuple[str, int], list[dict]] = {}
    for path in sorted(DATA.glob(f"{part}_da_ru-en_news.part*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("mt") and r.get("score") is not None:
                    by_seg.setdefault((r["doc_id"], int(r["seg_id"])), []).append(r)
    pairs = []
    for key in sorted(by_seg):
        outs = sorted(by_seg[key], key=lambda r: r["score"])
        low, high = outs[0], outs[-1]
        if high["score"] - low["score"] >= gap and low["mt"].strip() != high["mt"].strip():
            pairs.append((low, high))
    rng.shuffle(pairs)
    if sample:
        pairs = pairs[:sample]
    return [
        {
            "id": f"{r['id']}.{tag}",
            "src": r["src"],
            "mt": r["mt"],
            "spans": [],
            "family": None,
            "da": r["score"],
            "pair": i,
            "tag": tag,
        }
        for i, (low, high) in enumerate(pairs)
        for tag, r in (("low", low), ("high", high))
    ]


def dump(name: str, out: Path, sample: int | None, target_only: bool = False) -> None:
    units = _units(name, sample, target_only)
    checker = Checker(checks=None, langs=Languages("ru", "en"))
    if "qe" not in [c.name for c in checker.checks]:
        sys.exit("corroboration_eval: the qe check cannot run here (see docs/install.md)")
    segments = [s for _, segs, _ in units for s in segs]
    stored: dict[str, list[Any]] = {}
    for check in checker.checks:
        t0 = time.perf_counter()
        if check.name == "qe":
            raw: list[Any] = [None] * len(segments)
            for variant, with_src in (("full", True), ("target", False)):
                idx = [i for i, s in enumerate(segments) if s.has("src") == with_src]
                if not idx:
                    continue
                model = check.predictor(variant)  # type: ignore[attr-defined]
                srcs = [segments[i].src or "" for i in idx] if with_src else None
                for i, o in zip(idx, model.predict([segments[i].mt for i in idx], srcs)):
                    raw[i] = (o, model.threshold, with_src)
            stored["qe"] = raw
        else:
            stored[check.name] = check.run(segments)
        print(f"{check.name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    floors = {
        (c.name, has_src): checker.calibration.min_confidence(c.name, has_src)
        for c in checker.checks
        for has_src in (False, True)
    }
    with open(out, "wb") as f:
        pickle.dump(
            {
                "name": name,
                "units": units,
                "results": stored,
                "floors": floors,
                "sig": checker.signature,
            },
            f,
        )


def _legacy_qe(seg: Segment, out: Any, threshold: float, with_src: bool) -> CheckResult:
    """The qe flags as they were before readable flags (for before/after figures only)."""
    levels = {"minor": threshold, "major": 0.8, "critical": 0.95}
    phrases: list[list[Any]] = []
    for w in (w for w in out.words if w.p_bad >= threshold):
        if phrases and all(not ch.isalnum() for ch in seg.mt[phrases[-1][1] : w.start]):
            phrases[-1][1], phrases[-1][2] = w.end, max(phrases[-1][2], w.p_bad)
        else:
            phrases.append([w.start, w.end, w.p_bad])
    flags = []
    for s, e, p in phrases:
        sev = severity_for(p, levels)
        if sev is not None:
            flags.append(
                Flag(s, e, seg.mt[s:e], "adequacy" if with_src else "fluency", sev, p, "", "qe")
            )
    return CheckResult(scores={"qe": out.score}, flags=tuple(flags))


def replay(
    data: Mapping[str, Any], settings: Mapping[str, Any], legacy: bool
) -> list[list[list[Flag]]]:
    """Flags per sentence per unit, built the way mtqa.pipeline builds them."""
    from mtqa.calibration import shipped_calibration
    from mtqa.checks.qe import QECheck, restack

    # the check's parameters as the pipeline sets them (the shipped qe.json's levels), then --set
    params = shipped_calibration(["qe"]).check_params("qe")
    qe = QECheck({**params, **settings.get("qe", {}), "explain": False})
    results = data["results"]
    floors = dict(data["floors"])
    # --set floor.CHECK_src=V / floor.CHECK_mt=V: try another confidence floor for CHECK's flags
    for key, value in settings.get("floor", {}).items():
        name, _, mode = key.rpartition("_")
        floors[(name, mode == "src")] = float(value)
    out: list[list[list[Flag]]] = []
    k = 0
    for _, segs, _ in data["units"]:
        unit = []
        for seg in segs:
            per: dict[str, CheckResult] = {}
            for name, rs in results.items():
                if name == "qe":
                    o, thr, with_src = rs[k]
                    # as QECheck.check_batch: the stacked word tagger's P(BAD) and threshold
                    # where the stack has the variant (qe_bad stays the model's own share)
                    stack = (
                        qe.stack.variant("full" if with_src else "target")
                        if (qe.stack is not None and not legacy)
                        else None
                    )
                    if stack is not None and not stack.needs_other:
                        bad = sum(1 for w in o.words if w.p_bad >= thr)
                        qe_bad = bad / len(o.words) if o.words else 0.0
                        o = restack(seg, o, stack, with_src)
                        per[name] = qe._result(seg, o, stack.threshold, with_src, qe_bad)
                    else:
                        per[name] = (_legacy_qe if legacy else qe._result)(seg, o, thr, with_src)
                else:
                    per[name] = rs[k]
            flags = [
                f
                for name, r in per.items()
                for f in r.flags
                if f.confidence >= floors[(name, seg.has("src"))]
            ]
            flags = corroborate(flags, per, settings.get("corroborate", {}))
            unit.append(_dedupe(flags))
            k += 1
        out.append(unit)
    return out


def _major(flags: list[Flag]) -> bool:
    return any(f.severity != "minor" for f in flags)


def metrics(data: Mapping[str, Any], flags: list[list[list[Flag]]]) -> dict[str, Any]:
    if "pair" in (data["units"][0][2] or {}):  # real MT pairs
        return _mt_pair_metrics([row for _, _, row in data["units"]], flags)
    if data["units"][0][2] is None:  # clean articles
        sents = [s for u in flags for s in u]
        return {
            "articles": len(flags),
            "sentences": len(sents),
            "articles_major": round(sum(any(_major(s) for s in u) for u in flags) / len(flags), 4),
            "sentences_any": round(sum(bool(s) for s in sents) / len(sents), 4),
            "sentences_major": round(sum(_major(s) for s in sents) / len(sents), 4),
            # articles with a major flag of each check/category
            "articles_major_by": dict(
                sorted(
                    Counter(
                        key
                        for u in flags
                        for key in {
                            f"{f.check}/{f.category}" for s in u for f in s if f.severity != "minor"
                        }
                    ).items()
                )
            ),
        }
    from garble_recall import recall

    test = [row for _, _, row in data["units"]]
    rows = [
        {"id": row["id"], "mt": row["mt"], "flags": [f.to_dict() for f in u[0]]}
        for row, u in zip(test, flags)
    ]
    res: dict[str, Any] = {}
    if any("twin_of" in row for row in test):
        res["twins"] = _twin_metrics(test, flags)
    for sev in ("minor", "major"):
        r = recall(test, rows, sev)
        res[sev] = {
            "mean": r["family_mean_recall"],
            "clean_flagged": r["clean_flagged_share"],
            "recall": r["recall"],
        }
    return res


def _mt_pair_metrics(rows: list[dict], flags: list[list[list[Flag]]]) -> dict[str, Any]:
    """Real MT pairs: the share of the lower- and of the higher-scored outputs with any flag,
    for all checks and per check (a flag that reads errors fires more often on the first)."""
    flagged: dict[str, Counter[str]] = {"low": Counter(), "high": Counter()}
    n = Counter(row["tag"] for row in rows)
    for row, u in zip(rows, flags):
        fl = u[0]
        flagged[row["tag"]].update({"all", *{f.check for f in fl}} if fl else set())
    keys = sorted(set(flagged["low"]) | set(flagged["high"]), key=lambda k: (k != "all", k))
    return {
        "pairs": n["low"],
        **{
            f"{tag}_flagged": {k: round(flagged[tag][k] / max(n[tag], 1), 4) for k in keys}
            for tag in ("low", "high")
        },
    }


def _twin_metrics(test: list[dict], flags: list[list[list[Flag]]]) -> dict[str, Any]:
    """Corrupted rows against their clean twins: the share of corrupted rows with a flag on a
    corrupted span and the share of twins with any flag, for all checks and per check. A flag
    that is evidence of the corruption fires more often on the first than on the second; one
    that fires as often on both says something about the sentence, not about the garble."""
    on_span: Counter[str] = Counter()
    on_twin: Counter[str] = Counter()
    pairs = 0
    for row, u in zip(test, flags):
        fl = u[0]
        if "twin_of" in row:
            on_twin.update({"all", *{f.check for f in fl}} if fl else set())
            continue
        pairs += 1
        hits = [
            f for f in fl if any(f.start < s["end"] and s["start"] < f.end for s in row["spans"])
        ]
        on_span.update({"all", *{f.check for f in hits}} if hits else set())
    keys = sorted(set(on_span) | set(on_twin), key=lambda k: (k != "all", k))
    return {
        "pairs": pairs,
        "garbled_flagged_on_span": {k: round(on_span[k] / max(pairs, 1), 4) for k in keys},
        "twin_flagged": {k: round(on_twin[k] / max(pairs, 1), 4) for k in keys},
    }


def _parse_sets(items: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        key, _, value = item.partition("=")
        part, _, param = key.partition(".")
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            parsed = value
        out.setdefault(part, {})[param] = tuple(parsed) if isinstance(parsed, list) else parsed
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("data")
    d.add_argument("out", type=Path)
    d.add_argument("--sample", type=int, default=None)
    d.add_argument("--target-only", action="store_true", help="leave the sources out")
    r = sub.add_parser("replay")
    r.add_argument("dumps", type=Path, nargs="+")
    r.add_argument(
        "--set",
        action="append",
        default=[],
        help="qe.PARAM=V, corroborate.PARAM=V or floor.CHECK_src|CHECK_mt=V",
    )
    r.add_argument("--legacy-qe", action="store_true")
    r.add_argument(
        "--show",
        metavar="CHECK",
        help="also print every flag of CHECK on sentences without corruption (to stderr)",
    )
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.data, args.out, args.sample, args.target_only)
        return
    settings = _parse_sets(args.set)
    for path in args.dumps:
        with open(path, "rb") as f:
            data = pickle.load(f)
        flags = replay(data, settings, args.legacy_qe)
        if args.show:
            show(data, flags, args.show)
        result = metrics(data, flags)
        print(json.dumps({"data": data["name"], **result}))


def show(data: Mapping[str, Any], flags: list[list[list[Flag]]], check: str) -> None:
    """Every flag of ``check`` on a sentence without corruption (clean articles, clean twins,
    uncorrupted garble rows, real MT), with its sentence."""
    for (_, segs, row), unit in zip(data["units"], flags):
        if row is not None and row.get("spans"):
            continue
        for seg, fl in zip(segs, unit):
            for f in fl:
                if f.check == check:
                    print(f"[{f.severity}] {f.category} {f.text!r}: {f.message}", file=sys.stderr)
                    print(f"    | {seg.mt}", file=sys.stderr)


if __name__ == "__main__":
    main()
