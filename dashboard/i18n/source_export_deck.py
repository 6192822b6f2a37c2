"""English messages of the slide deck, the deck as PDF and the commune sheet (issue 14).

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {}
