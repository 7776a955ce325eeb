"""Reminders: when a scheduled routine is due, what to say, and how it reaches the person.

`schedule` works out due times (pure, on a given clock and zone), `words` writes the
kind, content-free text, `backends` deliver it (desktop, terminal, tmux, command), and
`engine` and `loop` tie them to the store, which records what was sent so that two
reminder processes never send the same reminder twice.
"""
