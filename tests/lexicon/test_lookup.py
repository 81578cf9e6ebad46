"""Lemma maps from a dictionary, their per-user cache, and the merged lexicon."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtqa.lexicon import dictd, lookup
from mtqa.lexicon.mined import load_mined, maps_from_tsv, mine


def test_maps_link_renderings_and_phrases(tiny_lexicon: lookup.Lexicon) -> None:
    assert "settlement" in tiny_lexicon.src_candidates("урегулирования")
    assert tiny_lexicon.renderings("урегулировании") == ("settlement",)
    assert tiny_lexicon.phrase_renderings("юридический лицо") == ("legal entity",)
    assert tiny_lexicon.links_word("налога", "taxes")
    assert not tiny_lexicon.links_word("налога", "warfare")


def test_aspect_pairs_of_verbs_share_renderings(tiny_lexicon: lookup.Lexicon) -> None:
    # The dictionary lists договариваться; the text has the perfective договорились.
    assert "agree" in tiny_lexicon.src_candidates("договорились")


def test_maps_are_cached_and_rebuilt_when_the_dictionary_changes(
    tiny_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = dictd.resolve(str(tiny_index))
    assert files is not None
    first = lookup.load_dictionary_maps(files)
    folder = lookup.cache_dir()
    assert folder is not None
    cached = list(folder.iterdir())
    assert len(cached) == 1 and cached[0].suffix == ".marshal"

    def no_build(entries):  # type: ignore[no-untyped-def]
        raise AssertionError("rebuilt although the cache matches")

    monkeypatch.setattr(lookup, "build_maps", no_build)
    assert lookup.load_dictionary_maps(files) == first
    text = files.text
    text.write_bytes(text.read_bytes() + b"\n")
    os.utime(text, (1, 1))
    with pytest.raises(AssertionError, match="rebuilt"):
        lookup.load_dictionary_maps(files)


def test_mined_lexicon_from_cooccurrence() -> None:
    pairs = [
        ("Кошка спит.", "The cat sleeps."),
        ("Кошка ест.", "The cat eats."),
        ("Собака спит.", "The dog sleeps."),
        ("Собака ест.", "The dog eats."),
    ]
    rows = mine(pairs, min_count=2, min_dice=0.6)
    pairs_found = {(r, e) for r, e, _, _ in rows}
    assert {("кошка", "cat"), ("собака", "dog"), ("спать", "sleep"), ("есть", "eat")} <= pairs_found
    assert ("кошка", "dog") not in pairs_found


def test_shipped_mined_lexicon_loads_and_signs() -> None:
    shipped = load_mined()
    assert shipped is not None
    name, maps = shipped
    assert name.startswith("mined:") and len(name) == len("mined:") + 8
    assert len(maps["links"]) > 1000


def test_signature_names_the_lexicons(tiny_index: Path) -> None:
    lexicon = lookup.load_lexicon(str(tiny_index))
    names = lexicon.signature().split(";")
    assert names[0] == f"tiny:{(tiny_index.parent / 'tiny.dict').stat().st_size}"
    assert names[1].startswith("mined:")


def test_maps_from_tsv_skips_comments() -> None:
    import gzip

    raw = gzip.compress("# header\nкот\tcat\t0.9\t3\n".encode())
    assert maps_from_tsv(raw)["links"] == {"кот": ("cat",)}


def test_no_cache_when_caching_is_off(tiny_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_CACHE", "off")
    assert lookup.cache_dir() is None
    files = dictd.resolve(str(tiny_index))
    assert files is not None
    maps = lookup.load_dictionary_maps(files)
    assert "урегулирование" in maps["renders"]
    monkeypatch.delenv("MTQA_CACHE")
    folder = lookup.cache_dir()
    assert folder is not None and not folder.exists()


def test_cache_dir_follows_mtqa_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert lookup.cache_dir() == tmp_path / "elsewhere" / "lexicon"


@pytest.mark.parametrize(
    "entry, body, key, unit",
    [
        # a one-word headword whose sense is exactly two Russian content words: a unit
        ("environment", "   [x] _n. окружающая среда\n", "окружающий среда", ("environment",)),
        ("railway", "   [x] _n. железная дорога\n", "железный дорога", ("railway",)),
        # a sense of three words, or of one, is not a two-word unit
        ("bypass", "   [x] _n. объездная железная дорога\n", "железный дорога", ()),
        ("medium", "   [x] _n. среда\n", "окружающий среда", ()),
    ],
)
def test_units_are_two_russian_words_one_headword_renders(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    entry: str,
    body: str,
    key: str,
    unit: tuple[str, ...],
) -> None:
    from tests.lexicon import dictd_fixture

    monkeypatch.setitem(dictd_fixture.ENTRIES, entry, body)
    folder = tmp_path / "units"
    folder.mkdir()
    files = dictd.resolve(str(dictd_fixture.write_dictd(folder)))
    assert files is not None
    lexicon = lookup.merge([("tiny", lookup.load_dictionary_maps(files))])
    assert lexicon.unit_renderings(key) == unit
    # the units never become set phrases (the garble generator reads those)
    assert entry not in {p for k in lexicon.phrases for p in lexicon.phrase_renderings(k)}


def test_a_lexicon_without_units_merges_with_an_empty_table(tiny_lexicon: lookup.Lexicon) -> None:
    merged = lookup.merge([("old", {"links": {}, "renders": {}, "phrases": {}})])
    assert merged.unit_renderings("окружающий среда") == ()


@pytest.mark.parametrize(
    "body, first",
    [
        # the pair is the headword's first rendering: what the word means
        ("   [x] _n. 1) детский сад 2) ясли\n", True),
        # the pair is a later sense of the headword: too loose to suggest it for the pair
        ("   [x] _n. 1) ясли 2) детский сад\n", False),
    ],
)
def test_a_unit_remembers_whether_it_is_the_headword_s_first_sense(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, first: bool
) -> None:
    from tests.lexicon import dictd_fixture

    monkeypatch.setitem(dictd_fixture.ENTRIES, "kindergarten", body)
    folder = tmp_path / "first"
    folder.mkdir()
    files = dictd.resolve(str(dictd_fixture.write_dictd(folder)))
    assert files is not None
    lexicon = lookup.merge([("tiny", lookup.load_dictionary_maps(files))])
    assert lexicon.unit_renderings("детский сад") == ("kindergarten",)
    assert lexicon.unit_is_first_sense("детский сад", "kindergarten") is first
