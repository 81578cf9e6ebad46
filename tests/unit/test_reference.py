from __future__ import annotations

import pytest
import sacrebleu

from mtqa.checks.base import Languages
from mtqa.checks.reference import ReferenceCheck
from mtqa.types import Segment

PAIRS = [
    ("The cat sat on the mat.", "The cat is on the mat."),
    ("Putin met Zelensky in Moscow on Tuesday.", "Putin and Zelensky met in Moscow on Tuesday."),
    ("Completely unrelated words here.", "The talks resumed after a pause."),
    ("Same sentence.", "Same sentence."),
]


def _segs(pairs: list[tuple[str, str]]) -> list[Segment]:
    return [Segment(i, str(i), mt, ref=ref) for i, (mt, ref) in enumerate(pairs)]


@pytest.mark.parametrize("mt,ref", PAIRS)
def test_scores_equal_sacrebleu(mt: str, ref: str) -> None:
    (result,) = ReferenceCheck().run(_segs([(mt, ref)]))
    assert result.flags == ()
    assert result.scores["chrf"] == pytest.approx(sacrebleu.sentence_chrf(mt, [ref]).score)
    assert result.scores["bleu"] == pytest.approx(
        sacrebleu.metrics.BLEU(effective_order=True).sentence_score(mt, [ref]).score
    )
    assert result.scores["ter"] == pytest.approx(sacrebleu.sentence_ter(mt, [ref]).score)


def test_identical_is_perfect() -> None:
    (r,) = ReferenceCheck().run(_segs([("Same sentence.", "Same sentence.")]))
    assert r.scores["chrf"] == pytest.approx(100.0)
    assert r.scores["bleu"] == pytest.approx(100.0)
    assert r.scores["ter"] == pytest.approx(0.0)


def test_chinese_target_uses_zh_tokenizer_and_asian_ter() -> None:
    mt, ref = "我们在这里开会。", "我们在那里开会。"
    (r,) = ReferenceCheck(langs=Languages("en", "zh")).run(_segs([(mt, ref)]))
    expected_bleu = sacrebleu.metrics.BLEU(tokenize="zh", effective_order=True)
    assert r.scores["bleu"] == pytest.approx(expected_bleu.sentence_score(mt, [ref]).score)
    ter = sacrebleu.metrics.TER(asian_support=True, normalized=True)
    assert r.scores["ter"] == pytest.approx(ter.sentence_score(mt, [ref]).score)
    assert 0 < r.scores["ter"] < 100


def test_segments_without_ref_get_empty_result() -> None:
    segs = [Segment(0, "a", "Some text."), Segment(1, "b", "Text.", ref="Text.")]
    results = ReferenceCheck().run(segs)
    assert results[0].scores == {}
    assert results[1].scores["chrf"] == pytest.approx(100.0)


def test_order_invariance() -> None:
    check = ReferenceCheck()
    forward = check.run(_segs(PAIRS))
    backward = check.run(_segs(PAIRS[::-1]))
    assert [r.scores for r in forward] == [r.scores for r in backward[::-1]]


def test_signature_names_sacrebleu_version_and_tokenizers() -> None:
    sig = ReferenceCheck(langs=Languages("en", "zh")).signature()
    assert f"sacrebleu:{sacrebleu.__version__}" in sig
    assert "bleu-tok:zh" in sig
    assert "bleu-tok:13a" in ReferenceCheck().signature()
