"""`--model` on a connected machine downloads what is missing; offline it fails fast. No network."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mtqa.errors import ModelError
from mtqa.models import download as dl, resolve as rs


def test_offline_env_never_probes(monkeypatch: pytest.MonkeyPatch):
    def boom(*_a, **_k):  # pragma: no cover - must not be called
        raise AssertionError("network attempted")

    monkeypatch.setattr(dl.socket, "create_connection", boom)
    monkeypatch.setenv("MTQA_OFFLINE", "1")
    assert dl.hub_reachable() is False
    with pytest.raises(ModelError, match="not on this machine"):
        rs.resolve("nobody/no-such-model-xyz", download=True)


def test_unreachable_hub_fails_fast(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("MTQA_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)

    def refused(*_a, **_k):
        raise OSError("unreachable")

    monkeypatch.setattr(dl.socket, "create_connection", refused)
    start = time.perf_counter()
    with pytest.raises(ModelError, match="hub is not reachable"):
        rs.resolve("nobody/no-such-model-xyz", download=True)
    assert time.perf_counter() - start < 5


def test_reachable_hub_downloads_then_resolves(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    snapshot = tmp_path / "snap"
    calls: list[str] = []
    monkeypatch.setattr(dl, "hub_reachable", lambda timeout=3.0: True)

    def fake_fetch(hub_id: str, to: Path | None = None) -> Path:
        calls.append(hub_id)
        return snapshot

    monkeypatch.setattr(dl, "download", fake_fetch)
    found = iter([None, (snapshot, "abc123")])
    monkeypatch.setattr(rs, "cached_snapshot", lambda hub_id: next(found))
    monkeypatch.setattr(rs, "describe_folder", lambda folder: ("causal", None))
    ref = rs.resolve("someone/tiny-lm", download=True)
    assert calls == ["someone/tiny-lm"]
    assert ref.path == snapshot and ref.revision == "abc123"


def test_without_download_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(dl, "hub_reachable", lambda timeout=3.0: pytest.fail("probed"))
    with pytest.raises(ModelError):
        rs.resolve("nobody/no-such-model-xyz")
