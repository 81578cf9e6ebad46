"""The dictionary's English phrases are sized by content words: one list of English function
words (mtqa.lexicon.lemmas.EN_FUNCTION_WORDS) for the lemma maps and the aligner."""

from __future__ import annotations

import pytest

from mtqa.lexicon.dictd import Entry, Phrase
from mtqa.lexicon.lookup import build_maps


@pytest.mark.parametrize(
    "en,ru,key",
    [
        ("legal entity", "юридическое лицо", "юридический лицо"),
        ("all over", "повсюду кругом", "повсюду кругом"),  # function words only, whole words
        ("do they keep postcards here", "здесь продаются открытки", "здесь продаваться открытка"),
        ("make one's way", "пробираться вперёд", "пробираться вперед"),  # a placeholder
        ("the paris commune", "парижская коммуна", "парижский коммуна"),
        ("the c", "парижская коммуна", None),  # a shortened name, not a phrase
        ("make a long story short", "короче говоря", None),  # four content words
    ],
)
def test_phrases_are_kept_by_their_content_words(en, ru, key) -> None:
    maps = build_maps([Entry("headword", (), (Phrase(en, ru),))])
    if key is None:
        assert maps["phrases"] == {}
    else:
        assert maps["phrases"] == {key: (en,)}
