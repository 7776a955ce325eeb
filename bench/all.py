"""Every benchmark in one command, and one Markdown table of what each found against its goal.

Each benchmark runs in a process of its own (its measurement function, imported from its
script, returns numbers; they come back as JSON), so none disturbs another's memory
figures, event loop or patched classes. The table gives, for each figure, the median and
the range (min-max) of its runs, the ratio where the goal is a ratio, and whether the
goal is met. A line above it names the date and the machine.

--short runs each benchmark briefly (a few runs, no warm-up runs, one export format, a
30-second breathing session watched from outside and timed inside at once): about two
minutes on 2 cores, to notice a benchmark that breaks. The full run keeps each script's
own run counts and durations: about 30 minutes, 20 of them the two 10-minute breathing
sessions. The full run uses thirty years of history, the goals' measure; the short one
ten (each builds in a few seconds); --years changes it, except for bench/bounded.py,
which compares lengths of history (0, 1, 10 and 30 years; 0, 1 and 3 when short) and
takes about a minute. The thresholds of goals README states loosely ("interactive",
"costs what it shows") are the figures in the Goal column.
Usage: python bench/all.py [--short] [--output FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent


# -- what each benchmark runs, short or full (in a child process) ------------------------

def run_startup(short: bool, years: float) -> dict:
    import startup

    return startup.measure(3 if short else 15, years)


def run_steps(short: bool, years: float) -> dict:
    import steps

    return steps.measure(1 if short else 5, years, warm_up=not short)


def run_history(short: bool, years: float) -> dict:
    import history

    return history.measure_runs(1 if short else 5, years, warm_up=not short)


def run_breathing(short: bool, years: float) -> dict:
    import breathing

    return breathing.measure(0.5 if short else 10.0, window=5.0 if short else 10.0)


def run_pacer(short: bool, years: float) -> dict:
    import asyncio

    import pacer_timing

    return {"lateness": asyncio.run(pacer_timing.measure(0.5 if short else 10.0))}


def run_storage(short: bool, years: float) -> dict:
    import storage

    return storage.measure(years, writes=10 if short else 50, loads=3 if short else 7)


def run_tenyears(short: bool, years: float) -> dict:
    import tenyears

    if short:
        return tenyears.measure(2, years, formats=("json",), memory_runs=1, imports=False)
    return tenyears.measure(7, years)


def run_remind(short: bool, years: float) -> dict:
    import remind

    root = Path(tempfile.mkdtemp(prefix="coach-bench-remind-"))
    try:
        return remind.compare_times(3 if short else 15, root, years)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run_now(short: bool, years: float) -> dict:
    import now

    return now.measure_runs(1 if short else 5, years, warm_up=not short)


def run_bounded(short: bool, years: float) -> dict:
    import bounded

    # Its own lengths of history (0, 1, 10 and 30 years; 0, 1 and 3 when short): what it
    # checks is how cost grows with history, not the cost at one length.
    return bounded.measure(1 if short else 5, bounded.SHORT_YEARS if short else bounded.YEARS)


def run_devices(short: bool, years: float) -> dict:
    import devices

    return devices.measure(years, short=short)


BENCHMARKS: dict[str, Callable[[bool, float], dict]] = {
    "startup": run_startup, "storage": run_storage, "tenyears": run_tenyears,
    "bounded": run_bounded, "devices": run_devices,
    "remind": run_remind, "steps": run_steps, "history": run_history, "now": run_now,
    "breathing": run_breathing, "pacer_timing": run_pacer,
}
#: Run side by side in a short run: both mostly sleep through a session they watch.
TOGETHER_WHEN_SHORT = ("breathing", "pacer_timing")
#: In a short run, a benchmark still running after this long has hung: it is stopped.
CHILD_TIMEOUT = 300.0


# -- the table ----------------------------------------------------------------------------

@dataclass
class Row:
    what: str
    goal: str
    measured: str
    ratio: str
    met: bool


def spread(values: list[float], unit: str, scale: float = 1.0, digits: int = 0) -> str:
    """Median, and min-max when there is more than one value."""
    scaled = [v * scale for v in values]
    text = f"{statistics.median(scaled):.{digits}f} {unit}"
    if len(scaled) > 1:
        text += f" ({min(scaled):.{digits}f}-{max(scaled):.{digits}f})"
    return text


def median(values: list[float]) -> float:
    return statistics.median(values)


def startup_rows(r: dict, years_label: str) -> list[Row]:
    times = r["times"]
    bare = median(times["bare Textual app"])
    rows = []
    for name, label in (("coach, no data", "no data"), ("coach, ten years", years_label)):
        ratio = median(times[name]) / bare
        rows.append(Row(f"Start to the first painted home screen, {label}, against a bare "
                        "Textual app (80x24 pseudo-terminal)", "within 1.2x",
                        f"{spread(times[name], 'ms', 1000)}; bare {bare * 1000:.0f} ms",
                        f"{ratio:.2f}x", ratio <= 1.2))
    return rows


def steps_rows(r: dict, years_label: str) -> list[Row]:
    empty, ten = r["no data"], r["ten years"]
    ratios = {name: median(ten[name]) / median(empty[name]) for name in empty}
    steps = [name for name in ratios if "back home" not in name]
    worst = max(steps, key=ratios.__getitem__)
    home = max((name for name in ratios if "back home" in name), key=lambda n: median(ten[n]))
    return [
        Row(f"Each step change of the shipped routines, key press to the frame showing it, "
            f"{years_label} against none (the slowest of {len(steps)}: {worst})",
            "within 1.1x none", spread(ten[worst], "ms", 1000), f"{ratios[worst]:.2f}x",
            ratios[worst] <= 1.1),
        Row(f"Back home after a routine, {years_label} (it reads the month it wrote; "
            f"slower of two: {home.split(':')[0]})", "under 100 ms",
            spread(ten[home], "ms", 1000), f"{ratios[home]:.2f}x none",
            median(ten[home]) < 0.100),
    ]


def breathing_rows(r: dict, years_label: str) -> list[Row]:
    windows = r["windows"] or [[r["wall"], r["cpu"], r["written"]]]
    cpu = [100 * c / w for w, c, _ in windows]
    rate = [b / w / 1024 for w, _, b in windows]
    offsets = [abs(x) for x in r["offsets"]]
    whole = f"{r['wall']:.0f} s session; per {windows[0][0]:.0f} s"
    return [
        Row(f"CPU during a breathing session, animated pacer ({whole})", "under 5% of one core",
            spread(cpu, "%", digits=2) + f"; whole {100 * r['cpu'] / r['wall']:.2f}%", "",
            100 * r["cpu"] / r["wall"] < 5),
        Row(f"Written to the terminal during it ({whole})", "under 3 KB/s",
            spread(rate, "KB/s", digits=2) + f"; whole {r['written'] / r['wall'] / 1024:.2f} KB/s",
            "", r["written"] / r["wall"] / 1024 < 3),
        Row(f"Phase changes reaching the terminal against a steady 5.5 s schedule "
            f"({len(offsets)} changes, off by)", "within 50 ms",
            spread(offsets, "ms", 1000, 1), "", max(offsets) < 0.050),
    ]


def pacer_rows(r: dict, years_label: str) -> list[Row]:
    late = r["lateness"]
    return [Row(f"Phase changes shown inside coach against their exact time ({len(late)} "
                "changes, late by)", "within 50 ms", spread(late, "ms", 1000, 1), "",
                max(late) < 0.050)]


def storage_rows(r: dict, years_label: str) -> list[Row]:
    writes = r["writes"]
    return [Row(f"Storing a step completion, {years_label} of history ({len(writes)} writes)",
                "under 20 ms", spread(writes, "ms", 1000, 1), "", median(writes) < 0.020)]


def history_rows(r: dict, years_label: str) -> list[Row]:
    empty, ten = r["no data"], r["ten years"]

    def values(runs: list[dict], name: str) -> list[float]:
        return [run[name] for run in runs]

    def ratio(name: str) -> float:
        return median(values(ten, name)) / median(values(empty, name))

    opened = values(ten, "open history (first visit)")
    switches = ("next routine", "next range (90 days)", "next range (a year)",
                "next range (all history)")
    slowest = max(switches, key=lambda n: median(values(ten, n)))
    # Every change but the range of all history, which shows all of it.
    changes = [name for name in empty[0] if not name.startswith(("(", "home:"))
               and "longest stall" not in name and name != "next range (all history)"]
    worst = max(changes, key=ratio)
    return [
        Row(f"Opening the history screen (first visit), {years_label}", "under 200 ms",
            spread(opened, "ms", 1000),
            f"{median(opened) / median(values(empty, 'open history (first visit)')):.2f}x none",
            median(opened) < 0.200),
        Row(f"Switching inside it, {years_label} (the slowest of {len(switches)}: {slowest})",
            "under 50 ms", spread(values(ten, slowest), "ms", 1000),
            f"{median(values(ten, slowest)) / median(values(empty, slowest)):.2f}x none",
            median(values(ten, slowest)) < 0.050),
        Row(f"Every change of history, calendar, journal and support screens, {years_label} "
            f"against none, key press to the frame showing it (the range of all history "
            f"aside; the slowest of {len(changes)}: {worst})", "within 1.1x none",
            spread(values(ten, worst), "ms", 1000), f"{ratio(worst):.2f}x",
            ratio(worst) <= 1.1),
    ]


def tenyears_rows(r: dict, years_label: str) -> list[Row]:
    history = r["commands"]["coach history (7 days)"]
    figures = r["lookups"]["figures over all history"]
    export = next(row for row in r["memory"] if row["label"] == "coach export --format json")
    empty_peak, ten_peak = history["empty peaks"], history["ten peaks"]
    above = (max(export["peaks"]) - r["baseline"]) * 1024
    peak = spread(export["peaks"], "MB", 1 / 1024, 1)
    history_ratio = median(history["ten"]) / median(history["empty"])
    return [
        Row(f"Figures over all history, {years_label}, in-process from the month digests",
            "under 100 ms", spread(figures["ten"], "ms", 1000, 1), "",
            median(figures["ten"]) < 0.100),
        Row("Peak memory of `coach history`, no data", "under 50 MB",
            spread(empty_peak, "MB", 1 / 1024, 1), "", median(empty_peak) / 1024 < 50),
        Row(f"Peak memory of `coach history`, {years_label}", "within 1.1x no data",
            spread(ten_peak, "MB", 1 / 1024, 1),
            f"{median(ten_peak) / median(empty_peak):.2f}x",
            median(ten_peak) / median(empty_peak) <= 1.1),
        Row(f"Peak memory of `coach export --format json`, {years_label}, above the same "
            f"kind of command on no data ({export['written'] / 1e6:.1f} MB file)",
            "under 2x the file", f"{above / 1e6:.1f} MB (peak {peak})",
            f"{above / export['written']:.2f}x the file", above < 2 * export["written"]),
        Row(f"`coach history` (last 7 days), {years_label} against none", "within 1.2x",
            spread(history["ten"], "ms", 1000), f"{history_ratio:.2f}x", history_ratio <= 1.2),
        Row(f"`coach export --format json`, {years_label}", "under 5 s",
            spread(export["walls"], "s", digits=2), "", median(export["walls"]) < 5),
    ]


def remind_rows(r: dict, years_label: str) -> list[Row]:
    rows = []
    for label, limit in (("nothing due", 50), ("one reminder due", 100)):
        ten, empty = r[label]["ten years"], r[label]["empty"]
        rows.append(Row(f"One reminder pass in-process, {label}, {years_label}",
                        f"under {limit} ms", spread(ten, "ms", 1000, 1),
                        f"{median(ten) / median(empty):.2f}x none", median(ten) < limit / 1000))
    return rows


def bounded_rows(r: dict, years_label: str) -> list[Row]:
    longest = r["years"][-1]
    empty_home, long_home = r["home"]["0"], r["home"][longest]
    home_ratio = median(long_home) / median(empty_home)
    one_year, long_stats = r["stats"]["1"], r["stats"][longest]
    stats_ratio = median(long_stats) / median(one_year)
    return [
        Row(f"Home screen's peak memory once strength is shown, {longest} years of history "
            "against no data", "within 1.25x no data",
            f"{spread(long_home, 'MB', 1 / 1024, 1)}; no data "
            f"{median(empty_home) / 1024:.1f} MB", f"{home_ratio:.2f}x", home_ratio <= 1.25),
        Row(f"`coach stats --json --all`, {longest} years of history against one year",
            "within 1.5x one year",
            f"{spread(long_stats, 'ms', 1000)}; one year {median(one_year) * 1000:.0f} ms",
            f"{stats_ratio:.2f}x", stats_ratio <= 1.5),
    ]


def devices_rows(r: dict, years_label: str) -> list[Row]:
    one, five = r["times"]["1"], r["times"]["5"]
    files = f"{r['files']['5']} files against {r['files']['1']}"
    rows = []
    for name, what in (("scratch", "every month's digest made from scratch"),
                       ("month", "this month's records read"),
                       ("series", "home's series found up to date"),
                       ("fresh", "home's series made from the saved digests")):
        ratio = median(five[name]) / median(one[name])
        digits = 1 if median(one[name]) < 20 else 0
        rows.append(Row(f"Five devices' files against one device's, the same {years_label} of "
                        f"records ({files}): {what}", "within 1.25x one device",
                        f"{spread(five[name], 'ms', digits=digits)}; one device "
                        f"{median(one[name]):.{digits}f} ms", f"{ratio:.2f}x", ratio <= 1.25))
    return rows


def now_rows(r: dict, years_label: str) -> list[Row]:
    empty, full = r["no data"], r["ten years"]

    def values(runs: list[dict], name: str) -> list[float]:
        return [run[name] for run in runs]

    rows = []
    for name, what, goal in (
            ("n on home to the distress rating", "Need something now: n on home to the "
             "distress rating", 0.1),
            ("rating given to the suggestions", "Need something now: the rating given to the "
             "suggestions, which rest on every rating ever given", 0.1),
            ("self-check: an answer to the next item", "Self-check: an answer to the next "
             "item", 0.05),
            ("self-check: the last answer to the score", "Self-check: the last answer to the "
             "score", 0.05)):
        ratio = median(values(full, name)) / median(values(empty, name))
        rows.append(Row(f"{what}, {years_label}", f"under {goal * 1000:.0f} ms",
                        spread(values(full, name), "ms", 1000), f"{ratio:.2f}x none",
                        median(values(full, name)) < goal))
    return rows


ROWS: dict[str, Callable[[dict, str], list[Row]]] = {
    "startup": startup_rows, "steps": steps_rows, "breathing": breathing_rows,
    "pacer_timing": pacer_rows, "storage": storage_rows, "history": history_rows,
    "tenyears": tenyears_rows, "bounded": bounded_rows, "remind": remind_rows,
    "now": now_rows, "devices": devices_rows,
}


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return (f"{os.cpu_count()} cores, {model}, {platform.system()}, Python "
            f"{platform.python_version()}, Textual {version('textual')}")


def table(rows: list[Row], heading: str) -> str:
    lines = [heading, "", "| What | Goal | Measured: median (min-max) | Ratio | Goal met |",
             "|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row.what} | {row.goal} | {row.measured} | {row.ratio or '-'} | "
                     f"{'yes' if row.met else 'no'} |")
    return "\n".join(lines) + "\n"


# -- running ------------------------------------------------------------------------------

def start_child(name: str, short: bool, years: float, out: Path) -> subprocess.Popen[bytes]:
    """The benchmark in a process of its own; what it prints goes to stderr."""
    return subprocess.Popen([sys.executable, __file__, "--child", name, "--years", str(years),
                             "--result", str(out)] + (["--short"] if short else []),
                            stdout=sys.stderr.fileno(), cwd=HERE.parent)


def stop(child: subprocess.Popen[bytes], timeout: float | None) -> None:
    """Wait for the child; past `timeout`, end it (SIGTERM, which it ends cleanly on)."""
    try:
        child.wait(timeout)
    except subprocess.TimeoutExpired:
        if timeout:
            print(f"== stopped after {timeout:.0f} s", file=sys.stderr, flush=True)
        child.terminate()
        try:
            child.wait(15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", action="store_true", help="a few runs of each, for CI")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    parser.add_argument("--years", type=float,
                        help="years of history to measure with (default 30; 10 with --short)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=list(BENCHMARKS), help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    years = args.years or (10.0 if args.short else 30.0)
    if args.child:
        # Ended from outside (a timeout): leave through the `finally` blocks, which stop
        # the coach processes a benchmark started and remove its folders.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        result = BENCHMARKS[args.child](args.short, years)
        args.result.write_text(json.dumps(result), encoding="utf-8")
        return 0

    began = time.monotonic()
    names = args.only or list(BENCHMARKS)
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-all-"))
    results: dict[str, dict] = {}
    failed: list[str] = []
    batches: list[list[str]] = []
    for name in names:
        if args.short and name in TOGETHER_WHEN_SHORT and batches and \
                batches[-1][0] in TOGETHER_WHEN_SHORT:
            batches[-1].append(name)
        else:
            batches.append([name])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # to end the children too
    try:
        for batch in batches:
            children = {}
            try:
                for name in batch:
                    print(f"== {name}", file=sys.stderr, flush=True)
                    children[name] = start_child(name, args.short, years, folder / f"{name}.json")
                for child in children.values():
                    stop(child, CHILD_TIMEOUT if args.short else None)
            finally:
                for child in children.values():
                    if child.poll() is None:
                        stop(child, 0)
            for name, child in children.items():
                out = folder / f"{name}.json"
                if child.returncode == 0 and out.exists():
                    results[name] = json.loads(out.read_text(encoding="utf-8"))
                else:
                    failed.append(name)
                    print(f"== {name} failed (exit {child.returncode})", file=sys.stderr,
                          flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    years_label = {10: "ten years", 30: "thirty years"}.get(years, f"{years:g} years")
    rows: list[Row] = []
    for name in names:
        if name in results:
            rows.extend(ROWS[name](results[name], years_label))
        else:
            rows.append(Row(f"{name}: the benchmark failed", "-", "-", "-", False))
    now = datetime.now(timezone.utc)
    heading = (f"{now:%Y-%m-%d %H:%M} UTC, {machine()}; "
               f"{'short run (python bench/all.py --short)' if args.short else 'full run'}, "
               f"{time.monotonic() - began:.0f} s")
    text = table(rows, heading)
    print(text, end="")
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
