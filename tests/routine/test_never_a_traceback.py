"""Property: no input, however odd, makes the loader raise; it loads or it explains."""

from __future__ import annotations

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.routine.steps import STEP_TYPES
from tests.routine.helpers import load

KEYS = ["title", "id", "steps", "schedule", "at", "days", "type", "cycles", "minutes", "pattern",
        "groups", "count", "prompts", "feelings", "text", "seconds", "reminders", "inhale",
        "exhale", "hold_in", "note", "x"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["7:30", "0730", "no", "[/]", "box", "4-7-8", "16",
                                           "mon", *STEP_TYPES]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=6),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_random_yaml_documents_never_raise(value: object) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    result = load(text)
    assert (result.routine is None) == bool(result.errors)
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


ROUTINE_LIKE = st.fixed_dictionaries(
    {"title": SCALARS, "steps": st.lists(st.dictionaries(
        st.sampled_from(KEYS), SCALARS, max_size=5).map(
        lambda d: d), max_size=4)},
    optional={"schedule": st.dictionaries(st.sampled_from(["at", "days", "x"]), SCALARS)},
)


@settings(max_examples=300, deadline=None)
@given(ROUTINE_LIKE, st.sampled_from(sorted(STEP_TYPES)))
def test_routine_shaped_documents_never_raise(value: dict[str, object], step_type: str) -> None:
    for step in value["steps"]:  # type: ignore[union-attr]
        step.setdefault("type", step_type)
    result = load(yaml.safe_dump(value, allow_unicode=True))
    assert (result.routine is None) == bool(result.errors)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(alphabet=string.printable + "\t\u00e9\u2028\ufeff[]{}:-&*!|>'\"%@`",
                                           max_size=200).map(str.encode))
def test_random_bytes_never_raise(data: bytes) -> None:
    result = load(data)
    assert (result.routine is None) == bool(result.errors)


OPENERS = st.sampled_from(["[", "{a: ", "- ", "\n  - ", "? ", "[&x ", "[!!seq "])
NOISE = st.sampled_from(["# ]]]}}}\n", "'[[['", '"}}}"', ", *x", " ]", "}", "\n", "#[[[\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(OPENERS, min_size=1, max_size=150), st.lists(NOISE, max_size=20), st.randoms())
def test_deep_and_noisy_nesting_never_raises(openers: list[str], noise: list[str],
                                             rnd: object) -> None:
    """Brackets in comments and quotes around deep nesting: a located problem, never a crash."""
    pieces = openers + noise
    rnd.shuffle(pieces)  # type: ignore[attr-defined]
    result = load("title: t\nsteps: " + "".join(pieces))
    assert result.routine is None and result.errors
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
