"""WordNet reader and sense coherence (mtqa/lexicon/wordnet.py) and the adequacy check's opt-in
``wordnet`` setting (tenth round). The sentences below are tuning material, written for this
test; WordNet itself is read from the system (Debian wordnet-base, which `make test` installs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import DEFAULTS, AdequacyCheck
from mtqa.checks.source.decision import FEATURES, sense_candidates
from mtqa.errors import MtqaError
from mtqa.lexicon.align import align
from mtqa.lexicon.wordnet import Coherence, WordNet, context_lemmas, find_wordnet, load_wordnet
from mtqa.types import Segment

WORDNET = Path("/usr/share/wordnet/index.noun")
wordnet = pytest.mark.skipif(
    not WORDNET.exists(), reason="wordnet-base not installed (make test installs it)"
)
MUELLER = Path("/usr/share/dictd/mueller7.index")
mueller = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict not installed")


@pytest.fixture(scope="module")
def wn() -> WordNet:
    found = load_wordnet()
    assert found is not None
    return found


@wordnet
@pytest.mark.parametrize(
    ("lemma", "pos", "words_of_some_sense"),
    [
        ("cork", "NOUN", {"cork", "bottle cork"}),
        ("landing", "NOUN", {"landing"}),
        ("precipitation", "NOUN", {"precipitation", "downfall"}),
        ("traffic jam", "NOUN", {"traffic jam", "snarl-up"}),
        ("detain", "VERB", {"detain"}),
        ("net", "ADJ", {"net", "nett"}),
        # the first and last entries of index.noun: the binary search reaches both ends
        ("'hood", "NOUN", {"'hood"}),
    ],
)
def test_reader_finds_real_entries(
    wn: WordNet, lemma: str, pos: str, words_of_some_sense: set[str]
) -> None:
    senses = wn.senses(lemma, pos)
    assert senses, lemma
    assert any(words_of_some_sense <= set(s.synset.words) for s in senses)
    assert all(s.synset.pos == pos for s in senses)
    assert [s.rank for s in senses] == list(range(len(senses)))


@wordnet
def test_reader_unknown_word_and_semcor_counts(wn: WordNet) -> None:
    assert wn.senses("zzzqqx", "NOUN") == ()
    assert wn.senses("aaaaaa", "VERB") == ()
    # SemCor tags "bank" as the sloping land and the institution most (cntlist.rev)
    bank = wn.senses("bank", "NOUN")
    assert bank[0].count > 0 and bank[0].count >= bank[-1].count
    # a sense's signature reaches its hypernyms: "landing" (of an aircraft) -> "arrival"
    assert any("arriv" in wn.signature(s.synset) for s in wn.senses("landing", "NOUN"))


def test_find_wordnet_rejects_a_folder_without_wordnet(tmp_path: Path) -> None:
    with pytest.raises(MtqaError, match=r"index\.noun"):
        find_wordnet(tmp_path)


@wordnet
@pytest.mark.parametrize(
    ("sentence", "index", "right", "wrong"),
    [
        # wrong dictionary senses of literal MT: the right rendering fits the sentence's topic
        (
            "Heavy sediments are expected in Moscow tomorrow , the weather service said",
            1,
            "precipitation",
            "sediments",
        ),
        ("There were huge corks on the roads into the city this morning", 3, "jams", "corks"),
        ("The plane made an emergency planting at the airport", 5, "landing", "planting"),
        ("The head of the shots department hired new employees", 4, "personnel", "shots"),
        ("The company reported a clean profit of ten million dollars", 4, "net", "clean"),
        # and the other way round where the English word is right
        ("Ten shots were fired at the police station", 1, "shots", "frames"),
    ],
)
def test_coherence_orders_right_sense_above_wrong(
    wn: WordNet, sentence: str, index: int, right: str, wrong: str
) -> None:
    coherence = Coherence(wn)
    words = sentence.split()
    context = coherence.context(context_lemmas(words, index))
    r, w = coherence.word_score(right, context), coherence.word_score(wrong, context)
    assert r is not None and w is not None
    assert r > w


def test_wordnet_setting_is_off_by_default() -> None:
    assert DEFAULTS["wordnet"] == 0
    check = AdequacyCheck()
    assert check.coherence is None
    assert ";wordnet:" not in check.resources()  # (the synonym guard is named ";synonyms:")
    assert "wn_gain" in FEATURES


def test_wordnet_on_with_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    check = AdequacyCheck({"wordnet": 1, "wordnet_path": str(tmp_path / "missing")})
    with pytest.raises(MtqaError, match="WordNet folder"):
        _ = check.coherence


@wordnet
@mueller
def test_wordnet_feature_and_gate_wired_into_the_decision() -> None:
    src = "Глава отдела кадров ушёл в отставку в пятницу."
    mt = "The head of the shots department resigned on Friday."
    seg = Segment(0, "s", mt, src=src)
    off, on = AdequacyCheck(), AdequacyCheck({"wordnet": 1})
    k = FEATURES.index("wn_gain")
    al = align(off.lexicon, src, mt)
    cands_off = {c.j: c for c in sense_candidates(off, seg, al)}
    cands_on = {c.j: c for c in sense_candidates(on, seg, al)}
    shots = [t.text for t in al.mt].index("shots")
    assert cands_off[shots].features[k] == 0.0 and cands_off[shots].wn_gain == 0.0
    # WordNet puts "personnel" (a body of employees) in a department, not "shots"
    assert cands_on[shots].wn_gain >= 1.0
    assert cands_on[shots].features[k] == cands_on[shots].wn_gain
    assert "wordnet:3.0" in on.resources()
    # the gate: a candidate the decision leaves unflagged, flagged minor when WordNet agrees
    # (the decision's own flags; the collocation rule flags this pair on its own too)
    flags_off = off._decided_senses(seg, al)
    gated = AdequacyCheck({"wordnet": 1, "wordnet_floor": 0.0, "wordnet_gain": 1.0})
    flags_on = gated._decided_senses(seg, al)
    at = mt.index("shots")
    assert not any(f.start <= at < f.end for f in flags_off)
    assert any(f.start <= at < f.end and f.severity == "minor" for f in flags_on)


def test_cli_wordnet_on_without_wordnet_is_one_line_exit_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mtqa.calibration import load_calibration
    from mtqa.cli import app

    calibration = json.loads(json.dumps(load_calibration().data))  # a copy to change
    calibration["checks"].setdefault("adequacy", {}).update(
        {"wordnet": 1, "wordnet_path": str(tmp_path / "no-wordnet")}
    )
    cal = tmp_path / "cal.json"
    cal.write_text(json.dumps(calibration), encoding="utf-8")
    mt, src = tmp_path / "mt.txt", tmp_path / "src.txt"
    mt.write_text("The parties agreed on a peaceful warfare of the conflict.\n", encoding="utf-8")
    src.write_text("Стороны договорились о мирном урегулировании конфликта.\n", encoding="utf-8")
    args = ["check", str(mt), "--src", str(src), "--checks", "adequacy", "--calibration", str(cal)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mtqa: error: WordNet folder")


@wordnet
@mueller
@pytest.mark.parametrize(
    ("src", "mt", "pair", "lm_alone", "with_wordnet"),
    [
        # a wrong sense of «движение» in a modifier pair: the LM and WordNet agree
        (
            "Дорожное движение в городе перекрыли из-за парада.",
            "Road movement in the city was closed because of the parade.",
            "Road movement",
            True,
            True,
        ),
        # a clean pair the LM alone would change ("grand parade"): WordNet does not agree
        (
            "Президент посетил главный парад в Москве.",
            "The president attended the main parade in Moscow.",
            "main parade",
            True,
            False,
        ),
        (
            "Это история про общие аспекты жизни.",
            "This is a story about general aspects of life.",
            "general aspects",
            True,
            False,
        ),
    ],
)
def test_modifier_pairs_by_the_lm_and_wordnet(
    src: str, mt: str, pair: str, lm_alone: bool, with_wordnet: bool
) -> None:
    from mtqa.checks.source.collocation import collocation_flags

    seg = Segment(0, "s", mt, src=src)
    loose = {"wordnet": 1, "wordnet_floor": 2.0, "colloc_gain_mod_wordnet": 1.5}
    at = mt.index(pair)

    def flagged(params: dict[str, float]) -> bool:
        check = AdequacyCheck(params)
        al = align(check.lexicon, src, mt)
        return any(f.start <= at < f.end for f in collocation_flags(check, seg, al))

    assert not flagged({})  # off by default
    assert flagged({**loose, "colloc_wordnet_gain": -99.0}) == lm_alone
    assert flagged({**loose, "colloc_wordnet_gain": 0.0}) == with_wordnet
