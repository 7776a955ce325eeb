"""The garbage collector while the app runs: paused while starting (coach.main), then what
lives as long as the app goes to the collector's permanent generation.

What starting made (some 47,000 objects the collector tracks: modules, classes, styles,
widgets) lives as long as the app. In the permanent generation (gc.freeze) a full
collection no longer walks them: it takes about 1 ms instead of 25-44 ms, a pause in
whatever the screen is doing, such as painting the history screen.
"""

from __future__ import annotations

import gc


def collect_again_after_start() -> None:
    """Home is painted: the collector runs again, and what starting made is kept out of its
    walks. The start's own cyclic garbage (about 1,000 small objects, no files) stays."""
    gc.freeze()
    gc.enable()

