"""One person, two devices, one history: coach itself (the installed command, in tmux) on
each side of two real Syncthing instances. While the two are apart, each side finishes a
routine and corrects the same journal entry in its own words; once they are together again
and the folder is in sync, both show the same history: each routine finished once, the
entry's latest correction the same on both, and the other correction kept."""

from __future__ import annotations

import os
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from coach.store.revisions import order
from coach.support.memory import Memory
from tests.conftest import faketime_env
from tests.e2e.tmux import Terminal, coach_executable, terminal
from tests.sync.harness import Instance, Pair
from tests.sync.test_syncthing_harness import exported

JOT = "title: Jot\nsteps:\n  - type: journal\n    prompts: [What is on your mind?]\n"
ONE_STEP = "title: {title}\nsteps:\n  - type: instruction\n    text: {text}\n"
ROUTINES = {"jot": JOT,
            "calm": ONE_STEP.format(title="Calm", text="Three slow breaths."),
            "water": ONE_STEP.format(title="Water", text="Drink a glass of water.")}
WRITTEN = "A quiet day"
#: When both look at their history, together again.
LATER = "2026-11-22 22:00"


def own_routines(side: Instance) -> None:
    """The same routine files on each device, in its own config folder."""
    routines = side.folder.parent / "config" / "routines"
    routines.mkdir(parents=True)
    for name, text in ROUTINES.items():
        (routines / f"{name}.yaml").write_text(text)


def env_of(side: Instance, when: str) -> dict[str, str]:
    """What coach on `side` runs with: the synced data folder, and its own config, home and
    state (so its own device id), its clock reading `when` ("2026-11-22 20:00") and
    running on from there."""
    device = side.folder.parent
    clock = faketime_env(f"@{when}:00")
    return {"COACH_DATA_DIR": str(side.folder), "COACH_CONFIG_DIR": str(device / "config"),
            "COACH_STATE_DIR": str(device / "state"), "HOME": str(device / "home"),
            "TZ": "UTC", "TERM": "xterm-256color", "NO_COLOR": "1",
            "PATH": os.environ.get("PATH", ""),
            **{name: clock[name] for name in ("LD_PRELOAD", "FAKETIME")}}


def coach_says(side: Instance, *args: str, when: str) -> str:
    """What the installed `coach ARGS` prints on `side`; fails with its output if it fails."""
    result = subprocess.run([coach_executable(), *args], capture_output=True, text=True,
                            env=env_of(side, when), timeout=60, check=False)
    assert result.returncode == 0, (f"coach {' '.join(args)} on {side.name} failed "
                                    f"({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


@contextmanager
def app_on(side: Instance, *args: str, when: str) -> Iterator[Terminal]:
    """The installed coach in a terminal of 80 by 24, as `side` runs it."""
    with terminal([coach_executable(), *args], env_of(side, when)) as term:
        yield term
        term.wait_until_closed()


def finish(term: Terminal, title: str, words: str | None = None) -> None:
    """Through a one-step routine begun with `coach run`, to home (and its ✓)."""
    term.wait_for_text("Step 1 of 1")
    if words is not None:
        time.sleep(0.3)  # the step is painted a moment before its field has focus
        term.type(words)
        term.wait_for_text(words)
    term.send("C-n")
    term.wait_for_all(f"{title} · finished", "Thank you for taking this time for yourself.")
    term.send("Enter")
    term.wait_for_text("✓ done today")


def correct_entry(term: Terminal, added: str) -> None:
    """From home: history, entries, today's entry, corrected with `added` at its end and
    saved; then back home and out."""
    term.send("h")
    term.wait_for_text("Your progress")  # not home's "h History"
    term.send("j")
    term.wait_for_text("Your entries")
    term.send("Enter")  # today, the newest day
    term.send("e")
    term.wait_for_text("Correct your entry of Sunday 22 November")
    time.sleep(0.3)
    term.send("End")
    term.type(added)
    term.wait_for_text(added)
    term.send("C-s")
    term.wait_for_text("Save this change to your entry")
    term.send("Tab", "Enter")  # from Cancel to Save
    term.wait_for_all("corrected", f"{WRITTEN}{added}")
    back_home(term)
    term.send("q")


def back_home(term: Terminal) -> None:
    """Escape, from the entries back through history, until home is shown."""
    for _ in range(4):
        term.send("Escape")
        try:
            term.wait_for_text("✓ done today", timeout=2)
            return
        except AssertionError:
            continue
    term.wait_for_text("✓ done today", timeout=1)


def finished_runs(records: list[dict[str, Any]]) -> Counter[str]:
    return Counter(record["routine"] for record in records
                   if record["kind"] == "session" and record["event"] == "finished")


def test_both_devices_show_one_history_after_editing_apart(pair: Pair) -> None:
    timings: dict[str, float] = {}
    start = time.monotonic()
    for side in pair.sides():
        own_routines(side)
    Memory(pair.a.folder).mark_statement_seen()  # b has it from a, as from the second day on

    with app_on(pair.a, "run", "jot", when="2026-11-22 20:00") as term:
        finish(term, "Jot", WRITTEN)
        term.send("q")
    timings["first sync"] = pair.wait_in_sync()

    pair.pause()
    with app_on(pair.a, "run", "calm", when="2026-11-22 21:00") as term:
        finish(term, "Calm")
        correct_entry(term, ", kept gently on A")
    with app_on(pair.b, "run", "water", when="2026-11-22 21:10") as term:
        finish(term, "Water")
        correct_entry(term, ", seen again on B")
    for side in pair.sides():  # each device wrote only its own month file
        assert not list(side.folder.glob("*.sync-conflict-*")), list(side.folder.iterdir())

    pair.resume()
    timings["in sync again"] = pair.wait_in_sync(timeout=30)

    on_a = exported(coach_says(pair.a, "export", "--format", "json", when=LATER))
    on_b = exported(coach_says(pair.b, "export", "--format", "json", when=LATER))
    assert on_a == on_b
    assert finished_runs(on_a) == {"jot": 1, "calm": 1, "water": 1}
    assert len({record["uid"] for record in on_a}) == len(on_a)  # nothing doubled
    [entry] = [record for record in on_a if record["kind"] == "step" and record["step"] == "journal"]
    assert entry["data"]["text"] == WRITTEN
    corrections = sorted((record for record in on_a
                          if record["kind"] == "revision" and record["of"] == entry["uid"]),
                         key=order)
    assert [record["data"]["text"] for record in corrections] == [
        f"{WRITTEN}, kept gently on A", f"{WRITTEN}, seen again on B"]
    assert len({record["device"] for record in on_a}) == 2

    histories = {side.name: coach_says(side, "history", when=LATER)
                 for side in pair.sides()}
    assert histories["a"] == histories["b"], histories
    for title in ("Jot", "Calm", "Water"):
        assert histories["a"].count(f"{title}: finished") == 1, histories["a"]

    for side in pair.sides():  # what each side's app shows: the latest correction
        with app_on(side, when=LATER) as term:
            term.wait_for_text("✓ done today")
            term.send("h")
            term.wait_for_text("Your progress")  # not home's "h History"
            term.send("j")
            screen = term.wait_for_text("corrected")
            assert f"{WRITTEN}, seen again on B" in screen, screen
            assert "on A" not in screen, screen
            back_home(term)
            term.send("q")
    timings["whole test"] = time.monotonic() - start
    print({what: round(seconds, 1) for what, seconds in timings.items()})

