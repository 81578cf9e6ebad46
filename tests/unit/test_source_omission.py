"""Omissions the source proves: a source name nothing in the translation renders."""

from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.checks.source.omission import missing_names, name_kind
from mtqa.types import Segment

pytest.importorskip("pymorphy3")

RU_EN = Languages("ru", "en")
# Off by default (held-out precision, docs/names-and-precision.md): the tests turn it on.
ON = {"omission": True}

# (source, translation with a name dropped, the source name the flag names, a clean twin)
DROPPED = [
    (
        (
            "Об этом в пятницу заявил журналистам глава МИД России Сергей Лавров после переговоров "
            "в Анкаре."
        ),
        "The Russian foreign minister told journalists this on Friday after talks in Ankara.",
        "Сергей Лавров",
        (
            "Russian Foreign Minister Sergei Lavrov told journalists this on Friday after talks in "
            "Ankara."
        ),
    ),
    (
        "Ураган обрушился на побережье американского штата Техас со скоростью ветра до 150 км/ч.",
        "The hurricane hit the coast of the American state with winds of up to 150 km/h.",
        "Техас",
        "The hurricane hit the coast of the American state of Texas with winds of up to 150 km/h.",
    ),
    (
        (
            "В среду министр финансов Стивен Мнучин подтвердил, что переговоры с демократами "
            "продолжатся."
        ),
        (
            "On Wednesday, the Treasury secretary confirmed that talks with the Democrats will "
            "continue."
        ),
        "Стивен Мнучин",
        (
            "On Wednesday, Treasury Secretary Steven Mnuchin confirmed that talks with the Democrats "
            "will continue."
        ),
    ),
    (
        (
            "По словам губернатора, в Тихорецке в пятницу внедорожник въехал в торговый зал "
            "супермаркета."
        ),
        "According to the governor, an SUV drove into the sales floor of a supermarket on Friday.",
        "Тихорецке",
        (
            "According to the governor, an SUV drove into the sales floor of a supermarket in "
            "Tikhoretsk on Friday."
        ),
    ),
    (
        (
            "Накануне президент Владимир Путин провёл совещание с членами правительства по "
            "экономическим вопросам."
        ),
        (
            "The day before, the president held a meeting with members of the government on economic "
            "issues."
        ),
        "Владимир Путин",
        (
            "The day before, President Vladimir Putin held a meeting with members of the government "
            "on economic issues."
        ),
    ),
]


@pytest.mark.parametrize(("src", "mt", "name", "twin"), DROPPED)
def test_a_dropped_name_is_flagged_and_its_twin_is_not(
    src: str, mt: str, name: str, twin: str
) -> None:
    check = SourceCheck(ON, langs=RU_EN)
    flags = [
        f
        for f in check.check_batch([Segment(0, "1", mt, src)])[0].flags
        if f.category == "omission"
    ]
    assert [name in f.message for f in flags] == [True]
    assert flags[0].severity == "major"
    assert flags[0].suggestion is None
    clean = check.check_batch([Segment(0, "1", twin, src)])[0].flags
    assert not [f for f in clean if f.category == "omission"]


# What translators legitimately do with names: never an omission.
CLEAN = [
    # the first name dropped, the surname kept
    (
        (
            "В своей речи президент напомнил об экспедиции мореплавателей Фаддея Беллинсгаузена и "
            "Михаила Лазарева."
        ),
        (
            "In his speech, the president recalled the expedition of the navigators Bellingshausen "
            "and Lazarev."
        ),
    ),
    # an English exonym no transliteration reaches, with the name's first sound
    (
        (
            "Проспект клуба в следующем сезоне будет выступать в чемпионате Швеции, сообщает "
            "журналист."
        ),
        (
            "The club's prospect will play in the Swedish championship next season, the journalist "
            "reports."
        ),
    ),
    (
        "Витражи времён Людовика XII и уникальный орган эпохи барокко спасти не удалось.",
        (
            "The stained glass windows from the times of Louis XII and a unique Baroque organ could "
            "not be saved."
        ),
    ),
    # an abbreviation rendered by the country's name, a patronymic dropped
    (
        "Об этом сообщил министр обороны РФ Сергей Кужугетович Шойгу в ходе совещания.",
        "Russian Defence Minister Sergei Shoigu said this during a meeting.",
    ),
    # a capitalised common word and a frequent place rendered freely
    (
        (
            "В воскресенье парады в честь Дня военно-морского флота России прошли во всех крупных "
            "базах флота."
        ),
        "On Sunday, Navy Day parades took place at all the large naval bases.",
    ),
    # a sentence-initial name (any word may start a sentence)
    (
        "Лавров отметил, что переговоры прошли в конструктивной атмосфере и продолжатся завтра.",
        (
            "The minister noted that the talks took place in a constructive atmosphere and will "
            "continue tomorrow."
        ),
    ),
    # a headline: translators shorten them freely
    ("Планы республиканцев подтвердил министр Мнучин", "Republican plans confirmed"),
]


@pytest.mark.parametrize(("src", "mt"), CLEAN)
def test_what_translators_do_with_names_is_no_omission(src: str, mt: str) -> None:
    flags = SourceCheck(ON, langs=RU_EN).check_batch([Segment(0, "1", mt, src)])[0].flags
    assert [f.message for f in flags if f.category == "omission"] == []


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Лаврова", "person"),
        ("Анатолия", "person"),
        ("Хабаровска", "place"),
        ("Роскомнадзор", "org"),
        ("Кубок", None),
        ("Заполярье", None),  # a region named by its position: English translates it
        ("Северного", None),
        ("Кужугетович", None),
    ],
)
def test_which_capitalised_words_are_names(word: str, kind: str | None) -> None:
    assert name_kind(word) == kind


def test_the_span_is_an_aligned_neighbour_or_the_whole_sentence() -> None:
    src, mt = DROPPED[1][0], DROPPED[1][1]
    [with_lexicon] = SourceCheck(ON, langs=RU_EN).check_batch([Segment(0, "1", mt, src)])[0].flags
    assert with_lexicon.category == "omission"
    assert with_lexicon.end - with_lexicon.start < len(mt) // 2  # one word near the name
    [alone] = missing_names(src, mt)  # no lexicon: nothing is aligned
    assert (alone.start, alone.end, alone.anchored) == (0, len(mt), False)
    assert (alone.name, alone.spelling) == ("Техас", "Tekhas")  # a transliteration


@pytest.mark.parametrize("params", [{"omission": False}, {}])
def test_the_omission_param_turns_it_off_and_it_is_off_by_default(params: dict) -> None:
    src, mt = DROPPED[0][0], DROPPED[0][1]
    check = SourceCheck(params, langs=RU_EN)
    assert not [
        f
        for f in check.check_batch([Segment(0, "1", mt, src)])[0].flags
        if f.category == "omission"
    ]
    on = SourceCheck(ON, langs=RU_EN).check_batch([Segment(0, "1", mt, src)])[0].flags
    assert [f for f in on if f.category == "omission"]


# An ordinary English word capitalised in a title ("Health Ministry") or opening a sentence is no
# rendering of a missing name; standing alone mid-sentence (Wales) it may be one.
TITLES = [
    (
        (
            "Ранее глава Минздрава Михаил Мурашко заявил о числе россиян с коронавирусом в "
            "реанимации."
        ),
        (
            "Earlier, the Health Ministry head stated the number of Russians with coronavirus in "
            "intensive care."
        ),
        "Михаил Мурашко",
    ),
    (
        "Имам мечети в Уэльсе заявил журналистам, что не согласен с решением городского совета.",
        (
            "The imam of a mosque in Wales told journalists that he disagrees with the city council's "
            "decision."
        ),
        None,
    ),
    (
        "Имам мечети в Уэльсе заявил журналистам, что не согласен с решением городского совета.",
        "The imam of a mosque told journalists that he disagrees with the city council's decision.",
        "Уэльсе",
    ),
    # a capitalised word that translates a word of the name's family renders it, wherever it is
    (
        "Клубы чемпионата Швеции хотят подписать проспекта «Каролины» уже в этом сезоне.",
        "Swedish League clubs want to sign the Carolina prospect this season.",
        None,
    ),
    # English writes names capitalised: a lowercase word is no spelling of one ("that"/Тарту)
    (
        "В четверг в Тарту прошла конференция, посвящённая цифровой экономике региона.",
        "A conference that was devoted to the region's digital economy took place on Thursday.",
        "Тарту",
    ),
]


@pytest.mark.parametrize(("src", "mt", "name"), TITLES)
def test_title_words_and_names_that_are_english_words(src: str, mt: str, name: str | None) -> None:
    flags = SourceCheck(ON, langs=RU_EN).check_batch([Segment(0, "1", mt, src)])[0].flags
    names = [f.message.split("»")[0].split("«")[1] for f in flags if f.category == "omission"]
    assert names == ([name] if name else [])


def test_a_translation_without_capitals_still_renders_its_names() -> None:
    src, twin = DROPPED[0][0], DROPPED[0][3]
    flags = SourceCheck(ON, langs=RU_EN).check_batch([Segment(0, "1", twin.lower(), src)])[0].flags
    assert not [f for f in flags if f.category == "omission"]
