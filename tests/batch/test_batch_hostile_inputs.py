"""Hostile and unlucky inputs: every failure is an error row or a counted skip, nothing hangs,
nothing is read whole, nothing is read from outside the trees (issues 13 and 14)."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import tarfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from batch_helpers import article, last_rows, rows

from mtqa.batch import BatchConfig, CheckerSpec, run_batch
from mtqa.batch.work import process, to_segments
from mtqa.errors import MtqaError
from mtqa.io.sources import SourceDoc, SourceOptions
from mtqa.io.sources.archives import Meter, Reader, iter_units

SPEC = CheckerSpec(checks=("fluency",))


def read(*inputs: str, meter: Meter | None = None, **opts: object) -> list[SourceDoc]:
    options = SourceOptions(**opts)  # type: ignore[arg-type]
    return list(Reader(options, meter).documents(iter_units(inputs, options)))


def run(tmp_path: Path, *inputs: str, **opts: object) -> dict[str, dict[str, object]]:
    out = tmp_path / "r.jsonl"
    run_batch(BatchConfig(tuple(inputs), out, SPEC, SourceOptions(**opts), progress=False))  # type: ignore[arg-type]
    return last_rows(out)


def _tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as t:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return path


# --- issue 14, item 1: `tar czf x.tar.gz -C dir .` -------------------------------------------


def test_tar_members_named_dot_slash_are_read(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(article(1), encoding="utf-8")
    (d / "b.txt").write_text(article(2), encoding="utf-8")
    (d / ".DS_Store").write_bytes(b"\x00\x01")
    archive = tmp_path / "x.tar.gz"
    subprocess.run(["tar", "czf", str(archive), "-C", str(d), "."], check=True)
    meter = Meter()
    docs = read(str(archive), meter=meter)
    assert sorted(d.doc_id for d in docs) == [
        f"{archive}!./a.txt",
        f"{archive}!./b.txt",
    ]  # archive order
    assert all(d.error is None for d in docs)
    assert docs[0].group == str(archive)
    assert meter.ignored == 1 and "./.DS_Store (hidden)" in meter.ignored_examples[0]


def test_ignored_files_are_counted_in_the_run_row(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(article(1), encoding="utf-8")
    (d / "photo.jpg").write_bytes(b"\xff\xd8")
    (d / ".hidden.txt").write_text(article(2), encoding="utf-8")
    out = tmp_path / "r.jsonl"
    run_batch(BatchConfig((str(d),), out, SPEC, progress=False))
    run = rows(out)[-1]
    assert run["ignored"] == 2 and run["done"] == 1
    assert any("photo.jpg" in e for e in run["ignored_examples"])


# --- issue 13, item 4: truncated archives -------------------------------------------------------


@pytest.mark.parametrize("mode,suffix", [("w:gz", ".tar.gz"), ("w", ".tar"), ("w:bz2", ".tar.bz2")])
def test_tar_cut_inside_a_header_is_an_error_row(tmp_path: Path, mode: str, suffix: str) -> None:
    members = {f"d/{i:02d}.txt": article(i).encode() for i in range(6)}
    path = _tar(tmp_path / f"x{suffix}", members, mode)
    with tarfile.open(path) as t:
        offsets = [m.offset for m in t.getmembers()]
    plain = path.read_bytes() if mode == "w" else None
    if plain is not None:
        cut = plain[: offsets[3] + 200]  # inside the 4th member's header
    else:
        opener = gzip.open if mode == "w:gz" else __import__("bz2").open
        with opener(path, "rb") as raw:  # the tar inside, to cut at the same place
            data = raw.read()[: offsets[3] + 200]
        cut = gzip.compress(data) if mode == "w:gz" else __import__("bz2").compress(data)
    path.write_bytes(cut)
    docs = read(str(path))
    assert [d.error is None for d in docs] == [True, True, True, False]
    assert "corrupt archive after d/02.txt" in (docs[-1].error or "")


def test_tar_without_its_end_marker_is_an_error_row(tmp_path: Path) -> None:
    path = _tar(tmp_path / "x.tar", {"a.txt": article(1).encode()}, "w")
    with tarfile.open(path) as t:
        last = t.getmembers()[-1]
        end = last.offset_data + (last.size + 511) // 512 * 512  # no zero blocks after the data
    path.write_bytes(path.read_bytes()[:end])
    docs = read(str(path))
    assert docs[0].error is None and "end-of-archive" in (docs[-1].error or "")


def test_csv_dump_with_an_open_quote_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        f'id,text\n1,"{article(1)}"\n2,"{article(2)}\n3,"{article(3)}"\n', encoding="utf-8"
    )
    docs = read(str(path))
    assert docs[0].error is None and docs[0].doc_id == f"{path}:2"
    second = 2 + article(1).count("\n") + 1  # the line where the record with the open quote starts
    assert docs[-1].error and "quote left open" in docs[-1].error
    assert f"record starting on line {second}" in docs[-1].error


# --- issue 13, item 12: failures that stopped the batch ------------------------------------


def _encrypted_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", article(1))
        z.writestr("b.txt", article(2))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    # Set the "encrypted" flag bit of b.txt in both its local header and the central directory.
    data[infos[1].header_offset + 6] |= 1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 1
    path.write_bytes(bytes(data))


def _unsupported_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", article(1))
        z.writestr("b.txt", article(2))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    central = data.rfind(b"PK\x01\x02")
    for at in (infos[1].header_offset + 8, central + 10):
        data[at : at + 2] = (99).to_bytes(2, "little")  # AES / unknown method
    path.write_bytes(bytes(data))


def _warc_without_uri(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        record = writer.create_warc_record(
            "http://x/a", "response", payload=io.BytesIO(b"<p>Hello there.</p>"), http_headers=http
        )
        record.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(record)


@pytest.mark.parametrize(
    "maker,suffix,message",
    [
        (_encrypted_zip, ".zip", "encrypted"),
        (_unsupported_zip, ".zip", "compression"),
        (_warc_without_uri, ".warc", "corrupt WARC"),
    ],
)
def test_a_broken_member_is_an_error_row_and_the_batch_goes_on(
    tmp_path: Path, maker, suffix: str, message: str
) -> None:
    bad = tmp_path / f"bad{suffix}"
    maker(bad)
    good = tmp_path / "good.txt"
    good.write_text(article(3), encoding="utf-8")
    docs = run(tmp_path, str(bad), str(good))
    errors = [r for r in docs.values() if r["row"] == "error"]
    assert len(errors) == 1 and message in str(errors[0]["error"])
    assert docs[str(good)]["row"] == "document"


def test_corrupt_gz_source_in_src_tree_is_an_error_row(tmp_path: Path) -> None:
    (tmp_path / "mt").mkdir()
    (tmp_path / "src").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "mt" / name).write_text(article(1), encoding="utf-8")
    (tmp_path / "src" / "a.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not gzip at all")
    (tmp_path / "src" / "b.txt").write_text(article(1), encoding="utf-8")
    docs = run(tmp_path, str(tmp_path / "mt"), src_tree=str(tmp_path / "src"))
    a, b = docs[str(tmp_path / "mt" / "a.txt")], docs[str(tmp_path / "mt" / "b.txt")]
    assert a["row"] == "error" and "corrupt gzip" in str(a["error"])
    assert b["row"] == "document"


def test_lone_surrogate_in_a_segment_jsonl_is_an_error_row(tmp_path: Path) -> None:
    bad = tmp_path / "segs.jsonl"
    bad.write_text('{"mt": "Bad \\ud800 x."}\n', encoding="utf-8")
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"text": "Bad \ud800 text."}) + "\n" + json.dumps({"text": article(1)}) + "\n",
        encoding="utf-8",
        errors="surrogatepass",
    )
    docs = run(tmp_path, str(bad), str(dump))
    assert docs[str(bad)]["row"] == "error" and "lone surrogate" in str(docs[str(bad)]["error"])
    assert docs[f"{dump}:1"]["row"] == "error"
    assert docs[f"{dump}:2"]["row"] == "document"
    for line in (tmp_path / "r.jsonl").read_bytes().splitlines():
        json.loads(line)  # the results file stays valid UTF-8 JSON


def test_process_never_raises_on_unrenderable_text() -> None:
    doc = SourceDoc(doc_id="x", source="x", group="g", parser="text", mt="Fine \udcff text.")
    outcome = process(doc, SPEC.build())
    assert outcome.failed and "surrogate" in str(outcome.last_row["error"])


# --- issue 13, item 15: --src-tree stays inside the tree -----------------------------------


def test_absolute_and_dotdot_member_names_are_error_rows(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET notes.", encoding="utf-8")
    (tmp_path / "src").mkdir()
    path = _tar(
        tmp_path / "x.tar",
        {
            "ok.txt": article(1).encode(),
            str(secret): article(2).encode(),
            "../up.txt": article(3).encode(),
        },
        "w",
    )
    docs = read(str(path), src_tree=str(tmp_path / "src"))
    assert [d.error is None for d in docs] == [True, False, False]
    assert all("unsafe member name" in (d.error or "") for d in docs[1:])


def test_source_that_resolves_outside_the_tree_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mt").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "mt" / "a.txt").write_text(article(1), encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET notes.", encoding="utf-8")
    (tmp_path / "src" / "a.txt").symlink_to(outside)
    (doc,) = read(str(tmp_path / "mt"), src_tree=str(tmp_path / "src"))
    assert doc.src is None and "resolves outside" in (doc.error or "")


# --- issue 13, items 8 and 9: size caps, FIFOs --------------------------------------------


@pytest.mark.parametrize("kind", ["gz", "zip", "tar.gz", "jsonl.gz"])
def test_a_huge_compressed_member_is_an_error_row_in_bounded_memory(
    tmp_path: Path, kind: str
) -> None:
    big = 64 << 20  # 64 MiB of one byte compresses to ~64 KiB
    cap = 1 << 20
    path = tmp_path / f"bomb.{kind}"
    if kind in ("gz", "jsonl.gz"):
        path = tmp_path / ("bomb.txt.gz" if kind == "gz" else "bomb.jsonl.gz")
        line = b'{"text": "' + b"a" * big + b'"}\n' if kind == "jsonl.gz" else b"a" * big
        with gzip.open(path, "wb", compresslevel=1) as g:
            for i in range(0, len(line), 1 << 20):
                g.write(line[i : i + (1 << 20)])
        del line
    elif kind == "zip":
        with (
            zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z,
            z.open("bomb.txt", "w", force_zip64=True) as m,
        ):
            for _ in range(big >> 20):
                m.write(b"a" * (1 << 20))
    else:
        import tempfile

        with tempfile.TemporaryFile() as payload:
            for _ in range(big >> 20):
                payload.write(b"a" * (1 << 20))
            payload.seek(0)
            with tarfile.open(path, "w:gz", compresslevel=1) as t:
                info = tarfile.TarInfo("bomb.txt")
                info.size = big
                t.addfile(info, payload)
    tracemalloc.start()
    try:
        docs = read(str(path), max_doc_bytes=cap)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(docs) == 1 and "--max-doc-bytes" in (docs[0].error or "")
    assert peak < 8 * cap, f"peak {peak:,} bytes while reading a {big:,}-byte member"


def test_a_fifo_in_an_input_directory_is_an_error_row_not_a_hang(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    os.mkfifo(d / "a.txt")
    (d / "b.txt").write_text(article(1), encoding="utf-8")
    docs = read(str(d))
    assert "FIFO" in (docs[0].error or "") and docs[1].error is None


def test_dev_zero_named_as_input_is_an_error_row(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    (doc,) = read(str(link))
    assert "not a regular file" in (doc.error or "")


def test_to_segments_refuses_a_lone_surrogate() -> None:
    doc = SourceDoc(doc_id="x", source="x", group="g", parser="text", mt="Bad \ud800 x.")
    with pytest.raises(MtqaError, match="lone surrogate"):
        to_segments(doc, "ru", "en")


# --- issue 14, item 6: sources named by a pattern -------------------------------------------


def test_src_pattern_beside_the_translations(tmp_path: Path) -> None:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.en.txt").write_text("The minister arrived on 15 March.", encoding="utf-8")
    (d / "a.ru.txt").write_text("Министр прибыл 15 марта.", encoding="utf-8")
    (d / "b.en.txt").write_text("No source for this one.", encoding="utf-8")
    meter = Meter()
    docs = read(str(d), meter=meter, src_pattern="{stem}.ru.txt")
    assert [(Path(x.doc_id).name, x.src) for x in docs] == [
        ("a.en.txt", "Министр прибыл 15 марта.".encode()),
        ("b.en.txt", None),
    ]
    assert (
        meter.ignored == 1
        and "a.ru.txt (a source file (--src-pattern))" in meter.ignored_examples[0]
    )


def test_src_pattern_in_a_src_tree(tmp_path: Path) -> None:
    (tmp_path / "en" / "2024").mkdir(parents=True)
    (tmp_path / "ru" / "2024").mkdir(parents=True)
    (tmp_path / "en" / "2024" / "a.en.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "ru" / "2024" / "a.ru.txt").write_text("Источник.", encoding="utf-8")
    (doc,) = read(str(tmp_path / "en"), src_tree=str(tmp_path / "ru"), src_pattern="{stem}.ru.txt")
    assert doc.src == "Источник.".encode()


def test_src_pattern_option_is_checked(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mtqa.cli import app

    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(tmp_path / "a.txt"),
            "--out",
            str(tmp_path / "r.jsonl"),
            "--src-pattern",
            "{nope}.txt",
            "--no-progress",
        ],
    )
    assert result.exit_code == 2 and "unknown placeholder {nope}" in result.output


def test_src_pattern_into_a_subfolder_beside(tmp_path: Path) -> None:
    d = tmp_path / "articles"
    (d / "ru").mkdir(parents=True)
    (d / "a.txt").write_text(article(1), encoding="utf-8")
    (d / "ru" / "a.txt").write_text("Источник.", encoding="utf-8")
    meter = Meter()
    (doc,) = read(str(d), meter=meter, src_pattern="ru/{name}")
    assert doc.doc_id == str(d / "a.txt") and doc.src == "Источник.".encode()
    assert meter.ignored == 1
