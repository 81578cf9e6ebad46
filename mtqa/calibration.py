"""Weights and thresholds: one data file that says how checks combine into `quality`.

The shipped default lives in ``mtqa/data/calibration/default.json``; ``mtqa calibrate`` writes
files of the same shape from human-labelled data.
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
# Shipped with the neural ``qe`` check: default.json with the no-reference modes refitted on the
# default checks plus qe (scripts/make_calibration.sh), so that the qe score weighs in quality.
QE_NAME = "qe.json"


@dataclass(frozen=True)
class Calibration:
    data: dict[str, Any]
    digest: str
    label: str

    def check_params(self, check: str) -> dict[str, Any]:
        return dict(self.data.get("checks", {}).get(check, {}))

    def model_for(self, inputs: str) -> Mapping[str, Any]:
        """The combination model for an input mode: 'mt', 'mt+src', 'mt+ref' or 'mt+src+ref'."""
        combine = self.data["combine"]
        return combine.get("by_inputs", {}).get(inputs) or combine["default"]

    def quality(self, features: Mapping[str, float], inputs: str) -> float:
        """100·sigmoid(bias + Σ weight·(feature − centre)/scale), missing features imputed."""
        model = self.model_for(inputs)
        z = float(model.get("bias", 0.0))
        centres = model.get("centre", {})
        scales = model.get("scale", {})
        impute = model.get("impute", {})
        for name, weight in model.get("weights", {}).items():
            value = features.get(name)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                value = impute.get(name, centres.get(name, 0.0))
            z += weight * (value - centres.get(name, 0.0)) / (scales.get(name, 1.0) or 1.0)
        return 100.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def flag_features(flags: tuple[Flag, ...] | list[Flag]) -> dict[str, float]:
    """Flag evidence as combination features: summed confidence per severity."""
    out = {f"flags.{s}": 0.0 for s in SEVERITIES}
    for f in flags:
        out[f"flags.{f.severity}"] += f.confidence
    return out


def combination_features(
    scores: Mapping[str, float], flags: tuple[Flag, ...] | list[Flag]
) -> dict[str, float]:
    """The features a calibration combines: the finite check scores and the flag features.

    The checker and `mtqa calibrate` both use this, so a model is fitted on what it is applied to.
    """
    out = {k: float(v) for k, v in scores.items() if v is not None and math.isfinite(v)}
    out.update(flag_features(flags))
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
