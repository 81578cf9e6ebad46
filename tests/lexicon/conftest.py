from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.lexicon import lookup
from mtqa.lexicon.dictd import resolve
from tests.lexicon.dictd_fixture import write_dictd


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lexicon caches go to a temporary folder, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_CACHE_DIR", raising=False)
    monkeypatch.delenv("MTQA_CACHE", raising=False)
    monkeypatch.delenv("MTQA_DICTIONARY", raising=False)


@pytest.fixture
def tiny_index(tmp_path: Path) -> Path:
    folder = tmp_path / "dict"
    folder.mkdir()
    return write_dictd(folder)


@pytest.fixture
def tiny_lexicon(tiny_index: Path) -> lookup.Lexicon:
    files = resolve(str(tiny_index))
    assert files is not None
    return lookup.merge([("tiny", lookup.load_dictionary_maps(files))])
