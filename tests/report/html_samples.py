"""Hand-built results for the HTML report tests: known spans, no checks run."""

from __future__ import annotations

from mtqa.pipeline import summarise
from mtqa.types import DocumentResult, Flag, Segment, SentenceResult

SIGNATURE = "mtqa:test|ru-en|checks:hand@1|cal:test-0"
HOSTILE = 'He wrote <script>alert(1)</script> and "><img src=x onerror=alert(2)> in the draft.'


def flag(mt: str, phrase: str, severity: str, message: str, suggestion: str | None = None) -> Flag:
    start = mt.index(phrase)
    return Flag(
        start=start,
        end=start + len(phrase),
        text=phrase,
        category="collocation" if severity != "critical" else "mistranslation",
        severity=severity,  # type: ignore[arg-type]
        confidence=0.8,
        message=message,
        check="hand",
        suggestion=suggestion,
    )


def sentence(
    i: int, mt: str, quality: float, flags: list[Flag], src: str | None = None
) -> SentenceResult:
    seg = Segment(index=i, id=str(i + 1), mt=mt, src=src)
    return SentenceResult(
        segment=seg, quality=quality, scores={}, flags=tuple(flags), signature=SIGNATURE
    )


def sample_doc() -> DocumentResult:
    s0 = "The ministers expressed support for the peaceful warfare of the conflict."
    s1 = "The Ministry of Foreign Cases said talks resume in April."
    s2 = "Trade grew by 12 percent last year."
    sentences = [
        sentence(
            0,
            s0,
            41.5,
            [
                flag(
                    s0,
                    "peaceful warfare",
                    "critical",
                    "unlikely collocation",
                    "peaceful settlement",
                )
            ],
            src="Министры выразили поддержку мирному урегулированию конфликта.",
        ),
        sentence(
            1,
            s1,
            66.0,
            [flag(s1, "Foreign Cases", "major", "odd name of an institution", "Foreign Affairs")],
            src="МИД заявил, что переговоры возобновятся в апреле.",
        ),
        sentence(2, s2, 92.0, [], src="Товарооборот вырос на 12 процентов."),
        sentence(
            3,
            HOSTILE,
            75.0,
            [
                flag(
                    HOSTILE,
                    "<script>alert(1)</script>",
                    "minor",
                    'markup "<b>" in text',
                    "<i>x</i>",
                )
            ],
        ),
    ]
    return DocumentResult(
        sentences=tuple(sentences), summary=summarise(sentences), signature=SIGNATURE
    )
