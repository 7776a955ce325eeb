"""What each kind of step asks of the person, and why it helps, in plain and kind words.

Taken from the practices coach guides (see the README's sources): the help screen shows
the current step's two sentences, so the reason for a step is one key away.
"""

from __future__ import annotations

#: step type -> (what the step asks, why it helps)
STEP_WHY: dict[str, tuple[str, str]] = {
    "breathing": (
        "Breathe along with the pacer: in as it grows, out as it shrinks, holding where it says.",
        "A slow breath with a long out-breath tells the body it is safe, so the heart slows "
        "and the mind settles. Stop and breathe normally if you feel dizzy.",
    ),
    "pmr": (
        "Tense each muscle group for a few seconds, then let it go and notice the difference.",
        "Tensing and then releasing shows you what relaxed muscles feel like, so you can find "
        "that ease again; the quiet time at the end lets it sink in.",
    ),
    "gratitude": (
        "Write a few things you are grateful for today, one on each line.",
        "Noticing good things, however small, gently turns attention towards them; specific "
        "things (the call with my sister) help more than general ones.",
    ),
    "activity_plan": (
        "Choose one to three activities for today, with a time and how much you expect to "
        "enjoy each (0-10).",
        "Planning things you enjoy or that give a sense of achievement, and doing them even "
        "when you do not feel like it, is how mood lifts in behavioural activation.",
    ),
    "activity_review": (
        "For each activity you planned: did it happen, and how much pleasure and achievement "
        "did it give (0-10)?",
        "Activities are often enjoyed more than expected: seeing your own figures shows you "
        "what helps, and it costs nothing if something did not happen.",
    ),
    "journal": (
        "Write freely about the prompt, or anything on your mind.",
        "Writing without judging spelling or grammar helps sort thoughts out, and reading "
        "back later shows patterns, triggers and progress.",
    ),
    "mood": (
        "Rate your mood from 0 (worst) to 10 (best), pick words for the feeling if you like, "
        "and add a note.",
        "A quick, honest check-in, day after day, lets you see how you are really doing over "
        "weeks and what makes a difference.",
    ),
    "grounding": (
        "Name five things you can see, four you can touch, three you can hear, two you can "
        "smell and one you can taste.",
        "Bringing your senses to the here and now gently draws attention away from worry and "
        "back to where you are.",
    ),
    "affirmation": (
        "Read the words slowly, perhaps aloud, and let them settle.",
        "Kind words to yourself, repeated, can soften a harsh inner voice over time.",
    ),
    "instruction": (
        "Follow the step's own words, in your own time.",
        "It is a part of the routine you chose: small steps kept day after day matter more "
        "than doing everything perfectly.",
    ),
    "check": (
        "Answer each question for the last two weeks: 0 not at all, 1 several days, 2 more "
        "than half the days, 3 nearly every day.",
        "The PHQ-9 and GAD-7 are the questionnaires professionals use; a result every couple "
        "of weeks shows how things move, and is something to bring to them, not a diagnosis.",
    ),
}
