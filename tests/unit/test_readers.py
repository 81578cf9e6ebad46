from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.errors import InputError
from mtqa.io.align import align_sentences
from mtqa.io.readers import ReadOptions, read_segments


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return str(p)


def test_article_splits_paragraphs_and_sentences(tmp_path):
    path = write(
        tmp_path,
        "a.txt",
        'Mr. Smith met V. V. Putin in the U.S. on Jan. 5. Talks went well.\n\n"Yes," he said.\n',
    )
    segs = read_segments(path)
    assert [s.mt for s in segs] == [
        "Mr. Smith met V. V. Putin in the U.S. on Jan. 5.",
        "Talks went well.",
        '"Yes," he said.',
    ]
    assert [s.paragraph for s in segs] == [0, 0, 1]
    assert [s.id for s in segs] == ["p1s1", "p1s2", "p2s1"]
    text = Path(path).read_text()
    for s in segs:
        assert text[s.offset : s.offset + len(s.mt)] == s.mt


def test_russian_source_sentences_keep_initials_and_abbreviations(tmp_path):
    mt = write(
        tmp_path,
        "mt.txt",
        "In 2022, V. V. Putin arrived in Moscow. That is, everything was decided.\n",
    )
    src = write(
        tmp_path, "src.txt", "В 2022 г. В.В. Путин прибыл в г. Москву. Т.е. всё было решено.\n"
    )
    segs = read_segments(mt, ReadOptions(src_path=src))
    assert [s.src for s in segs] == [
        "В 2022 г. В.В. Путин прибыл в г. Москву.",
        "Т.е. всё было решено.",
    ]


def test_article_alignment_merges_split_sentences(tmp_path):
    mt = write(
        tmp_path, "mt.txt", "Talks began in Geneva today and lasted for more than five hours.\n"
    )
    src = write(
        tmp_path, "src.txt", "Переговоры начались сегодня в Женеве. Они длились более пяти часов.\n"
    )
    segs = read_segments(mt, ReadOptions(src_path=src))
    assert len(segs) == 1
    assert segs[0].src == "Переговоры начались сегодня в Женеве. Они длились более пяти часов."


@pytest.mark.parametrize(
    "mt,other,expected",
    [
        (["aaaa aaaa.", "bb."], ["cccc cccc.", "dd."], [([0], [0]), ([1], [1])]),
        (["aaaa aaaa aaaa aaaa."], ["cccc cccc.", "dddd dddd."], [([0], [0, 1])]),
        (["aaaa aaaa.", "bbbb bbbb."], ["cccc cccc cccc cccc."], [([0, 1], [0])]),
        (["x"], [], [([0], [])]),
        ([], ["x"], []),
    ],
)
def test_align_sentences(mt, other, expected):
    assert align_sentences(mt, other) == expected


def test_paragraph_count_mismatch_is_misaligned(tmp_path):
    mt = write(tmp_path, "mt.txt", "One.\n\nTwo.\n")
    src = write(tmp_path, "src.txt", "Один.\n")
    with pytest.raises(InputError, match=r"misaligned input: .* 2 paragraphs .* has 1"):
        read_segments(mt, ReadOptions(src_path=src))


def test_lines_with_src_and_ref(tmp_path):
    mt = write(tmp_path, "mt.txt", "First one.\nSecond one.\n")
    src = write(tmp_path, "src.txt", "Первый.\nВторой.\n")
    ref = write(tmp_path, "ref.txt", "The first.\nThe second.\n")
    segs = read_segments(mt, ReadOptions(fmt="lines", src_path=src, ref_path=ref))
    assert [(s.id, s.mt, s.src, s.ref) for s in segs] == [
        ("1", "First one.", "Первый.", "The first."),
        ("2", "Second one.", "Второй.", "The second."),
    ]


def test_lines_count_mismatch(tmp_path):
    mt = write(tmp_path, "mt.txt", "a\nb\nc\n")
    ref = write(tmp_path, "ref.txt", "a\nb\n")
    with pytest.raises(InputError, match=r"3 lines but the ref file .* has 2"):
        read_segments(mt, ReadOptions(fmt="lines", ref_path=ref))


def test_tsv_and_csv(tmp_path):
    tsv = write(tmp_path, "x.tsv", "id\tsrc\tmt\tscore\nA\tПривет.\tHello.\t3\nB\t\tBye.\t1\n")
    segs = read_segments(tsv)
    assert [(s.id, s.src, s.mt) for s in segs] == [("A", "Привет.", "Hello."), ("B", None, "Bye.")]
    csv_path = write(tmp_path, "x.csv", 'mt,ref\n"Hello, world.",Hi world.\n')
    assert read_segments(csv_path)[0].mt == "Hello, world."
    assert read_segments(csv_path)[0].ref == "Hi world."


def test_jsonl_null_means_absent_and_other_fields_ignored(tmp_path):
    rows = [{"mt": "Hello.", "src": None, "ref": "Hi.", "score": 1.0}, {"id": 7, "mt": "Bye."}]
    path = write(tmp_path, "x.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    segs = read_segments(path)
    assert [(s.id, s.mt, s.src, s.ref) for s in segs] == [
        ("1", "Hello.", None, "Hi."),
        ("7", "Bye.", None, None),
    ]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("bin.txt", b"abc\x00\x01\x02", "binary data"),
        (
            "latin1.txt",
            "ok line\ncaf\xe9 au lait\n".encode("latin-1"),
            r"not valid UTF-8 at line 2, byte 4 \(0xe9\)",
        ),
        ("empty.txt", b"", "input is empty"),
        ("blank.txt", b"  \n\n \n", "input is empty"),
        ("nomt.tsv", "src\tref\na\tb\n", "no 'mt' column"),
        ("nomt.jsonl", '{"src": "a"}\n', "line 1: no 'mt' field"),
        ("badjson.jsonl", '{"mt": "a"}\n{"mt": \n', "line 2: not valid JSON"),
        ("ragged.csv", "mt,ref\na,b,c\n", "line 2: 3 fields, the header has 2"),
        ("huge.txt", "x" * 1_048_576 + "\n", "line 1 is 1,048,576 characters long"),
        ("emptymt.jsonl", '{"mt": null}\n', "'mt' is empty"),
    ],
)
def test_bad_input(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    with pytest.raises(InputError, match=message):
        read_segments(path)


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_segments(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_segments(str(tmp_path))


@pytest.mark.parametrize(
    "name,content,message",
    [
        # Issue 13, item 13: a lone surrogate is not text (it crashed every output format).
        (
            "surrogate.jsonl",
            '{"mt": "Bad \\ud800 x."}\n',
            r"line 1: field 'mt'.*lone surrogate U\+D800",
        ),
        ("surrogate_src.jsonl", '{"mt": "Fine.", "src": "\\udfff"}\n', "lone surrogate U\\+DFFF"),
        # Issue 13, item 4: an unterminated quote swallowed every later row into one field.
        (
            "open_quote.csv",
            'mt,id\n"Hello there.,1\nSecond row.,2\n',
            "record starting on line 2.*quote",
        ),
        (
            "open_quote.tsv",
            'mt\tid\n"Hello there.\t1\nSecond row.\t2\n',
            "record starting on line 2",
        ),
        # Issue 13, item 18: ids that are not ids, and an id used twice.
        ("nan.jsonl", '{"id": NaN, "mt": "Hello."}\n', "line 1: not valid JSON.*NaN"),
        (
            "inf.jsonl",
            '{"id": 1e400, "mt": "Hello."}\n',
            "field 'id' must be a string, a whole number",
        ),
        (
            "bool.jsonl",
            '{"id": true, "mt": "Hello."}\n',
            "field 'id' must be a string, a whole number",
        ),
        (
            "dup.jsonl",
            '{"id": "a", "mt": "One."}\n{"id": "a", "mt": "Two."}\n',
            "line 2: duplicate id 'a' \\(first on line 1\\)",
        ),
        ("dup.csv", "id,mt\n7,One.\n7,Two.\n", "line 3: duplicate id '7'"),
        ("utf16_nobom.txt", "Hello there.\n".encode("utf-16-le"), "looks like UTF-16"),
        ("utf16be_nobom.txt", "Премьер прибыл.\n".encode("utf-16-be"), "looks like UTF-16"),
        # An executable is binary data, not text in another encoding.
        (
            "prog.txt",
            b"\x7fELF\x02\x01\x01" + bytes(200) + bytes(range(1, 200)) + bytes(200),
            r"binary data \(NUL bytes\), not text$",
        ),
    ],
)
def test_bad_input_found_by_the_probe(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    with pytest.raises(InputError, match=message):
        read_segments(path)


def test_csv_record_id_is_the_line_where_it_starts(tmp_path):
    path = write(tmp_path, "multi.csv", 'mt,ref\n"First line\nof a quoted cell.",r1\nNext.,r2\n')
    segs = read_segments(path)
    assert [(s.id, s.ref) for s in segs] == [("2", "r1"), ("4", "r2")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    text = "Премьер прибыл. The minister arrived.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = write(tmp_path, "u.txt", data)
    assert [s.mt for s in read_segments(path)] == ["Премьер прибыл.", "The minister arrived."]


def test_float_ids_keep_their_text(tmp_path):
    path = write(tmp_path, "f.jsonl", '{"id": 2.5, "mt": "Hello."}\n{"id": 3, "mt": "Bye."}\n')
    assert [s.id for s in read_segments(path)] == ["2.5", "3"]


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "symlink_to_dev_zero"])
def test_only_regular_files_are_read(tmp_path, kind):
    import os

    path = tmp_path / "in.txt"
    if kind == "fifo":
        os.mkfifo(path)  # with no writer, opening it would block forever
    elif kind == "dev_zero":
        path = Path("/dev/zero")
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        read_segments(str(path))


def test_file_over_the_size_cap_is_refused_without_reading_it_all(tmp_path):
    from mtqa.io.decode import read_bytes

    path = write(tmp_path, "big.txt", b"word " * 10_000)
    with pytest.raises(InputError, match="larger than 1,000 bytes"):
        read_bytes(path, max_bytes=1000)
