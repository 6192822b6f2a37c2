"""The analysis section's own messages: its title and tab labels.

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "analysis.title": "Explore the coverage",
    "analysis.tab.gaps": "Gaps",
    "analysis.tab.ranking": "Ranking",
    "analysis.tab.compare": "Compare",
    "analysis.tab.commune": "Commune profile",
    "notice.link.view": "The link named an unknown tab; the gap explorer is shown.",
    "notice.link.a": "The link named an unknown area to compare; choose one in the list.",
    "notice.link.b": (
        "The link named an unknown area or date to compare with; choose one in the list."
    ),
}
