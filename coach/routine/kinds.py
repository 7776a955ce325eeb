"""Field kinds: how one routine value is read from its YAML node.

Each kind reads a node by the type the field expects (so `7:30` is a time,
not 450, and `no` is text where text is expected), reports located problems
in plain words, and describes itself as JSON Schema for editors. The same
declaration therefore drives validation, the schema and the documentation.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any

import yaml

from coach.foundation.frequency import (LONGEST_EVERY, MOST_TIMES, PERIOD_DAYS,
                                        SHORTEST_EVERY, Frequency, every)
from coach.routine.problems import ProblemList
from coach.foundation.visible import quoted, shorten, visible

# Returned by a kind that reported a problem; the caller leaves the field unset.
INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()

ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "value", "map", "seq")
)
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
TRUE_WORDS = frozenset({"true", "yes", "on"})
FALSE_WORDS = frozenset({"false", "no", "off"})
MERGE_TAG = "tag:yaml.org,2002:merge"
MAX_NODES = 20_000


@dataclass(frozen=True)
class FileWords:
    """How messages speak of the kind of file being read: routine files, settings.yaml and
    the support plan are read by the same code, and each problem names its own."""

    #: The file: "the tag !!binary is not allowed in a routine file".
    name: str
    #: After "nested more than 64 levels deep; ".
    needs_few: str
    #: After "the file holds more than 20,000 values; ".
    needs_fewer: str
    #: What to do with a second YAML document in the file.
    one_document: str
    #: Whether an empty file (or only comments) is fine: everything at its default.
    may_be_empty: bool = False


ROUTINE_WORDS = FileWords(
    "a routine file", "a routine needs only a few", "a routine needs far fewer",
    "a routine file holds one YAML document; remove the extra '---' or move the second "
    "routine into a file of its own")
SETTINGS_WORDS = FileWords(
    "a settings file", "settings are plain key: value lines", "settings need far fewer",
    "a settings file holds one YAML document; remove the extra '---'", may_be_empty=True)


class Context:
    """What a kind needs while reading: the problem list and a node budget."""

    def __init__(self, problems: ProblemList, words: FileWords = ROUTINE_WORDS) -> None:
        self.problems = problems
        self.words = words
        self.nodes_seen = 0
        self.budget_reported = False
        #: The key whose value is being read, so messages can name it.
        self.field: str | None = None

    def for_field(self) -> str:
        """' for 'cycles'' while a record field is read, else ''."""
        return f" for {self.field!r}" if self.field else ""

    def error(self, node: yaml.Node, message: str) -> Any:
        mark = node.start_mark
        self.problems.add(mark.line + 1, mark.column + 1, message)
        return INVALID

    def warn(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.add(mark.line + 1, mark.column + 1, message, "warning")

    def visit(self, node: yaml.Node) -> bool:
        """Count a node; False once the file has more than a routine could need.

        Aliases let a tiny file expand exponentially (or refer to itself),
        so the budget stops the walk instead of the machine.
        """
        self.nodes_seen += 1
        if self.nodes_seen <= MAX_NODES:
            if node.tag == MERGE_TAG:
                self.error(node, "merge keys ('<<') are not supported; write the keys out")
                return False
            if node.tag not in ALLOWED_TAGS:
                self.error(node, f"the tag {bare(_short_tag(node.tag))} is not allowed in "
                                 f"{self.words.name}; remove it and write the value plainly")
                return False
            return True
        if not self.budget_reported:
            self.budget_reported = True
            self.error(node, "the file expands to too many values (anchors and aliases "
                             f"repeated?); {self.words.needs_fewer}")
        return False


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def bare(text: str, limit: int = 80) -> str:
    """Text from the file for a message, without quotes: visible, on one line, not too long."""
    return shorten(visible(text, one_line=True), limit)


def is_plain(node: yaml.ScalarNode) -> bool:
    """Written without quotes or a block indicator (LibYAML says '' where PyYAML says None)."""
    return not node.style


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and is_plain(node) and node.value in NULL_WORDS


def describe_node(node: yaml.Node) -> str:
    """How a node looks to the person, for 'found ...' in messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if is_null(node):
        return "nothing"
    return quoted(node.value, 40)


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Kind:
    """A value's type: how to read it from a node and how to describe it."""

    #: What the person should write, for messages: "a whole number".
    noun = "a value"
    #: Node classes this kind reads; used by OneOf to pick an alternative.
    node_types: tuple[type, ...] = (yaml.ScalarNode,)

    def read(self, node: yaml.Node, ctx: Context) -> Any:
        if not isinstance(node, self.node_types):
            return ctx.error(node, f"expected {self.noun}{ctx.for_field()}, found "
                             f"{describe_node(node)}")
        return self.read_checked(node, ctx)

    def read_checked(self, node: yaml.Node, ctx: Context) -> Any:
        raise NotImplementedError  # every concrete kind overrides this

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError  # every concrete kind overrides this


class Text(Kind):
    """Text, taken exactly as written (`no` stays "no", `7:30` stays "7:30")."""

    noun = "text"

    def __init__(self, max_length: int = 200, multiline: bool = False) -> None:
        self.max_length = max_length
        self.multiline = multiline

    def read_checked(self, node: yaml.ScalarNode, ctx: Context) -> Any:
        value = node.value.strip() if is_plain(node) or node.style in ("|", ">") else node.value
        if node.style in ("|", ">"):
            value = node.value.rstrip("\n")
        if not value.strip():
            return ctx.error(node, "expected text, found nothing")
        for index, char in enumerate(value):
            if char in "\n\t" and (self.multiline or char == "\t"):
                continue
            if char == "\n":
                return ctx.error(node, "this text must fit on one line")
            if unicodedata.category(char) in ("Cc", "Cf") and char not in "\u200d\ufe0f":
                return ctx.error(node, f"the text holds a control character "
                                 f"(U+{ord(char):04X}) at position {index + 1}; remove it")
        if len(value) > self.max_length:
            return ctx.error(node, f"this text is {len(value)} characters long; keep it to "
                             f"{self.max_length}")
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


_INT = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class Number(Kind):
    """A number in a range; whole numbers only when `whole` is set."""

    def __init__(self, minimum: float, maximum: float, whole: bool = False, unit: str = "") -> None:
        self.minimum = minimum
        self.maximum = maximum
        self.whole = whole
        self.unit = unit
        self.noun = "a whole number" if whole else "a number"

    def read_checked(self, node: yaml.ScalarNode, ctx: Context) -> Any:
        raw = node.value.strip()
        pattern = _INT if self.whole else _NUMBER
        if len(raw) > 20 and pattern.fullmatch(raw):
            return ctx.error(node, f"{repr(ctx.field) if ctx.field else 'this number'} is far "
                             f"too long ({len(raw)} digits)")
        if not pattern.fullmatch(raw):
            hint = ""
            if re.fullmatch(r"[+-]?\d+,\d+", raw):
                hint = f"; write decimals with a dot: {bare(raw.replace(',', '.'))}"
            elif self.whole and _NUMBER.fullmatch(raw):
                hint = f"; {bare(raw)} is not whole"
            return ctx.error(node, f"expected {self.noun}{ctx.for_field()}, found "
                             f"{describe_node(node)}{hint}")
        if not is_plain(node):
            return ctx.error(node, f"expected {self.noun}{ctx.for_field()}; write it without "
                             f"quotes: {raw}")
        value: float | int = int(raw, 10) if self.whole else float(raw)
        if not self.minimum <= value <= self.maximum:
            unit = f" {self.unit}" if self.unit else ""
            subject = repr(ctx.field) if ctx.field else "the value"
            return ctx.error(node, f"{subject} must be between {_fmt(self.minimum)} and "
                             f"{_fmt(self.maximum)}{unit}, found {raw}")
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "integer" if self.whole else "number",
                "minimum": self.minimum, "maximum": self.maximum}


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class Flag(Kind):
    """true or false; yes/no and on/off are read as the person meant them."""

    noun = "true or false"

    def read_checked(self, node: yaml.ScalarNode, ctx: Context) -> Any:
        word = node.value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        return ctx.error(node, f"expected true or false{ctx.for_field()}, found "
                         f"{describe_node(node)}")

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


_TIME = re.compile(r"(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?", re.IGNORECASE)


def parse_time_text(raw: str) -> time:
    """A clock time from text ("07:30", "7:30 pm"); ValueError says how to write it."""
    raw = raw.strip()
    match = _TIME.fullmatch(raw)
    if not match:
        digits = re.fullmatch(r"(\d{1,2})\.?(\d{2})", raw)
        if digits:
            raise ValueError(f'write the time with a colon: "{digits.group(1).zfill(2)}:'
                             f'{digits.group(2)}"')
        raise ValueError(f'expected a time such as "07:30", found {quoted(raw)}')
    hour, minute, meridiem = int(match.group(1)), int(match.group(2)), match.group(3)
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValueError(f'{bare(raw)}: with am or pm the hour is 1 to 12; write the time as '
                             '"13:00" or "1:00 pm"')
        hour = hour % 12 + (12 if meridiem.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{bare(raw)} is not a time of day (00:00 to 23:59)")
    return time(hour, minute)


class TimeOfDay(Kind):
    """A clock time, "HH:MM" (24-hour) or "7:30 pm"; `7:30` unquoted is read as a time."""

    noun = 'a time such as "07:30"'

    def read_checked(self, node: yaml.ScalarNode, ctx: Context) -> Any:
        try:
            return parse_time_text(node.value)
        except ValueError as err:
            return ctx.error(node, str(err))

    def schema(self) -> dict[str, Any]:
        return {"type": "string",
                "pattern": r"^\d{1,2}:\d{2}(\s*[aApP]\.?[mM]\.?)?$",
                "examples": ["07:30", "21:00", "7:30 pm"]}


#: Words for a time that a routine file's times do not take, and how to write them there.
_NAMED_TIMES = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}


class TimesOfDay(Kind):
    """A few clock times, each read as TimeOfDay: a list, one time alone, or off (none).
    Each time once; read in order of the day."""

    node_types = (yaml.ScalarNode, yaml.SequenceNode)

    def __init__(self, most: int) -> None:
        self.most = most
        self.noun = f'up to {most} times such as ["12:30", "20:00"], or off'

    def read_checked(self, node: yaml.Node, ctx: Context) -> Any:
        if isinstance(node, yaml.ScalarNode):
            word = node.value.strip().lower()
            if is_null(node) or word in OFF_WORDS or word in FALSE_WORDS:
                return ()
            items = [node]
        else:
            items = node.value
        times: dict[time, yaml.Node] = {}
        for item in items:
            if not ctx.visit(item):
                return INVALID
            if not isinstance(item, yaml.ScalarNode) or is_null(item):
                return ctx.error(item, f"expected a time such as \"12:30\"{ctx.for_field()}, "
                                 f"found {describe_node(item)}")
            try:
                at = parse_time_text(item.value)
            except ValueError as err:
                word = item.value.strip().lower()
                hint = f'; write "{_NAMED_TIMES[word]}"' if word in _NAMED_TIMES else \
                    "" if any(c.isdigit() for c in word) else did_you_mean(word, ["off"])
                return ctx.error(item, f"{err}{hint}")
            if at in times:
                return ctx.error(item, f"{at:%H:%M} is given twice{ctx.for_field()}; each "
                                 "time once")
            times[at] = item
        if len(times) > self.most:
            subject = repr(ctx.field) if ctx.field else "this list"
            return ctx.error(node, f"{subject} takes at most {self.most} times, found "
                             f"{len(times)}")
        return tuple(sorted(times))

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "array", "items": TimeOfDay().schema(),
                           "maxItems": self.most, "uniqueItems": True},
                          {"enum": ["off", False]}],
                "examples": [["12:30", "20:00"], "off"]}


_UNIT = r"(h|hrs?|hours?|m|mins?|minutes?)"
_DURATION_PART = re.compile(rf"(\d{{1,4}})\s*{_UNIT}")
_DURATION = re.compile(rf"(\d{{1,4}}\s*{_UNIT}(?![a-z])[\s,]*)+")
#: Words that turn a duration off (no follow-up reminder).
OFF_WORDS = frozenset({"off", "no", "false", "never", "none"})


def parse_duration_text(raw: str) -> timedelta:
    """'30m', '45 min', '2h', '1h 30m', '90 minutes'; ValueError says how to write it."""
    text = raw.strip().lower()
    if _DURATION.fullmatch(text):
        total = timedelta(0)
        for amount, unit in _DURATION_PART.findall(text):
            total += timedelta(hours=int(amount)) if unit.startswith("h") else \
                timedelta(minutes=int(amount))
        return total
    if re.fullmatch(r"\d+(\.\d+)?", text):
        raise ValueError(f"write the length with a unit: \"{text}m\" for minutes or "
                         f"\"{text}h\" for hours")
    raise ValueError(f'expected a length of time such as "30m" or "2h", found {quoted(raw)}')


class Duration(Kind):
    """A length of time, "30m", "2h" or "1h 30m"; with `can_be_off`, off/no turns it off
    (read as a zero timedelta)."""

    def __init__(self, minimum: timedelta, maximum: timedelta, can_be_off: bool = False) -> None:
        self.minimum = minimum
        self.maximum = maximum
        self.can_be_off = can_be_off
        self.noun = 'a length of time such as "30m" or "2h"' + (", or off" if can_be_off else "")

    def read_checked(self, node: yaml.ScalarNode, ctx: Context) -> Any:
        word = node.value.strip().lower()
        if self.can_be_off and (word in OFF_WORDS or word in FALSE_WORDS):
            return timedelta(0)
        try:
            value = parse_duration_text(node.value)
        except ValueError as err:
            return ctx.error(node, str(err))
        if not self.minimum <= value <= self.maximum:
            subject = repr(ctx.field) if ctx.field else "the length"
            return ctx.error(node, f"{subject} must be between {describe_duration(self.minimum)}"
                             f" and {describe_duration(self.maximum)}, found {bare(node.value)}")
        return value

    def schema(self) -> dict[str, Any]:
        pattern = r"^\s*(\d{1,4}\s*(h|hr|hrs|hours?|m|min|mins|minutes?)[\s,]*)+$"
        if self.can_be_off:
            return {"anyOf": [{"type": "string", "pattern": pattern},
                              {"enum": ["off", False]}],
                    "examples": ["30m", "2h", "off"]}
        return {"type": "string", "pattern": pattern, "examples": ["30m", "2h"]}


def describe_duration(length: timedelta) -> str:
    """'30 min', '2 h', '1 h 30 min'."""
    minutes = round(length.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


class Arguments(Kind):
    """A command as a list of arguments, or one line split like a shell would split it
    (quotes group words) but never run through a shell."""

    noun = "a command, as a list of arguments or one line"
    node_types = (yaml.ScalarNode, yaml.SequenceNode)

    def read_checked(self, node: yaml.Node, ctx: Context) -> Any:
        if isinstance(node, yaml.ScalarNode):
            import shlex

            line = Text(1000).read(node, ctx)
            if line is INVALID:
                return INVALID
            try:
                words = tuple(shlex.split(line))
            except ValueError as err:
                return ctx.error(node, f"this command line cannot be split into arguments "
                                 f"({err}); write it as a list")
            return words or ctx.error(node, "the command is empty")
        return ListOf(Text(1000), 1, 50).read(node, ctx)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string", "minLength": 1},
                          {"type": "array", "items": {"type": "string"}, "minItems": 1}],
                "examples": [["ntfy", "publish", "mytopic", "{body}"],
                             "notify-send {title} {body}"]}


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_GROUPS = {"daily": tuple(range(7)), "weekdays": tuple(range(5)), "weekends": (5, 6)}
_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Weekdays(Kind):
    """Days of the week (daily, weekdays, weekends, or a list such as [mon, wed]), or a
    number of times per period ({times: 3, per: week}, {every: 2}) read as a Frequency."""

    noun = ("daily, weekdays, weekends, a list of days such as [mon, wed, fri], or a number "
            "of times such as {times: 3, per: week} or {every: 2}")
    node_types = (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode)

    def read_checked(self, node: yaml.Node, ctx: Context) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._frequency(node, ctx)
        if isinstance(node, yaml.ScalarNode):
            word = node.value.strip().lower().replace(" ", "")
            if word in ("everyday", "daily"):
                return DAY_GROUPS["daily"]
            if word in DAY_GROUPS:
                return DAY_GROUPS[word]
            parts = [p.strip() for p in node.value.split(",")]
            items = [(node, p) for p in parts]
        else:
            items = []
            for item in node.value:
                if not ctx.visit(item):
                    return INVALID
                if not isinstance(item, yaml.ScalarNode):
                    return ctx.error(item, f"expected a day such as mon, found {describe_node(item)}")
                items.append((item, item.value.strip()))
        days: set[int] = set()
        for item_node, word in items:
            day = self._day(word.lower())
            if day is None:
                choices = list(DAY_NAMES) + list(DAY_GROUPS)
                hint = did_you_mean(word, choices) or ";"
                return ctx.error(item_node, f"{quoted(word)} is not a day{hint} use {self.noun}")
            days.add(day)
        if not days:
            return ctx.error(node, f"no days given; use {self.noun}")
        return tuple(sorted(days))

    @staticmethod
    def _day(word: str) -> int | None:
        if word in DAY_NAMES:
            return DAY_NAMES.index(word)
        if word in _FULL_DAY_NAMES:
            return _FULL_DAY_NAMES.index(word)
        return None

    def _frequency(self, node: yaml.MappingNode, ctx: Context) -> Any:
        """{times: N, per: week|month} or {every: N}."""
        given: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not (ctx.visit(key_node) and ctx.visit(value_node)):
                return INVALID
            if not isinstance(key_node, yaml.ScalarNode):
                return ctx.error(key_node, "keys in the days must be plain words")
            key = key_node.value.strip()
            if key not in _FREQUENCY_KEYS:
                hint = did_you_mean(key, list(_FREQUENCY_KEYS)) or \
                    "; use times with per (times: 3, per: week), or every (every: 2)"
                return ctx.error(key_node, f"unknown key {quoted(key)} in the days{hint}")
            if key in given:
                return ctx.error(key_node, f"{quoted(key)} is given twice in the days; keep one")
            given[key] = (key_node, value_node)
        if "every" in given:
            if len(given) > 1:
                other = next(k for k in given if k != "every")
                return ctx.error(given[other][0], "give either every (every: 2) or times with "
                                 "per (times: 3, per: week), not both")
            days = self._whole(given["every"][1], "every", ctx, SHORTEST_EVERY, LONGEST_EVERY,
                               "days", {1: "every 1 day is every day; write days: daily"})
            return INVALID if days is INVALID else every(days)
        if "times" not in given:
            return ctx.error(node, "the days need times and per, such as {times: 3, per: week}, "
                             "or every, such as {every: 2}")
        if "per" not in given:
            return ctx.error(given["times"][0], "say what the times are counted over: add "
                             "per: week or per: month")
        per_node = given["per"][1]
        per = per_node.value.strip().lower() if isinstance(per_node, yaml.ScalarNode) else ""
        if per not in PERIOD_DAYS:
            hint = did_you_mean(per, list(PERIOD_DAYS)) if per else ""
            other = _OTHER_PERIODS.get(per.rstrip("s"), "")
            return ctx.error(per_node, f"{describe_node(per_node)} is not a period; times are "
                             f"counted per week or per month{'; ' + other if other else hint}")
        most = MOST_TIMES[per]
        times = self._whole(given["times"][1], "times", ctx, 1, most, f"a {per}",
                            {most + 1: f"{most + 1} times a {per} is every day; write days: "
                                       "daily"} if per == "week" else {})
        return INVALID if times is INVALID else Frequency(times, per)

    @staticmethod
    def _whole(node: yaml.Node, key: str, ctx: Context, least: int, most: int, unit: str,
               explained: dict[int, str]) -> Any:
        raw = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
        if not _INT.fullmatch(raw) or not is_plain(node):
            return ctx.error(node, f"expected a whole number for {key!r}, found "
                             f"{describe_node(node)}")
        value = int(raw)
        if value in explained:
            return ctx.error(node, explained[value])
        if not least <= value <= most:
            return ctx.error(node, f"{key!r} must be between {least} and {most} {unit}, "
                             f"found {raw}")
        return value

    def schema(self) -> dict[str, Any]:
        day = {"type": "string", "enum": list(DAY_NAMES) + list(_FULL_DAY_NAMES)}
        return {"anyOf": [
            {"type": "string", "enum": list(DAY_GROUPS)},
            {"type": "array", "items": day, "minItems": 1, "uniqueItems": True},
            {"type": "object", "additionalProperties": False, "required": ["times", "per"],
             "properties": {"times": {"type": "integer", "minimum": 1,
                                      "maximum": max(MOST_TIMES.values())},
                            "per": {"enum": list(PERIOD_DAYS)}}},
            {"type": "object", "additionalProperties": False, "required": ["every"],
             "properties": {"every": {"type": "integer", "minimum": SHORTEST_EVERY,
                                      "maximum": LONGEST_EVERY}}}],
            "examples": ["daily", ["mon", "wed", "fri"], {"times": 3, "per": "week"},
                         {"every": 2}]}


_FREQUENCY_KEYS = ("times", "per", "every")
#: What to write instead of a period coach does not count over.
_OTHER_PERIODS = {
    "fortnight": "for once a fortnight write {every: 14}; for twice a fortnight, "
                 "{times: 1, per: week}",
    "day": "for every day write days: daily; for every other day, {every: 2}",
    "year": "for a few times a year write {every: 30} or {times: 1, per: month}",
}


class Choice(Kind):
    """One of a fixed set of words (or numbers), each mapped to a value."""

    def __init__(self, options: dict[str, Any], noun: str) -> None:
        self.options = options
        self.noun = noun

    def read_checked(self, node: yaml.ScalarNode, ctx: Context) -> Any:
        word = node.value.strip().lower()
        if word in self.options:
            return self.options[word]
        names = list(self.options)
        return ctx.error(node, f"{describe_node(node)} is not one of {', '.join(names)}"
                         f"{did_you_mean(word, names)}")

    def schema(self) -> dict[str, Any]:
        values: list[Any] = [int(k) if k.isdigit() else k for k in self.options]
        return {"enum": values}


class ListOf(Kind):
    """A list of items of one kind; a single item may be written without the list."""

    node_types = (yaml.SequenceNode, yaml.ScalarNode, yaml.MappingNode)

    def __init__(self, item: Kind, min_items: int = 1, max_items: int = 50,
                 single_ok: bool = True) -> None:
        self.item = item
        self.min_items = min_items
        self.max_items = max_items
        self.single_ok = single_ok
        self.noun = f"a list of {item.noun}"

    def read_checked(self, node: yaml.Node, ctx: Context) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            if self.single_ok and isinstance(node, self.item.node_types):
                value = self.item.read(node, ctx)
                return INVALID if value is INVALID else (value,)
            return ctx.error(node, f"expected {self.noun}, found {describe_node(node)}")
        values = []
        for item in node.value:
            if not ctx.visit(item):
                return INVALID
            if is_null(item):
                ctx.error(item, "this list item is empty")
                continue
            values.append(self.item.read(item, ctx))
        if any(v is INVALID for v in values) or len(values) < len(node.value):
            return INVALID
        if not self.min_items <= len(values) <= self.max_items:
            return ctx.error(node, f"give between {self.min_items} and {self.max_items} items, "
                             f"found {len(values)}")
        return tuple(values)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema(),
                "minItems": self.min_items, "maxItems": self.max_items}


class OneOf(Kind):
    """Alternatives told apart by the shape of the node (word, list or mapping)."""

    node_types = (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode)

    def __init__(self, *alternatives: Kind) -> None:
        self.alternatives = alternatives
        self.noun = " or ".join(k.noun for k in alternatives)

    def read_checked(self, node: yaml.Node, ctx: Context) -> Any:
        for kind in self.alternatives:
            if isinstance(node, kind.node_types):
                return kind.read(node, ctx)
        return ctx.error(node, f"expected {self.noun}, found {describe_node(node)}")

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [k.schema() for k in self.alternatives]}


_IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


class Identifier(Kind):
    """A stable id: lowercase letters, digits, '-' and '_' (history follows it)."""

    noun = "an id such as 'morning' or 'box-breathing'"

    def read_checked(self, node: yaml.ScalarNode, ctx: Context) -> Any:
        raw = node.value.strip()
        if not _IDENTIFIER.fullmatch(raw):
            suggestion = slugify(raw)
            hint = f"; for example {suggestion!r}" if suggestion else ""
            return ctx.error(node, f"{quoted(raw)} is not a valid id: use up to 40 lowercase "
                             f"letters, digits, '-' and '_'{hint}")
        return raw

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{_IDENTIFIER.pattern}$"}


def slugify(text: str) -> str:
    """A valid id made from free text ('My Morning' -> 'my-morning'), or ''."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.strip().lower()).strip("-_")[:40]
    return slug if _IDENTIFIER.fullmatch(slug) else ""
