"""Property: no support.yaml, however odd, makes the loader raise; it reads or it explains."""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.support.load import read_plan_bytes
from coach.support.plan import SECTIONS
from tests.routine.test_never_a_traceback import VALUES  # any shape, nested

KEYS = [name for name, _, _ in SECTIONS] + ["name", "how", "x", "warning_sign"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=True), st.text(max_size=20),
                    st.sampled_from(["7:30", "no", "[/]", "\x1b[2J", "\u202e"]))
PLAN_SHAPED = st.dictionaries(st.sampled_from(KEYS), st.lists(
    SCALARS | st.dictionaries(st.sampled_from(["name", "how", "x"]), SCALARS, max_size=3),
    max_size=4) | SCALARS, max_size=8)


def check(data: bytes) -> None:
    plan, problems = read_plan_bytes(data, Path("support.yaml"))
    assert (plan is None) == any(p.is_error for p in problems)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES | PLAN_SHAPED)
def test_random_yaml_documents_never_raise(value: object) -> None:
    check(yaml.safe_dump(value, allow_unicode=True).encode())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(
    alphabet=string.printable + "\t\u00e9\u2028\ufeff[]{}:-&*!|>'\"%@`", max_size=200).map(
    str.encode))
def test_random_bytes_never_raise(data: bytes) -> None:
    check(data)
