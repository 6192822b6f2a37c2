"""The translations: gettext catalogues (``dashboard/locale/<lang>/LC_MESSAGES/messages.mo``)
read with Babel, into one table of message key -> {language: text}.

English is the source (:mod:`dashboard.i18n.source` and the importer's templates); each
catalogue translates ``msgid`` (the English text) in the context ``msgctxt`` (the message
key). The ``.mo`` files are compiled from the ``.po`` files by ``pybabel compile`` and
committed, so that the app runs from a checkout with nothing to build; a test checks that
they are what the ``.po`` files compile to.
"""

from __future__ import annotations

import gettext
import re
import string
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Final

from babel.support import Translations

from dashboard.coverage import messages
from dashboard.coverage.messages import Plural, Template
from dashboard.i18n.source import MESSAGES

#: The language of the messages in the code; every other language has a catalogue.
SOURCE_LANGUAGE: Final = "en"
LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
DOMAIN: Final = "messages"


class CatalogueError(RuntimeError):
    """A compiled catalogue is missing or unreadable."""


def english_messages() -> dict[str, Template]:
    """Message key -> English text (or its plural forms), in catalogue order: the page's
    messages, then the importer's (``import.reason.<code>``, ``import.suggestion.<code>``,
    ``import.phrase.<code>``)."""
    out: dict[str, Template] = dict(MESSAGES)
    for kind, templates in (("reason", messages.REASONS), ("suggestion", messages.SUGGESTIONS),
                            ("phrase", messages.PHRASES)):  # fmt: skip
        for code, template in templates.items():
            key = f"import.{kind}.{code}"
            if key in out:
                raise ValueError(f"message key {key!r} defined twice")
            out[key] = template
    return out


def placeholders(text: str) -> frozenset[str]:
    """The ``{field}`` names a message uses."""
    return frozenset(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name)


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


@lru_cache(maxsize=8)
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English: none, the source is the text)."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = mo_path(lang)
    try:
        with path.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    except OSError as exc:  # missing, or not a catalogue (bad magic number)
        raise CatalogueError(
            f"cannot read the {lang} catalogue {path}: {exc}. Compile the catalogues with "
            "`pybabel compile` (see docs/DEVELOPING.md)."
        ) from exc


def french_spacing(text: str) -> str:
    """Non-breaking spaces before ``: ; ? !`` and inside guillemets (French typography)."""
    text = re.sub(r" ([:;?!])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def _typeset(text: str, lang: str) -> str:
    return french_spacing(text) if lang == "fr" else text


def plural_text(key: str, template: Plural, count: int, lang: str) -> str:
    """The form of a plural message for ``count`` in ``lang`` (its own plural rule)."""
    text = translations(lang).npgettext(key, template.one, template.other, count)
    return _typeset(text, lang)


def build(
    languages: tuple[str, ...],
) -> tuple[Mapping[str, Mapping[str, str]], Mapping[str, Plural]]:
    """(key -> {language: text}, key -> English plural forms). A plural message's text is
    its plural form (the placeholders; :func:`plural_text` picks the form for a count)."""
    table: dict[str, Mapping[str, str]] = {}
    plurals: dict[str, Plural] = {}
    for key, template in english_messages().items():
        texts = {}
        for lang in languages:
            tr = translations(lang)
            if isinstance(template, Plural):
                text = tr.npgettext(key, template.one, template.other, 2)
            else:
                text = tr.pgettext(key, template)
            texts[lang] = _typeset(text, lang)
        if isinstance(template, Plural):
            plurals[key] = template
        table[key] = MappingProxyType(texts)
    return MappingProxyType(table), MappingProxyType(plurals)
