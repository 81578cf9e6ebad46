import pytest
from batch_helpers import http_root  # noqa: F401 - the fixture, for every test here


@pytest.fixture(autouse=True)
def _one_free_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--workers auto` sees one free core in-process: tests that want a pool ask for it, so
    small tests do not pay for spawning workers (subprocess tests see the real machine)."""
    monkeypatch.setattr("mtqa.batch.cores.free_cores", lambda: 1)
