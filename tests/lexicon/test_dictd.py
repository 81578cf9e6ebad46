"""Reading dictd dictionaries: base64 numbers, entries, path resolution and bad paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.errors import MtqaError
from mtqa.lexicon import dictd
from mtqa.lexicon.dictd import Phrase, decode_b64, parse_entry, resolve
from tests.lexicon.dictd_fixture import b64, write_dictd


@pytest.mark.parametrize(
    "text, value", [("A", 0), ("B", 1), ("BA", 64), ("Ec7W", 1167062), ("/", 63)]
)
def test_decode_b64(text: str, value: int) -> None:
    assert decode_b64(text) == value
    assert b64(value) == text


def test_decode_b64_rejects_other_characters() -> None:
    with pytest.raises(ValueError):
        decode_b64("A-B")


def test_parse_entry_senses_pos_and_phrases() -> None:
    body = (
        "legal\n   [x] _a.\n   1) юридический, правовой; legal entity юридическое лицо\n"
        "   2) законный (о праве)\n"
    )
    entry = parse_entry("legal", body)
    assert [s.ru for s in entry.senses] == ["юридический", "правовой", "законный"]
    assert {s.pos for s in entry.senses} == {"ADJ"}
    assert [s.rank for s in entry.senses] == [0, 1, 2]
    assert entry.phrases == (Phrase("legal entity", "юридическое лицо"),)


def test_parse_entry_sub_senses_of_a_phrase_stay_with_the_phrase() -> None:
    body = "face\n   1. _n.\n      1) лицо; face to face\n         а) лицом к лицу;\n         б) наедине\n"
    entry = parse_entry("face", body)
    assert [s.ru for s in entry.senses] == ["лицо"]
    assert Phrase("face to face", "наедине") in entry.phrases


def test_parse_entry_switches_part_of_speech() -> None:
    body = "cause\n   1. _n.\n      1) причина\n   2. _v.\n      1) вызывать\n"
    entry = parse_entry("cause", body)
    assert [(s.pos, s.ru) for s in entry.senses] == [("NOUN", "причина"), ("VERB", "вызывать")]


@pytest.mark.parametrize("compress", [False, True])
def test_read_entries_from_dict_and_dict_dz(tmp_path: Path, compress: bool) -> None:
    index = write_dictd(tmp_path, compress=compress)
    files = resolve(str(index))
    assert files is not None and files.name == "tiny"
    entries = {e.headword: e for e in dictd.read_entries(files)}
    assert "00-database-short" not in entries
    assert [s.ru for s in entries["settlement"].senses] == [
        "поселение",
        "колония",
        "урегулирование",
        "решение",
    ]


@pytest.mark.parametrize("given", ["tiny.index", "tiny.dict", "tiny"])
def test_resolve_accepts_index_text_or_base_name(tmp_path: Path, given: str) -> None:
    write_dictd(tmp_path)
    files = resolve(str(tmp_path / given))
    assert files is not None and files.index == tmp_path / "tiny.index"


def test_resolve_reads_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = write_dictd(tmp_path)
    monkeypatch.setenv("MTQA_DICTIONARY", str(index))
    files = resolve(None)
    assert files is not None and files.index == index


def test_missing_dictionary_is_a_one_line_user_error(tmp_path: Path) -> None:
    with pytest.raises(MtqaError, match="dictionary not found"):
        resolve(str(tmp_path / "nowhere.index"))


def test_a_file_that_is_not_dictd_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "notes.index").write_text("just some text\n", encoding="utf-8")
    (tmp_path / "notes.dict").write_text("hello\n", encoding="utf-8")
    with pytest.raises(MtqaError, match="not a dictd dictionary"):
        resolve(str(tmp_path / "notes.index"))
    (tmp_path / "plain.txt").write_text("hello\n", encoding="utf-8")
    with pytest.raises(MtqaError, match="not a dictd dictionary"):
        resolve(str(tmp_path / "plain.txt"))


def test_parse_entry_splits_a_phrase_into_its_russian_alternatives() -> None:
    # "to take part участвовать, принимать участие": each alternative is a rendering of its own
    # (joined, they made the three-lemma key «участвовать принимать участие» no source has).
    body = (
        "take\n   1) брать; to take part участвовать, принимать участие; to take place случаться\n"
    )
    entry = parse_entry("take", body)
    assert Phrase("to take part", "принимать участие") in entry.phrases
    assert Phrase("to take part", "участвовать") in entry.phrases
    assert Phrase("to take place", "случаться") in entry.phrases
    assert not any("," in p.ru or p.ru.count(" ") > 1 for p in entry.phrases)


@pytest.mark.parametrize(
    "head, body, phrase",
    [
        # Mueller abbreviates the headword in its phrases to its initial and a dot.
        (
            "court",
            "court\n   3) суд; Supreme C. Верховный суд\n",
            Phrase("supreme court", "верховный суд"),
        ),
        (
            "monetary",
            "monetary\n   2) валютный; International M. Fund Международный валютный фонд\n",
            Phrase("international monetary fund", "международный валютный фонд"),
        ),
        (
            "foreign",
            "foreign\n   1) иностранный; the F. Office министерство иностранных дел\n",
            Phrase("the foreign office", "министерство иностранных дел"),
        ),
        # Another capital is no abbreviation of the headword; "U.S." is not one either.
        (
            "court",
            "court\n   3) суд; J. Smith's case дело Смита\n",
            Phrase("j smith's case", "дело смита"),
        ),
        (
            "state",
            "state\n   2) штат; the U.S. state штат США\n",
            Phrase("the u s state", "штат сша"),
        ),
    ],
)
def test_parse_entry_expands_the_headword_initial_in_phrases(
    head: str, body: str, phrase: Phrase
) -> None:
    assert phrase in parse_entry(head, body).phrases
