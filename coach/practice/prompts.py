"""Default texts for steps that a routine does not fill in itself."""

from __future__ import annotations

JOURNAL_PROMPTS = (
    "What is on your mind right now?",
    "What went well today, however small?",
    "What was hard today, and how did you get through it?",
    "What did you notice about your mood today?",
    "What would you like to let go of before sleep?",
    "What is one kind thing you did for yourself or someone else?",
    "What are you looking forward to?",
)

FEELING_WORDS = (
    "calm", "content", "hopeful", "grateful", "energetic",
    "tired", "anxious", "sad", "irritable", "lonely", "overwhelmed", "numb",
)

AFFIRMATIONS = (
    "I am doing the best I can with what I have today.",
    "Small steps still move me forward.",
    "My feelings are valid, and they will pass.",
)

ACTIVITY_SUGGESTIONS = (
    "Take a short walk outside",
    "Call or message a friend",
    "Cook a meal you like",
    "Listen to a favourite album",
    "Tidy one small area",
    "Read for twenty minutes",
)

#: 5-4-3-2-1 grounding: the sense, how many things, and the prompt.
GROUNDING_SENSES = (
    ("see", 5, "Name five things you can see."),
    ("touch", 4, "Name four things you can touch or feel."),
    ("hear", 3, "Name three things you can hear."),
    ("smell", 2, "Name two things you can smell."),
    ("taste", 1, "Name one thing you can taste."),
)
