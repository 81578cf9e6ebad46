"""Issue 14.7: headings, datelines and bylines are segments of their own; wrapped sentences are not cut."""

from __future__ import annotations

import pytest

from mtqa.text import split_sentences

BODY = "In a joint statement, the ministers said the talks would continue in Geneva next week."


@pytest.mark.parametrize(
    "text,expected",
    [
        # A title-cased headline above its first sentence.
        (f"Reproaches to the Americans\n{BODY}", ["Reproaches to the Americans", BODY]),
        # A sentence-case headline, short against the body line.
        (
            f"Russia and China sign an energy deal\n{BODY}",
            ["Russia and China sign an energy deal", BODY],
        ),
        # A heading in capitals, a dateline, a byline.
        (f"MOSCOW\n{BODY}", ["MOSCOW", BODY]),
        (f"MOSCOW, March 14 (Reuters)\n{BODY}", ["MOSCOW, March 14 (Reuters)", BODY]),
        (f"By Anna Petrova\n{BODY}", ["By Anna Petrova", BODY]),
        # A section heading after a finished sentence, inside one paragraph.
        (
            f"The talks lasted five hours.\nTrade and Energy\n{BODY}",
            ["The talks lasted five hours.", "Trade and Energy", BODY],
        ),
        # Russian: a headline and a dateline.
        (
            "Упреки в адрес американцев\nВ совместном заявлении министры сказали, что переговоры продолжатся.",
            [
                "Упреки в адрес американцев",
                "В совместном заявлении министры сказали, что переговоры продолжатся.",
            ],
        ),
        (
            "МОСКВА, 14 марта\nПереговоры продолжатся.",
            ["МОСКВА, 14 марта", "Переговоры продолжатся."],
        ),
    ],
)
def test_heading_lines_are_their_own_segments(text: str, expected: list[str]):
    lang = "ru" if any("а" <= c <= "я" for c in text.lower()) else "en"
    assert [s for _, s in split_sentences(text, lang)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # Wrapped at a fixed width: the next line starts with a capital (a name), lines alike in length.
        (
            "The foreign ministers met in Geneva on Monday and agreed that\n"
            "President Putin would attend the next round of the talks."
        ),
        (
            "The delegation was led by Deputy Prime Minister Alexander\n"
            "Novak, who said the talks had been constructive and useful."
        ),
        # The line ends on a function word or a comma.
        (
            "Talks between the two countries resumed after the visit of\n"
            "Foreign Minister Sergei Lavrov to Beijing, where he met his\n"
            "Chinese counterpart Wang Yi."
        ),
        "The ministers met in Geneva,\nBerlin and Paris this week.",
        # The sentence goes on in lower case.
        "The Ministry of Foreign Affairs\nsaid on Monday that the talks would continue.",
        # Russian wrapped text.
        (
            "Министр иностранных дел России Сергей Лавров провел переговоры с\n"
            "Министром иностранных дел Китая Ван И в Пекине."
        ),
    ],
)
def test_wrapped_sentence_stays_one_sentence(text: str):
    lang = "ru" if any("а" <= c <= "я" for c in text.lower()) else "en"
    assert [s for _, s in split_sentences(text, lang)] == [text]


def test_offsets_point_at_the_sentences():
    text = f"  Reproaches to the Americans\n{BODY} The talks lasted five hours."
    for start, sentence in split_sentences(text):
        assert text[start : start + len(sentence)] == sentence


def test_title_cased_wrapped_line_is_not_a_heading():
    """A stretch of names as long as the wrapped lines around it is wrapping, not a heading."""
    first = "Talks in Washington were held on Friday with the delegation."
    second = "Former US Assistant Secretary of State for Asia Daniel\nRussel spoke about this to reporters."
    assert [s for _, s in split_sentences(f"{first}\n{second}")] == [first, second]


@pytest.mark.parametrize(
    "text,expected",
    [
        # "O.K." is one abbreviation: the splitter's cut between its two initials is undone.
        (
            '"Once the officials say, "O.K., this is a disaster," aid can come." Then he left.',
            [
                '"Once the officials say, "O.K., this is a disaster," aid can come."',
                "Then he left.",
            ],
        ),
        ('"If they say "O.K." we go."', ['"If they say "O.K." we go."']),
        ("Readers criticized an article on Russia-U.S. relations.", None),
        ('"U.S. officials said they had informed 30 countries."', None),
        # A sentence that ends with one capital letter still ends there.
        ("He chose plan B. Then he left.", ["He chose plan B.", "Then he left."]),
    ],
)
def test_a_cut_between_two_initials_is_undone(text: str, expected: list[str] | None) -> None:
    assert [s for _, s in split_sentences(text, "en")] == (expected or [text])
