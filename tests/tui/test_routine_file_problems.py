"""The home screen names each routine file that is not what it seems, and shows the rest."""

from __future__ import annotations

import os
from pathlib import Path

from tests.tui.harness import make_app, screen_text, settle


async def test_home_lists_a_fifo_a_loop_and_a_deep_file_and_loads_the_rest(
        coach_dirs: dict[str, Path], tmp_path: Path) -> None:
    routines = coach_dirs["routines"]
    routines.mkdir(parents=True)
    (routines / "mine.yaml").write_text("title: Mine\nsteps:\n  - type: mood\n")
    os.mkfifo(routines / "fifo.yaml")
    (routines / "loop.yaml").symlink_to("loop.yaml")
    (routines / "deep.yaml").write_text("# " + "]" * 40_000 + "\nsteps: " + "[" * 40_000 + "\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert "Mine" in text and "Morning routine" in text
    assert ("fifo.yaml cannot be read, so coach leaves it out until it is fixed "
            "(coach edit fifo):") in text
    for line in (f"{routines / 'fifo.yaml'}: it is a named pipe (FIFO), not a file",
                 f"{routines / 'loop.yaml'}: it is a link that points to itself (a symlink "
                 "loop)",
                 f"{routines / 'deep.yaml'}:2:71: nested more than 64 levels deep"):
        assert line in text, line
