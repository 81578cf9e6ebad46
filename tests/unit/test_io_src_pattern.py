"""--src-pattern: a translation's source file by name (issue 14, item 6)."""

from __future__ import annotations

import pytest

from mtqa.errors import MtqaError
from mtqa.io.src_pattern import check_pattern, name_parts, source_path


@pytest.mark.parametrize(
    ("name", "stem", "lang", "ext"),
    [
        ("article.en.txt", "article", "en", "txt"),
        ("article.txt", "article", "", "txt"),
        ("news.2024.txt", "news.2024", "", "txt"),
        ("a.b.pt-BR.md", "a.b", "pt-BR", "md"),
        ("story.eng.html", "story", "eng", "html"),
        ("README", "README", "", ""),
        (".hidden", ".hidden", "", ""),
    ],
)
def test_name_parts(name: str, stem: str, lang: str, ext: str) -> None:
    parts = name_parts(name)
    assert (parts.stem, parts.lang, parts.ext) == (stem, lang, ext)


@pytest.mark.parametrize(
    ("mt", "pattern", "expected"),
    [
        ("article.en.txt", "{stem}.ru.txt", "article.ru.txt"),
        ("2024/05/article.en.txt", "{stem}.ru.txt", "2024/05/article.ru.txt"),
        ("article.txt", "ru/{name}", "ru/article.txt"),
        ("article.en.txt", "{stem}.src.{ext}", "article.src.txt"),
    ],
)
def test_source_path(mt: str, pattern: str, expected: str) -> None:
    assert source_path(mt, pattern) == expected


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{stem}.{language}.txt", "unknown placeholder {language}"),
        ("source.txt", "needs a placeholder"),
        ("/etc/{name}", "relative path"),
        ("../{name}", "relative path"),
        ("{stem", "--src-pattern"),
    ],
)
def test_bad_patterns(pattern: str, message: str) -> None:
    with pytest.raises(MtqaError, match=message):
        check_pattern(pattern)
