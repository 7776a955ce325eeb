"""Errors inside the app: no traceback on the screen (it could show the person's words)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.tui.harness import make_app, screen_text, settle

REPO = Path(__file__).resolve().parents[2]


def test_an_error_inside_the_app_is_logged_not_shown(coach_dirs: dict[str, Path]) -> None:
    """Run the real app in a subprocess with a step that fails, and read what it prints."""
    code = (
        "import coach.tui.screens.home as home\n"
        "def boom(self): raise RuntimeError('secret journal words')\n"
        "home.HomeScreen.on_mount = boom\n"
        "from coach.tui.app import run_app\n"
        "run_app()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO), "TERM": "dumb"},
                            timeout=60, stdin=subprocess.DEVNULL)
    output = result.stdout + result.stderr
    assert result.returncode == 70, output[-2000:]
    assert "Traceback" not in output and "secret journal words" in output.splitlines()[-2]
    log = coach_dirs["data"] / "logs" / "errors.log"
    assert "RuntimeError: secret journal words" in log.read_text()


async def test_unreadable_records_are_a_message_on_home(coach_dirs: dict[str, Path],
                                                       tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the data folder should be")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Your records could not be read:" in text and "is a file, not a folder" in text
        await pilot.press("enter")  # starting a routine explains instead of failing later
        await pilot.pause()
        assert any("cannot save until this is fixed" in n.message for n in app._notifications)


async def test_the_app_says_its_data_folder_links_to_nothing(coach_dirs: dict[str, Path],
                                                             tmp_path: Path) -> None:
    target = tmp_path / "drive" / "coach"
    (tmp_path / "drive").mkdir()
    (tmp_path / "data").symlink_to(target)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "is a drive unmounted?" in screen_text(app)
        await pilot.press("enter")  # starting a routine explains instead of failing later
        await pilot.pause()
    assert (tmp_path / "data").is_symlink() and not os.path.lexists(target)
