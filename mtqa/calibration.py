"""Weights and thresholds: one data file that says how checks combine into `quality`.

``quality`` always estimates the same thing: the raw direct-assessment score (0-100) a human rater
would give the sentence (docs/evaluation-scale.md). Two files ship, fitted to that one scale on
the same data by ``scripts/make_calibration.sh``: ``qe.json`` for the default profile (the
offline checks plus the neural ``qe`` check) and ``default.json`` for the offline profile.

A file may name the source languages its source-side evidence was fitted on
(``combine.src_langs``). For any other source language, modes with a source use
``combine.other_sources``: a model fitted without the evidence of the checks whose calibration is
tied to the source language (``exclude_checks``), so that, e.g., a Russian length ratio never
scores a Hebrew translation.

A model may also hold ``flag_caps``: the most quality a sentence can keep while it carries a flag
of one of the listed kinds (``"check:severity"``, or ``"check.name:severity"`` for name flags:
:func:`flag_kind`; the kinds that mark garbled translations on the calibration's garbled/clean
pairs), per severity. ``mtqa calibrate`` chooses both
(docs/evaluation-scale.md, "How much a flag costs").
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from mtqa.errors import MtqaError
from mtqa.types import SEVERITIES, Flag

DEFAULT_NAME = "default.json"
# Used whenever the neural ``qe`` check runs (the default profile); default.json otherwise.
QE_NAME = "qe.json"


@dataclass(frozen=True)
class Calibration:
    data: dict[str, Any]
    digest: str
    label: str

    def check_params(self, check: str) -> dict[str, Any]:
        return dict(self.data.get("checks", {}).get(check, {}))

    def min_confidence(self, check: str, with_src: bool) -> float:
        """Flags of ``check`` below this confidence are not reported (``flags.min_confidence``):
        how precise each check's flags must be, chosen on clean human translations. A value is
        a number, or ``{"with_src": x, "without_src": y}`` for checks that read the source when
        there is one (a model that cannot see the source needs surer evidence)."""
        floor = self.data.get("flags", {}).get("min_confidence", {}).get(check, 0.0)
        if isinstance(floor, Mapping):
            floor = floor.get("with_src" if with_src else "without_src", 0.0)
        return float(floor)

    def model_for(self, inputs: str) -> Mapping[str, Any]:
        """The combination model for an input mode: 'mt', 'mt+src', 'mt+ref' or 'mt+src+ref'."""
        combine = self.data["combine"]
        return combine.get("by_inputs", {}).get(inputs) or combine["default"]

    def calibrated_for(self, src_lang: str) -> bool:
        """Whether source-side evidence was fitted for ``src_lang`` (files that name no source
        languages count as fitted for all)."""
        langs = self.data["combine"].get("src_langs")
        return langs is None or src_lang in langs

    def combiner(
        self, inputs: str, src_lang: str | None = None
    ) -> tuple[Mapping[str, Any], frozenset[str]]:
        """The model for ``inputs`` and the checks whose evidence it must not see.

        A source language the file was not fitted for gets the language-independent model of
        ``other_sources`` (when the mode reads the source and the file has one).
        """
        combine = self.data["combine"]
        other = combine.get("other_sources")
        if (
            src_lang is not None
            and "+src" in inputs
            and other
            and not self.calibrated_for(src_lang)
        ):
            model = other.get("by_inputs", {}).get(inputs)
            if model is not None:
                return model, frozenset(other.get("exclude_checks", ()))
        return self.model_for(inputs), frozenset()

    def score(
        self,
        scores: Mapping[str, float],
        flags: tuple[Flag, ...] | list[Flag],
        inputs: str,
        src_lang: str | None = None,
        owners: Mapping[str, str] | None = None,
    ) -> float:
        """Quality of one sentence from its check scores and flags (``owners``: score → check)."""
        model, exclude = self.combiner(inputs, src_lang)
        features = combination_features(scores, flags, exclude, owners)
        return self.quality_with(model, features)

    def quality(self, features: Mapping[str, float], inputs: str) -> float:
        """100·sigmoid(bias + Σ weight·(clip(feature) − centre)/scale), missing features imputed
        and each feature held within its ``clip`` range [lo, hi] when the model has one."""
        return self.quality_with(self.model_for(inputs), features)

    @staticmethod
    def quality_with(model: Mapping[str, Any], features: Mapping[str, float]) -> float:
        """:meth:`quality` with a given combination model, held under the model's flag caps."""
        z = float(model.get("bias", 0.0))
        centres = model.get("centre", {})
        scales = model.get("scale", {})
        impute = model.get("impute", {})
        clip = model.get("clip", {})
        for name, weight in model.get("weights", {}).items():
            value = features.get(name)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                value = impute.get(name, centres.get(name, 0.0))
            if name in clip:  # winsorised as in the fit: one extreme value cannot dominate
                lo, hi = clip[name]
                value = min(max(value, lo), hi)
            z += weight * (value - centres.get(name, 0.0)) / (scales.get(name, 1.0) or 1.0)
        quality = 100.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
        cap = flag_cap(model, features)
        return quality if cap is None else min(quality, cap)


def flag_cap(model: Mapping[str, Any], features: Mapping[str, float]) -> float | None:
    """The most quality a sentence with these features may have under ``model["flag_caps"]``:
    the lowest cap of the severities of the listed flag kinds it carries (None: no cap).

    ``flag_caps`` is ``{"cap": {severity: quality}, "flags": ["check:severity", ...]}``; the
    features count each sentence's flags by kind (``flagged:check:severity``,
    :func:`flag_features`)."""
    caps = model.get("flag_caps")
    if not caps:
        return None
    limits = caps.get("cap", {})
    out: float | None = None
    for kind in caps.get("flags", ()):
        severity = kind.rpartition(":")[2]
        if severity in limits and features.get(FLAGGED + kind, 0.0) > 0:
            cap = float(limits[severity])
            out = cap if out is None else min(out, cap)
    return out


# Prefix of the per-kind flag counts (``flagged:check:severity``): they decide the flag caps and
# are never weighted into the logit (the severity sums ``flags.<severity>`` are).
FLAGGED = "flagged:"
# Flag categories that are a kind of their own (``check.category:severity``), apart from the
# check's other flags: a name flag says a spelling differs from the expected one, which a rare but
# correct name also draws; whether it marks garbles is learned for it alone.
OWN_KIND_CATEGORIES = frozenset({"name"})


def flag_kind(flag: Flag) -> str:
    """The kind a flag counts under for the flag caps: ``check:severity``, or
    ``check.category:severity`` for a category of OWN_KIND_CATEGORIES (``vocabulary.name:minor``)."""
    check = f"{flag.check}.{flag.category}" if flag.category in OWN_KIND_CATEGORIES else flag.check
    return f"{check}:{flag.severity}"


def flag_features(flags: tuple[Flag, ...] | list[Flag]) -> dict[str, float]:
    """Flag evidence as combination features: summed confidence per severity
    (``flags.<severity>``), and the number of flags of each kind (``flagged:check:severity``)."""
    out = {f"flags.{s}": 0.0 for s in SEVERITIES}
    for f in flags:
        out[f"flags.{f.severity}"] += f.confidence
        kind = FLAGGED + flag_kind(f)
        out[kind] = out.get(kind, 0.0) + 1.0
    return out


def combination_features(
    scores: Mapping[str, float],
    flags: tuple[Flag, ...] | list[Flag],
    exclude: Iterable[str] = (),
    owners: Mapping[str, str] | None = None,
) -> dict[str, float]:
    """The features a calibration combines: the finite check scores and the flag features,
    leaving out the scores (by ``owners``: score name → check) and flags of checks in ``exclude``.

    The checker and `mtqa calibrate` both use this, so a model is fitted on what it is applied to.
    """
    skip = frozenset(exclude)
    owners = owners or {}
    out = {
        k: float(v)
        for k, v in scores.items()
        if v is not None and math.isfinite(v) and owners.get(k) not in skip
    }
    out.update(flag_features([f for f in flags if f.check not in skip] if skip else flags))
    return out


def shipped_calibration(checks: Iterable[str]) -> Calibration:
    """The shipped calibration for a set of checks: ``qe.json`` when the ``qe`` check is among
    them, else ``default.json``."""
    return load_calibration(name=QE_NAME if "qe" in checks else DEFAULT_NAME)


def load_calibration(path: str | Path | None = None, *, name: str = DEFAULT_NAME) -> Calibration:
    """The calibration file at ``path``, or the shipped one called ``name``."""
    if path is None:
        raw = resources.files("mtqa.data.calibration").joinpath(name).read_bytes()
        label = Path(name).stem
    else:
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as e:
            raise MtqaError(f"cannot read calibration file {p}: {e.strerror}") from None
        label = p.stem
    try:
        data = json.loads(raw)
        data["combine"]["default"]
    except (ValueError, KeyError, TypeError):
        raise MtqaError(f"calibration file {label} is not a valid mtqa calibration") from None
    digest = hashlib.sha256(raw).hexdigest()[:8]
    return Calibration(data=data, digest=digest, label=label)
