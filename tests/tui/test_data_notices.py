"""At start the app repairs what a crash left and warns, in words, about exposed or damaged data."""

from __future__ import annotations

import os
from pathlib import Path

from tests.tui.harness import make_app, settle


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def test_exposed_data_is_reported_with_the_fix(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "records-2026-11.json").write_text('{"records": {}}')
    os.chmod(data / "records-2026-11.json", 0o644)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("can be read by other users" in m and "coach doctor --fix" in m
                   for m in messages(app))


async def test_a_damaged_file_is_repaired_and_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    path = data / "records-2026-11.json"
    path.write_text('{"records": {"1": {"uid": "a", "day": "2026-11-22"}, "2": {"ui')
    os.chmod(path, 0o600)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        [notice] = [m for m in messages(app) if "was damaged" in m]
        assert "recovered 1 record" in notice
    assert list(data.glob("records-2026-11.json.damaged-*"))
