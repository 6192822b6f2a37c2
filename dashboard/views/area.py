"""The published geography a selection is, or the nearest one containing it, and how to say so."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import i18n
from dashboard.filters import FILTERS, PROVINCES, active_reasons
from dashboard.state import ViewState
from dashboard.views.data import GEOGRAPHY_OF_REGION
from geodata.belgium import (
    GERMAN_SPEAKING,
    GERMAN_SPEAKING_GEOGRAPHY,
    WALLONIA,
    WALLONIA_GEOGRAPHY,
)


@dataclass(frozen=True)
class Area:
    """The published geography a selection is, or the nearest one containing it."""

    geography: str  # BE, BE-VLG, BE-WAL, BE-BRU, BE-DG
    exact: bool  # the selection is exactly this geography
    reasons: tuple[str, ...] = ()  # filters no published figure follows


def selection_area(state: ViewState) -> Area:
    """Published figures exist for Belgium, the three regions and the German-speaking
    Community only. Any other selection gets the smallest of those containing it."""
    reasons: list[str] = []
    regions = set(state.region)
    if WALLONIA in regions:
        regions.discard(GERMAN_SPEAKING)  # the German-speaking Community lies in Wallonia
    if state.province:
        reasons.append("province")
        regions = {PROVINCES[p] for p in state.province if p in PROVINCES} or regions
    if len(regions) > 1:
        reasons.append("regions")
    reasons += active_reasons({f.field: getattr(state, f.field) for f in FILTERS})
    geo = GEOGRAPHY_OF_REGION[next(iter(regions))] if len(regions) == 1 else "BE"
    if state.province and geo == GERMAN_SPEAKING_GEOGRAPHY:
        geo = WALLONIA_GEOGRAPHY
    return Area(geo, not reasons, tuple(dict.fromkeys(reasons)))


def area_name(geo: str, lang: str) -> str:
    return i18n.region_label(geo, lang)


def not_selection_text(area: Area, lang: str) -> str:
    reasons = ", ".join(i18n.t(f"area.reason.{r}", lang) for r in area.reasons)
    return i18n.t("area.not_selection", lang, reasons=reasons, area=area_name(area.geography,
                                                                              lang))  # fmt: skip
