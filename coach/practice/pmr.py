"""Progressive muscle relaxation: the muscle groups of the 16, 7 and 4 group scripts.

Order and grouping follow Bernstein & Borkovec's procedure as summarised in
shared practice notes; the wording of each instruction is coach's own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MuscleGroup:
    name: str
    instruction: str


def _groups(*pairs: tuple[str, str]) -> tuple[MuscleGroup, ...]:
    return tuple(MuscleGroup(name, instruction) for name, instruction in pairs)


_HAND = "Make a tight fist and feel the tension in your hand and forearm."
_BICEPS = "Bend your arm at the elbow and tense your upper arm, keeping the hand loose."
_THIGH = "Tighten the muscles on the top of your thigh."
_CALF = "Point your toes up towards your face to tense the calf."
_FOOT = "Curl your toes downwards and tense the foot."

PRESETS: dict[int, tuple[MuscleGroup, ...]] = {
    16: _groups(
        ("Dominant hand and forearm", _HAND),
        ("Dominant biceps", _BICEPS),
        ("Non-dominant hand and forearm", _HAND),
        ("Non-dominant biceps", _BICEPS),
        ("Forehead", "Raise your eyebrows as high as they go."),
        ("Eyes and nose", "Squeeze your eyes shut and wrinkle your nose."),
        ("Cheeks and jaw", "Clench your teeth and pull back the corners of your mouth."),
        ("Neck and throat", "Gently pull your chin towards your chest without touching it."),
        ("Chest, shoulders and upper back",
         "Take a deep breath, hold it, and pull your shoulder blades together."),
        ("Abdomen", "Make your stomach hard, as if bracing for a push."),
        ("Dominant thigh", _THIGH),
        ("Dominant calf", _CALF),
        ("Dominant foot", _FOOT),
        ("Non-dominant thigh", _THIGH),
        ("Non-dominant calf", _CALF),
        ("Non-dominant foot", _FOOT),
    ),
    7: _groups(
        ("Dominant arm", "Make a fist and bend your arm to tense hand, forearm and upper arm."),
        ("Non-dominant arm", "Make a fist and bend your arm to tense hand, forearm and upper arm."),
        ("Face", "Raise your eyebrows, squeeze your eyes shut and clench your jaw."),
        ("Neck", "Gently pull your chin towards your chest without touching it."),
        ("Chest, shoulders, back and abdomen",
         "Breathe in, hold, pull your shoulder blades together and tighten your stomach."),
        ("Dominant leg", "Lift the leg slightly, point the toes and tense thigh, calf and foot."),
        ("Non-dominant leg", "Lift the leg slightly, point the toes and tense thigh, calf and foot."),
    ),
    4: _groups(
        ("Arms", "Make fists and bend both arms to tense hands, forearms and upper arms."),
        ("Face and neck", "Scrunch your face and gently pull your chin towards your chest."),
        ("Chest, shoulders, back and abdomen",
         "Breathe in, hold, pull your shoulder blades together and tighten your stomach."),
        ("Legs", "Lift both legs slightly, point the toes and tense thighs, calves and feet."),
    ),
}

DEFAULT_INSTRUCTION = "Tense these muscles firmly, without straining or pain."
