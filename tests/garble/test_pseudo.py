"""Pseudo-labels from TER alignment of real MT output to its reference."""

from __future__ import annotations

import pytest

from mtqa.garble.pseudo import align, pseudo_row, row_weight, spans_from_tags

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
