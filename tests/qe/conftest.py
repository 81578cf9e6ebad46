"""Fixtures for the QE tests: a tiny E5S1 model file written by the tests themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from .qe_fixtures import tiny_e5


@pytest.fixture(scope="session")
def tiny_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mtqa.qe.e5file import write_e5_file

    path = tmp_path_factory.mktemp("e5") / "tiny-q4.bin"
    write_e5_file(path, tiny_e5()[0])
    return path
