"""Neural quality estimation: mtqa's own fine-tuned multilingual-e5-small (see mtqa/data/qe/).

Two shipped models: source-aware (``<s> src </s></s> mt </s>``) for segments with a source and
target-only for those without. Scores: ``qe`` = predicted MLQE-PE DA z-score (about −2..+1.5;
0 is an average translation of that data, higher is better), ``qe_bad`` = share of words the
model tags BAD. With ``ensemble`` (or ``MTQA_QE_ENSEMBLE=1``), ``qe`` of a segment with a source
is the mean of both models' scores (the target-only one reads news better); the flags still come
from the source-aware model. Words with P(BAD) ≥ the model's threshold (read from the model's meta, chosen on
dev) become flags, merged into phrases across punctuation and short gaps of elevated words; the
category says what the span is (``untranslated``, ``name``, ``number``, ``mistranslation`` with the
source; ``fluency`` without it), severity comes from the phrase's highest P(BAD) and what the span
is, and the message names the source words the phrase stands for. Words above a lower level are
returned as ``support`` for mtqa.corroborate.

Without a source, the words' P(BAD) first go through the stacked word tagger
(:mod:`mtqa.qe.stack`, ``mtqa/data/qe/word-stack.json``): a logistic regression over the
sentence's P(BAD) profile and lexical facts, put back on the model's scale by rank, so the levels
and floors above keep their meaning (parameter ``stack``: ``auto``, ``off`` or a file's path;
``MTQA_QE_STACK`` overrides). With a source the shipped file has no stack (it did not beat the
model's own P(BAD) on dev, docs/model.md) and the raw path runs.

Runs on ONNX Runtime with int8 weights by default (``mtqa.qe.runtime``: written once into the
user cache on first use, then loaded in about a second); parameter ``backend: torch`` runs the
fp32 torch model instead (for comparison and training), ``precision: fp32`` the ONNX export
without quantisation, ``threads`` overrides the thread count (else ``--threads`` / the free
cores). Torch is imported only by the torch backend.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from mtqa.checks.base import Check, Languages, severity_for
from mtqa.deps import install_hint
from mtqa.errors import ModelError
from mtqa.text import words
from mtqa.types import SEVERITY_RANK, CheckResult, Flag, Segment, Severity

PRECISION_ENV = "MTQA_QE_PRECISION"
ENSEMBLE_ENV = "MTQA_QE_ENSEMBLE"
STACK_ENV = "MTQA_QE_STACK"

DEFAULTS: dict[str, Any] = {
    # P(BAD) levels above the model's own threshold (which is the 'minor' level).
    "major": 0.8,
    "critical": 0.95,
    # A word between two BAD words joins them into one phrase when its P(BAD) is at least this
    # share of the threshold (at most max_gap such words in a row).
    "bridge": 0.5,
    "max_gap": 1,
    # Words at or above this share of the threshold back up other checks' flags (support). At 0.5
    # the retrained model's many mid-probability words backed up (and so kept major) adequacy
    # flags on clean WMT21 news; at 1.0 only words the model tags BAD do (docs/model.md).
    "support": 1.0,
    # Words (punctuation included) at or above this share of the threshold are the check's word
    # tags for scorers (CheckResult.word_tags, mtqa/evaluate/wordtags.py): the model's own
    # threshold is its best word MCC on ru-en dev, while the calibration's confidence floor that
    # hides flags is chosen for precision on clean news (docs/evaluation.md). None: no word tags.
    "word_tags": 1.0,
    # Without the source the model cannot know a mistranslation: its flags say "reads as garbled"
    # and stay at most this severity unless another check agrees (mtqa.corroborate).
    "max_severity_without_src": "minor",
    # Name the source words a flagged phrase stands for (aligns flagged sentences only).
    "explain": True,
    "device": "cpu",
    # how the model runs: "onnx" (mtqa.qe.runtime) or "torch" (fp32, QEPredictor)
    "backend": "onnx",
    "precision": "int8",
    "threads": None,
    # With a source, ``qe`` = the mean of the source-aware and the target-only model's scores
    # (one more, shorter, forward pass per segment). On WMT21 DA ru-en news rows neither model saw
    # (821) Pearson 0.187 against 0.139 for the source-aware score alone; MLQE-PE ru-en dev 0.649
    # against 0.641 (mtqa/data/qe/MODEL_CARD.md). Off by default: about 1.5x the time.
    "ensemble": False,
    # The stacked word tagger (mtqa/qe/stack.py): "auto" uses the shipped word-stack.json when
    # it is there and has a model for the variant, "off" keeps the raw model's P(BAD), a path
    # reads another stack file (MTQA_QE_STACK overrides). With the stack, flags, severities and support come from the
    # stacked P(BAD), put back on the model's P(BAD) scale by rank (so major, critical and the
    # calibration's floors keep their meaning); the minor level is the stack file's threshold.
    "stack": "auto",
}


class QECheck(Check):
    name = "qe"
    version = "2"
    target_langs = frozenset({"en"})
    # Segments handed to check_batch at once; the ONNX runtime regroups them by token count.
    batch_size = 256
    torch_batch_size = 32

    def __init__(self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()):
        merged = {**DEFAULTS, **(params or {})}
        # MTQA_QE_PRECISION=fp32 trades speed (about 2.5x slower) for fp32's sensitivity to small
        # differences: int8 agrees on correlations but ranks near-identical pairs less well
        # (docs/qe-runtime.md).
        precision = os.environ.get(PRECISION_ENV)
        if precision:
            merged["precision"] = precision.strip().lower()
        ensemble = os.environ.get(ENSEMBLE_ENV, "").strip().lower()
        if ensemble:
            if ensemble not in ("0", "1", "false", "true"):
                raise ModelError(f"{ENSEMBLE_ENV}={ensemble!r}: use 1 or 0")
            merged["ensemble"] = ensemble in ("1", "true")
        stack = os.environ.get(STACK_ENV, "").strip()
        if stack:  # off, auto or a stack file's path
            merged["stack"] = stack
        super().__init__(merged, langs)
        self._predictors: dict[str, Any] = {}

    @cached_property
    def _base(self) -> tuple[Any, Any]:
        from mtqa.qe.base import load_base

        return load_base()

    def predictor(self, variant: str) -> Any:
        if variant not in self._predictors:
            self._predictors[variant] = self._load(variant)
        return self._predictors[variant]

    def _load(self, variant: str) -> Any:
        backend = str(self.param("backend", "onnx"))
        threads = self.param("threads", None)
        threads = int(threads) if threads is not None else None
        try:
            if backend == "onnx":
                from mtqa.qe.runtime import OnnxQE

                return OnnxQE(
                    variant, precision=str(self.param("precision", "int8")), threads=threads
                )
            if backend != "torch":
                raise ModelError(f"unknown qe backend {backend!r} (known: onnx, torch)")
            from mtqa.qe.predict import QEPredictor

            return QEPredictor(
                variant, base=self._base, device=str(self.param("device", "cpu")), threads=threads
            )
        except ImportError as err:
            raise ModelError(
                f"the qe check needs {err.name or 'torch'}: {install_hint('qe')} "
                "(install the CPU build of torch first: docs/install.md)"
            ) from None

    @cached_property
    def stack(self) -> Any:
        """The stacked word tagger in use (:class:`mtqa.qe.stack.StackModel`), or None."""
        from pathlib import Path

        from mtqa.qe.stack import load_stack

        setting = str(self.param("stack", "auto") or "off").strip()
        if setting.lower() in ("off", "false", "0", "none"):
            return None
        if setting.lower() in ("auto", "on", "true", "1"):
            return load_stack()
        path = Path(setting).expanduser()
        if not path.is_file():
            raise ModelError(f"qe stack file {setting!r} not found")
        return load_stack(path)

    def resources(self) -> str:
        backend = str(self.param("backend", "onnx"))
        deltas = f"qe-delta:{delta_digest('full')}/{delta_digest('target')}"
        ensemble = "+ensemble" if self.param("ensemble", False) else ""
        stack = f"+stack:{self.stack.digest}" if self.stack is not None else ""
        if backend == "onnx":
            return f"e5-small-q4+{deltas}{ensemble}{stack}@onnx-{self.param('precision', 'int8')}"
        return f"e5-small-q4+{deltas}{ensemble}{stack}"

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        results: list[CheckResult | None] = [None] * len(segments)
        for variant, with_src in (("full", True), ("target", False)):
            idx = [i for i, s in enumerate(segments) if s.has("src") == with_src]
            if not idx:
                continue
            model = self.predictor(variant)
            mts = [segments[i].mt for i in idx]
            srcs = [segments[i].src or "" for i in idx] if with_src else None
            rows = self.torch_batch_size if self.param("backend", "onnx") == "torch" else None
            outs = model.predict(mts, srcs, batch_size=rows)
            stack = self.stack.variant(variant) if self.stack is not None else None
            ensemble = with_src and bool(self.param("ensemble", False))
            # the target-only model's output for the same MT: for the ensemble's score and for a
            # stack that reads its P(BAD) (the full model cannot run without a source)
            others: list[Any] = [None] * len(outs)
            if with_src and (ensemble or (stack is not None and stack.needs_other)):
                others = self.predictor("target").predict(mts, None, batch_size=rows)
            # the stack's probabilities are on the model's scale (stack.py), its threshold too
            threshold = stack.threshold if stack is not None else model.threshold
            for i, out, other in zip(idx, outs, others):
                # qe_bad stays the model's own share (the calibration weighs it as fitted)
                bad = sum(1 for w in out.words if w.p_bad >= model.threshold)
                qe_bad = bad / len(out.words) if out.words else 0.0
                if stack is not None:
                    out = restack(segments[i], out, stack, with_src, other)
                if ensemble:
                    out = replace(out, score=(out.score + other.score) / 2.0)
                results[i] = self._result(segments[i], out, threshold, with_src, qe_bad)
        return [r if r is not None else CheckResult() for r in results]

    def _result(
        self,
        seg: Segment,
        out: Any,
        threshold: float,
        with_src: bool,
        qe_bad: float | None = None,
    ) -> CheckResult:
        """Flags and support from the words' P(BAD) (``threshold``: the minor level);
        ``qe_bad`` defaults to the share of words at or above it."""
        words = out.words
        if qe_bad is None:
            qe_bad = sum(1 for w in words if w.p_bad >= threshold) / len(words) if words else 0.0
        scores = {"qe": out.score, "qe_bad": qe_bad}
        levels = severity_levels(threshold, self.param("major", 0.8), self.param("critical", 0.95))
        phrases = merge_phrases(
            seg.mt,
            words,
            threshold,
            bridge=float(self.param("bridge", 0.5)) * threshold,
            max_gap=int(self.param("max_gap", 1)),
        )
        src = seg.src if with_src else None
        flags: list[Flag] = []
        for ph in phrases:
            category = phrase_category(seg.mt, src, ph.start, ph.end)
            severity = phrase_severity(seg.mt, ph, levels, category)
            if severity is None:
                continue
            # Without a source only untranslated text keeps its severity, and not one letter of
            # another script: a Cyrillic «С» in "25 °С" is a keyboard slip (the rules check's
            # minor), no untranslated text.
            lone_letter = sum(ch.isalpha() for ch in seg.mt[ph.start : ph.end]) == 1
            if src is None and (category != "untranslated" or lone_letter):
                cap = str(self.param("max_severity_without_src", "minor"))
                if SEVERITY_RANK[severity] > SEVERITY_RANK[cap]:
                    severity = cap  # type: ignore[assignment]
            flags.append(
                self.flag(
                    seg,
                    ph.start,
                    ph.end,
                    category=category,
                    severity=severity,
                    confidence=ph.p_bad,
                    message=self._message(seg, ph, category, src),
                )
            )
        # Words the model finds suspicious at a lower level back up other checks' flags
        # (mtqa.corroborate), whether or not they became flags here.
        floor = float(self.param("support", 1.0)) * threshold
        support = tuple(
            self.flag(
                seg,
                w.start,
                w.end,
                # "bad": at or above the model's threshold (a flag, reported or not: the
                # calibration's confidence floor may hide it); "elevated": below it.
                category="bad" if w.p_bad >= threshold else "elevated",
                severity="minor",
                confidence=w.p_bad,
                message=f"QE model P(BAD) {w.p_bad:.2f}",
            )
            for w in words
            if w.p_bad >= floor and any(ch.isalnum() for ch in seg.mt[w.start : w.end])
        )
        return CheckResult(
            scores=scores,
            flags=tuple(flags),
            support=support,
            word_tags=self._word_tags(seg, words, threshold),
        )

    def _word_tags(self, seg: Segment, words: Sequence[Any], threshold: float) -> tuple[Flag, ...]:
        """Every word (punctuation too: the shared tasks tag it) with P(BAD) at or above
        ``word_tags`` × the threshold, one tag each, for the word-level export."""
        share = self.param("word_tags", 1.0)
        if share is None or share is False:
            return ()
        level = float(share) * threshold
        return tuple(
            self.flag(
                seg,
                w.start,
                w.end,
                category="bad",
                severity="minor",
                confidence=w.p_bad,
                message=f"QE model P(BAD) {w.p_bad:.2f}",
            )
            for w in words
            if w.p_bad >= level
        )

    def _message(self, seg: Segment, ph: Phrase, category: str, src: str | None) -> str:
        text = seg.mt[ph.start : ph.end]
        p = f"P(BAD) {ph.p_bad:.2f}"
        if src is None:
            if category == "untranslated":
                return f"QE model (target only): «{text}» is not in English; {p}"
            return f"QE model (target only): «{text}» reads as garbled or disfluent English; {p}"
        where = source_counterpart(src, seg.mt, ph.start, ph.end) if self._explain else None
        head = "QE model (with source): "
        if category == "untranslated":
            return f"{head}«{text}» is left untranslated; {p}"
        if where is None:
            what = {"name": "the name", "number": "the number"}.get(category, "")
            return f"{head}{what + ' ' if what else ''}«{text}» looks wrong against the source; {p}"
        src_text, linked = where
        if category == "name":
            return f"{head}the name «{text}» does not match the source («{src_text}»); {p}"
        if category == "number":
            said = f" («{src_text}»)" if any(ch.isdigit() for ch in src_text) else ""
            return f"{head}the number in «{text}» may not match the source{said}; {p}"
        if linked:
            return f"{head}«{text}» renders the source («{src_text}») badly here; {p}"
        return f"{head}«{text}» does not render the source here («{src_text}»); {p}"

    @property
    def _explain(self) -> bool:
        return bool(self.param("explain", True))


def restack(seg: Segment, out: Any, stack: Any, with_src: bool, other: Any = None) -> Any:
    """``out`` with each word's P(BAD) replaced by the stacked tagger's (mtqa/qe/stack.py): the
    model's P(BAD) around the word, the sentence, lexical and language-model facts, and with a
    source the dictionary aligner's links; ``other`` is the other QE model's output for the same
    MT (used when the stack reads it). The sentence score is untouched."""
    from mtqa.checks.lm import english_lm
    from mtqa.qe.predict import WordProb
    from mtqa.qe.stack import source_evidence, word_features

    words = out.words
    if not words:
        return out
    spans = [(w.start, w.end) for w in words]
    evidence = None
    if with_src and seg.src and stack.needs_source:
        evidence = source_evidence(seg.src, seg.mt, spans)
    p_other = None
    if other is not None and [(w.start, w.end) for w in other.words] == spans:
        p_other = [w.p_bad for w in other.words]
    lm = english_lm() if stack.needs_lm else None
    rows = word_features(seg.mt, spans, [w.p_bad for w in words], out.score, evidence, p_other, lm)
    probs = stack.levels(rows)
    return replace(
        out, words=tuple(WordProb(w.start, w.end, float(p)) for w, p in zip(words, probs))
    )


# -- from word probabilities to readable flags (pure functions, no model) ---------------------


@dataclass(frozen=True)
class Phrase:
    """A merged run of suspicious words: ``mt[start:end]``, its highest P(BAD), and how many of
    its words are at or above the model's threshold."""

    start: int
    end: int
    p_bad: float
    bad_words: int


def severity_levels(threshold: float, major: float, critical: float) -> dict[str, float]:
    """P(BAD) levels: the model's own threshold is 'minor'; 'major' and 'critical' are parameters,
    never below the threshold (a retrained model may have a higher one)."""
    major = max(float(major), threshold)
    return {"minor": threshold, "major": major, "critical": max(float(critical), major)}


def merge_phrases(
    mt: str, words: Sequence[Any], threshold: float, bridge: float, max_gap: int = 1
) -> list[Phrase]:
    """Runs of words with P(BAD) ≥ ``threshold``, merged across punctuation and across gaps of at
    most ``max_gap`` words whose P(BAD) is ≥ ``bridge`` (elevated but below the threshold), so a
    garbled phrase is one flag. Punctuation at a phrase's edges is left out; a run of punctuation
    alone is no phrase (the training labels mark many punctuation edits)."""
    phrases: list[Phrase] = []
    current: list[Any] = []  # words of the open phrase (BAD ones and bridged ones)
    pending: list[Any] = []  # elevated words after the last BAD one, not yet bridged
    bad = 0

    def close() -> None:
        nonlocal current, bad
        kept = [w for w in current if _is_word(mt, w)]
        if kept and bad:  # P(BAD) of punctuation inside never sets the phrase's
            p = max(w.p_bad for w in kept)
            phrases.append(Phrase(kept[0].start, kept[-1].end, p, bad))
        current, bad = [], 0

    for w in words:
        is_word = _is_word(mt, w)
        if w.p_bad >= threshold:
            if current:
                current.extend(pending)
            pending = []
            current.append(w)
            if is_word:
                bad += 1
        elif not current:
            continue
        elif not is_word:
            pending.append(w)  # punctuation never breaks a phrase by itself, never extends one
        elif w.p_bad >= bridge and sum(_is_word(mt, x) for x in pending) < max_gap:
            pending.append(w)
        else:
            close()
            pending = []
    close()
    return phrases


def _is_word(mt: str, w: Any) -> bool:
    return any(ch.isalnum() for ch in mt[w.start : w.end])


def _non_latin_letters(text: str) -> bool:
    return any(ch.isalpha() and "LATIN" not in unicodedata.name(ch, "") for ch in text)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"'«“‘([")
    return not before or before[-1] in ".!?:;\n"


def _capitalised_words(text: str, lo: int, hi: int) -> list[str]:
    """Capitalised words of ``text[lo:hi]`` that are not first in their sentence."""
    return [
        t.text
        for t in words(text)
        if lo <= t.start < hi and t.text[:1].isupper() and not _sentence_initial(text, t.start)
    ]


def _rare_in_english(word: str, zipf: float = 3.5) -> bool:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the check still runs; names are then told by capitals alone
        return True
    return zipf_frequency(word.lower(), "en") < zipf


def phrase_category(mt: str, src: str | None, start: int, end: int) -> str:
    """What the span is, from its own text and the source's:

    - ``untranslated``: letters of another script (Cyrillic left in English);
    - with a source: ``name`` when a capitalised word English rarely uses sits in the span and
      the source has a capitalised word too; ``number`` when the span holds a digit;
      ``mistranslation`` otherwise;
    - target only: ``fluency`` (the model read no source, it can only say the English is odd).
    """
    text = mt[start:end]
    if _non_latin_letters(text):
        return "untranslated"
    if src is None:
        return "fluency"
    if any(_rare_in_english(w) for w in _capitalised_words(mt, start, end)) and _capitalised_words(
        src, 0, len(src)
    ):
        return "name"
    if any(ch.isdigit() for ch in text):
        return "number"
    return "mistranslation"


_STEP_DOWN: dict[str, Severity | None] = {"critical": "major", "major": "minor", "minor": "minor"}


def phrase_severity(
    mt: str, phrase: Phrase, levels: Mapping[str, float], category: str
) -> Severity | None:
    """Severity from the phrase's highest P(BAD) (``levels``), then from what the span is: a
    span of function words only ("the", "of a") is one step lower, minor at least: the model
    marks many small edits of grammar words, which are rarely what garbles a sentence."""
    severity = severity_for(phrase.p_bad, levels)
    if severity is None:
        return None
    if category in ("untranslated", "number", "name"):
        return severity
    from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS

    tokens = [t.text.lower() for t in words(mt[phrase.start : phrase.end])]
    if tokens and all(t in EN_FUNCTION_WORDS for t in tokens):
        return _STEP_DOWN[severity]
    return severity


def source_counterpart(src: str, mt: str, start: int, end: int) -> tuple[str, bool] | None:
    """The source words ``mt[start:end]`` stands for, and whether they are all linked to words of
    the span (dictionary, cognate or number, :mod:`mtqa.lexicon.align`), or None when nothing can
    be placed.

    The window is the source between the nearest linked translation words left and right of the
    span; in it, the source words linked to the span and the content words no translation word
    covers (what the span should have rendered). At most ``MAX_COUNTERPART`` words."""
    from mtqa.lexicon.align import align
    from mtqa.lexicon.lookup import load_lexicon

    al = align(load_lexicon(), src, mt)
    inside = [j for j, t in enumerate(al.mt) if t.start < end and start < t.end]
    if not al.src or not inside:
        return None
    # Source words worth naming: content words and numbers (function words link too loosely).
    useful = [c or t.text[:1].isdigit() for t, c in zip(al.src, al.src_content)]
    left = _anchor(al, useful, range(inside[0] - 1, -1, -1), max)
    right = _anchor(al, useful, range(inside[-1] + 1, len(al.mt)), min)
    lo = left + 1 if left is not None else 0
    hi = right - 1 if right is not None else len(al.src) - 1
    linked = {i for j in inside for i in al.mt_partners[j] if useful[i]}
    window = set(range(lo, hi + 1)) if (left, right) != (None, None) else set()
    uncovered = {i for i in window if useful[i] and not al.src_linked(i)}
    if len(window) > 3 * MAX_COUNTERPART:
        uncovered = set()  # anchors too far apart to say which source words the span renders
    near = linked & window or linked
    chosen = sorted(near | uncovered)
    if not chosen:
        return None
    if chosen[-1] - chosen[0] >= MAX_COUNTERPART:
        middle = chosen[len(chosen) // 2]
        chosen = [i for i in chosen if abs(i - middle) <= MAX_COUNTERPART // 2]
    return _src_text(src, al, chosen[0], chosen[-1]), not (uncovered & set(chosen))


MAX_COUNTERPART = 4


def _anchor(al: Any, useful: Sequence[bool], order: range, pick: Any) -> int | None:
    """The source position of the first translation word in ``order`` linked to a useful one."""
    for j in order:
        partners = [i for i in al.mt_partners[j] if useful[i]]
        if partners:
            return int(pick(partners))
    return None


def _src_text(src: str, al: Any, lo: int, hi: int) -> str:
    return src[al.src[lo].start : al.src[hi].end]


def delta_digest(variant: str) -> str:
    """The first 8 hex digits of the shipped delta's SHA-256: results made with different trained
    weights carry different signatures ("missing" when the file is absent)."""
    from mtqa.qe.predict import delta_path
    from mtqa.qe.runtime import delta_sha256

    try:
        return delta_sha256(delta_path(variant))[:8]
    except OSError:
        return "missing"
