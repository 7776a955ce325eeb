"""coach with a PyYAML built without LibYAML (pure Python, as pip installs it where no
wheel fits): every routine file reads as it does with LibYAML, problems and lines alike."""

from __future__ import annotations

import json
import subprocess
import sys
from coach.routine.loader import LoadResult
from tests.routine.helpers import REPO, load

DEEP = 40_000
DOCUMENTS = {
    **{path.name: path.read_text(encoding="utf-8")
       for path in sorted((REPO / "routines").glob("*.yaml"))},
    "a time as written": "title: t\nschedule: {at: 7:30, days: daily}\nsteps:\n"
                         "  - type: mood\n",
    "a tab": "title: t\nsteps:\n\t- type: mood\n",
    "an unknown key": "title: t\nstep:\n  - type: mood\n",
    "an undefined alias": "title: *nothing\nsteps:\n  - type: mood\n",
    "a duplicate anchor": "title: &a t\ndescription: &a d\nsteps:\n  - type: mood\n",
    "two documents": "title: t\nsteps:\n  - type: mood\n---\ntitle: u\n",
    "deep flow list": "title: t\nsteps: " + "[" * DEEP + "]" * DEEP + "\n",
    "deep block list": "title: t\nsteps:\n  " + "- " * DEEP + "x\n",
    "countless values": "title: t\nsteps: [" + "a," * 30_000 + "a]\n",
    "an unclosed quote": "title: 'never closed\nsteps:\n  - type: mood\n",
}

#: Run in a process of its own, whose PyYAML finds no LibYAML.
WITHOUT_LIBYAML = """
import json, sys
sys.modules["yaml._yaml"] = None  # as if PyYAML had been built without LibYAML
import yaml
from coach.routine import yaml_source
from tests.routine.test_without_libyaml import DOCUMENTS, load, read

assert not yaml.__with_libyaml__
assert yaml_source._Loader is yaml_source._PythonLoader
print(json.dumps({name: read(load(text)) for name, text in DOCUMENTS.items()}))
"""


def read(result: LoadResult) -> list[object]:
    """What a person sees of a load: the routine, or each problem where it is."""
    return [repr(result.routine), [[p.line, p.column, p.message] for p in result.problems]]


def test_routine_files_read_the_same_without_libyaml() -> None:
    import yaml

    assert yaml.__with_libyaml__, "this test compares the two: PyYAML here has LibYAML"
    done = subprocess.run([sys.executable, "-c", WITHOUT_LIBYAML], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    without = json.loads(done.stdout)
    for name, text in DOCUMENTS.items():
        assert without[name] == read(load(text)), name
