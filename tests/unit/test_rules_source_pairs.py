"""rules/punctuation: with a source, a bracket or quotation mark the source leaves unpaired in the
same way (an emoticon «)», a quote running over sentences) is the source's, not the
translation's error; a mark the translation alone leaves unpaired is still flagged."""

from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.rules import RulesCheck
from mtqa.types import Segment


def _marks(mt: str, src: str | None) -> list[str]:
    check = RulesCheck({}, Languages("ru", "en"))
    flags = check.run([Segment(0, "s", mt, src=src)])[0].flags
    return [f.text for f in flags if f.category == "punctuation"]


CASES = [
    # (source, translation, the marks flagged with the source)
    ("Жду ваших фотографий с прогулки)", "I look forward to your photos from the walk)", []),
    ("Всё, ухожу спать))", "That's it, I'm off to bed))", []),
    ("Снова понедельник(", "Monday again(", []),
    # the translation alone leaves the bracket open, or adds one the source does not have
    (
        "Стадион (его построили в 1970 году) закроют на ремонт.",
        "The stadium (it was built in 1970 will be closed for repairs.",
        ["("],
    ),
    ("Жду ваших фотографий с прогулки.", "I look forward to your photos from the walk)", [")"]),
]


@pytest.mark.parametrize(("src", "mt", "flagged"), CASES)
def test_a_mark_the_source_leaves_unpaired_is_the_sources(src, mt, flagged):
    assert _marks(mt, src) == flagged
    assert _marks(mt, None)  # target only, the rule is unchanged
