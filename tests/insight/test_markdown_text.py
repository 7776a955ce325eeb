"""A person's words in the Markdown export render exactly as written, wherever they stand
(a list item, a table cell, a quote, an emphasised line), and read naturally raw."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from coach.foundation.visible import visible
from coach.insight.markdown import literal, literal_lines

#: CommonMark with GitHub's tables and strikethrough, as the export is read.
RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
#: Characters that mean something in Markdown, among ordinary ones.
HOSTILE = st.text(alphabet="ab19 *_`~[]()<>!#+-=.|&;:\\/x\"'{}^@$%?,\t\n\xa0\u3000«»—", max_size=24)


def inline_text(children: list[Any]) -> str:
    """The text of inline tokens; fails on anything that formats (emphasis, a link, code)."""
    parts = []
    for token in children:
        assert token.type in ("text", "softbreak"), (token.type, children)
        parts.append("\n" if token.type == "softbreak" else token.content)
    return "".join(parts)


def blocks(source: str) -> list[str]:
    return [token.type for token in RENDERER.parse(source)]


def rendered_in_list(text: str) -> str:
    tokens = RENDERER.parse(f"- {text}\n")
    assert [t.type for t in tokens] == ["bullet_list_open", "list_item_open", "paragraph_open",
                                        "inline", "paragraph_close", "list_item_close",
                                        "bullet_list_close"][:len(tokens)] and len(tokens) in (
                                            5, 7), [t.type for t in tokens]
    inline = next(t for t in tokens if t.type == "inline")
    return inline_text(inline.children or [])


def rendered_in_table(text: str) -> str:
    tokens = RENDERER.parse(f"| Day | Feelings |\n|---|---|\n| Mon | {text} |\n")
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 4, [t.type for t in tokens]
    return inline_text(cells[3].children or [])


def rendered_in_quote(lines: list[str]) -> str:
    tokens = RENDERER.parse("\n".join(f"> {line}" for line in lines) + "\n")
    types = [t.type for t in tokens]
    assert types[0] == "blockquote_open" and types[-1] == "blockquote_close"
    assert set(types[1:-1]) <= {"paragraph_open", "inline", "paragraph_close"}, types
    assert types.count("paragraph_open") <= 1, types
    inline = [t for t in tokens if t.type == "inline"]
    return inline_text(inline[0].children or []) if inline else ""


def rendered_in_emphasis(text: str) -> str:
    tokens = RENDERER.parse(f"*Monday: {text}*\n")
    children = next(t for t in tokens if t.type == "inline").children or []
    assert [c.type for c in children][:1] == ["em_open"] and children[-1].type == "em_close", \
        [c.type for c in children]
    shown = inline_text(children[1:-1])
    assert shown.startswith("Monday: "), shown
    return shown.removeprefix("Monday: ")


def as_written(text: str) -> str:
    return visible(text.replace("\n", " "), one_line=True).strip()


ORDINARY = ["Evening wind-down", "Quick reset (2 min)", "Walk + tea.", "snake_case_name",
            "don't stop!", "5 * 3 = 15", "C:\\Users\\me", "~5 minutes", "100% calm", "#hashtag",
            "Tom & Jerry", "x < y > z", "a_b_c", "e-mail"]
HOSTILE_TEXT = ["# not a heading", "1. not a list", "2024) a year", "- dash", "+ plus", "* star",
                "> quote", "---", "***", "___", "===", "```code```", "~~~", "*emph*", "_emph_",
                "**strong**", "~~struck~~", "`code`", "[link](http://x)", "[ref]: http://x",
                "![image](x.png)", "<b>html</b>", "<http://x>", "&amp; &#35; &copy;",
                "a | b", "\\*", "trailing\\", "Walk \x1b[31mred[/]", "a*b*c", "__init__",
                "*a **b** c*", "1.", "#", "<!-- comment -->"]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_left_as_it_is(text: str) -> None:
    assert literal(text) == text


def test_what_would_format_is_escaped_and_nothing_else() -> None:
    assert literal("Evening wind-down") == "Evening wind-down"
    assert literal("# not a heading") == "\\# not a heading"
    assert literal("1. not a list") == "1\\. not a list"
    assert literal("*emph* and snake_case") == "\\*emph\\* and snake_case"
    assert literal("[link](http://x)") == "\\[link](http://x)"
    assert literal("<b>bold</b>") == "\\<b>bold\\</b>"
    assert literal("a | b") == "a | b" and literal("a | b", pipes=True) == "a \\| b"


@pytest.mark.parametrize("text", ORDINARY + HOSTILE_TEXT)
def test_each_place_renders_the_text_as_written(text: str) -> None:
    expected = as_written(text)
    assert rendered_in_list(literal(text)) == expected
    assert rendered_in_table(literal(text, pipes=True)) == expected
    assert rendered_in_quote(literal_lines(text)) == expected
    assert rendered_in_emphasis(literal(text, in_emphasis=True)) == expected


@settings(max_examples=400, deadline=None)
@given(HOSTILE | st.text(max_size=24))
@example("a*b c*d")
@example("_a_b")
@example("1) x")
@example("<1@1>")
@example("mail <sam.o'neil+coach@example.org> soon")
def test_any_text_renders_as_written(text: str) -> None:
    expected = as_written(text)
    if not expected:
        return
    assert rendered_in_list(literal(text)) == expected
    assert rendered_in_table(literal(text, pipes=True)) == expected
    assert rendered_in_emphasis(literal(text, in_emphasis=True)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(HOSTILE | st.text(max_size=12), min_size=1, max_size=4))
@example(["a | b", "-|-"])
@example(["text", "==="])
@example(["text", "---"])
@example(["a\\", "b"])
@example(["<1@1>"])
def test_a_quote_of_several_lines_renders_each_as_written(lines: list[str]) -> None:
    lines = [line for line in "\n".join(lines).splitlines() if as_written(line)]
    if not lines:
        return
    shown = rendered_in_quote(literal_lines("\n".join(lines)))
    assert shown == "\n".join(as_written(line) for line in lines)
