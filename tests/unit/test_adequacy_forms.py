"""The adequacy check's derivation swaps (derivation.py) and dictionary polarity flips
(polarity.py): examples written for these tests, not taken from any tuning set."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.checks.source.derivation import perfective, source_form
from mtqa.checks.source.polarity import negative_rendering
from mtqa.types import Segment

MUELLER = Path("/usr/share/dictd/mueller7.index")
needs_mueller = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")


@pytest.fixture(scope="module")
def check() -> AdequacyCheck:
    return AdequacyCheck()


def flags(check: AdequacyCheck, src: str, mt: str) -> list[tuple[str, str | None, str]]:
    result = check.run([Segment(0, "s", mt, src=src)])[0]
    return [(mt[f.start : f.end], f.suggestion, f.message) for f in result.flags]


@pytest.mark.parametrize(
    "word, tag",
    [
        ("развивающиеся", "VBG"),  # present active participle
        ("производящая", "VBG"),
        ("повреждён", "VBN"),  # short passive participle
        ("арестованного", "VBN"),  # full passive participle
        ("выступая", "VBG"),  # imperfective gerund
        ("голосование", "VBG"),  # action noun
        ("пообещал", "VBD"),  # finite, past
        ("придя", None),  # perfective gerund: "having come", "coming"
        ("играет", "VBG"),  # active, present: judged only against a passive ("is played")
        ("играют", None),  # third plural: often impersonal («здесь играют» = "is played")
        ("играется", None),  # reflexive: may be a passive itself
        ("стол", None),
        ("для", None),  # a preposition, though pymorphy also reads a gerund of «длить»
        ("благодаря", None),  # a preposition first, a gerund of «благодарить» second
        ("здании", None),  # -ние, but a thing: no verb «здать» behind it
        ("событии", None),
        ("отношении", "VBG"),  # an action noun through an alternation: относить
        ("освобождение", "VBG"),
        ("участие", "VBG"),  # участвовать
    ],
)
def test_source_form_reads_the_grammar_of_the_source_word(word: str, tag: str | None) -> None:
    found = source_form(word)
    assert (found[0] if found else None) == tag


@pytest.mark.parametrize(
    "renderings, word, prefix",
    [
        (("unknown", "nameless"), "known", "un"),
        (("illegal", "unlawful"), "legal", "il"),
        (("disorder", "mess"), "order", "dis"),
        (("uncertainty", "doubt"), "certainties", "un"),  # through the English lemma
        (("unknown", "known"), "known", None),  # the word is a rendering itself
        (("small", "little"), "big", None),
    ],
)
def test_negative_rendering(renderings: tuple[str, ...], word: str, prefix: str | None) -> None:
    assert negative_rendering(renderings, word) == prefix


DERIVATION = [
    # (src, mt, flagged word, suggestion)
    (
        "Президент подписал указ о помиловании.",
        "The president signing a pardon decree.",
        "signing",
        "signed",
    ),
    (
        "Министр объявил о строительстве новой дороги.",
        "The minister announcing the construction of a new road.",
        "announcing",
        "announced",
    ),
    ("Все школы были закрыты на карантин.", "All schools were closing for quarantine.",
     "closing", "closed"),
    ("Голосование продлится три дня.", "Voted will last three days.", "Voted", "Voting"),
    (
        "Лидеры развивающихся стран встретились в Дели.",
        "Leaders of developed countries met in Delhi.",
        "developed",
        "developing",
    ),
    (  # the lexicon lacks the verb: the uncovered participle at the same position stands in
        "Результаты опроса, проведенного компанией, опубликованы.",
        "The results of the survey conducting by the company were published.",
        "conducting",
        "conducted",
    ),
    (  # a perfective verb never is a progressive
        "Такие дома следует включить в региональные программы.",
        "Such houses should be including in regional programs.",
        "including",
        "included",
    ),
    (  # an active verb read as a passive
        "Компания расширяет сеть магазинов в Сибири.",
        "The company is expanded its network of stores in Siberia.",
        "expanded",
        "expanding",
    ),
]  # fmt: skip

DERIVATION_CLEAN = [
    # an English verb no source word renders: only source verb forms stand in, not the action
    # noun «вооружение» (shortened from a WMT21 system output, tuning material)
    (
        "Среди других новичков, поступивших недавно на вооружение ВМФ, был первый серийный фрегат.",
        (
            "Other newcomers who had recently entered service with the Navy included the first "
            "production frigate."
        ),
    ),
    # the second of two participles sharing one auxiliary ("be signed or returned")
    (
        "Велосипед нужно поставить в сарай или припарковать у стены.",
        "The bike should be put in the shed or parked by the wall.",
    ),
    (
        "Машину лучше оставить во дворе или припарковать подальше от деревьев.",
        "The car is better left in the yard or parked away from the trees.",
    ),
    ("Президент подписал указ о помиловании.", "The president signed a pardon decree."),
    (
        "Министр объявил о строительстве новой дороги.",
        "The minister announced the construction of a new road.",
    ),
    ("Все школы были закрыты на карантин.", "All schools were closed for quarantine."),
    ("Голосование продлится три дня.", "Voting will last three days."),
    (
        "Лидеры развивающихся стран встретились в Дели.",
        "Leaders of developing countries met in Delhi.",
    ),
    (
        "Компания расширяет сеть магазинов в Сибири.",
        "The company is expanding its network of stores in Siberia.",
    ),
    (
        "Результаты опроса, проведенного компанией, опубликованы.",
        "The results of the survey conducted by the company were published.",
    ),
    (
        "Такие дома следует включить в региональные программы.",
        "Such houses should be included in regional programs.",
    ),
    # a perfective future is an English progressive future
    ("Нападающий покинет клуб летом.", "The forward is leaving the club in the summer."),
    # the impersonal third plural is an English passive
    ("Здесь готовят лучший борщ в городе.", "The best borscht in the city is prepared here."),
    # a finite verb of a relative clause rendered by a participle is English, not a swap
    (
        "Полицейский, который стрелял в протестующих, задержан.",
        "A police officer firing at protesters has been detained.",
    ),
]


@needs_mueller
@pytest.mark.parametrize("src, mt, word, suggestion", DERIVATION)
def test_derivation_swaps_are_flagged_with_the_form_the_source_asks_for(
    check: AdequacyCheck, src: str, mt: str, word: str, suggestion: str
) -> None:
    found = [f for f in flags(check, src, mt) if f[2].startswith("derivation:")]
    assert [(w, s) for w, s, _ in found] == [(word, suggestion)]


@needs_mueller
@pytest.mark.parametrize("src, mt", DERIVATION_CLEAN)
def test_derivation_leaves_the_right_forms_alone(check: AdequacyCheck, src: str, mt: str) -> None:
    assert not [f for f in flags(check, src, mt) if f[2].startswith("derivation:")]


@pytest.mark.parametrize(
    "word, expected",
    [("включить", True), ("закрыл", True), ("покинет", False), ("играл", False), ("стол", False)],
)
def test_perfective_means_infinitive_or_past(word: str, expected: bool) -> None:
    assert perfective(word) is expected


def test_derivation_can_be_switched_off() -> None:
    off = AdequacyCheck(params={"derivation": False})
    src, mt = "Президент подписал указ о помиловании.", "The president signing a pardon decree."
    assert not [f for f in flags(off, src, mt) if f[2].startswith("derivation:")]


POLARITY = [
    (
        "Личность нападавшего пока остаётся неизвестной.",
        "The identity of the attacker remains known.",
        "known",
        "unknown",
    ),
    ("Суд признал решение незаконным.", "The court found the decision legal.", "legal", "illegal"),
    ("Митингующие устроили массовые беспорядки.", "The protesters caused mass order.", "order",
     "disorder"),
    ("Результаты выборов оказались неожиданными.", "The election results were expected.",
     "expected", "unexpected"),
    # "infection" may render «заразили» too, but "infected" renders that word already
    ("Её заразили, потому что врачи забыли о дезинфекции инструментов.",
     "She was infected because the doctors forgot about the infection of the instruments.",
     "infection", "disinfection"),
]  # fmt: skip

POLARITY_CLEAN = [
    ("Личность нападавшего пока остаётся неизвестной.", "The identity of the attacker remains unknown."),
    ("Личность нападавшего пока остаётся неизвестной.", "The identity of the attacker is not known yet."),
    ("Суд признал решение незаконным.", "The court found the decision illegal."),
    ("Митингующие устроили массовые беспорядки.", "The protesters caused mass riots."),
    # the negation split off by the tokeniser ("doesn 't") still negates
    ("У Бога недолго, а у нас тотчас.", "God doesn 't last long, but we do."),
    # the negation is a separate word before the source word
    ("Выпустить её из рук не представлялось возможным.", "It was impossible to let her go."),
]  # fmt: skip


@needs_mueller
@pytest.mark.parametrize("src, mt, word, suggestion", POLARITY)
def test_dictionary_polarity_flips_suggest_the_negative_word(
    check: AdequacyCheck, src: str, mt: str, word: str, suggestion: str
) -> None:
    found = [f for f in flags(check, src, mt) if f[2].startswith("polarity:")]
    assert [(w, s) for w, s, _ in found] == [(word, suggestion)]
    assert "«" in found[0][2]


@needs_mueller
@pytest.mark.parametrize("src, mt", POLARITY_CLEAN)
def test_polarity_leaves_negated_and_right_renderings_alone(
    check: AdequacyCheck, src: str, mt: str
) -> None:
    assert not [f for f in flags(check, src, mt) if f[2].startswith("polarity:")]


@needs_mueller
def test_a_participle_negated_by_prefix_is_a_negative_word(check: AdequacyCheck) -> None:
    """непроверенных is не + проверенных though pymorphy gives the participle the verb's lemma."""
    from mtqa.checks.source.polarity import ru_negative

    assert ru_negative("непроверенных") == "не"
    assert ru_negative("недели") is None


CALQUES = [
    # (src, mt, flagged span, suggestion): word-by-word renderings the dictionary's set phrase
    # catches through the new paths
    (  # an English function word renders a source word of the phrase (ещё → "yet")
        "Министр ещё раз подчеркнул важность переговоров.",
        "The minister yet once stressed the importance of the talks.",
        "yet once",
        "once more",
    ),
    (  # the dictionary's rare gloss, unknown to the LM
        "Полиция применила слезоточивый газ против демонстрантов.",
        "Police used lachrymatory gas against the demonstrators.",
        "lachrymatory gas",
        "tear-gas",
    ),
    (  # the source's first word rendered by the dictionary (так → "thus"), not a preposition
        "Это, так сказать, наша традиция.",
        "This is, thus say, our tradition.",
        "thus say",
        "so to speak",
    ),
    (  # the dictionary lists the verb's aspect partner (обращать внимание → pay attention),
        # and "turned" links to «внимание», not to «обратили»
        "Эксперты обратили внимание на рост цен.",
        "Experts turned attention to the rise in prices.",
        "turned attention",
        "paid attention",
    ),
    (  # a function word between two content words is no English collocation ("means of")
        "Об этом сообщили средства массовой информации.",
        "This was reported by the means of mass information.",
        "means of mass information",
        "mass media",
    ),
    (  # a prepositional set phrase («в результате»)
        "В результате аварии пострадали три человека.",
        "In outcome of the accident three people were injured.",
        "In outcome",
        "As a result",
    ),
]

CALQUES_CLEAN = [
    ("Министр ещё раз подчеркнул важность переговоров.",
     "The minister once again stressed the importance of the talks."),
    ("Полиция применила слезоточивый газ против демонстрантов.",
     "Police used tear gas against the demonstrators."),
    ("Это, так сказать, наша традиция.", "This is, so to speak, our tradition."),
    ("В результате аварии пострадали три человека.",
     "As a result of the accident three people were injured."),
    ("Эксперты обратили внимание на рост цен.", "Experts paid attention to the rise in prices."),
    ("Об этом сообщили средства массовой информации.", "This was reported by the mass media."),
    # a transliterated name the LM does not know is not a rare gloss
    ("Фронтмен группы «Руки вверх» предложил дуэт.",
     "The frontman of the band Ruki Vverh proposed a duet."),
]  # fmt: skip


@needs_mueller
@pytest.mark.parametrize("src, mt, span, suggestion", CALQUES)
def test_calques_through_function_words_rare_glosses_and_rendered_first_words(
    check: AdequacyCheck, src: str, mt: str, span: str, suggestion: str
) -> None:
    found = [(w, s) for w, s, m in flags(check, src, mt) if "word by word" in m]
    assert found == [(span, suggestion)]


@needs_mueller
@pytest.mark.parametrize("src, mt", CALQUES_CLEAN)
def test_calque_twins_and_names_are_left_alone(check: AdequacyCheck, src: str, mt: str) -> None:
    assert not [m for _, _, m in flags(check, src, mt) if "word by word" in m]
