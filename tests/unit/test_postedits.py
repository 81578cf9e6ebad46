"""Real wrong senses mined from post-edits (mtqa.lexicon.postedits, scripts/mine_postedit_senses.py,
scripts/train_adequacy.py --real)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from mtqa.lexicon import lookup
from mtqa.lexicon.align import align
from mtqa.lexicon.dictd import resolve
from mtqa.lexicon.postedits import KEPT, OTHER, SENSE, label_postedit, token_offsets
from tests.conftest import ROOT
from tests.lexicon.dictd_fixture import write_dictd

MUELLER = Path("/usr/share/dictd/mueller7.index")
mueller = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict not installed")


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> lookup.Lexicon:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    files = resolve(str(write_dictd(tmp_path)))
    assert files is not None
    return lookup.merge([("tiny", lookup.load_dictionary_maps(files))])


@pytest.mark.parametrize(
    "text, tokens, expected",
    [
        ("Finance.", ["Finance", "."], [(0, 7), (7, 8)]),
        ("won't leak", ["won", "'t", "leak"], [(0, 3), (3, 5), (6, 10)]),
        ('say "no"', ["say", "&quot;", "no", "&quot;"], [(0, 3), None, (5, 7), None]),
    ],
)
def test_token_offsets_find_tokens_in_the_plain_text(
    text: str, tokens: list[str], expected: list[tuple[int, int] | None]
) -> None:
    assert token_offsets(text, tokens) == expected


SRC = "Стороны договорились о мирном урегулировании конфликта."
MT = "The parties agreed on a peaceful warfare of the conflict."
MT_TOK = "The parties agreed on a peaceful warfare of the conflict ."


def _labels(lex: lookup.Lexicon, tags: str, pe: str) -> dict[str, str]:
    al = align(lex, SRC, MT)
    return {w.word: w.label for w in label_postedit(lex, al, MT, MT_TOK, tags, pe)}


@pytest.mark.parametrize(
    "tags, pe, warfare",
    [
        # replaced by a dictionary rendering of the source word nothing else renders
        (
            "OK OK OK OK OK OK BAD OK OK OK OK",
            "The parties agreed on a peaceful settlement of the conflict .",
            SENSE,
        ),
        # replaced by a word the dictionary does not give for any source word: a style edit
        (
            "OK OK OK OK OK OK BAD OK OK OK OK",
            "The parties agreed on a peaceful ending of the conflict .",
            OTHER,
        ),
        # a form of the same word is no other sense
        (
            "OK OK OK OK OK OK BAD OK OK OK OK",
            "The parties agreed on a peaceful warfares of the conflict .",
            OTHER,
        ),
        # a word moved from elsewhere in the MT is no correction
        (
            "OK OK OK OK OK OK BAD OK OK OK OK",
            "The parties agreed on a peaceful conflict of the conflict .",
            OTHER,
        ),
        # a long rewrite is not a word's correction
        (
            "OK OK OK OK OK BAD BAD BAD BAD BAD OK",
            "The parties agreed on a settlement , finally , of their long war .",
            OTHER,
        ),
        # the post-editor kept it
        (
            "OK OK OK OK OK OK OK OK OK OK OK",
            "The parties agreed on a peaceful warfare of the conflict .",
            KEPT,
        ),
    ],
)
def test_a_word_replaced_by_another_rendering_of_its_source_word_is_a_sense_correction(
    tiny: lookup.Lexicon, tags: str, pe: str, warfare: str
) -> None:
    labels = _labels(tiny, tags, pe)
    assert labels["warfare"] == warfare
    assert labels["parties"] == KEPT


def test_the_sense_label_names_the_replacement_and_the_source_word(tiny: lookup.Lexicon) -> None:
    al = align(tiny, SRC, MT)
    words = label_postedit(
        tiny,
        al,
        MT,
        MT_TOK,
        "OK OK OK OK OK OK BAD OK OK OK OK",
        "The parties agreed on a peaceful settlement of the conflict .",
    )
    sense = [w for w in words if w.label == SENSE]
    assert [(w.word, w.replacement, w.source, MT[w.start : w.end]) for w in sense] == [
        ("warfare", "settlement", "урегулировании", "warfare")
    ]


def test_tags_that_do_not_match_the_tokens_are_an_error(tiny: lookup.Lexicon) -> None:
    with pytest.raises(ValueError, match="word tags"):
        label_postedit(tiny, align(tiny, SRC, MT), MT, MT_TOK, "OK OK", MT_TOK)


# A real MLQE-PE ru-en train row (CC0): "paint" for «краску» (ink), and a rewrite before it.
REAL = {
    "src": "— Это правило. Всю документацию распечатываем за свой счёт. Второй вариант – за счёт "
    "родителей, когда те приносят бумагу для принтера, покупают краску или картриджи для "
    "принтера, стоящего в классе.",
    "mt": "The second option is for parents to bring paper for the printer, buy paint or "
    "cartridges for the printer in the classroom.",
    "mt_tok": "The second option is for parents to bring paper for the printer , buy paint or "
    "cartridges for the printer in the classroom .",
    "mt_tags": "OK OK OK OK BAD BAD BAD OK OK OK OK OK OK OK BAD OK OK OK OK OK OK OK OK OK",
    "pe": "This is a rule . We print all documentation at our own expense . The second option "
    "is when they bring paper for the printer , buy ink or cartridges for the printer in the "
    "classroom .",
}


@mueller
def test_real_post_edit_with_mueller() -> None:
    lex = lookup.load_lexicon(str(MUELLER), mined=False)
    al = align(lex, REAL["src"], REAL["mt"])
    labels = label_postedit(lex, al, REAL["mt"], REAL["mt_tok"], REAL["mt_tags"], REAL["pe"])
    by_word = {(w.word, w.label) for w in labels}
    assert ("paint", SENSE) in by_word
    assert ("parents", OTHER) in by_word  # "for parents to" → "when they": a rewrite
    assert ("cartridges", KEPT) in by_word
    assert [w.replacement for w in labels if w.label == SENSE] == ["ink"]


def _script(name: str):  # type: ignore[no-untyped-def]
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


MINED = {
    "id": "mlqe-pe.ru-en.train.1",
    "split": "train",
    "real": True,
    "src": SRC,
    "mt": MT,
    "spans": [{"start": 33, "end": 40, "category": "real_sense"}],
    "family": "real_sense",
}


def test_training_reads_mined_rows_as_real_rows_trained_on_only(tmp_path: Path) -> None:
    script = _script("train_adequacy")
    rows = script.real_rows(_write(tmp_path / "pe.jsonl", [MINED]), "train")
    assert rows == [
        {
            "src": SRC,
            "mt": MT,
            "spans": MINED["spans"],
            "family": "real_sense",
            "extra": True,
            "real": True,
        }
    ]
    assert "real_sense" in script.POSITIVE


@pytest.mark.parametrize(
    "row, split",
    [
        ({**MINED, "split": "dev"}, "train"),  # a dev row given as training rows
        ({k: v for k, v in MINED.items() if k != "real"}, "train"),  # not a mined row
        ({**MINED, "split": "test20"}, "dev"),
    ],
)
def test_training_refuses_rows_that_are_not_mined_rows_of_the_split(
    tmp_path: Path, row: dict, split: str
) -> None:
    with pytest.raises(SystemExit):
        _script("train_adequacy").real_rows(_write(tmp_path / "pe.jsonl", [row]), split)


def test_mining_refuses_test_splits(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="not a training/dev split"):
        _script("mine_postedit_senses").read_rows(tmp_path, "test20")


def test_real_rows_are_scored_per_sense_correction_and_kept_word() -> None:
    cand = {"start": 33, "end": 40, "label": 1, "x": [], "rule": False, "rule_major": False}
    kept = {"start": 4, "end": 11, "label": 0, "x": [], "rule": False, "rule_major": False}
    records = [
        {
            "spans": [[33, 40, "real_sense"], [0, 3, "postedit"]],
            "other_flag": False,
            "cands": [cand, kept],
        },
        {"spans": [], "other_flag": False, "cands": [dict(kept)]},
    ]
    res = _script("train_adequacy").evaluate_real(records, [[0.7, 0.6], [0.2]], 0.5, 0.9)
    assert res == {
        "senses": 1,
        "found": 1,
        "found_major": 0,
        "kept_candidates": 2,
        "kept_flagged": 1,
        "other_candidates": 0,
        "other_flagged": 0,
        "ok_rows": 1,
        "ok_rows_flagged": 0,
        "auc": 1.0,  # the correction's 0.7 above both kept words' 0.6 and 0.2
    }


@pytest.mark.parametrize(
    "scored, auc",
    [
        ([(0.5, 1), (0.5, 0)], 0.5),  # a tie counts half
        ([(0.9, 1), (0.1, 0), (0.95, 0)], 0.5),
        ([(0.2, 1), (0.3, 1), (0.9, 0)], 0.0),
        ([(0.9, 1)], None),  # no negative
    ],
)
def test_auc_ranks_corrections_above_kept_words(
    scored: list[tuple[float, int]], auc: float | None
) -> None:
    assert _script("train_adequacy")._auc(scored) == auc


# Real MLQE-PE ru-en train rows (CC0) whose sense correction the shipped check already flags:
# the fairseq MT (a wrong sense of the source word the post-editor replaced) is flagged, its
# post-edited twin is not. Most mined corrections are not found (docs/adequacy.md, ninth round).
@mueller
@pytest.mark.parametrize(
    "src, mt, flagged, post_edit",
    [
        (
            "Страшна Сибирь слухом, а люди лучше нашего живут.",
            "Siberia is terrible by hearing, and people live better than ours.",
            "hearing",
            "Siberia is terrible by rumors, and people live better than us.",
        ),
        (
            (
                "Пока мы не осознаем свою настоящую, не украшенную историю, мы не сможем строить "
                "будущее..."
            ),
            (
                "Until we realize our present, undecorated history, we will not be able to build the "
                "future..."
            ),
            "present",
            (
                "Until we become aware of our real, unadorned history, we will not be able to build "
                "the future..."
            ),
        ),
    ],
)
def test_real_wrong_sense_is_flagged_and_its_post_edit_is_not(
    src: str, mt: str, flagged: str, post_edit: str
) -> None:
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.types import Segment

    check = AdequacyCheck()
    flags = check.run([Segment(0, "s", mt, src=src)])[0].flags
    assert any(flagged in f.text for f in flags)
    assert check.run([Segment(0, "s", post_edit, src=src)])[0].flags == ()
