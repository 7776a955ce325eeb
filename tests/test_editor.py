"""Finding the person's editor: odd values of $VISUAL and $EDITOR get a message, not a crash."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.cli.editor import NoEditorError, editor_command


@pytest.mark.parametrize("variable", ["VISUAL", "EDITOR"])
def test_an_unbalanced_quote_is_said_plainly(monkeypatch: pytest.MonkeyPatch,
                                             variable: str) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv(variable, 'vim "unbalanced')
    with pytest.raises(NoEditorError, match=rf"\${variable} cannot be read as a command"):
        editor_command()
    result = CliRunner().invoke(cli, ["edit", "morning"])
    assert result.exit_code == 1 and "cannot be read as a command" in result.stderr
    assert not isinstance(result.exception, ValueError)


def test_quotes_only_fall_through_to_the_next_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", '""')
    monkeypatch.setenv("EDITOR", "nano -w")
    assert editor_command() == ["nano", "-w"]
