"""What a day was for a routine, as the heatmap shows it and habit strength counts it."""

from __future__ import annotations

#: Finished that routine day (skipped steps cost nothing).
DONE = "done"
#: Some steps done or skipped, the routine not finished.
PARTLY = "partly"
#: Marked done afterwards by the person (not a guided session): counts as done.
MARKED_DONE = "marked_done"
#: Marked partly done afterwards by the person.
MARKED_PARTLY = "marked_partly"
#: A scheduled day that is over with nothing done.
NOT_DONE = "not_done"
#: A day the person marked as a rest day: neutral, like a skip in Loop Habit Tracker.
REST = "rest"
#: A day the routine is not scheduled (and nothing was done).
NOT_SCHEDULED = "not_scheduled"
#: Today, scheduled, not finished yet: it counts only once it is done.
TODAY_OPEN = "today_open"
#: Before the routine's first record, or after today: nothing to show.
NONE = "none"

MARKS = (DONE, PARTLY, NOT_DONE, REST, NOT_SCHEDULED, TODAY_OPEN, NONE, MARKED_DONE,
         MARKED_PARTLY)
#: The marks of a day that was done, guided or marked afterwards: they count in runs.
DONE_MARKS = (DONE, MARKED_DONE)
