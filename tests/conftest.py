import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def model():
    """The word model the layout stages use (``ocrfix.fluency``), loaded once. Skipped
    where it is not installed, unless CI demands it (``OCRFIX_REQUIRE_FLUENCY``)."""
    from ocrfix.fluency import fluency
    fl = fluency("auto")
    if fl is None:
        why = "no fluency model: needs the kenlm module and libime-data-language-model"
        if os.environ.get("OCRFIX_REQUIRE_FLUENCY"):
            pytest.fail(why)
        pytest.skip(why)
    return fl
