"""What a reminder says: kind, short, the routine's name and length, and nothing the
person wrote in it (no journal, gratitude, mood or notes). No guilt, no counting. A mood
check-in reminder is the same sentence every time: never an earlier rating or words."""

from __future__ import annotations

from coach.remind.backends.base import Message
from coach.remind.schedule import Reminder
from coach.foundation.visible import shorten, visible

TITLE = "coach"
#: Routine titles are at most 60 characters; this keeps a notification to two lines.
_TITLE_ROOM = 60


#: What a mood check-in reminder says, wherever it goes.
MOOD_BODY = "Time for a quick mood check-in: m in coach, or coach mood"


def message_for(reminder: Reminder) -> Message:
    """'Evening wind-down is ready when you are (about 15 min)'."""
    if reminder.is_mood:
        return Message(TITLE, MOOD_BODY, reminder.routine_id)
    name = shorten(visible(reminder.title, one_line=True), _TITLE_ROOM)
    length = f"about {reminder.minutes} min"
    if reminder.is_follow_up:
        body = f"{name} is still here whenever you are ready ({length})"
    else:
        body = f"{name} is ready when you are ({length})"
    return Message(TITLE, body, reminder.routine_id)


def sample_message() -> Message:
    """What `coach remind --test` sends."""
    return Message(TITLE, "This is how coach's reminders will look here. Nothing to do.")
