"""A tiny dictd dictionary in Mueller's entry format, written for these tests (not Mueller's text)."""

from __future__ import annotations

import gzip
from pathlib import Path

from mtqa.lexicon.dictd import _B64

ENTRIES: dict[str, str] = {
    "agree": "   [x] _v. соглашаться, договариваться\n",
    "conflict": "   [x] _n. конфликт, столкновение\n",
    "entity": "   [x] _n.\n   1) сущность\n   2) организация\n",
    "expert": "   [x] _n. эксперт, специалист\n",
    "face": (
        "   [x]\n   1. _n.\n      1) лицо; face to face\n         а) лицом к лицу;\n"
        "         б) наедине\n      2) гримаса\n   2. _v. стоять лицом (к чему-л.)\n"
    ),
    "legal": (
        "   [x] _a.\n   1) юридический, правовой; legal entity юридическое лицо\n"
        "   2) законный; легальный\n"
    ),
    "party": "   [x] _n.\n   1) партия\n   2) сторона (в споре)\n",
    "pay": "   [x] _v. платить\n",
    "peaceful": "   [x] _a. мирный, спокойный\n",
    "region": "   [x] _n. регион, область\n",
    "settlement": "   [x] _n.\n   1) поселение, колония\n   2) _юр. урегулирование; решение\n",
    "situation": "   [x] _n. положение, ситуация\n",
    "stabilization": "   [x] _n. стабилизация\n",
    "tax": "   [x] _n. налог\n",
    "warfare": "   [x] _n. война; боевые действия\n",
    "warn": "   [x] _v. предупреждать\n",
}


def b64(n: int) -> str:
    out = ""
    while True:
        out = _B64[n % 64] + out
        n //= 64
        if n == 0:
            return out


def write_dictd(folder: Path, name: str = "tiny", compress: bool = False) -> Path:
    """Write NAME.index and NAME.dict (or .dict.dz) into ``folder``; return the index path."""
    text = b""
    index_lines = []
    header = b"00-database-short\n     A tiny test dictionary\n"
    index_lines.append(f"00-database-short\t{b64(0)}\t{b64(len(header))}")
    text += header
    for head in sorted(ENTRIES):
        body = f"{head}\n{ENTRIES[head]}".encode()
        index_lines.append(f"{head}\t{b64(len(text))}\t{b64(len(body))}")
        text += body
    (folder / f"{name}.index").write_text("\n".join(index_lines) + "\n", encoding="utf-8")
    if compress:
        with gzip.open(folder / f"{name}.dict.dz", "wb") as f:
            f.write(text)
    else:
        (folder / f"{name}.dict").write_bytes(text)
    return folder / f"{name}.index"
