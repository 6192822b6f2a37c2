"""The filters, declared once.

Each :class:`Filter` says everything the app needs to know about one filter: the
:class:`~dashboard.state.ViewState` field that holds it, its URL parameter, its control
(component id, kind, label) and options, how a link's value is read, which communes it keeps
(a vectorised mask over the commune frame), and which words explain that published figures do
not follow it. The state (validation, link writing and reading), the layout (controls, labels,
options), the page callback (control values) and the selection mask all iterate
:data:`FILTERS`; adding a filter is one entry here plus its field on ``ViewState`` (a test
checks the two agree) and its messages.

Pure Python over pandas/numpy: no dash, no plotly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import pandas as pd

from dashboard import ids
from dashboard.coverage.model import Flag, Status
from dashboard.i18n import GEOGRAPHY_CODES, format_number, t
from dashboard.i18n import flag_label as _flag_label
from dashboard.i18n import province_label as _province_label
from dashboard.i18n import region_label as _region_label
from dashboard.i18n import status_label as _status_label
from geodata import belgium

#: Region filter codes: the three regions and the German-speaking Community, which
#: published figures report apart from Wallonia.
REGIONS: Final[tuple[str, ...]] = (*belgium.REGIONS, belgium.GERMAN_SPEAKING)
PROVINCES: Final = belgium.PROVINCES
provinces_of = belgium.provinces_of

#: Population band -> (lower bound inclusive, upper bound exclusive or None).
POPULATION_BANDS: Final[Mapping[str, tuple[int, int | None]]] = MappingProxyType(
    {
        "all": (0, None),
        "0-5k": (0, 5_000),
        "5-10k": (5_000, 10_000),
        "10-20k": (10_000, 20_000),
        "20-50k": (20_000, 50_000),
        "50k-plus": (50_000, None),
    }
)

#: Other spellings accepted in links (written by hand); never written by a link.
POPULATION_BAND_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {"<5k": "0-5k", "lt5k": "0-5k", ">50k": "50k-plus", "50k+": "50k-plus", "50k": "50k-plus"}
)


def population_band_label(band: str, lang: str) -> str:
    """ "5 000 à 10 000 habitants" (fr) etc., numbers in the locale's format."""
    low, high = POPULATION_BANDS[band]
    if band == "all":
        return t("pop_band.all", lang)
    if high is None:
        return t("pop_band.over", lang, low=format_number(low, lang))
    if low == 0:
        return t("pop_band.under", lang, high=format_number(high, lang))
    return t("pop_band.between", lang, low=format_number(low, lang), high=format_number(high, lang))


def flag_column(flag: str) -> str:
    """The commune frame's boolean column for one flag."""
    return f"flag.{flag}"


# ----------------------------------------------------------------------------- masks
# Each takes the commune frame and the filter's (non-default) value and returns a boolean
# numpy array: whole-column operations only, so a click costs the same per polygon as the
# colour array it produces.


def _region_mask(frame: pd.DataFrame, regions: tuple[str, ...]) -> np.ndarray:
    mask = frame["region"].isin(regions).to_numpy()
    if belgium.GERMAN_SPEAKING in regions:
        mask = mask | frame["german_speaking"].to_numpy(dtype=bool)
    return mask


def _province_mask(frame: pd.DataFrame, provinces: tuple[str, ...]) -> np.ndarray:
    return frame["province"].isin(provinces).to_numpy()


def _status_mask(frame: pd.DataFrame, statuses: tuple) -> np.ndarray:
    return frame["status"].isin([str(s) for s in statuses]).to_numpy()


def _flag_mask(frame: pd.DataFrame, flags: tuple) -> np.ndarray:
    columns = [flag_column(str(f)) for f in flags]
    return frame[columns].to_numpy(dtype=bool).any(axis=1)


def _population_mask(frame: pd.DataFrame, band: str) -> np.ndarray:
    low, high = POPULATION_BANDS[band]
    population = frame["population"].to_numpy()
    mask = population >= low
    return mask if high is None else mask & (population < high)


def _region_value(value: str) -> str:
    code = value.upper()
    return GEOGRAPHY_CODES.get(code, code)


# ----------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Filter:
    """One filter of the view."""

    field: str  # the ViewState attribute
    param: str  # the URL parameter
    control: str  # the component id of its control
    label: str  # the component id of its visible name
    label_key: str  # the catalogue key of that name
    widget: str  # "checklist" | "dropdown" (multi) | "select" (one value)
    choices: tuple[str, ...]  # allowed values, in display (and canonical) order
    option_label: Callable[[str, str], str]  # (value, lang) -> the option's text
    mask: Callable[[pd.DataFrame, Any], np.ndarray]
    # Area reason (catalogue key ``area.reason.<reason>``) when published figures do not
    # follow this filter; None when the filter picks a published geography (regions).
    reason: str | None = None
    default: str | tuple = ()
    read_value: Callable[[str], str] = str.lower  # a link's spelling -> a choice
    aliases: Mapping[str, str] = dataclasses.field(default_factory=dict)
    convert: Callable[[str], Any] = str  # a choice -> the ViewState value (enums)

    @property
    def multi(self) -> bool:
        return self.widget != "select"

    def canonical(self, value: Any) -> object:
        """The ViewState value: choices deduplicated in display order (multi), or the one
        choice. Raises ValueError on a value that is not a choice."""
        if not self.multi:
            if value not in self.choices:
                raise ValueError(f"unknown {self.field} {value!r}")
            return value
        chosen = {str(v) for v in value}
        unknown = chosen - set(self.choices)
        if unknown:
            raise ValueError(f"unknown {self.field} {sorted(unknown)[0]!r}")
        return tuple(self.convert(v) for v in self.choices if v in chosen)

    def is_active(self, value: Any) -> bool:
        return value != self.default

    def to_param(self, value: Any) -> str:
        """The link's value ("" for the default)."""
        if not self.is_active(value):
            return ""
        return ",".join(str(v) for v in value) if self.multi else str(value)

    def from_param(self, values: list[str]) -> object:
        """The value a link gives (every occurrence of the parameter, in order). Raises
        ValueError on a value that is not a choice; an empty value means the default."""
        if self.multi:
            parts = [p.strip() for v in values for p in v.split(",") if p.strip()]
            return self.canonical([self._read(p) for p in parts])
        distinct = {v for v in values if v}
        if not distinct:
            return self.default
        if len(distinct) > 1:
            raise ValueError(f"{self.param} given twice")
        return self.canonical(self._read(distinct.pop()))

    def _read(self, text: str) -> str:
        value = self.read_value(text)
        return self.aliases.get(value, value)

    def to_control(self, value: Any) -> object:
        """The control's value (JSON)."""
        return [str(v) for v in value] if self.multi else value

    def from_control(self, value: Any) -> object:
        """The ViewState value of a control's value (None is the default)."""
        if value is None or value == []:
            return self.default
        return self.canonical(value)

    def options(self, lang: str) -> list[dict]:
        return [{"label": self.option_label(v, lang), "value": v} for v in self.choices]


FILTERS: Final[tuple[Filter, ...]] = (
    Filter(
        field="region", param="region", control=ids.REGION, label=ids.REGION_LABEL,
        label_key="control.region", widget="checklist", choices=REGIONS,
        option_label=_region_label, mask=_region_mask, read_value=_region_value,
    ),
    Filter(
        field="province", param="province", control=ids.PROVINCE, label=ids.PROVINCE_LABEL,
        label_key="control.province", widget="dropdown", choices=tuple(sorted(PROVINCES)),
        option_label=_province_label, mask=_province_mask, reason="province", read_value=str,
    ),
    Filter(
        field="status", param="status", control=ids.STATUS, label=ids.STATUS_LABEL,
        label_key="control.status", widget="checklist",
        choices=tuple(s.value for s in Status), option_label=_status_label,
        mask=_status_mask, reason="status", convert=Status,
    ),
    Filter(
        field="flag", param="flag", control=ids.FLAG, label=ids.FLAG_LABEL,
        label_key="control.flag", widget="checklist", choices=tuple(f.value for f in Flag),
        option_label=_flag_label, mask=_flag_mask, reason="flag", convert=Flag,
    ),
    Filter(
        field="pop_band", param="pop", control=ids.POP_BAND, label=ids.POP_BAND_LABEL,
        label_key="control.pop_band", widget="select", choices=tuple(POPULATION_BANDS),
        option_label=population_band_label, mask=_population_mask, reason="pop_band",
        default="all", aliases=POPULATION_BAND_ALIASES,
    ),
)  # fmt: skip

FILTERS_BY_FIELD: Final[Mapping[str, Filter]] = MappingProxyType({f.field: f for f in FILTERS})


def selection_mask(frame: pd.DataFrame, values: Mapping[str, object]) -> np.ndarray:
    """Communes every active filter keeps (``values``: field -> ViewState value)."""
    mask = np.ones(len(frame), dtype=bool)
    for f in FILTERS:
        value = values[f.field]
        if f.is_active(value):
            mask &= f.mask(frame, value)
    return mask


def active_reasons(values: Mapping[str, object]) -> list[str]:
    """The area reasons of the active filters published figures do not follow."""
    return [f.reason for f in FILTERS if f.reason and f.is_active(values[f.field])]
