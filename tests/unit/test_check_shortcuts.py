"""Speed shortcuts of the rules, the language-model check and the tokeniser give the answers of
the computations they replace (each compared with the plain computation on a table of inputs)."""

from __future__ import annotations

import pytest

from mtqa.checks import rules
from mtqa.checks.lm import _Unit, lm_units, sentence_units
from mtqa.text import Token, words

TEXTS = [
    "See https://example.com/a?b=1 or www.kremlin.ru, mail me@x.org today.",
    "The site pravda.рф and gov.uk, bbc.co.uk/news, Example.COM (no match: case).",
    "Plain text with dots... and no address at all; 3.5 million.",
    "Words mixing scripts: анти-CAA, Omicron-вариант, Mосква, and «кавычки» — Путин said.",
    "Cyrillic run: Министерство иностранных дел said it, and 中华人民共和国 too.",
    "A lone °С sign and α or αβ Greek, café, naïve, Zelensky’s “quotes”.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_mask_urls_prefilter_and_cache(text: str) -> None:
    plain = rules._URL.sub(lambda m: " " * len(m.group()), text)
    assert rules._mask_urls(text) == plain
    assert rules._mask_urls.__wrapped__(text) == plain


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_untranslated_mixed_words(text: str, lang: str) -> None:
    hits = rules.untranslated(text, lang, 3, 0.4, 3.5)
    mixed = [text[h.start : h.end] for h in hits if h.message.startswith("word mixes")]
    # a word is mixed only when one of its parts has letters of two scripts (Mосква with a
    # Latin M); a compound of single-script parts (анти-CAA) is not
    for word in mixed:
        assert any(len(rules._letter_scripts(p)) >= 2 for p in rules._WORD_PART_BREAK.split(word))
    if lang == "en" and "анти-CAA" in text:
        assert mixed == ["Mосква"]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_are_tokens(text: str) -> None:
    toks = words.__wrapped__(text)
    assert all(type(t) is Token for t in toks)
    assert toks == tuple(Token(t.text, t.start, t.end) for t in toks)
    assert all(text[t.start : t.end] == t.text for t in toks)


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_units_are_units(text: str) -> None:
    expected = []
    for tok in words(text):
        for w, a, b in lm_units(tok.text):
            expected.append(_Unit("<unk>" if w is None else w, tok.start + a, tok.start + b))
    got = sentence_units(text)
    assert got == expected and all(type(u) is _Unit for u in got)
