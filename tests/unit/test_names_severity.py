"""How severe a name flag of the `source` check is: a well-known name mangled is major (a
newsroom's gate should block "Putina" or "Makron"), a little-known or variant spelling stays
minor (docs/names-and-precision.md, "How severe a name flag is")."""

from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.types import Segment


def _name_flags(src: str, mt: str, **params: float) -> list[tuple[str, str]]:
    check = SourceCheck(langs=Languages("ru", "en"), params=params)
    result = check.run([Segment(index=0, id="1", mt=mt, src=src)])[0]
    return [(f.text, f.severity) for f in result.flags if f.category == "name"]


@pytest.mark.parametrize(
    ("src", "mt", "expected"),
    [
        # a case ending kept on a name English knows well: the nominative is meant
        (
            "Песков прокомментировал слова Путина.",
            "Peskov commented on the words of Putina.",
            [("Putina", "major")],
        ),
        (
            "Встреча с Эрдоганом прошла в Анкаре.",
            "The meeting with Erdoganom took place in Ankara.",
            [("Erdoganom", "major")],
        ),
        (
            "Переговоры с Макроном затянулись.",
            "The talks with Makronom dragged on.",
            [("Makronom", "major")],
        ),
        # another news spelling of the same form, which English does not know at all
        (
            "Президент Франции Эммануэль Макрон прибыл в Рим.",
            "French President Emmanuel Makron arrived in Rome.",
            [("Makron", "major")],
        ),
        (
            "Премьер Биньямин Нетаньяху заявил об этом.",
            "Prime Minister Benjamin Netanyakhu said this.",
            [("Netanyakhu", "major")],
        ),
        # two letters swapped in a well-known name: a typo, which MT does not make
        (
            "Министр Сергей Лавров прибыл в Анкару.",
            "Minister Sergei Lavorv arrived in Ankara.",
            [("Lavorv", "minor")],
        ),
        # another language's convention, where English knows the name very well
        (
            "Делегация вылетела в Пхеньян.",
            "The delegation flew to Pkhenyan.",
            [("Pkhenyan", "major")],
        ),
        # ... and where it knows it less well: flagged, but minor (at zipf 2.0 the conventions
        # reached other names and words on clean text: Lacan, Judi, Cymbal, Kaga)
        (
            "Канцлер Олаф Шольц выступил в бундестаге.",
            "Chancellor Olaf Sholts spoke in the Bundestag.",
            [("Sholts", "minor")],
        ),
        (
            "То, что советовал в марте 2014 года Каха Бендукидзе",
            "What Kakha Bendukidze advised in March 2014",
            [("Kakha", "minor")],
        ),
        (
            "История о том, как Ирина Чуди помогала детям.",
            "The story of how Irina Chudi helped children.",
            [("Chudi", "minor")],
        ),
        # a variant in the vowels only, of a name English knows
        (
            "22 августа Марьину сообщили, что проверки не будет.",
            "On 22 August, Maryin was informed that there would be no check.",
            [("Maryin", "minor")],
        ),
        ("Кошка Муся. Ей шесть лет.", "Musya the cat. She is six years old.", [("Musya", "minor")]),
        # the suggestion is an English common word, no name (Visa for «Выша»)
        (
            "Монастырь выселяет жителей посёлка Выша.",
            "The monastery is evicting residents of Vysha village.",
            [("Vysha", "minor")],
        ),
        # clean twins: nothing flagged
        (
            "Песков прокомментировал слова Путина.",
            "Peskov commented on the words of Putin.",
            [],
        ),
        (
            "Канцлер Олаф Шольц выступил в бундестаге.",
            "Chancellor Olaf Scholz spoke in the Bundestag.",
            [],
        ),
        (
            "Министр Денис Шмыгаль прибыл в Брюссель.",
            "Minister Denys Shmyhal arrived in Brussels.",
            [],
        ),
    ],
)
def test_name_severity(src: str, mt: str, expected: list[tuple[str, str]]) -> None:
    assert _name_flags(src, mt) == expected


def test_convention_threshold_is_a_param() -> None:
    src, mt = "Канцлер Олаф Шольц выступил в бундестаге.", "Chancellor Olaf Sholts spoke."
    assert _name_flags(src, mt, name_convention_major_zipf=2.0) == [("Sholts", "major")]
    assert _name_flags(src, mt, name_major_zipf=5.0) == [("Sholts", "minor")]
