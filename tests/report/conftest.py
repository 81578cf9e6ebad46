from __future__ import annotations

import pytest
from html_samples import sample_doc

from mtqa.types import DocumentResult


@pytest.fixture
def doc() -> DocumentResult:
    return sample_doc()
