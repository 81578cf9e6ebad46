"""The dictd sense reader on a hand-written dictionary, and pseudo-labels from TER alignment."""

from __future__ import annotations

import gzip

import pytest

from mtqa.errors import MtqaError
from mtqa.garble.pseudo import align, pseudo_row, row_weight, spans_from_tags
from mtqa.garble.senses import DictdSenses, parse_entry

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

ENTRIES = {
    "affair": "affair\n   [ə'feə] _n.\n   1) дело; it is my affair это моё дело\n   2) _разг. история, штука\n",
    "case": "case\n   _I [keɪs] _n.\n      1) случай; обстоятельство; дело; in any case во всяком случае\n"
    "      2) _юр. судебное дело\n",
    "part": "part\n   [pɑ:t] _n.\n   1) часть; to take part принимать участие\n",
}


def _b64(n: int) -> str:
    out = ""
    while True:
        out = _B64[n % 64] + out
        n //= 64
        if not n:
            return out


@pytest.fixture
def dictd(tmp_path):
    body, index, pos = b"", [], 0
    for head, text in ENTRIES.items():
        raw = text.encode()
        index.append(f"{head}\t{_b64(pos)}\t{_b64(len(raw))}")
        body += raw
        pos += len(raw)
    (tmp_path / "mini.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "mini.dict.dz", "wb") as f:
        f.write(body)
    return tmp_path / "mini.index", tmp_path / "mini.dict.dz"


def test_dictd_entry_gives_translations_in_order_and_phrases() -> None:
    translations, _ = parse_entry("case", ENTRIES["case"])
    assert translations == ["случай", "обстоятельство", "дело"]
    assert parse_entry("part", ENTRIES["part"])[1] == [("to take part", ("принимать", "участие"))]


def test_dictd_senses_invert_the_dictionary(dictd) -> None:
    senses = DictdSenses(*dictd)
    assert set(senses.renderings("делом")) == {"affair", "case"}
    assert senses.renderings("делом")[0] == "affair"  # first sense of "affair", third of "case"
    assert senses.translations("case") >= {"случай", "дело"}
    assert ("to take part", ("принимать", "участие")) in senses.phrases()
    assert senses.name == "dictd:mini"


def test_missing_or_broken_dictionary_is_a_user_error(tmp_path) -> None:
    with pytest.raises(MtqaError, match="cannot read"):
        DictdSenses(tmp_path / "none.index", tmp_path / "none.dict.dz")
    (tmp_path / "bad.index").write_text("just text\n", encoding="utf-8")
    (tmp_path / "bad.dict.dz").write_bytes(gzip.compress(b"x"))
    with pytest.raises(MtqaError, match="not a dictd index"):
        DictdSenses(tmp_path / "bad.index", tmp_path / "bad.dict.dz")


# hypothesis, reference, expected tags, edits, shifts
ALIGNED = [
    ("the cat sat on the mat", "the cat sat on the mat", "OK OK OK OK OK OK", 0, 0),
    ("The cat sat.", "the cat sat", "OK OK OK", 0, 0),  # case and punctuation ignored
    ("the dog sat on a mat today", "the cat sat on the mat", "OK BAD OK OK BAD OK BAD", 3, 0),
    ("yesterday he arrived in Moscow", "he arrived in Moscow yesterday", "BAD OK OK OK OK", 0, 1),
    ("he came", "he came home late", "OK OK", 2, 0),  # deletions tag no hypothesis word
]


@pytest.mark.parametrize("hyp,ref,tags,edits,shifts", ALIGNED)
def test_ter_alignment_tags_edited_words(hyp, ref, tags, edits, shifts) -> None:
    al = align(hyp.split(), ref.split())
    assert " ".join(al.tags) == tags
    assert (al.edits, al.shifts) == (edits, shifts)


def test_shifted_words_can_be_tagged_ok() -> None:
    al = align(["yesterday", "he", "arrived"], ["he", "arrived", "yesterday"], shifted_bad=False)
    assert al.tags == ("OK", "OK", "OK")


def test_pseudo_row_is_an_mlqe_pe_like_row() -> None:
    row = {
        "id": "x.1",
        "src": "с",
        "mt": "No need to demonize the people",
        "ref": "Don't demonize the people",
        "score": -0.4,
        "da_raw": 60.0,
        "system": "S",
    }
    out = pseudo_row(row)
    assert out["mt_tags"] == "BAD BAD BAD OK OK OK"
    assert out["spans"] == [{"start": 0, "end": 10, "severity": None, "category": "pseudo"}]
    assert out["hter"] == 0.75 and out["weight"] == 0.65 and out["score"] == -0.4


@pytest.mark.parametrize(
    "ter,da,weight",
    [(0.0, 100.0, 1.0), (0.8, 95.0, 0.25), (0.0, 10.0, 0.1), (0.5, None, 1.0)],
)
def test_row_weight_trusts_tags_that_agree_with_the_human_score(ter, da, weight) -> None:
    assert row_weight(ter, da) == pytest.approx(weight)


def test_spans_from_tags_merge_runs() -> None:
    assert spans_from_tags("a bb c dd", ["BAD", "BAD", "OK", "BAD"]) == [
        {"start": 0, "end": 4, "severity": None, "category": "pseudo"},
        {"start": 7, "end": 9, "severity": None, "category": "pseudo"},
    ]
