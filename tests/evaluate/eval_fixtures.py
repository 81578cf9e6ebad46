"""Small labelled JSONL files for the evaluation tests."""

from __future__ import annotations

import json
from pathlib import Path


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def labelled_rows(split: str, n: int, prefix: str = "", start: int = 0) -> list[dict]:
    """Rows whose human DA rises with the length of mt (so the spy's feature is informative)."""
    rows = []
    for i in range(start, start + n):
        words = 3 + (i * 7) % 11
        mt = prefix + " ".join(["word"] * words) + ("" if i % 5 else " garbled")
        da = min(99.0, 20.0 + 6.0 * words + (i % 3))
        rows.append(
            {
                "id": f"t.ru-en.{split}.{i}",
                "lang_pair": "ru-en",
                "split": split,
                "src": "слово " * words,
                "mt": mt,
                "ref": None,
                "score": (da - 60.0) / 20.0,
                "da_mean": da,
                "hter": max(0.0, 1.0 - da / 100.0),
                "spans": [],
            }
        )
    return rows


SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def shared_slice(name: str, n: int, out_dir: Path) -> Path:
    """The first ``n`` lines of ../shared/data/<name> copied to ``out_dir`` (skip when absent)."""
    import pytest

    src = SHARED / name
    if not src.exists():
        pytest.skip(f"../shared/data/{name} is not present")
    with open(src, encoding="utf-8") as f:
        lines = [line for _, line in zip(range(n), f)]
    out = out_dir / Path(name).name
    out.write_text("".join(lines), encoding="utf-8")
    return out
