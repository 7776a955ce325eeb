"""Messages the app sends to its screens about itself."""

from __future__ import annotations

from textual.message import Message


class SavingChanged(Message):
    """Saving fell behind (a full disk) or caught up: what a screen says of saves may change
    (`app.saves.behind`)."""
