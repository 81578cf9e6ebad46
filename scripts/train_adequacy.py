"""Train the adequacy check's learned wrong-sense decision (mtqa/data/adequacy/decision.json).

    python scripts/make_garbles.py --out build/garble-seed7 --seed 7 \
        --families wrong_sense,calque,polarity,derivation
    python scripts/train_adequacy.py --extra-garble build/garble-seed7/train.jsonl \
        --kind trees --union yes                                    # the shipped file
    python scripts/train_adequacy.py [--garble artifacts/garble/train.jsonl] [--limit N]
        [--extra-garble FILE ...] [--features build/adequacy-features.jsonl]
        [--reuse-features] [--out FILE]
    python scripts/mine_postedit_senses.py --split train --out build/postedit-train.jsonl
    python scripts/mine_postedit_senses.py --split dev --out build/postedit-dev.jsonl
    python scripts/train_adequacy.py ... --real build/postedit-train.jsonl --real-weight 3 \
        --real-dev build/postedit-dev.jsonl [--train-on both|synthetic|real]

Data (training material only): the generator's train.jsonl (synthetic garbles of WMT21
references and MLQE-PE post-edits, gold spans; clean rows and uncorrupted words are the
negatives) plus the distinct WMT21 DA ru-en src/ref pairs as clean negatives; ``--extra-garble``
files (the generator run again on the same training pairs with another seed) are trained on but
never scored (no figure or threshold comes from them). ``--real`` files are real MT with the
words a post-editor replaced by another dictionary rendering of their source word
(scripts/mine_postedit_senses.py, MLQE-PE ru-en train): trained on with weight
``--real-weight``, never used for thresholds; their out-of-fold figures are printed.
``--real-dev`` (the same mining of the MLQE-PE ru-en dev split) is only scored, by the final
model, for choosing between recipes: real sense corrections found, kept words flagged. Every English
word the adequacy check can judge becomes a candidate (mtqa.checks.source.decision); it is
positive when it overlaps a wrong_sense, calque, polarity or derivation span, and left out when
it overlaps a span of another family. Rows are put in ``--folds`` folds by a hash of the source
sentence (a source never spans two folds); every row is scored by the model trained on the
other folds (out of fold), and the thresholds are chosen on those scores. No test split is read.

A standardised logistic regression and small gradient-boosted trees are trained (scikit-learn,
at training time only); the better one (mean recall over the families at the clean budget) is
retrained on all rows and written as plain JSON. Thresholds: ``minor`` so that at most
``--clean-budget`` of the clean sentences get any adequacy flag (the calque and polarity rules'
flags included), ``major`` so that at most ``--major-budget`` of them get a major wrong-sense
flag; both default to the rule path's own out-of-fold rates, so the decision is compared with the
rules at their precision. With ``--union yes`` the rule path's two-sided (major) flags stand
beside the model's. Seeded; logs progress to stderr; prints the out-of-fold figures of the rules
and of each model as JSON (also stored in the output file under ``out_of_fold``).
"""

from __future__ import annotations

import argparse
import bisect
import glob
import hashlib
import json
import math
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POSITIVE = ("wrong_sense", "calque", "polarity", "derivation", "real_sense")
REPORTED = ("wrong_sense", "calque", "polarity", "derivation")


def log(msg: str) -> None:
    print(f"[train_adequacy {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def fold_of(src: str, n_folds: int) -> int:
    """The fold of a row, by a hash of its source sentence (a source never spans two folds)."""
    return int(hashlib.md5(src.encode("utf-8")).hexdigest()[:8], 16) % n_folds


def _garble_rows(path: Path, extra: bool) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("split") not in (None, "synthetic", "train"):
                raise SystemExit(f"train_adequacy: row {r['id']} is from split {r['split']}")
            rows.append(
                {
                    "src": r["src"],
                    "mt": r["mt"],
                    "spans": r["spans"],
                    "family": r["family"],
                    "extra": extra,
                }
            )
    return rows


def real_rows(path: Path, split: str) -> list[dict]:
    """Rows of scripts/mine_postedit_senses.py (real MT, post-edit labels) of one split."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not r.get("real") or r.get("split") != split:
                raise SystemExit(
                    f"train_adequacy: {path} row {r.get('id')} is not a mined {split} row"
                )
            rows.append(
                {
                    "src": r["src"],
                    "mt": r["mt"],
                    "spans": r["spans"],
                    "family": r["family"],
                    "extra": True,
                    "real": True,
                }
            )
    return rows


def load_rows(
    garble: Path, data: Path, limit: int, seed: int, extra: list[Path] | None = None
) -> list[dict]:
    rows = _garble_rows(garble, False)
    for extra_path in extra or []:
        rows.extend(_garble_rows(extra_path, True))
    pairs = set()
    for path in sorted(glob.glob(str(data / "eval" / "wmt21_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("ref") and r.get("src"):
                    pairs.add((r["src"], r["ref"]))
    rows.extend(
        {"src": s, "mt": m, "spans": [], "family": None, "extra": False} for s, m in sorted(pairs)
    )
    rng = random.Random(seed)
    rng.shuffle(rows)
    return rows[:limit] if limit else rows


def extract(rows: list[dict], out: Path, n_folds: int, wordnet: bool = False) -> None:
    """Candidates and their features for every row, written as JSON lines."""
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.checks.source.decision import sense_candidates
    from mtqa.lexicon.align import align
    from mtqa.types import Segment

    check = AdequacyCheck({"learned_decision": 0, "wordnet": int(wordnet)})
    t0 = time.time()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for k, r in enumerate(rows):
            seg = Segment(k, str(k), r["mt"], src=r["src"])
            al = align(check.lexicon, r["src"], r["mt"])
            other = bool(check._calques(seg, al)) or bool(check._polarity(seg, al))
            cands = []
            for c in sense_candidates(check, seg, al):
                tok = al.mt[c.j]
                lo, hi = min(c.j, c.n), max(c.j, c.n)
                label = 0
                for sp in r["spans"]:
                    if sp["start"] < tok.end and tok.start < sp["end"]:
                        label = 1 if sp["category"] in POSITIVE else -1
                        if label == 1:
                            break
                cands.append(
                    {
                        "start": al.mt[lo].start,
                        "end": al.mt[hi].end,
                        "label": label,
                        "x": [round(v, 4) for v in c.features],
                        "rule": c.rule_margin >= 0,
                        "rule_major": c.rule_strong,
                    }
                )
            rec = {
                "fold": fold_of(r["src"], n_folds),
                "extra": r["extra"],
                **({"real": True} if r.get("real") else {}),
                "family": r["family"],
                "spans": [[s["start"], s["end"], s["category"]] for s in r["spans"]],
                "other_flag": other,
                "cands": cands,
            }
            f.write(json.dumps(rec) + "\n")
            if (k + 1) % 500 == 0:
                log(
                    f"features: {k + 1}/{len(rows)} rows, {(k + 1) / (time.time() - t0):.1f} rows/s"
                )
    log(f"features written to {out} in {time.time() - t0:.0f} s")


def evaluate(
    records: list[dict], probs: list[list[float]], minor: float, major: float, union: bool = False
) -> dict:
    """Recall per family, clean sentences with any adequacy flag / a major sense flag; with
    ``union`` the rule path's major (two-sided) flags stand too."""
    found: dict[str, list[int]] = defaultdict(list)
    clean = clean_any = clean_major = 0
    for rec, ps in zip(records, probs):
        flagged = [c for c, p in zip(rec["cands"], ps) if p >= minor or (union and c["rule_major"])]
        if not rec["spans"]:
            clean += 1
            clean_any += bool(flagged) or rec["other_flag"]
            clean_major += any(
                p >= major or (union and c["rule_major"]) for c, p in zip(rec["cands"], ps)
            )
            continue
        for s, e, cat in rec["spans"]:
            if cat in REPORTED:
                found[cat].append(int(any(c["start"] < e and s < c["end"] for c in flagged)))
    return {
        "recall": {k: round(sum(v) / len(v), 4) for k, v in sorted(found.items())},
        "clean_any": round(clean_any / max(1, clean), 4),
        "clean_major_sense": round(clean_major / max(1, clean), 4),
        "clean": clean,
    }


def evaluate_real(
    records: list[dict], probs: list[list[float]], minor: float, major: float, union: bool = True
) -> dict:
    """Mined post-edit rows: sense corrections (``real_sense`` spans) with a flag on them, at
    any severity and major; candidates on kept words (no span) and on other edited words flagged;
    rows with no BAD word flagged; and how well the probability ranks the sense corrections'
    candidates above the kept words' (``auc``, ties half; None without both)."""
    pos = pos_any = pos_major = kept = kept_flagged = ok_rows = ok_rows_flagged = 0
    other = other_flagged = 0
    scored: list[tuple[float, int]] = []
    for rec, ps in zip(records, probs):
        flagged = [
            (c, p) for c, p in zip(rec["cands"], ps) if p >= minor or (union and c["rule_major"])
        ]
        for s, e, cat in rec["spans"]:
            if cat != "real_sense":
                continue
            pos += 1
            hits = [p for c, p in flagged if c["start"] < e and s < c["end"]]
            pos_any += bool(hits)
            pos_major += any(p >= major for p in hits) or any(
                union and c["rule_major"] for c, _ in flagged if c["start"] < e and s < c["end"]
            )
        for c, p in zip(rec["cands"], ps):
            hit = p >= minor or (union and c["rule_major"])
            if c["label"] == 0:
                kept += 1
                kept_flagged += hit
            elif c["label"] < 0:
                other += 1
                other_flagged += hit
            if c["label"] >= 0:
                scored.append((p, c["label"]))
        if not rec["spans"]:
            ok_rows += 1
            ok_rows_flagged += bool(flagged) or rec["other_flag"]
    return {
        "senses": pos,
        "found": pos_any,
        "found_major": pos_major,
        "kept_candidates": kept,
        "kept_flagged": kept_flagged,
        "other_candidates": other,
        "other_flagged": other_flagged,
        "ok_rows": ok_rows,
        "ok_rows_flagged": ok_rows_flagged,
        "auc": _auc(scored),
    }


def _auc(scored: list[tuple[float, int]]) -> float | None:
    """P(a positive's score > a negative's), ties counted half."""
    pos = sorted(p for p, y in scored if y == 1)
    neg = sorted(p for p, y in scored if y == 0)
    if not pos or not neg:
        return None
    wins = sum(
        bisect.bisect_left(neg, p)
        + 0.5 * (bisect.bisect_right(neg, p) - bisect.bisect_left(neg, p))
        for p in pos
    )
    return round(wins / (len(pos) * len(neg)), 4)


def rule_probs(records: list[dict]) -> list[list[float]]:
    return [
        [1.0 if c["rule_major"] else 0.5 if c["rule"] else 0.0 for c in r["cands"]] for r in records
    ]


def train(records: list[dict], seed: int, real_weight: float = 1.0) -> dict[str, dict[str, Any]]:
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    xs = [c["x"] for r in records for c in r["cands"] if c["label"] >= 0]
    ys = [c["label"] for r in records for c in r["cands"] if c["label"] >= 0]
    ws = [
        real_weight if r.get("real") else 1.0
        for r in records
        for c in r["cands"]
        if c["label"] >= 0
    ]
    x, y = np.array(xs, dtype=float), np.array(ys)
    # no weights at all when every row weighs 1 (the synthetic recipe, byte for byte)
    weight = np.array(ws) if any(w != 1.0 for w in ws) else None
    log(f"training on {len(y)} candidates, {int(y.sum())} positive")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
    lr.fit((x - mean) / scale, y, sample_weight=weight)
    gb = GradientBoostingClassifier(
        n_estimators=150, max_depth=3, learning_rate=0.1, subsample=0.8, random_state=seed
    )
    gb.fit(x, y, sample_weight=weight)
    init = float(gb.init_.class_prior_[1])
    trees = []
    for est in gb.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            {
                "feature": [int(v) if v >= 0 else -1 for v in t.feature],
                "threshold": [round(float(v), 6) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [round(float(v[0][0]), 6) for v in t.value],
            }
        )
    return {
        "logistic": {
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in lr.coef_[0]],
            "intercept": round(float(lr.intercept_[0]), 6),
        },
        "trees": {
            "init": round(math.log(init / (1 - init)), 6),
            "learning_rate": gb.learning_rate,
            "trees": trees,
        },
    }


def pick_thresholds(
    records: list[dict],
    probs: list[list[float]],
    budget: float,
    major_budget: float,
    union: bool = False,
) -> tuple[float, float]:
    """The lowest thresholds whose clean out-of-fold rates stay within the budgets."""
    grid = sorted({round(p, 3) for ps in probs for p in ps} | {1.0, 1.001})
    minor = next(t for t in grid if evaluate(records, probs, t, 2.0, union)["clean_any"] <= budget)
    major = next(
        t
        for t in grid
        if t >= minor
        and evaluate(records, probs, minor, t, union)["clean_major_sense"] <= major_budget
    )
    return minor, major


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--garble", type=Path, default=ROOT / "artifacts" / "garble" / "train.jsonl")
    ap.add_argument(
        "--extra-garble",
        type=Path,
        nargs="*",
        default=[],
        help="more generator train files (another --seed): trained on, never scored",
    )
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--features", type=Path, default=ROOT / "build" / "adequacy-features.jsonl")
    ap.add_argument("--reuse-features", action="store_true", help="skip extraction")
    ap.add_argument(
        "--out", type=Path, default=ROOT / "mtqa" / "data" / "adequacy" / "decision.json"
    )
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument(
        "--clean-budget",
        type=float,
        default=-1.0,
        help="share of clean sentences allowed an adequacy flag (default: the rules' own rate)",
    )
    ap.add_argument(
        "--major-budget",
        type=float,
        default=-1.0,
        help="share of clean sentences allowed a major sense flag (default: the rules' rate)",
    )
    ap.add_argument("--kind", choices=("auto", "logistic", "trees"), default="auto")
    ap.add_argument(
        "--union",
        choices=("auto", "yes", "no"),
        default="auto",
        help="whether the rule path's major flags stand beside the model's (auto: the better "
        "out of fold)",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--real",
        type=Path,
        nargs="*",
        default=[],
        help="mined post-edit rows (scripts/mine_postedit_senses.py --split train)",
    )
    ap.add_argument(
        "--real-dev",
        type=Path,
        default=None,
        help="mined post-edit dev rows: scored by the final model, never trained on",
    )
    ap.add_argument("--real-weight", type=float, default=1.0, help="weight of a real row's words")
    ap.add_argument(
        "--compare",
        type=Path,
        nargs="*",
        default=[],
        help="decision files to score on the --real-dev rows too (e.g. the shipped one)",
    )
    ap.add_argument("--train-on", choices=("both", "synthetic", "real"), default="both")
    ap.add_argument(
        "--wordnet",
        action="store_true",
        help="extract and train on the WordNet coherence features too (tenth round)",
    )
    ap.add_argument(
        "--wordnet-features",
        default="wn_gain,wn_word",
        help="with --wordnet: which of them the model is trained on (comma-separated)",
    )
    args = ap.parse_args()

    real_features = args.features.with_name(args.features.stem + ".real.jsonl")
    dev_features = args.features.with_name(args.features.stem + ".realdev.jsonl")
    if not args.reuse_features:
        rows = load_rows(args.garble, args.data, args.limit, args.seed, args.extra_garble)
        log(f"{len(rows)} rows ({sum(1 for r in rows if not r['spans'])} clean)")
        extract(rows, args.features, args.folds, args.wordnet)
        if args.real:
            extract(
                [r for p in args.real for r in real_rows(p, "train")],
                real_features,
                args.folds,
                args.wordnet,
            )
        if args.real_dev:
            extract(real_rows(args.real_dev, "dev"), dev_features, args.folds, args.wordnet)
    with open(args.features, encoding="utf-8") as f:
        all_records = [json.loads(line) for line in f]
    real_records: list[dict] = []
    if args.real:
        with open(real_features, encoding="utf-8") as f:
            real_records = [json.loads(line) for line in f]
    dev_records: list[dict] = []
    if args.real_dev:
        with open(dev_features, encoding="utf-8") as f:
            dev_records = [json.loads(line) for line in f]
    if args.train_on == "real":
        # the model learns from the real rows alone; thresholds still on the synthetic folds
        train_records = real_records
    elif args.train_on == "synthetic":
        train_records = all_records
    else:
        train_records = all_records + real_records
    # Extra garbles (--extra-garble) are trained on, never scored: the figures and thresholds
    # come from the main file's rows and the clean pairs alone.
    records = [r for r in all_records if not r.get("extra")]
    n_extra = len(all_records) - len(records)
    from mtqa.checks.source.decision import (
        FEATURES as ALL_FEATURES,
        WORDNET_FEATURES,
        SenseDecision,
    )

    # The WordNet features are trained on only with --wordnet (the default recipe, byte for
    # byte); feature files written before them lack the columns, --wordnet-features picks some.
    FEATURES = tuple(
        f
        for f in ALL_FEATURES
        if f not in WORDNET_FEATURES or (args.wordnet and f in args.wordnet_features.split(","))
    )
    keep = [k for k, f in enumerate(ALL_FEATURES) if f in FEATURES]
    n_base = len(ALL_FEATURES) - len(WORDNET_FEATURES)
    for r in all_records + real_records + dev_records:
        for c in r["cands"]:
            if len(c["x"]) == len(ALL_FEATURES):
                c["x"] = [c["x"][k] for k in keep]
            elif len(c["x"]) == n_base + 1 and not args.wordnet:  # a file with wn_gain alone
                c["x"] = c["x"][:n_base]
            if len(c["x"]) != len(FEATURES):
                raise SystemExit(
                    f"train_adequacy: a candidate has {len(c['x'])} features, not {len(FEATURES)}"
                )

    # Out-of-fold probabilities: each row is scored by a model that never saw its source.
    folds = [r["fold"] for r in records]
    n_folds = max(folds) + 1
    log(f"{len(records)} rows in {n_folds} folds")
    rules = rule_probs(records)
    rules_eval = evaluate(records, rules, 0.5, 1.0)
    budget = rules_eval["clean_any"] if args.clean_budget < 0 else args.clean_budget
    major_budget = rules_eval["clean_major_sense"] if args.major_budget < 0 else args.major_budget
    report: dict[str, object] = {
        "rules": rules_eval,
        "rules_major": evaluate(records, rules, 1.0, 1.0)["recall"],
        "budget": [budget, major_budget],
    }
    oof: dict[str, list[list[float]]] = {}
    real_oof: dict[str, list[list[float]]] = {}
    for fold in range(n_folds):
        models = train([r for r in train_records if r["fold"] != fold], args.seed, args.real_weight)
        for kind, params in models.items():
            model = SenseDecision(kind, FEATURES, params, 0.5, 0.9, False, "")
            probs = oof.setdefault(kind, [[] for _ in records])
            for k, r in enumerate(records):
                if r["fold"] == fold:
                    probs[k] = [model.probability(c["x"]) for c in r["cands"]]
            rprobs = real_oof.setdefault(kind, [[] for _ in real_records])
            for k, r in enumerate(real_records):
                if r["fold"] == fold:
                    rprobs[k] = [model.probability(c["x"]) for c in r["cands"]]
        log(f"fold {fold + 1}/{n_folds} done")
    oof_path = args.features.with_suffix(".oof.json")
    oof_path.write_text(json.dumps(oof), encoding="utf-8")
    log(f"out-of-fold probabilities in {oof_path}")
    chosen: tuple[float, str, bool, float, float] | None = None
    for kind, probs in oof.items():
        if args.kind not in ("auto", kind):
            continue
        for union in {"auto": (False, True), "yes": (True,), "no": (False,)}[args.union]:
            minor, major = pick_thresholds(records, probs, budget, major_budget, union)
            res = evaluate(records, probs, minor, major, union)
            res["thresholds"] = [minor, major]
            res["recall_major"] = evaluate(records, probs, major, major, union)["recall"]
            if real_records:
                res["real_train"] = evaluate_real(real_records, real_oof[kind], minor, major, union)
            name = kind + ("+rules" if union else "")
            report[name] = res
            recall = res["recall"]
            score = sum(recall.values()) / max(1, len(recall))  # type: ignore[union-attr]
            if chosen is None or score > chosen[0]:
                chosen = (score, kind, union, minor, major)
    assert chosen is not None
    _, kind, union, minor, major = chosen
    report["chosen"] = kind + ("+rules" if union else "")
    log(f"final {report['chosen']} model on all rows")
    params = train(train_records, args.seed, args.real_weight)[kind]
    decision = SenseDecision(kind, FEATURES, params, minor, major, union, "")
    if real_records:
        report["rules_real_train"] = evaluate_real(real_records, rule_probs(real_records), 0.5, 1.0)
    if dev_records:
        # real dev rows: scored by the final model only (choosing between recipes)
        dev_probs = [[decision.probability(c["x"]) for c in r["cands"]] for r in dev_records]
        report["real_dev"] = evaluate_real(dev_records, dev_probs, minor, major, union)
        report["rules_real_dev"] = evaluate_real(dev_records, rule_probs(dev_records), 0.5, 1.0)
        from mtqa.checks.source.decision import load_decision

        for path in args.compare:
            other = load_decision(path)
            index = [FEATURES.index(name) for name in other.features]
            probs = [
                [other.probability([c["x"][k] for k in index]) for c in r["cands"]]
                for r in dev_records
            ]
            report[f"real_dev {other.version}"] = evaluate_real(
                dev_records, probs, other.minor, other.major, other.union
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "version": "1",
        "kind": decision.kind,
        "features": list(decision.features),
        "thresholds": {"minor": decision.minor, "major": decision.major},
        "union_with_rules": decision.union,
        "trained_on": (
            "scripts/train_adequacy.py: generator train.jsonl (WMT21 refs + MLQE-PE train "
            f"garbles), {n_extra} extra generator rows (another seed, trained on only) and "
            "WMT21 DA ru-en src/ref pairs"
            + (
                f"; {len(real_records)} MLQE-PE ru-en train rows with post-edit sense labels "
                f"(scripts/mine_postedit_senses.py, weight {args.real_weight}, trained on "
                f"{args.train_on})"
                if real_records
                else ""
            )
            + "; thresholds on out-of-fold "
            f"probabilities ({n_folds} folds by source hash; clean budget {budget}, major "
            f"budget {major_budget}); seed {args.seed}"
        ),
        "out_of_fold": report,
        "params": decision.params,
    }
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    os.replace(tmp, args.out)
    log(f"wrote {args.out} ({kind})")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
