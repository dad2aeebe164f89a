import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tutela.register.api import register_cache_clear


@pytest.fixture
def register_copy(settings, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the shipped registers that a test may change; reloaded on every call."""
    target = tmp_path / "registers"
    shutil.copytree(Path(settings.REGISTER_DIR), target, ignore=shutil.ignore_patterns("*.md"))
    settings.REGISTER_DIR = target
    settings.REGISTER_RECHECK_SECONDS = 0
    register_cache_clear()
    yield target
    register_cache_clear()
