"""Which sources the view uses, and the notes on undated facts."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.public_record import (
    undated_facts,
)
from dashboard.views.data import SOURCE_ID, Shown, known_for


def sources_used(bundle: DataBundle, shown: Shown, frame: pd.DataFrame) -> pd.DataFrame:
    """The sources behind what the view shows, with what each is used for: ``figures``
    (published figures shown, or compared with a file), ``statuses``, ``flags``."""
    uses: dict[str, set[str]] = {}
    for f in known_for(bundle, shown):
        uses.setdefault(f.source_id, set()).add("figures" if shown.kind == "public"
                                                else "compared")  # fmt: skip
    if shown.kind == "public":
        for s in frame["source"]:
            for x in str(s).split(";"):
                if SOURCE_ID.fullmatch(x):
                    uses.setdefault(x, set()).add("statuses")
    for flag in shown.snapshot.flags:
        uses.setdefault(flag.source, set()).add("flags")
    src = bundle.record.sources
    out = src[src["source_id"].isin(uses)].sort_values("source_id").copy()
    out["used_for"] = out["source_id"].map(lambda s: tuple(sorted(uses[s])))
    return out


def undated_notes(bundle: DataBundle, frame: pd.DataFrame, lang: str) -> list[str]:
    """Facts whose source gives no date: listed, never placed on a date."""
    out = []
    for f in undated_facts(bundle.record):
        members = frame[frame["police_zone"] == f.police_zone] if f.police_zone else frame[:0]
        out.append(
            i18n.t(
                "provenance.undated_zone",
                lang,
                source=f.source_id,
                zone=f.name_as_published,
                members=", ".join(sorted(members["name"])) or i18n.MISSING,
            )
        )
    return out


def used_for_text(uses: str | Iterable[str] | None, lang: str) -> str:
    """What a source is used for (:func:`sources_used`'s ``used_for``), in the words of
    the page's sources panel: "published figures shown, commune statuses"."""
    if isinstance(uses, str):
        uses = (uses,)
    words = []
    for use in uses or ():
        key = f"provenance.use.{use}"
        words.append(i18n.t(key, lang) if key in i18n.CATALOGUE else str(use))
    return ", ".join(words)
