"""A quick mood check-in, outside any routine: a rating 0-10, a few words and some tags.

Made the same way from home's `m` and from `coach mood`: one done step record of type
"mood" under the reserved routine `_mood`, on the store's clock and today's routine day,
with no session records (nothing is "finished"). The mood figures count it as any
check-in; several in a day are normal and each one counts.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach.foundation.values import StepOutcome
from coach.store.records import MOOD_ROUTINE

if TYPE_CHECKING:
    from coach.store.store import Store

#: The step id of every quick check-in (its session id is its own).
STEP_ID = "mood"


def tag_choices(settings_tags: tuple[str, ...], activities: list[str],
                most: int = 12) -> tuple[str, ...]:
    """The tags offered: the person's own list first, then activities planned lately,
    each once, the activities only up to `most` tags in all."""
    tags = dict.fromkeys(settings_tags)
    for name in activities:
        if len(tags) >= max(most, len(settings_tags)):
            break
        tags.setdefault(name)
    return tuple(tags)


def mood_record(store: Store, rating: int, words: str = "", tags: list[str] | None = None,
                *, started: datetime | None = None) -> dict[str, Any]:
    """The record of one quick check-in, made now and stored later (`store.add`)."""
    if not 0 <= rating <= 10:
        raise ValueError(f"a mood rating is 0 to 10, not {rating}")
    now = store.now()
    data = {"rating": rating, "feelings": [], "note": words.strip(),
            "tags": list(dict.fromkeys(tags or []))}
    outcome = StepOutcome(STEP_ID, "mood", "done", started or now, now, data)
    return store.step_record(MOOD_ROUTINE, uuid.uuid4().hex, outcome, day=store.today())
