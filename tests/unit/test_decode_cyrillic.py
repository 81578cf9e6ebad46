"""Russian text in a legacy 8-bit encoding (Windows-1251, KOI8-R: still common in Russian
newsrooms) is refused as before, with the encoding it reads as and the command that converts it."""

from __future__ import annotations

import pytest

from mtqa.errors import InputError
from mtqa.io.decode import decode

RU = "Министр иностранных дел России провёл переговоры в Анталье.\nСтороны договорились встретиться.\n"


@pytest.mark.parametrize(
    "encoding, hint",
    [("cp1251", "iconv -f cp1251 -t utf-8"), ("koi8-r", "iconv -f koi8-r -t utf-8")],
)
def test_legacy_cyrillic_is_named(encoding: str, hint: str) -> None:
    with pytest.raises(InputError) as info:
        decode(RU.encode(encoding), "a.ru.txt")
    message = str(info.value)
    assert message.startswith("a.ru.txt: not valid UTF-8 at line 1, byte 1")
    assert f"it reads as Russian in {encoding.upper()}" in message and hint in message


@pytest.mark.parametrize(
    "data", [b"Caf\xe9 society talks resumed.\n", b"broken \x80\x81\x82 bytes \x99\n"]
)
def test_other_bytes_get_no_guess(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "x.txt")
    assert "reads as" not in str(info.value) and "convert it to UTF-8" in str(info.value)
