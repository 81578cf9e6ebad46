"""Focus and aspect adverbs against the source (mtqa/checks/source/focus.py): "already" for
«ещё не» or «почти», "not yet" for «уже», "only" for «даже» or «уже», "even" for «только» are
major; an adverb left out or rendered freely is no finding."""

from __future__ import annotations

import pytest

from mtqa.checks.source.focus import focus_findings


@pytest.mark.parametrize(
    ("src", "mt", "span", "suggestion"),
    [
        (
            "Врачи ещё не получили зарплату.",
            "The doctors have already received their salaries.",
            "already",
            "not yet",
        ),
        (
            "Пока не решено, где пройдёт саммит.",
            "It has already been decided where the summit will be held.",
            "already",
            "not yet",
        ),
        (
            "Ремонт дороги почти завершён.",
            "The road repairs are already completed.",
            "already",
            "almost",
        ),
        (
            "Посольство уже эвакуировали.",
            "The embassy has not yet been evacuated.",
            "not yet",
            "already",
        ),
        (
            "Даже губернатор не смог ответить.",
            "Only the governor could not answer.",
            "Only",
            "even",
        ),
        ("Лишь половина школ открылась.", "Even half of the schools opened.", "Even", "only"),
        (
            "Всего пять стран поддержали резолюцию.",
            "Even five countries supported the resolution.",
            "Even",
            "only",
        ),
        (
            "Первые поставки уже начались.",
            "The first deliveries have only begun.",
            "only",
            "already",
        ),
    ],
)
def test_contradicted_focus_adverbs(src: str, mt: str, span: str, suggestion: str) -> None:
    found = focus_findings(src, mt)
    assert [
        (mt[f.start : f.end], f.severity, f.suggestion.lower() if f.suggestion else None)
        for f in found
    ] == [(span, "major", suggestion)]


@pytest.mark.parametrize(
    ("src", "mt"),
    [
        # «уже» left out where English needs no "already"; "as early as", "only ... later"
        ("Он уже вернулся в Москву.", "He has returned to Moscow."),
        ("Уже в среду начнутся занятия.", "Classes will begin as early as Wednesday."),
        ("Уже через неделю мост открыли.", "Only a week later the bridge was opened."),
        # the source's own rendering is there
        ("Ещё не ясно, кто виноват.", "It is not yet clear who is to blame."),
        ("Почти все рейсы отменены.", "Almost all flights have been cancelled."),
        (
            "Ещё не все жители вернулись, но многие уже дома.",
            "Not all residents have returned yet, but many are already home.",
        ),
        # «ещё не раз» is "more than once"; «уже не» is "no longer"
        (
            "Он ещё не раз приедет сюда, он уже здесь бывал.",
            "He will come here more than once; he has already been here.",
        ),
        ("Этот закон уже не действует.", "This law is no longer in force."),
        # "only" and "even" for the source's own word, "the only" as an adjective
        ("Только один депутат голосовал против.", "Only one deputy voted against."),
        ("Даже в мороз рынок работает.", "Even in the frost the market is open."),
        ("Уже известен единственный кандидат.", "The only candidate is already known."),
        (
            "Лишь немногие знали об этом, и даже если знали, молчали.",
            "Only a few knew, and even if they did, they kept quiet.",
        ),
        # «всего» not before a count is «всё»: "of the whole world"
        ("Это касается всего мира, включая Россию.", "This concerns the whole world, even Russia."),
        # "even" before a comparative renders «ещё»
        ("Только вчера цены стали ещё выше.", "Only yesterday prices became even higher."),
    ],
)
def test_matching_or_unjudged_focus_adverbs_are_left_alone(src: str, mt: str) -> None:
    assert focus_findings(src, mt) == []
