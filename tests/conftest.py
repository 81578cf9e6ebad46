from __future__ import annotations

import os
from pathlib import Path

import pytest

# No test may try the network: model resolution skips its hub probe (inherited by subprocesses).
os.environ["MTQA_OFFLINE"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"
# Runs that name no checks use the offline profile, so the suite does not load the neural model
# in every CLI test; tests of the default profile clear it (tests/unit/test_profiles.py).
os.environ.setdefault("MTQA_CHECKS", "offline")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


def shared_file(name: str) -> Path:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"../shared/data/{name} is not present")
    return path
