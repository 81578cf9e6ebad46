"""Fixtures for the evaluation tests: a tiny spy check and small labelled JSONL files."""

from __future__ import annotations

import sys

import pytest

SPY_MODULE = '''
from mtqa.checks.base import Check
from mtqa.types import CheckResult

SEEN: list[str] = []


class SpyCheck(Check):
    """Scores the length of mt, flags the word 'garbled', and remembers every mt it was shown."""

    name = "spy"

    def check_batch(self, segments):
        out = []
        for seg in segments:
            SEEN.append(seg.mt)
            flags = []
            at = seg.mt.find("garbled")
            if at >= 0:
                flags.append(self.flag(seg, at, at + 7, category="test", severity="major",
                                       confidence=0.9, message="garbled"))
            scores = {"spy_len": float(len(seg.mt))}
            if seg.src is not None:
                scores["spy_src"] = float(len(seg.src))
            out.append(CheckResult(scores=scores, flags=tuple(flags)))
        return out
'''


@pytest.fixture
def spy(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Registers the check 'spy' and returns its module (``SEEN`` lists every mt it scored)."""
    folder = tmp_path_factory.mktemp("spy")
    (folder / "mtqa_test_spy.py").write_text(SPY_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    sys.modules.pop("mtqa_test_spy", None)
    import importlib

    module = importlib.import_module("mtqa_test_spy")
    from mtqa import checks

    monkeypatch.setitem(checks.REGISTRY, "spy", "mtqa_test_spy:SpyCheck")
    yield module
    sys.modules.pop("mtqa_test_spy", None)
