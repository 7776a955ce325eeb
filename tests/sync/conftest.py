"""Two devices' Syncthing instances sharing one folder, for the tests of coach's sync:
`pair` starts them and shuts them down (tests/sync/harness.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.harness import Pair, syncthing_pair


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    with syncthing_pair(tmp_path) as started:
        yield started
