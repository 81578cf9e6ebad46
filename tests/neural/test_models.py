"""Resolving, loading and caching reference models; mapping tokens back to the text."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from mtqa.errors import ModelError
from mtqa.models.cache import OutputCache
from mtqa.models.loader import CausalLM, Seq2SeqModel, load_model
from mtqa.models.resolve import resolve
from mtqa.models.spans import align_tokens, token_surface, tokens_by_word


def test_folder_resolves_to_its_kind(marian_template: str, gpt2_dir: str) -> None:
    fwd = resolve(marian_template, "ru", "en")
    back = resolve(marian_template, "en", "ru")
    lm = resolve(gpt2_dir)
    assert fwd.path.name == "tiny-ru-en" and back.path.name == "tiny-en-ru"
    assert (fwd.kind, lm.kind) == ("seq2seq", "causal")
    assert fwd.revision != back.revision
    assert resolve(marian_template, "ru", "en").signature == fwd.signature


def test_hub_id_is_found_in_the_local_hub_cache(model_dir: Path, empty_hub: Path) -> None:
    repo = empty_hub / "models--someone--tiny-mt"
    shutil.copytree(model_dir / "tiny-ru-en", repo / "snapshots" / "abc123")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    ref = resolve("someone/tiny-mt")
    assert ref.revision == "abc123" and ref.kind == "seq2seq"
    model = load_model(ref, "cpu")
    assert isinstance(model, Seq2SeqModel)


@pytest.mark.parametrize("name", ["opus-mt", "someone/not-here", "gpt2", "{src}-{tgt}-model"])
def test_missing_model_fails_fast_with_how_to_get_it(name: str, empty_hub: Path) -> None:
    start = time.perf_counter()
    with pytest.raises(ModelError, match="mtqa models pull") as err:
        resolve(name, "ru", "en")
    assert time.perf_counter() - start < 1.0
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("make", ["empty", "no-weights"])
def test_folder_that_is_not_a_model(tmp_path: Path, make: str) -> None:
    if make == "no-weights":
        (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError, match=r"config.json|no weights"):
        resolve(str(tmp_path))


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no model folder"):
        resolve(str(tmp_path / "nope" / "model"))


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("The minister said “today”… 12 %.", ["▁T", "h", "e", "▁minister", "▁said", "▁", "<unk>",
                                             "t", "oday", "<unk>", ".", ".", ".", "▁", "1", "2",
                                             "▁", "%", "."]),
        ("Hello  world", ["▁Hello", "▁world"]),
        ("ﬁnal ½ mark", ["▁fi", "nal", "▁1", "/", "2", "▁mark"]),
        ("", []),
        ("abc", ["▁x", "y", "z"]),
    ],
)  # fmt: skip
def test_token_spans_lie_inside_the_text_in_order(text: str, pieces: list[str]) -> None:
    spans = align_tokens(text, [token_surface(p) for p in pieces])
    assert len(spans) == len(pieces)
    prev = 0
    for start, end in spans:
        assert 0 <= prev <= start <= end <= len(text)
        assert text[start:end] == text[start:end].strip()
        prev = end


def test_words_collect_their_tokens() -> None:
    text = "peaceful warfare."
    spans = align_tokens(text, ["peace", "ful", " war", "fare", "."])
    grouped = [(w.text, idx) for w, idx in tokens_by_word(text, spans)]
    assert grouped == [("peaceful", [0, 1]), ("warfare", [2, 3])]


def _same_scores(a, b) -> None:  # type: ignore[no-untyped-def]
    assert a.pieces == b.pieces and a.spans == b.spans and a.ids == b.ids
    assert a.logprobs == pytest.approx(b.logprobs, abs=1e-4)
    assert a.best_logprobs == pytest.approx(b.best_logprobs, abs=1e-4)


def test_forced_scores_do_not_depend_on_batch_size_or_order(
    marian_template: str, sentences: tuple[list[str], list[str]]
) -> None:
    RU, EN = sentences
    ref = resolve(marian_template, "ru", "en")
    one = Seq2SeqModel(ref, "cpu", OutputCache(None), batch_size=1).score(RU, EN, "ru", "en")
    many = Seq2SeqModel(ref, "cpu", OutputCache(None), batch_size=16)
    rev = many.score(RU[::-1], EN[::-1], "ru", "en")[::-1]
    for a, b in zip(one, rev):
        _same_scores(a, b)
        assert a.eos_logprob == pytest.approx(b.eos_logprob, abs=1e-4)
        assert len(a.src_spans) == len(a.pieces)


def test_causal_scores_do_not_depend_on_batch_size_or_order(
    gpt2_dir: str, sentences: tuple[list[str], list[str]]
) -> None:
    _, EN = sentences
    ref = resolve(gpt2_dir)
    one = CausalLM(ref, "cpu", OutputCache(None), batch_size=1).score(EN)
    rev = CausalLM(ref, "cpu", OutputCache(None), batch_size=8).score(EN[::-1])[::-1]
    for a, b in zip(one, rev):
        _same_scores(a, b)


def test_translation_is_deterministic_and_order_free(
    marian_template: str, sentences: tuple[list[str], list[str]]
) -> None:
    RU, _ = sentences
    ref = resolve(marian_template, "ru", "en")
    # Greedy: a random model never ends a sentence, and beam search cut at a length is not exact.
    a = Seq2SeqModel(ref, "cpu", OutputCache(None), batch_size=1).translate(RU, "ru", "en", 1)
    b = Seq2SeqModel(ref, "cpu", OutputCache(None), batch_size=8).translate(RU[::-1], "ru", "en", 1)
    assert a == b[::-1]


def test_cache_hits_are_identical_and_skip_the_model(
    marian_template: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sentences: tuple[list[str], list[str]],
) -> None:
    RU, EN = sentences
    ref = resolve(marian_template, "ru", "en")
    first = Seq2SeqModel(ref, "cpu", OutputCache(tmp_path), batch_size=4)
    scored, translated = first.score(RU, EN, "ru", "en"), first.translate(RU, "ru", "en", 2)
    first.cache.close()

    again = Seq2SeqModel(ref, "cpu", OutputCache(tmp_path), batch_size=4)

    def no_model(*args: object) -> None:
        raise AssertionError("the model ran although every output was cached")

    monkeypatch.setattr(again, "_score_batch", no_model)
    monkeypatch.setattr(again, "_translate_batch", no_model)
    assert again.score(RU, EN, "ru", "en") == scored
    assert again.translate(RU, "ru", "en", 2) == translated
    # A different input is not a hit.
    with pytest.raises(AssertionError, match="cached"):
        again.score(["Другое."], ["Other."], "ru", "en")


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from mtqa.models.cache import default_cache_dir

    monkeypatch.setenv("MTQA_CACHE", "off")
    assert default_cache_dir() is None


def test_cuda_when_there_is_none_is_a_user_error() -> None:
    import torch

    from mtqa.models.loader import pick_device

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ModelError, match="CUDA"):
        pick_device("cuda")
    assert pick_device("auto") == "cpu"


def test_a_run_served_wholly_from_the_cache_never_loads_the_weights(
    gpt2_dir: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = resolve(gpt2_dir)
    first = CausalLM(ref, "cpu", OutputCache(tmp_path))
    scored = first.score(["A first line.", "A second line."])
    first.cache.close()
    again = CausalLM(ref, "cpu", OutputCache(tmp_path))

    def no_weights() -> None:
        raise AssertionError("weights loaded although every output was cached")

    monkeypatch.setattr(again, "_load_weights", no_weights)
    assert again.score(["A second line.", "A first line."]) == scored[::-1]
    with pytest.raises(AssertionError, match="weights"):
        again.score(["Not seen before."])


def test_cached_scores_read_back_exactly_in_either_encoding(
    marian_template: str, tmp_path: Path, sentences: tuple[list[str], list[str]]
) -> None:
    import dataclasses

    from mtqa.models.loader import TokenScores, _to_cache

    RU, EN = sentences
    model = Seq2SeqModel(resolve(marian_template, "ru", "en"), "cpu", OutputCache(None))
    for ts in model.score(RU, EN, "ru", "en"):
        packed = _to_cache(ts)
        assert isinstance(packed, bytes)
        assert TokenScores.from_cached(packed) == ts
        # Entries written as JSON (before the binary form) still read back the same.
        legacy = OutputCache(tmp_path)
        legacy.put_many({"k": dataclasses.asdict(ts)})
        legacy.close()
        assert TokenScores.from_cached(OutputCache(tmp_path).get_many(["k"])["k"]) == ts
    odd = dataclasses.replace(ts, pieces=("a\0b",) + ts.pieces[1:])  # cannot be NUL-joined
    assert isinstance(_to_cache(odd), dict)
    assert TokenScores.from_cached(_to_cache(odd)) == odd
