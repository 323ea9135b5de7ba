"""The fuzz tests write their files and the compiled-rules cache to one scratch folder,
removed when the run ends."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fuzzing import CACHE, WORK


@pytest.fixture(autouse=True, scope="session")
def _scratch() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGULATIONS_CACHE_DIR", str(CACHE))
        yield
    shutil.rmtree(WORK, ignore_errors=True)
