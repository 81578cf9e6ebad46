"""Wrong senses of the adequacy check: aspect partners' renderings and central renderings that
misfit their neighbours (mtqa/checks/source/adequacy.py, decision.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck, aspect_partners, suppletive_partners
from mtqa.checks.source.decision import FEATURES, sense_candidates
from mtqa.lexicon.align import align
from mtqa.types import Segment

MUELLER = Path("/usr/share/dictd/mueller7.index")
mueller = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")


@pytest.mark.parametrize(
    "lemma, verbs, partners",
    [
        # the same stem, the imperfective's suffix -ива-/-ыва- or its own vowel
        ("задержать", ["задерживать", "задергивать", "задержаться"], ["задерживать"]),
        ("задерживать", ["задержать", "задерживаться"], ["задержать"]),
        ("выступить", ["выступать", "выстукивать"], ["выступать"]),
        ("рассказать", ["рассказывать", "расставить"], ["рассказывать"]),
        # a perfective in -ить and its imperfective with the stem's last consonant alternated
        ("обратиться", ["обращаться", "обращать", "обратить"], ["обращаться"]),
        ("отметить", ["отмечать", "отмести"], ["отмечать"]),
        ("поразить", ["поражать", "порадовать"], ["поражать"]),
        ("заявить", ["заявлять", "заявиться"], ["заявлять"]),
        ("отмечать", ["отметить"], ["отметить"]),
        # an imperfective in -ивать with о → а in the stem (and the consonant alternated)
        # д → жд (возбудить/возбуждать, подтвердить/подтверждать)
        ("возбудить", ["возбуждать", "возбуждаться", "возбухать"], ["возбуждать"]),
        ("подтверждать", ["подтвердить"], ["подтвердить"]),
        ("договориться", ["договариваться", "договаривать"], ["договариваться"]),
        ("спросить", ["спрашивать", "спросить"], ["спрашивать"]),
        # no partner: a different verb that only begins alike, or another reflexivity
        ("задержать", ["задернуть"], []),
        ("обратить", ["обращаться"], []),
        ("нести", ["несли"], []),
    ],
)
def test_aspect_partners(lemma: str, verbs: list[str], partners: list[str]) -> None:
    assert aspect_partners(lemma, verbs) == partners


@pytest.mark.parametrize(
    "lemma, partners",
    [
        ("провести", ["проводить"]),
        ("принимать", ["принять"]),
        ("вызвать", ["вызывать"]),
        ("продаться", ["продаваться"]),
        ("прийти", ["приходить"]),
        # no prefix, or по- on a motion verb: no aspect partner by the root
        ("вести", []),
        ("понести", []),
        ("читать", []),
    ],
)
def test_suppletive_partners(lemma: str, partners: list[str]) -> None:
    assert suppletive_partners(lemma) == partners


def test_the_decision_reads_every_feature_it_names() -> None:
    assert len(set(FEATURES)) == len(FEATURES)
    assert {"central", "alt_sides", "alt_pmi_left", "alt_pmi_right"} <= set(FEATURES)


@mueller
def test_a_perfective_verb_takes_its_partners_renderings() -> None:
    check = AdequacyCheck()
    # Mueller lists the verb under задерживать; задержать alone has only "detainee"-like words
    assert "detain" not in check.lexicon.renderings("задержала")
    rend = check._sense_renderings("задержала")
    assert "detain" in rend
    # the word's own renderings stay, after its partners'
    assert set(check.lexicon.renderings("задержала")) <= set(rend)
    # a noun is unchanged
    assert check._sense_renderings("квартале") == check.lexicon.renderings("квартале")


@mueller
def test_partner_renderings_never_feed_the_rules() -> None:
    """The rule path (and its two-sided major flags) reads the dictionary's own renderings."""
    check = AdequacyCheck({"learned_decision": 0})
    src, mt = (
        "Полиция задержала подозреваемого в краже.",
        "The police delayed a suspect in the theft.",
    )
    assert check.run([Segment(0, "s", mt, src=src)])[0].flags == ()


@mueller
@pytest.mark.parametrize(
    "src, mt, word, central",
    [
        # a central rendering the LM has never seen beside its neighbour is judged
        ("В третьем квартале прибыль выросла.", "In the third block, profit grew.", "block", 1.0),
        # ... one the LM has seen on both sides is not a candidate at all
        (
            "В третьем квартале прибыль выросла.",
            "In the third quarter, profit grew.",
            "quarter",
            None,
        ),
    ],
)
def test_central_renderings_are_candidates_only_where_they_misfit(
    src: str, mt: str, word: str, central: float | None
) -> None:
    check = AdequacyCheck()
    seg = Segment(0, "s", mt, src=src)
    al = align(check.lexicon, src, mt)
    cands = {al.mt[c.j].text: c for c in sense_candidates(check, seg, al)}
    if central is None:
        assert word not in cands
    else:
        cand = cands[word]
        assert cand.features[FEATURES.index("central")] == central
        assert cand.rule_margin == float("-inf")  # the rules never judge a central rendering


@mueller
def test_a_verb_in_the_wrong_sense_is_flagged_with_its_partners_rendering() -> None:
    """«задержала» (Mueller renders задерживать: detain, arrest...) as "delayed": the learned
    decision flags it and suggests a rendering of the detaining sense, inflected like "delayed"."""
    src, mt = (
        "Полиция задержала подозреваемого в краже.",
        "The police delayed a suspect in the theft.",
    )
    flags = AdequacyCheck().run([Segment(0, "s", mt, src=src)])[0].flags
    assert [f.text for f in flags] == ["police delayed"]
    assert flags[0].suggestion in ("police detained", "police arrested")
    assert "«задержала»" in flags[0].message


@mueller
@pytest.mark.parametrize(
    "src, mt",
    [
        (
            "Полиция задержала подозреваемого в краже.",
            "The police detained a suspect in the theft.",
        ),
        # "included" (заключать's first rendering) is likelier to the trigram LM, by too little
        (
            "Стороны заключили соглашение о поставках газа.",
            "The parties concluded an agreement on gas supplies.",
        ),
        (
            "Президент обратился к нации с посланием.",
            "The president addressed the nation with a message.",
        ),
        (
            "В третьем квартале прибыль компании выросла.",
            "In the third quarter, the company's profit grew.",
        ),
    ],
)
def test_right_senses_of_verbs_and_central_renderings_are_left_alone(src: str, mt: str) -> None:
    assert AdequacyCheck().run([Segment(0, "s", mt, src=src)])[0].flags == ()
