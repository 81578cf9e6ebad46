"""Tense against a Russian source (mtqa/checks/source/tense.py): flagged pairs and their clean
twins, each able to fail."""

from __future__ import annotations

import pytest

from mtqa.checks import Languages
from mtqa.checks.source.check import SourceCheck
from mtqa.checks.source.tense import english_groups, source_tense, tense_findings
from mtqa.types import Segment

# (source, translation, flagged text, suggestion)
FLAGGED = [
    (
        "Лавров заявил, что переговоры прошли успешно.",
        "Lavrov will say that the talks went well.",
        "will say",
        "said",
    ),
    (
        "Цены на нефть выросли на пять процентов.",
        "Oil prices will rise by five percent.",
        "will rise",
        "rose",
    ),
    (
        "Министр не ответил на вопросы журналистов.",
        "The minister will not answer the journalists' questions.",
        "will not answer",
        "did not answer",
    ),
    # the same "that" clause, but the source's past is no verb of saying: a flip
    (
        "Президент подписал указ о повышении пенсий.",
        "The president signed a decree saying that pensions will be raised.",
        "will be raised",
        None,
    ),
    (
        "Лавров заявил, что встреча прошла успешно.",
        "Lavrov said that the meeting will go well.",
        "will go",
        "went",
    ),
    (
        "Вчера было вполне комфортно, сказал он.",
        "It will be quite comfortable, he said.",
        "will be",
        "was",
    ),
    (
        "Скоро у нас были выборы.",
        "Soon we will also have elections.",
        "will also have",
        "had",
    ),
    (
        "Переговоры были отложены.",
        "The talks will be postponed.",
        "will be postponed",
        "were postponed",
    ),
    (
        "Переговоры отложили, и министр уехал.",
        "The talks will be postponed and the minister will leave.",
        ["will be postponed", "will leave"],
        [None, "left"],
    ),
    (
        "Встреча министров состоится в апреле.",
        "The meeting of the ministers took place in April.",
        "took",
        "will take",
    ),
    (
        "Компания будет строить новый завод.",
        "The company was building a new plant.",
        "was building",
        "will be building",
    ),
    (
        "Президент подпишет указ в понедельник.",
        "The president signed the decree on Monday.",
        "signed",
        "will sign",
    ),
    # a present reporting verb says nothing about the time of what it reports
    (
        "Встреча состоится в апреле, сообщает агентство.",
        "The meeting took place in April, the agency reports.",
        "took",
        "will take",
    ),
    (
        "Делегация проведёт переговоры и вернётся в Москву.",
        "The delegation held talks and returned to Moscow.",
        "held",
        "will hold",
    ),
]

# (source, translation): legitimate renderings that must stay quiet
CLEAN = [
    # the intact twins of FLAGGED
    ("Лавров заявил, что переговоры прошли успешно.", "Lavrov said that the talks went well."),
    ("Цены на нефть выросли на пять процентов.", "Oil prices have risen by five percent."),
    ("Министр не ответил на вопросы журналистов.", "The minister did not answer the questions."),
    ("Встреча министров состоится в апреле.", "The ministers' meeting will take place in April."),
    ("Компания будет строить новый завод.", "The company will build a new plant."),
    ("Президент подпишет указ в понедельник.", "The president will sign the decree on Monday."),
    ("Встреча состоится в апреле, сообщает агентство.", "The meeting will take place in April."),
    # a present that is no reporting verb: Russian uses it for scheduled events
    ("Соглашение вступает в силу в мае, его подписали вчера.", "It will take effect in May."),
    # a conditional is no past: «было бы» may be rendered loosely
    ("Было бы хорошо встретиться в мае, сказал он.", "It will be good to meet in May, he said."),
    # "is expected to", a headline's "to", "would" after a past: no contradiction
    ("Встреча состоится в апреле.", "The meeting is expected to take place in April."),
    ("Президент подпишет указ.", "President to sign the decree"),
    ("Президент подпишет указ.", "The president would sign the decree, it was reported."),
    # a present rendering of a past (news "says", headlines) is not judged
    ("Лавров заявил, что Россия готова к диалогу.", "Lavrov says Russia is ready for dialogue."),
    ("Путин прибыл в Пекин.", "Putin arrives in Beijing"),
    # a source with a past and a future: sequence of tenses, quotes
    ("Он сказал, что приедет в мае.", "He said he would come in May."),
    ("«Мы победим», — заявил он.", '"We will win," he said.'),
    # a Russian present for a past event (historical present) is not judged
    ("Путин подписывает указ о помиловании.", "Putin signed a pardon decree."),
    # «не» + perfective non-past, a 2nd person of a saying: "cannot", not a future
    ("Такую ошибку уже не исправишь.", "Such a mistake was never corrected."),
    # a past participle in the source: the English may speak of the past there
    (
        "Акция начнётся у памятника погибшим.",
        "The rally started at the memorial to those who died.",
    ),
    # a verb of saying with its content in a noun («предупредила о последствиях»): English
    # gives the content a clause of its own time
    (
        "Министр предупредила о больших последствиях для России в случае вторжения.",
        "The minister warned that Russia will face major consequences in the event of an invasion.",
    ),
    ("Президент заявил о повышении пенсий.", "The president said that pensions will be raised."),
    ("Компания объявила о закрытии завода.", "The company announced that the plant will close."),
    # "will" the noun, tokenised "won 't"
    ("Народ выразил свою волю.", "The people expressed their will."),
    ("Я этого не потерплю!", "I won 't tolerate it!"),
]


@pytest.mark.parametrize(("src", "mt", "flagged", "suggestion"), FLAGGED)
def test_contradicting_tense_is_flagged(
    src: str, mt: str, flagged: str | list[str], suggestion: str | list[str | None] | None
) -> None:
    found = tense_findings(src, mt)
    if isinstance(flagged, str):
        flagged, suggestion = [flagged], [suggestion]
    assert [mt[f.start : f.end] for f in found] == flagged
    assert [f.suggestion for f in found] == suggestion


@pytest.mark.parametrize(("src", "mt"), CLEAN)
def test_legitimate_rendering_is_quiet(src: str, mt: str) -> None:
    assert tense_findings(src, mt) == []


@pytest.mark.parametrize(
    ("src", "past", "future", "possible"),
    [
        ("Лавров заявил, что переговоры прошли успешно.", 2, 0, {"past"}),
        ("Встреча состоится в апреле, её проведёт министр.", 0, 2, {"future"}),
        ("Он будет работать.", 0, 1, {"future"}),
        ("Он сказал, что приедет.", 1, 1, {"past", "future"}),
        ("Он бы приехал, если бы мог.", 0, 0, {"conditional"}),
        ("Штраф предусмотрен законом, сообщили в суде.", 1, 0, {"past", "present"}),
        ("Закон был принят, сообщили в суде.", 2, 0, {"past"}),
        ("Её не найдёшь.", 0, 0, {"present"}),
    ],
)
def test_source_tense(src: str, past: int, future: int, possible: set[str]) -> None:
    st = source_tense(src)
    assert (len(st.shown["past"]), len(st.shown["future"]), set(st.possible)) == (
        past,
        future,
        possible,
    )


@pytest.mark.parametrize(
    ("mt", "kinds"),
    [
        ("He will say.", ["future"]),
        ("The meeting will be held in April.", ["future"]),
        ("They're going to win.", ["future"]),
        ("Prices rose sharply.", ["past"]),
        ("He said that prices increased.", ["past", "weak_past"]),
        ("The announced plan was approved.", ["past"]),
        ("The plan has been approved.", ["perfect"]),
        ("The meeting is set to begin.", ["future_like"]),
        ("He would come.", ["modal"]),
        ("The political will of the people.", []),
        ("She says it is true.", ["present", "present"]),
        ("I didn 't know.", ["past"]),
        ("It was going to rain.", ["modal"]),
        ("Lay on the world: it bears all.", ["present"]),
    ],
)
def test_english_groups(mt: str, kinds: list[str]) -> None:
    assert [g.kind for g in english_groups(mt)] == kinds


def test_source_check_flags_tense_as_major_and_can_be_switched_off() -> None:
    seg = Segment(
        index=0,
        id="1",
        mt="The meeting of the ministers took place in April.",
        src="Встреча министров состоится в апреле.",
    )
    langs = Languages("ru", "en")
    flags = list(SourceCheck(langs=langs).check_batch([seg])[0].flags)
    tense = [f for f in flags if f.category == "tense"]
    assert [(seg.mt[f.start : f.end], f.severity, f.suggestion) for f in tense] == [
        ("took", "major", "will take")
    ]
    off = SourceCheck({"tense": False}, langs=langs).check_batch([seg])[0].flags
    assert not [f for f in off if f.category == "tense"]
    other = SourceCheck(langs=Languages("de", "en")).check_batch([seg])[0].flags
    assert not [f for f in other if f.category == "tense"]


def _links(src_word: str, mt_word: str) -> bool:
    from mtqa.lexicon.align import word_link
    from mtqa.lexicon.lookup import load_lexicon

    return word_link(load_lexicon(), src_word, mt_word)


# A source of several times: the group's main verb, aligned to a source verb of the other time.
# (source, translation, flagged text or None, suggestion)
ALIGNED = [
    ("Он сказал, что вернётся в мае.", "He said he returned in May.", "returned", "will return"),
    ("Он сказал, что вернётся в мае.", "He said he would return in May.", None, None),
    ("Он сказал, что вернётся в мае.", "He said he will return in May.", None, None),
    (
        "Министр обещает, что завод построили в срок.",
        "The minister promises the plant will be built on time.",
        "will be built",
        None,
    ),
    (
        "Министр обещает, что завод построят в срок.",
        "The minister promises the plant will be built on time.",
        None,
        None,
    ),
    # the past verb is rendered in its own time by another group ("didn't tell"): the future
    # group renders a word the dictionary does not link («растреплет»), not «рассказал»
    (
        "«Конечно он всё растреплет,» думал Господь, «хорошо, что я не рассказал ему про шарики.»",
        (
            '"Of course he\'s going to tell everything," God thought, '
            "\"it's good I didn't tell him about balloons.\""
        ),
        None,
        None,
    ),
]


@pytest.mark.parametrize(("src", "mt", "flagged", "suggestion"), ALIGNED)
def test_aligned_verb_of_the_other_time(
    src: str, mt: str, flagged: str | None, suggestion: str | None
) -> None:
    if not (_links("вернется", "returned") and _links("построили", "built")):
        pytest.skip("the lexicon here does not link the verbs these pairs need")
    found = tense_findings(src, mt)
    assert [mt[f.start : f.end] for f in found] == ([flagged] if flagged else [])
    if flagged:
        assert found[0].suggestion == suggestion
