"""Where the families get their senses: mtqa.lexicon's reading of a dictd dictionary."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mtqa.errors import MtqaError
from mtqa.garble import FAMILIES, BuiltinSenses, LexiconSenses, Pair, default_senses
from mtqa.lexicon import dictd, lookup
from tests.lexicon.dictd_fixture import write_dictd


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lexicon caches go to a temporary folder, never the user's; no dictionary from the env."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTQA_CACHE_DIR", raising=False)
    monkeypatch.delenv("MTQA_CACHE", raising=False)
    monkeypatch.delenv("MTQA_DICTIONARY", raising=False)
    default_senses.cache_clear()


@pytest.fixture
def tiny_index(tmp_path: Path) -> Path:
    folder = tmp_path / "dict"
    folder.mkdir()
    return write_dictd(folder)


@pytest.fixture
def senses(tiny_index: Path) -> LexiconSenses:
    files = dictd.resolve(str(tiny_index))
    assert files is not None
    return LexiconSenses(lookup.merge([("tiny", lookup.load_dictionary_maps(files))]))


@pytest.mark.parametrize(
    "ru_word,renderings",
    [
        ("урегулирования", ("settlement",)),  # a case form: lemmatised as for the adequacy check
        ("мирного", ("peaceful",)),
        ("лицом", ("face",)),
        ("налогов", ("tax",)),
        ("договорились", ()),  # only the imperfective is in the dictionary: no one-word rendering
        ("пингвин", ()),
    ],
)
def test_renderings_of_a_russian_word_form(senses, ru_word, renderings) -> None:
    assert senses.renderings(ru_word) == renderings


@pytest.mark.parametrize(
    "en_word,russian",
    [
        ("settlement", {"поселение", "колония", "урегулирование", "решение"}),
        ("entity", {"сущность", "организация"}),
        ("face", {"лицо", "гримаса"}),
        ("penguin", set()),
    ],
)
def test_translations_of_an_english_word(senses, en_word, russian) -> None:
    assert senses.translations(en_word) == frozenset(russian)


def test_set_phrases_with_their_russian_lemmas(senses) -> None:
    phrases = senses.phrases()
    assert ("legal entity", ("юридический", "лицо")) in phrases
    assert all(2 <= len(en.split()) <= 4 for en, _ in phrases)  # what the families can find
    assert senses.name.startswith("lexicon:tiny")


@pytest.mark.parametrize(
    "listed,expected",
    [
        # the dictionary lists equally central senses alphabetically; common words go first
        (("autochthonal", "fundamental", "radical", "root"), ("fundamental", "radical", "root")),
        (("clapper", "language", "tongue"), ("language", "tongue", "clapper")),
        (("peace", "world"), ("peace", "world")),  # both common: dictionary order kept
    ],
)
def test_common_renderings_come_first_in_dictionary_order(listed, expected) -> None:
    lexicon = lookup.merge([("t", {"links": {}, "renders": {"слово": listed}, "phrases": {}})])
    assert LexiconSenses(lexicon).renderings("слово")[: len(expected)] == expected


def test_a_family_finds_its_links_through_the_lexicon(senses) -> None:
    pair = Pair("Мирное урегулирование конфликта.", "A peaceful settlement of the conflict.")
    expected = {
        "A Мирное settlement of the conflict.",
        "A peaceful урегулирование of the conflict.",
        "A peaceful settlement of the конфликта.",
    }
    seen = set()
    for seed in range(12):
        g = FAMILIES["untranslated"](pair, random.Random(seed), senses)
        assert g is not None and g.mt in expected
        seen.add(g.mt)
    assert len(seen) >= 2


def test_default_senses_read_the_dictionary_the_lexicon_reads(
    tiny_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dictd, "SYSTEM_DIR", tmp_path / "no-dictd")
    assert isinstance(default_senses(), BuiltinSenses)
    found = default_senses(dictionary=str(tiny_index))
    assert isinstance(found, LexiconSenses)
    assert found.lexicon is lookup.load_lexicon(str(tiny_index))  # the adequacy check's object
    monkeypatch.setenv("MTQA_DICTIONARY", str(tiny_index))
    default_senses.cache_clear()
    assert isinstance(default_senses(), LexiconSenses)
    with pytest.raises(MtqaError, match="dictionary not found"):
        default_senses(dictionary=str(tmp_path / "missing.index"))
    assert isinstance(default_senses(prefer_dictd=False), BuiltinSenses)
