"""Every message's key and English text, for ``pybabel extract`` (a Babel extraction method).

The messages are data (:data:`dashboard.i18n.source.MESSAGES` and the importer's templates
in :mod:`dashboard.coverage.messages`), not ``_()`` calls in code, so this extractor reads
them from those modules: each message becomes a ``pgettext(key, english)`` entry (or
``npgettext(key, one, other)`` for a :class:`~dashboard.coverage.messages.Plural`), with its
placeholders as a comment for translators. ``pyproject.toml`` maps it to
``dashboard/i18n/source.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dashboard.coverage.messages import Plural
from dashboard.i18n.catalogue import english_messages, placeholders


def extract(
    fileobj: Any, keywords: Mapping, comment_tags: Any, options: Mapping
) -> Iterator[tuple[int, str, tuple, list[str]]]:
    """Babel's extraction-method protocol: (line, function, messages, comments)."""
    del fileobj, keywords, comment_tags, options  # the messages are read from the modules
    for key, template in english_messages().items():
        forms = template if isinstance(template, Plural) else (template,)
        names = sorted(set().union(*(placeholders(f) for f in forms)))
        comments = [f"placeholders: {', '.join('{' + n + '}' for n in names)}"] if names else []
        if isinstance(template, Plural):
            yield 0, "npgettext", (key, template.one, template.other, None), comments
        else:
            yield 0, "pgettext", (key, template), comments
