"""Russian acronyms left transliterated (twelfth round): an MT word that spells an all-capitals
acronym of the source letter by letter, where English text does not know that spelling, is a
minor ``untranslated`` flag of the source check. Sentences written for these tests, not taken
from any tuning set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.checks import Languages
from mtqa.checks.source.check import SourceCheck
from mtqa.checks.source.names import acronym_findings, acronym_spellings
from mtqa.cli import app
from mtqa.types import Segment

pytest.importorskip("pymorphy3")


@pytest.mark.parametrize(
    ("acronym", "spelling"),
    [
        ("ЦРУ", "tsru"),
        ("ЦРУ", "tzru"),
        ("ОПЕК", "opek"),
        ("МАГАТЭ", "magate"),
        ("ЮНЕСКО", "yunesko"),
    ],
)
def test_spellings(acronym: str, spelling: str) -> None:
    assert spelling in acronym_spellings(acronym)


@pytest.mark.parametrize(
    ("acronym", "english"),
    # the narrow table spells no English acronym by chance («ЦБ» is no "CB": ц → c is not in it)
    [("ЦБ", "cb"), ("ЦРУ", "cia"), ("ОПЕК", "opec"), ("ООН", "un")],
)
def test_spellings_leave_english_acronyms(acronym: str, english: str) -> None:
    assert english not in acronym_spellings(acronym)


FOUND = [
    # (src, mt, flagged word, the source acronym)
    ("Аналитик ЦРУ выступил в сенате.", "A TsRU analyst spoke in the Senate.", "TsRU", "ЦРУ"),
    ("Министры ОПЕК встретятся в Вене.", "OPEK ministers will meet in Vienna.", "OPEK", "ОПЕК"),
    (
        "Инспекторы МАГАТЭ вернулись на станцию.",
        "MAGATE inspectors returned to the plant.",
        "MAGATE",
        "МАГАТЭ",
    ),
    (
        "Храм внесён в список ЮНЕСКО.",
        "The temple was put on the YUNESKO list.",
        "YUNESKO",
        "ЮНЕСКО",
    ),
]


@pytest.mark.parametrize(("src", "mt", "word", "acronym"), FOUND)
def test_transliterated_acronym_is_found(src: str, mt: str, word: str, acronym: str) -> None:
    found = acronym_findings(src, mt)
    assert [mt[f.start : f.end] for f in found] == [word]
    assert f"«{acronym}»" in found[0].message
    assert found[0].suggestion is None  # neither lexicon pairs these acronyms: no guess


CLEAN = [
    # translated acronyms
    ("Аналитик ЦРУ выступил в сенате.", "A CIA analyst spoke in the Senate."),
    ("Министры ОПЕК встретятся в Вене.", "OPEC ministers will meet in Vienna."),
    # acronyms English writes the Russian way: known to English text
    ("Сотрудники ФСБ провели обыск.", "FSB officers carried out a search."),
    ("Об этом сообщает ТАСС.", "TASS reports this."),
    ("Архивы КГБ открыли для историков.", "The KGB archives were opened to historians."),
    ("Страны НАТО провели учения.", "NATO countries held exercises."),
    # an MT acronym that is a common English word: wordfreq cannot tell the acronym from it
    ("Об этом заявили в МИД.", "The MID said so."),
    # a local body's acronym the dictionary does not list: translators often keep it
    ("Пресс-служба УМВД сообщила о задержании.", "The UMVD press service reported the arrest."),
    # explained in brackets, in the source or in the translation
    ("В ЦРУ (разведке) промолчали.", "TsRU (the intelligence service) kept silent."),
    # a common word set in capitals (a headline), not an acronym
    ("ПЛАН принят.", "PLAN adopted."),
]


@pytest.mark.parametrize(("src", "mt"), CLEAN)
def test_clean_acronyms_are_left_alone(src: str, mt: str) -> None:
    assert acronym_findings(src, mt) == []


def test_source_check_flags_minor_untranslated() -> None:
    src, mt, word, _ = FOUND[0]
    check = SourceCheck(langs=Languages("ru", "en"))
    flags = [
        f
        for f in check.run([Segment(0, "s", mt, src=src)])[0].flags
        if f.category == "untranslated"
    ]
    assert [(mt[f.start : f.end], f.severity) for f in flags] == [(word, "minor")]
    off = SourceCheck({"acronyms": False}, langs=Languages("ru", "en"))
    assert not [
        f for f in off.run([Segment(0, "s", mt, src=src)])[0].flags if f.category == "untranslated"
    ]


def test_cli_with_src_flags_acronym(tmp_path: Path) -> None:
    (tmp_path / "mt.txt").write_text(
        "OPEK ministers will meet in Vienna.\nOPEC ministers will meet in Vienna.\n"
    )
    (tmp_path / "src.txt").write_text(
        "Министры ОПЕК встретятся в Вене.\nМинистры ОПЕК встретятся в Вене.\n"
    )
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--lines",
            "-f",
            "jsonl",
            "--checks",
            "source",
            str(tmp_path / "mt.txt"),
            "--src",
            str(tmp_path / "src.txt"),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    acronyms = [[f["text"] for f in r["flags"] if f["category"] == "untranslated"] for r in rows]
    assert acronyms == [["OPEK"], []]
