"""The person's settings, in <config dir>/settings.yaml, checked like routine files.

    reduced_motion: false   # the breathing pacer shows only phase names and counts
    bell: false             # a quiet terminal bell at each breathing phase change
    day_start_hour: 4       # a day starts at 04:00: late evenings count for the evening
    safety_net: true        # offer your support plan when check-ins stay low
    low_mood_threshold: 3   # a check-in at or below this (0-10) counts as low
    low_mood_days: 3        # offer the plan after this many low days in a row (1-14)
    reminders_via: [desktop, terminal, tmux]  # tried in this order; the first that works
    reminder_command: [ntfy, publish, my-topic, "{body}"]  # the `command` way, no shell
    remind_again_after: off # a second reminder if a routine is still not done, e.g. 30m
    reminder_grace: 2h      # after a gap (sleep, suspend), no reminder this long past its time
    reminder_bell: false    # a quiet bell with the notice while coach is open
    self_check_reminder: false  # a quiet line on home when a PHQ-9 or GAD-7 is due
    mood_tags: []           # tags to pick in a quick mood check-in, e.g. [work, family, slept well]
    mood_reminders: []      # a nudge for a quick mood check-in at these times, e.g. ["12:30", "20:00"]
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path

import yaml

from coach.foundation.files import UnusableFile, read_regular
from coach.foundation.paths import config_dir
from coach.routine.kinds import (INVALID, SETTINGS_WORDS, Arguments, Choice, Context,
                                 Duration, Flag, ListOf, Number, Text, TimesOfDay, describe_node,
                                 did_you_mean)
from coach.routine.problems import Problem, ProblemList
from coach.routine.record import option, yaml_fields
from coach.foundation.visible import quoted

SETTINGS_FILE_NAME = "settings.yaml"
#: The ways a reminder can reach the person (coach.remind.backends has one for each).
REMINDER_WAYS = ("desktop", "terminal", "tmux", "command")
DEFAULT_REMINDER_WAYS = ("desktop", "terminal", "tmux")
#: A short list: every tag is shown at once in a quick mood check-in.
MOOD_TAGS_MOST = 20
#: A few a day, as Daylio offers: more would be nagging.
MOOD_REMINDERS_MOST = 6


@dataclass(frozen=True, kw_only=True)
class Settings:
    reduced_motion: bool = option(Flag(), "Show the breathing pacer as phase names and counts "
                                  "only, without animation.", default=False)
    bell: bool = option(Flag(), "Ring the terminal bell quietly at each breathing phase "
                        "change, in every routine.", default=False)
    day_start_hour: int = option(Number(0, 12, whole=True), "The hour a new day starts; "
                                 "anything earlier counts for the day before.", default=4)
    safety_net: bool = option(Flag(), "After a mood check-in of 0 or 1, or after low check-ins "
                              "on several days in a row, offer to show your support plan.",
                              default=True)
    low_mood_threshold: int = option(Number(0, 10, whole=True), "A mood rating at or below "
                                     "this counts as low for the safety net.", default=3)
    low_mood_days: int = option(Number(1, 14, whole=True), "How many days in a row, each with "
                                "a check-in and all of them low, before the plan is offered.",
                                default=3)
    reminders_via: tuple[str, ...] = option(
        ListOf(Choice({name: name for name in REMINDER_WAYS}, "a way to remind: "
                      + ", ".join(REMINDER_WAYS)), 1, len(REMINDER_WAYS)),
        "How reminders reach you, tried in this order until one works: desktop "
        "(notifications), terminal (a notice in coach while it is open), tmux (a message in "
        "your tmux session), command (reminder_command).", default=DEFAULT_REMINDER_WAYS)
    reminder_command: tuple[str, ...] | None = option(
        Arguments(), "A command for the `command` way, e.g. [ntfy, publish, my-topic, "
        '"{body}"]; {title} and {body} are filled in. It is run directly, never by a shell.',
        default=None)
    remind_again_after: timedelta = option(
        Duration(timedelta(minutes=5), timedelta(hours=12), can_be_off=True),
        "Remind once more this long after a routine's time if it is still not done, e.g. "
        '"30m"; off (the default) for one reminder. A routine can set its own.',
        default=timedelta(0))
    reminder_grace: timedelta = option(
        Duration(timedelta(minutes=1), timedelta(hours=24)),
        "After the computer slept or reminders were stopped, a routine whose time is longer "
        "ago than this gets no reminder that day.", default=timedelta(hours=2))
    reminder_bell: bool = option(Flag(), "Ring the terminal bell quietly with a reminder "
                                 "shown in coach.", default=False)
    self_check_reminder: bool = option(
        Flag(), "Show a quiet line on home when a PHQ-9 or GAD-7 self-check is due (two "
        "weeks after the last one of its kind); never a notification.", default=False)
    mood_tags: tuple[str, ...] = option(
        ListOf(Text(40), 0, MOOD_TAGS_MOST), "Tags to pick from in a quick mood check-in "
        "(home's m), beside the activities you planned lately, e.g. [work, family, slept "
        "well].", default=())
    mood_reminders: tuple[time, ...] = option(
        TimesOfDay(MOOD_REMINDERS_MOST), "A short nudge for a quick mood check-in at each of "
        f'these times, e.g. ["12:30", "20:00"] (at most {MOOD_REMINDERS_MOST}), by the ways '
        "in reminders_via; none if you checked in during the hour before. Off (empty) by "
        "default.", default=())

    def reminder_ways(self) -> tuple[str, ...]:
        """The ways to try, in order: a configured command is tried first unless
        reminders_via names it somewhere else (or leaves it out on purpose)."""
        if self.reminder_command and self.reminders_via == DEFAULT_REMINDER_WAYS:
            return ("command", *self.reminders_via)
        return self.reminders_via


#: What a setting with no default looks like when set (the template shows it commented out).
EXAMPLES = {"reminder_command": '[ntfy, publish, my-topic, "{body}"]'}
TEMPLATE_HEADING = """\
# coach settings. Each setting is shown with its default value, commented out:
# remove the "# " before one to change it. coach reads this file when it opens
# (a running `coach remind` within a minute). Change and check it with:
# coach edit settings
"""


def settings_file() -> Path:
    return config_dir() / SETTINGS_FILE_NAME


def yaml_value(value: object) -> str:
    """A setting's value as it is written in settings.yaml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        if not minutes:
            return "off"
        return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"
    if isinstance(value, time):
        return f'"{value:%H:%M}"'
    if isinstance(value, tuple):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    return str(value)


def settings_template() -> str:
    """settings.yaml for someone who has none: every setting coach reads, commented out with
    its default (or an example, for one that has none) and what it does."""
    import textwrap

    blocks = [TEMPLATE_HEADING]
    for key, field in yaml_fields(Settings).items():
        doc = textwrap.wrap(field.metadata["doc"], 86)
        default = field.default
        if default is None:
            doc.append("Not set by default; for example:")
            value = EXAMPLES[key]
        else:
            value = yaml_value(default)
        lines = [f"# {line}" for line in doc] + [f"# {key}: {value}"]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def load_settings(path: Path | None = None) -> tuple[Settings, tuple[Problem, ...]]:
    """The settings (from `path`, or the person's settings.yaml); a mistake in one key leaves
    the others in force, and is reported."""
    path = path if path is not None else settings_file()
    try:
        os.lstat(path)
    except FileNotFoundError:
        return Settings(), ()  # the usual case: every setting at its default
    except OSError:
        pass  # read_regular says what is wrong
    from coach.routine.yaml_source import MAX_FILE_BYTES, compose, decode

    try:
        data = read_regular(path, MAX_FILE_BYTES, what="a settings file")
    except UnusableFile as err:
        if err.missing:
            return Settings(), ()
        return Settings(), (Problem(path, 0, 0, f"{err.reason}; coach uses the usual "
                                    "settings"),)
    problems = ProblemList(path)
    text = decode(data, problems, "a settings file")
    node = compose(text, problems, words=SETTINGS_WORDS) if text is not None else None
    values: dict[str, object] = {}
    if node is not None:
        ctx = Context(problems, SETTINGS_WORDS)
        if not isinstance(node, yaml.MappingNode):
            ctx.error(node, f"settings are key: value lines, found {describe_node(node)}")
        elif ctx.visit(node):
            fields = yaml_fields(Settings)
            for key_node, value_node in node.value:
                if not (ctx.visit(key_node) and ctx.visit(value_node)):
                    if ctx.budget_reported:
                        break
                    continue  # a tag on one setting leaves the others in force
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
                field = fields.get(key)
                if field is None:
                    ctx.error(key_node, f"unknown setting {quoted(key)}"
                              f"{did_you_mean(key, sorted(fields)) or '; known: ' + ', '.join(sorted(fields))}")
                    continue
                ctx.field = key
                value = field.metadata["kind"].read(value_node, ctx)
                ctx.field = None
                if value is not INVALID:
                    values[field.name] = value
    return Settings(**values), tuple(problems.items)  # type: ignore[arg-type]
