"""The timeline of published figures by region."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

import geodata
from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.known import (
    WITH_CELL_MEASURES,
    figures_published_for,
)
from dashboard.coverage.public_record import (
    period_start,
)
from dashboard.views.area import area_name
from dashboard.views.data import GEOGRAPHY_OF_REGION, counts_by_vintage
from dashboard.views.text import hover_text
from dashboard.views.wording import (
    _labelled,
    _pair,
    dg_note,
    figure_source,
    of_total,
    share_basis,
    share_text,
)


def timeline_frame(bundle: DataBundle, lang: str, regions: Iterable[str] = ()) -> pd.DataFrame:
    """Every published count of communes with a cell (or involved), one point each at its
    date, with its share computed over the denominator its source implies. A figure dated
    only by month or year spans that period (``start`` .. ``end``)."""
    wanted = {GEOGRAPHY_OF_REGION[r] for r in regions if r in GEOGRAPHY_OF_REGION}
    rows = []
    counts = counts_by_vintage(bundle)
    for pub_date in bundle.record.published_dates():
        for f in figures_published_for(bundle.record, pub_date.key, counts,
                                       lambda d: geodata.vintage_for_date(d).key):  # fmt: skip
            if f.measure not in WITH_CELL_MEASURES or not f.denominators:
                continue
            if wanted and f.geography not in wanted | {"BE"}:
                continue
            title = bundle.record.source(f.source_id).get("title", "")
            start = period_start(f.as_of)
            rows.append({
                "date": pd.Timestamp(f.date),
                "start": pd.Timestamp(start),
                "end": pd.Timestamp(f.date),
                "precision": f.precision,
                "geography": f.geography,
                "measure": f.measure,
                "share": min(s for s, _ in f.shares),
                "dash": f.measure != "communes_with_cell",
                "hover": hover_text(area_name(f.geography, lang), filter(None, [
                    _labelled(i18n.measure_label(f.measure, lang), of_total(f, lang), lang),
                    _labelled(i18n.t("hover.share_computed", lang), share_text(f, lang), lang),
                    share_basis(f, lang),
                    _pair("hover.source", f"{figure_source(f, lang)} — {title}", lang),
                    dg_note(f, lang),
                ]), f"— {i18n.format_date(f.as_of, lang)}"
                    + ("" if f.precision == "day" else " " + i18n.t("timeline.period", lang))),
            })  # fmt: skip
    return pd.DataFrame(rows, columns=["date", "start", "end", "precision", "geography",
                                       "measure", "share", "dash", "hover"])  # fmt: skip
