"""Mutation testing of the core with mutmut, and a score for each module it changed.

mutmut changes the code one small way at a time (a `<` to `<=`, a constant, a call
left out) in a copy under mutants/, and runs against each change only the tests that
reach the function it is in. A change no test notices ("survived") is a behaviour no
test pins down. Which files are the core, and which tests may run, is [tool.mutmut] in
pyproject.toml.

The first run in a fresh clone runs the chosen tests once to learn which test reaches
which function; mutants/ keeps that, and each mutant's result, for later runs.
Usage: python tools/mutation.py [PATH ...]   (files or folders of the core; default all)
"""

from __future__ import annotations

import fnmatch
import json
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: mutmut's exit codes for a mutant (mutmut/stats.py): what each means here.
OUTCOMES = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests",
            36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}


def core_patterns() -> list[str]:
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return settings["tool"]["mutmut"]["only_mutate"]


def chosen_files(paths: list[str]) -> list[Path]:
    """The core's Python files under each path (a file or a folder), relative to the repo."""
    patterns = core_patterns()
    chosen = []
    for given in paths or ["coach"]:
        path = (REPO / given).resolve()
        if not path.exists() or not path.is_relative_to(REPO):
            sys.exit(f"{given} is not a file or folder of this repository; "
                     "give files or folders under coach/.")
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        core = [f.relative_to(REPO) for f in files
                if any(fnmatch.fnmatch(str(f.relative_to(REPO)), p) for p in patterns)]
        if not core:
            sys.exit(f"{given} holds none of the core's code that mutmut changes "
                     "([tool.mutmut] only_mutate in pyproject.toml).")
        chosen.extend(c for c in core if c not in chosen)
    return chosen


def module_name(file: Path) -> str:
    return ".".join(file.with_suffix("").parts).removesuffix(".__init__")


def report(files: list[Path]) -> None:
    """A line for each module: what became of its mutants, the score of those tested (a
    run stopped early leaves some untested), then the survivors."""
    print(f"\n{'module':32} {'killed':>7} {'timeout':>8} {'survived':>9} {'no tests':>9} "
          f"{'untested':>9} {'score':>6}")
    survivors = []
    for file in files:
        meta = REPO / "mutants" / f"{file}.meta"
        if not meta.exists():
            continue
        results = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        counts = Counter("untested" if code is None else OUTCOMES.get(code, "other")
                         for code in results.values())
        tested = len(results) - counts["untested"]
        if not tested:
            continue
        # A mutant that hangs the tests until they time out is noticed, so it counts as killed.
        caught = counts["killed"] + counts["timeout"]
        print(f"{module_name(file):32} {counts['killed']:>7} {counts['timeout']:>8} "
              f"{counts['survived']:>9} {counts['no tests']:>9} {counts['untested']:>9} "
              f"{caught / tested:>6.0%}")
        survivors += sorted(name for name, code in results.items() if code == 0)
    if survivors:
        print("\nSurvived (see one with `.venv/bin/mutmut show NAME`):")
        print("\n".join(f"  {name}" for name in survivors))


def run_mutmut(names: list[str]) -> int:
    """mutmut's own output as it comes (its progress line counts up for hours on the whole
    core), up to the line-per-mutant list it ends with: the table says that shorter."""
    mutmut = Path(sys.executable).parent / "mutmut"
    process = subprocess.Popen([str(mutmut), "run", *names], cwd=REPO, stdout=subprocess.PIPE)
    marker = b"Mutant results"
    held = b""  # the last bytes, kept back while they could be the start of the marker
    while chunk := process.stdout.read1(4096):
        held += chunk
        if marker in held:
            sys.stdout.buffer.write(held[:held.index(marker)])
            break
        sys.stdout.buffer.write(held[:-len(marker)])
        sys.stdout.buffer.flush()
        held = held[-len(marker):]
    else:
        sys.stdout.buffer.write(held)
    sys.stdout.buffer.flush()
    process.stdout.read()
    return process.wait()


def main() -> int:
    files = chosen_files(sys.argv[1:])
    # mutmut names a mutant <module>.x_<function>__mutmut_<n> (x<sep><class><sep><method> in
    # a class), and a package's __init__.py by the package's name.
    status = run_mutmut([f"{module_name(f)}.x*" for f in files])
    if status != 0:
        return status
    report(files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
