"""Tiny Marian and GPT-2 models built once per test session and saved to ordinary folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")


@pytest.fixture(scope="session", autouse=True)
def _one_thread() -> Iterator[None]:
    # Tiny models on a shared machine: one thread is much faster than contended several.
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding tiny-ru-en, tiny-en-ru (Marian) and tiny-gpt2."""
    from mtqa.models.tiny import build_tiny_gpt2, build_tiny_marian

    root = tmp_path_factory.mktemp("models")
    build_tiny_marian(root / "tiny-ru-en", src="ru", tgt="en")
    build_tiny_marian(root / "tiny-en-ru", src="en", tgt="ru", seed=1)
    build_tiny_gpt2(root / "tiny-gpt2")
    return root


@pytest.fixture(scope="session")
def marian_template(model_dir: Path) -> str:
    return str(model_dir / "tiny-{src}-{tgt}")


@pytest.fixture(scope="session")
def gpt2_dir(model_dir: Path) -> str:
    return str(model_dir / "tiny-gpt2")


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own output cache, so no test is served another's results."""
    folder = tmp_path / "mtqa-cache"
    monkeypatch.setenv("MTQA_CACHE_DIR", str(folder))
    monkeypatch.delenv("MTQA_CACHE", raising=False)
    return folder


@pytest.fixture
def empty_hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Hugging Face cache, for the process and for subprocesses."""
    hub = tmp_path / "hf-hub"
    hub.mkdir()
    monkeypatch.setattr("mtqa.models.resolve.hub_cache_dir", lambda: hub)
    monkeypatch.setenv("HF_HUB_CACHE", str(hub))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    return hub


_RU = [
    "Министры обсудили ситуацию в регионе и высказались в поддержку мирного урегулирования.",
    "Москва, 14 марта.",
    "В МИД заявили, что следующий раунд консультаций состоится в апреле.",
    "Товарооборот вырос на 15 процентов… «Мы готовы продолжать диалог», — сказал Лавров.",
    "Стороны договорились.",
]
_EN = [
    "The ministers discussed the situation in the region and supported the peaceful warfare.",
    "Moscow, March 14.",
    "The Ministry of Foreign Cases said that the next round of consultations will be in April.",
    "Trade grew by 12 percent… “We are ready to continue the dialogue,” Lavrov said.",
    "The parties agreed.",
]


@pytest.fixture(scope="session")
def sentences() -> tuple[list[str], list[str]]:
    """Russian sources and English translations (with a garbled phrase or two)."""
    return list(_RU), list(_EN)
