"""A CSV file separated by semicolons, as Excel writes CSV in Russian and most European locales,
is read by its header (it was refused: "the CSV header has no 'mt' column (found: id;mt;src)")."""

from __future__ import annotations

import pytest

from mtqa.errors import InputError
from mtqa.io.readers import parse_table

SEMI = (
    "id;mt;src\r\n"
    '1;"The talks, he said; resumed.";"Переговоры, сказал он; возобновились."\r\n'
    "2;Trade grew by 15 percent.;Товарооборот вырос на 15 процентов.\r\n"
)


def test_semicolon_csv_is_read_by_its_header() -> None:
    segments = parse_table(SEMI.replace("\r\n", "\n"), "rows.csv", ",")
    assert [(s.id, s.mt, s.src) for s in segments] == [
        ("1", "The talks, he said; resumed.", "Переговоры, сказал он; возобновились."),
        ("2", "Trade grew by 15 percent.", "Товарооборот вырос на 15 процентов."),
    ]


def test_a_comma_csv_with_semicolons_in_text_stays_comma() -> None:
    text = 'mt,src\n"One; two.",Один.\n'
    (segment,) = parse_table(text, "rows.csv", ",")
    assert segment.mt == "One; two." and segment.src == "Один."


def test_neither_separator_names_mt() -> None:
    with pytest.raises(InputError, match="has no 'mt' column"):
        parse_table("id;text\n1;x\n", "rows.csv", ",")


def test_semicolon_csv_dump_in_batch(tmp_path) -> None:
    from mtqa.io.sources import SourceOptions
    from mtqa.io.sources.archives import Reader, iter_units

    dump = tmp_path / "dump.csv"
    dump.write_text(
        'id;text;orig\n7;"First article; one line.";"Первая статья."\n8;Second article.;Вторая.\n',
        encoding="utf-8",
    )
    reader = Reader(SourceOptions(src_field="orig"))
    docs = list(reader.documents(iter_units([str(dump)])))
    assert [(d.error, d.mt, d.src, d.record_id) for d in docs] == [
        (None, "First article; one line.", "Первая статья.", "7"),
        (None, "Second article.", "Вторая.", "8"),
    ]
