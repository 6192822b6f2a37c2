"""View models: what each part of the page shows, computed from the bundle and the view
state. Pure (no dash, no plotly): callbacks call these and hand the results to figures
and components.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

import geodata
from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage import metrics
from dashboard.coverage.model import MembershipSnapshot, Status
from dashboard.coverage.public_record import (
    commune_flags,
    nearest_published_date,
    public_snapshot,
    resolve_published_date,
)
from dashboard.figures.map import MapLayers
from dashboard.state import PROVINCES, ViewState, in_population_band

REGIONS = ("02000", "03000", "04000")
GEOGRAPHY_OF_REGION = {"02000": "BE-VLG", "03000": "BE-WAL", "04000": "BE-BRU", "DG": "BE-DG"}
REGION_OF_GEOGRAPHY = {v: k for k, v in GEOGRAPHY_OF_REGION.items()}
# Which published measure counts communes with a cell, best first.
WITH_CELL_MEASURES = ("communes_with_cell", "communes_involved")
STATUS_ORDER = tuple(s.value for s in Status)
SOURCE_ID = re.compile(r"S\d{2,}")


# ----------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class Shown:
    """The dataset on screen for one view."""

    kind: str  # "public" | "example" | "upload"
    date_key: str  # the published date key (public) or the file's ISO date
    as_of: dt.date
    vintage: str
    snapshot: MembershipSnapshot
    illustrative: bool
    published_key: str | None  # the published date shown or compared with


def shown_data(
    bundle: DataBundle, kind: str, date_key: str | None, upload: MembershipSnapshot | None
) -> Shown:
    record = bundle.record
    if kind == "example" and bundle.example is not None:
        snap = with_public_flags(bundle, bundle.example)
        near = nearest_published_date(record, snap.as_of)
        return Shown("example", snap.as_of.isoformat(), snap.as_of, snap.vintage, snap, True,
                     near.key)  # fmt: skip
    if kind == "upload" and upload is not None:
        upload = with_public_flags(bundle, upload)
        near = nearest_published_date(record, upload.as_of)
        return Shown("upload", upload.as_of.isoformat(), upload.as_of, upload.vintage, upload,
                     upload.illustrative, near.key)  # fmt: skip
    dates = record.published_dates()
    pub = resolve_published_date(record, date_key) if date_key else dates[-1]
    vintage = geodata.vintage_for_date(pub.date).key
    communes = bundle.vintages[vintage].communes
    snap = public_snapshot(record, pub.date, communes, crosswalk=bundle.crosswalk, vintage=vintage)
    return Shown("public", pub.key, pub.date, vintage, snap, False, pub.key)


def with_public_flags(bundle: DataBundle, snap: MembershipSnapshot) -> MembershipSnapshot:
    """A file's snapshot with the programme flags the public record gives for its date
    (the flags are public facts with their sources, whatever the membership data)."""
    if snap.flags:
        return snap
    known = set(bundle.vintages[snap.vintage].communes["nis"])
    flags = commune_flags(bundle.record, snap.as_of, snap.vintage, bundle.crosswalk, known)
    return dataclasses.replace(snap, flags=flags)


def commune_frame(bundle: DataBundle, shown: Shown, lang: str) -> pd.DataFrame:
    """One row per commune of the vintage: attributes, status, cell, source, flags, name."""
    communes = bundle.vintages[shown.vintage].communes
    frame = metrics.status_frame(shown.snapshot, communes)
    by_nis = shown.snapshot.as_mapping()
    names = {row["nis"]: i18n.commune_name(row, lang) for row in communes.to_dict(orient="records")}
    frame["name"] = frame["nis"].map(names)
    cells = {c.cell_id: c for c in shown.snapshot.cells}
    frame["cell_members"] = [
        ", ".join(names.get(m, m) for m in cells[c].members) if c in cells else ""
        for c in frame["cell_id"]
    ]
    frame["cell_name"] = [cells[c].name if c in cells else "" for c in frame["cell_id"]]
    # A public status names its source ids; a file's row falls back to the file's name.
    file_name = "" if shown.kind == "public" else shown.snapshot.source
    frame["source"] = [(by_nis[n].source or file_name) if n in by_nis else "" for n in frame["nis"]]
    flags: dict[str, list[str]] = {}
    for f in shown.snapshot.flags:
        flags.setdefault(f.nis, []).append(f.flag.value)
    frame["flags"] = [tuple(sorted(set(flags.get(n, [])))) for n in frame["nis"]]
    return frame


def selection(
    bundle: DataBundle, state: ViewState, upload: MembershipSnapshot | None
) -> tuple[Shown, pd.DataFrame, pd.Series]:
    """The data a view shows: the dataset, its commune frame, and the filters' mask."""
    shown = shown_data(bundle, state.dataset, state.date, upload)
    frame = commune_frame(bundle, shown, state.lang)
    return shown, frame, filter_mask(frame, state)


def filter_mask(frame: pd.DataFrame, state: ViewState) -> pd.Series:
    """Communes in the selection (region, province, status, flag, population band)."""
    mask = pd.Series(True, index=frame.index)
    if state.region:
        in_region = frame["region"].isin(state.region)
        if "DG" in state.region:
            in_region |= frame["german_speaking"]
        mask &= in_region
    if state.province:
        mask &= frame["province"].isin(state.province)
    if state.status:
        mask &= frame["status"].isin([str(s) for s in state.status])
    if state.flag:
        wanted = {str(f) for f in state.flag}
        mask &= frame["flags"].map(lambda fl: bool(wanted & set(fl)))
    if state.pop_band != "all":
        mask &= frame["population"].map(lambda p: in_population_band(p, state.pop_band))
    return mask


# ----------------------------------------------------------------------------- published


def published(bundle: DataBundle, key: str | None) -> pd.DataFrame:
    if not key:
        return pd.DataFrame(columns=["geography", "measure", "value", "source_id"])
    return metrics.published_figures(bundle.record, key)


def _region_counts(communes: pd.DataFrame) -> dict[str, int]:
    counts = {GEOGRAPHY_OF_REGION[r]: int((communes["region"] == r).sum()) for r in REGIONS}
    counts["BE-DG"] = int(communes["german_speaking"].sum())
    counts["BE"] = len(communes)
    return counts


def published_shares(pub: pd.DataFrame, communes: pd.DataFrame) -> pd.DataFrame:
    """Per geography: the published count of communes with a cell, its measure, source and
    share of the geography's communes on the date's division (the stated denominator)."""
    counts = _region_counts(communes)
    rows = []
    for geo, sub in pub.groupby("geography", sort=False):
        for measure in WITH_CELL_MEASURES:
            hit = sub[sub["measure"] == measure]
            if not hit.empty:
                value = int(hit["value"].iloc[0])
                total = counts.get(geo, 0)
                rows.append({"geography": geo, "measure": measure, "value": value,
                             "total": total, "share": value / total if total else math.nan,
                             "source_id": hit["source_id"].iloc[0]})  # fmt: skip
                break
    return pd.DataFrame(rows, columns=["geography", "measure", "value", "total", "share",
                                       "source_id"])  # fmt: skip


def _value(pub: pd.DataFrame, geo: str, measure: str) -> tuple[int | None, str]:
    hit = pub[(pub["geography"] == geo) & (pub["measure"] == measure)]
    if hit.empty:
        return None, ""
    return int(hit["value"].iloc[0]), str(hit["source_id"].iloc[0])


# ----------------------------------------------------------------------------- map


def _pair(label_key: str, value: str, lang: str) -> str:
    """ "Label: value" for a catalogue label, with the language's punctuation."""
    return _labelled(i18n.t(label_key, lang), value, lang)


def _labelled(label: str, value: str, lang: str) -> str:
    """ "Label: value" with the language's punctuation (a space before the colon in FR)."""
    return i18n.t("kpi.benchmark_value", lang, area=label, value=value)


def _hover(row: dict, lang: str, pop_date: str) -> str:
    lines = [f"<b>{row['name']}</b> ({row['nis']})"]
    lines.append(_pair("hover.status", i18n.status_label(row["status"], lang), lang))
    if row.get("partial"):
        lines.append(i18n.t("hover.partial", lang))
    if row["status"] == Status.SHARED_CELL.value and row["cell_members"]:
        lines.append(_pair("hover.cell", row["cell_name"], lang))
        lines.append(_pair("hover.members", row["cell_members"], lang))
    population = (f"{i18n.format_number(int(row['population']), lang)} "
                  f"({i18n.format_date(pop_date, lang, 'medium')})")  # fmt: skip
    lines.append(_pair("hover.population", population, lang))
    if row["flags"]:
        labels = ", ".join(i18n.flag_label(f, lang) for f in row["flags"])
        lines.append(_pair("hover.flags", labels, lang))
    if row["source"]:
        lines.append(_pair("hover.source", row["source"], lang))
    return "<br>".join(lines)


def map_layers(
    bundle: DataBundle,
    shown: Shown,
    frame: pd.DataFrame,
    mask: pd.Series,
    state: ViewState,
    lang: str,
) -> MapLayers:
    pop_date = str(frame["population_date"].iloc[0])
    category = frame["status"].where(mask, "outside")
    hover = [_hover(r, lang, pop_date) for r in frame.to_dict(orient="records")]
    communes = pd.DataFrame({"nis": frame["nis"], "category": category, "hover": hover})

    regions = pd.DataFrame(columns=["id", "share", "hover"])
    if shown.kind == "public":
        shares = published_shares(published(bundle, shown.published_key), frame)
        shares = shares[shares["geography"] != "BE"]
        if state.region:
            wanted = {GEOGRAPHY_OF_REGION[r] for r in state.region if r in GEOGRAPHY_OF_REGION}
            shares = shares[shares["geography"].isin(wanted)]
        regions = pd.DataFrame(
            {
                "id": shares["geography"].map(REGION_OF_GEOGRAPHY),
                "share": shares["share"],
                "hover": [
                    f"<b>{i18n.region_label(g, lang)}</b><br>"
                    + i18n.t("hover.region_share", lang,
                             share=i18n.format_percent(s, lang))
                    + "<br>" + _labelled(i18n.measure_label(m, lang), f"{v} / {n}", lang)
                    + "<br>"
                    + i18n.t("notice.published_figure", lang, id=src)
                    for g, s, m, v, n, src in shares[
                        ["geography", "share", "measure", "value", "total", "source_id"]
                    ].itertuples(index=False)
                ],
            }
        )  # fmt: skip

    wanted_flags = {str(f) for f in state.flag} if state.flag else None
    flagged = frame[mask & frame["flags"].map(bool)]
    if wanted_flags:
        flagged = flagged[flagged["flags"].map(lambda fl: bool(wanted_flags & set(fl)))]
    flags = pd.DataFrame(
        {
            "lon": flagged["lon"],
            "lat": flagged["lat"],
            "hover": [
                f"<b>{n}</b><br>" + "<br>".join(i18n.flag_label(f, lang) for f in fl)
                for n, fl in zip(flagged["name"], flagged["flags"], strict=True)
            ],
        }
    )
    return MapLayers(
        communes=communes,
        regions=regions,
        flags=flags,
        unknown_transparent=shown.kind == "public",
        region_scale_title=i18n.t("legend.region_share", lang),
        flags_name=i18n.t("legend.flags", lang),
    )


def map_summary(shown: Shown, frame: pd.DataFrame, mask: pd.Series, lang: str) -> str:
    sel = frame[mask]
    covered = int(sel["covered"].sum())
    total = len(sel)
    return i18n.t(
        "a11y.map_summary",
        lang,
        date=i18n.format_date(shown.date_key, lang),
        covered=covered,
        total=total,
        share=i18n.format_percent(covered / total if total else math.nan, lang),
        none=int((sel["status"] == "none").sum()),
        unknown=int((sel["status"] == "unknown").sum()),
    )


# ----------------------------------------------------------------------------- key figures


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    benchmarks: tuple[str, ...]
    note: str = ""
    missing: bool = False  # no figure: the value is an explanation, not a number


def _selection_geography(state: ViewState) -> str:
    """The published geography matching the region filter (one region), else Belgium."""
    if state.region and len(state.region) == 1:
        return GEOGRAPHY_OF_REGION.get(state.region[0], "BE")
    return "BE"


def key_figures(
    bundle: DataBundle,
    shown: Shown,
    frame: pd.DataFrame,
    mask: pd.Series,
    state: ViewState,
    lang: str,
) -> tuple[list[KeyFigure], str]:
    """The strip: (figures, as-of line)."""
    t = i18n.t
    pct = i18n.format_percent
    if shown.kind == "public":
        pub = published(bundle, shown.published_key)
        shares = published_shares(pub, frame).set_index("geography")
        geo = _selection_geography(state)
        figures = []
        cells, src = _value(pub, geo, "cells")
        be_cells, _ = _value(pub, "BE", "cells")
        bench = (t("kpi.benchmark_value", lang, area=t("kpi.belgium", lang),
                   value=i18n.format_number(be_cells, lang)),) if geo != "BE" else ()  # fmt: skip
        figures.append(KeyFigure(
            t("kpi.cells", lang),
            i18n.format_number(cells, lang) if cells is not None else t("kpi.not_published", lang),
            bench if cells is not None and be_cells is not None else (),
            t("notice.published_figure", lang, id=src) if src else "",
            cells is None,
        ))  # fmt: skip

        def share_bench(col: str) -> tuple[str, ...]:
            if geo == "BE" or "BE" not in shares.index:
                return ()
            return (t("kpi.benchmark_value", lang, area=t("kpi.belgium", lang),
                      value=pct(shares.at["BE", col], lang)),)  # fmt: skip

        if geo in shares.index:
            row = shares.loc[geo]
            figures.append(KeyFigure(
                t("kpi.communes_covered", lang),
                t("kpi.covered_of_total", lang, covered=int(row["value"]), total=int(row["total"])),
                (t("kpi.benchmark_value", lang, area=t("kpi.belgium", lang),
                   value=t("kpi.covered_of_total", lang, covered=int(shares.at["BE", "value"]),
                           total=int(shares.at["BE", "total"]))),)
                if geo != "BE" and "BE" in shares.index else (),
                f"{i18n.measure_label(row['measure'], lang)} · "
                + t("notice.published_figure", lang, id=row["source_id"]),
            ))  # fmt: skip
            figures.append(KeyFigure(t("kpi.share_communes", lang), pct(row["share"], lang),
                                     share_bench("share")))  # fmt: skip
        else:
            for key in ("kpi.communes_covered", "kpi.share_communes"):
                figures.append(KeyFigure(t(key, lang), t("kpi.not_published", lang), (), "", True))
        figures.append(
            KeyFigure(t("kpi.share_population", lang), t("kpi.not_published", lang), (), "", True)
        )
        as_of = t("kpi.as_of", lang, date=i18n.format_date(shown.date_key, lang))
        return figures, as_of

    sel = frame[mask]
    whole = frame

    def stats(sub: pd.DataFrame) -> dict:
        pop = sub["population"].sum()
        cells = {c for c in sub["cell_id"] if c}
        return {
            "cells": len(cells),
            "covered": int(sub["covered"].sum()),
            "total": len(sub),
            "share": sub["covered"].mean() if len(sub) else math.nan,
            "pop_share": sub.loc[sub["covered"], "population"].sum() / pop if pop else math.nan,
        }

    s = stats(sel)
    be = stats(whole)
    regions = sorted(set(sel["region"])) if len(sel) else []
    reg = stats(whole[whole["region"] == regions[0]]) if len(regions) == 1 else None
    reg_name = i18n.region_label(regions[0], lang) if reg else ""

    def bench(key: str, fmt) -> tuple[str, ...]:
        if bool(mask.all()):  # the selection is Belgium: nothing to compare with
            return ()
        out = []
        if reg is not None:
            out.append(t("kpi.benchmark_value", lang, area=reg_name, value=fmt(reg[key])))
        out.append(t("kpi.benchmark_value", lang, area=t("kpi.belgium", lang), value=fmt(be[key])))
        return tuple(out)

    num = lambda v: i18n.format_number(v, lang)  # noqa: E731
    p = lambda v: pct(v, lang)  # noqa: E731
    figures = [
        KeyFigure(t("kpi.cells", lang), num(s["cells"]), bench("cells", num)),
        KeyFigure(
            t("kpi.communes_covered", lang),
            t("kpi.covered_of_total", lang, covered=s["covered"], total=s["total"]),
            bench("share", p),
        ),  # fmt: skip
        KeyFigure(t("kpi.share_communes", lang), p(s["share"]), bench("share", p)),
        KeyFigure(t("kpi.share_population", lang), p(s["pop_share"]), bench("pop_share", p)),
    ]
    as_of = t("kpi.as_of", lang, date=i18n.format_date(shown.as_of, lang))
    return figures, as_of


# ----------------------------------------------------------------------------- breakdown


BREAKDOWN_COLUMNS = ("label", "cells", "communes", "own_cell", "shared_cell", "planned", "none",
                     "unknown", "share_communes", "share_population")  # fmt: skip


def conflict_notes(bundle: DataBundle, rows: pd.DataFrame, geo: str, lang: str) -> list[str]:
    """A note for every shown figure another source contradicts (same date or not)."""
    snaps = bundle.record.snapshots
    notes = []
    for o in rows.to_dict(orient="records"):
        others = [x for x in str(o.get("conflict_with") or "").split(";") if x]
        others += [x for x in str(o.get("other_sources") or "").split(";") if x]
        for src in dict.fromkeys(others):
            hit = snaps[(snaps["source_id"] == src) & (snaps["geography"] == geo)
                        & (snaps["measure"] == o["measure"])]  # fmt: skip
            if hit.empty:
                continue
            said = ", ".join(
                f"{v} ({i18n.format_date(d, lang)})"
                for v, d in zip(hit["value"], hit["as_of"], strict=True)
            )
            notes.append(
                i18n.t("notice.sources_disagree", lang, a=f"{o['source_id']} ({o['value']})",
                       b=src, value=said)
                + f" — {i18n.region_label(geo, lang)}, {i18n.measure_label(o['measure'], lang)}"
            )  # fmt: skip
    return notes


def restrict(snapshot: MembershipSnapshot, codes: set[str]) -> MembershipSnapshot:
    """The snapshot for a selection of communes (cells with a member in it)."""
    return dataclasses.replace(
        snapshot,
        statuses=tuple(s for s in snapshot.statuses if s.nis in codes),
        cells=tuple(c for c in snapshot.cells if codes & set(c.members)),
        flags=tuple(f for f in snapshot.flags if f.nis in codes),
    )


def breakdown_table(
    bundle: DataBundle, shown: Shown, frame: pd.DataFrame, mask: pd.Series, level: str, lang: str
) -> tuple[pd.DataFrame, list[str]]:
    """Rows of the breakdown table and notes (conflicts, published-only)."""
    notes: list[str] = []
    if shown.kind == "public":
        pub = published(bundle, shown.published_key)
        shares = published_shares(pub, frame).set_index("geography")
        rows = []
        for geo in ("BE-VLG", "BE-WAL", "BE-BRU", "BE-DG", "BE"):
            sub = pub[pub["geography"] == geo]
            if sub.empty:
                continue
            values = dict(zip(sub["measure"], sub["value"], strict=True))
            share = shares.at[geo, "share"] if geo in shares.index else math.nan
            with_cell = next((values[m] for m in WITH_CELL_MEASURES if m in values), None)
            rows.append({
                "geography": geo,
                "label": i18n.region_label(geo, lang),
                "cells": values.get("cells"),
                "communes_with_cell": with_cell,
                "communes_without_cell": values.get("communes_without_cell"),
                "communes": _region_counts(frame).get(geo),
                "share_communes": share,
                "source": ", ".join(sorted(set(sub["source_id"]))),
            })  # fmt: skip
            notes += conflict_notes(bundle, sub, geo, lang)
        if level != "region":
            notes.insert(
                0, i18n.t("breakdown.published_only", lang,
                          date=i18n.format_date(shown.date_key, lang))
            )  # fmt: skip
        return pd.DataFrame(rows), notes

    sel_frame = frame[mask]
    snapshot = restrict(shown.snapshot, set(sel_frame["nis"]))
    # The German-speaking Community is reported apart in published figures.
    levels = (level, "community") if level == "region" else (level,)
    m = metrics.coverage_metrics(snapshot, sel_frame, levels=levels)
    m = m[m["unit"] != ""]
    units = bundle.vintages[shown.vintage].units.set_index("code")
    label_col = f"name_{lang}" if lang != "en" else "name_fr"

    def label(level_: str, unit: str, name: str) -> str:
        if level_ in ("region", "community"):
            return i18n.region_label("DG" if unit == "BE-DG" else unit, lang)
        if level_ == "province":
            return i18n.province_label(unit, lang) if unit else i18n.region_label("04000", lang)
        if level_ == "arrondissement" and unit in units.index:
            return str(units.at[unit, label_col])
        return name or unit

    table = pd.DataFrame({
        "unit": m["unit"],
        "label": [label(lv, u, n) for lv, u, n in zip(m["level"], m["unit"], m["unit_name"],
                                                        strict=True)],
        "cells": m["cells"],
        "communes": m["communes"],
        "own_cell": m["communes_own_cell"],
        "shared_cell": m["communes_shared_cell"],
        "planned": m["communes_planned"],
        "none": m["communes_none"],
        "unknown": m["communes_unknown"],
        "share_communes": m["share_communes_covered"],
        "share_population": m["share_population_covered"],
    })  # fmt: skip
    table = table.sort_values(["share_communes", "label"], ascending=[False, True])
    return table.reset_index(drop=True), notes


def breakdown_chart_frame(table: pd.DataFrame, shown: Shown, lang: str) -> pd.DataFrame:
    if table.empty:
        return table
    if shown.kind == "public":
        t = table[table["geography"] != "BE"].dropna(subset=["share_communes"])
        return pd.DataFrame({
            "label": t["label"], "share": t["share_communes"],
            "text": [i18n.format_percent(s, lang) for s in t["share_communes"]],
            "unit": t["geography"].map(REGION_OF_GEOGRAPHY),
        })  # fmt: skip
    out = pd.DataFrame({"label": table["label"], "unit": table["unit"]})
    for cat in ("own_cell", "shared_cell", "planned", "none", "unknown"):
        out[cat] = table[cat] / table["communes"]
    out["covered_share"] = table["share_communes"]
    out.attrs["legend"] = {c: i18n.status_label(c, lang) for c in STATUS_ORDER}
    return out


def drill_down(state: ViewState, unit: str | None) -> ViewState | None:
    """Clicking a bar: a region opens its provinces, a province its arrondissements."""
    if not unit:
        return None
    if state.level == "region" and unit in ("02000", "03000", "04000", "DG", "BE-DG"):
        region = "DG" if unit == "BE-DG" else unit
        level = "arrondissement" if region == "04000" else "province"  # Brussels: no province
        return state.replace(region=(region,), level=level)
    if state.level == "province" and unit in PROVINCES:
        return state.replace(province=(unit,), level="arrondissement")
    if state.level == "arrondissement":
        return state.replace(level="police_zone")
    return None


# ----------------------------------------------------------------------------- timeline


def timeline_frame(bundle: DataBundle, lang: str, regions: Iterable[str] = ()) -> pd.DataFrame:
    """Every published date: per geography, the share of communes with a cell."""
    rows = []
    wanted = {GEOGRAPHY_OF_REGION[r] for r in regions if r in GEOGRAPHY_OF_REGION}
    for pub_date in bundle.record.published_dates():
        vintage = geodata.vintage_for_date(pub_date.date).key
        communes = bundle.vintages[vintage].communes
        shares = published_shares(published(bundle, pub_date.key), communes)
        for r in shares.itertuples():
            if wanted and r.geography not in wanted | {"BE"}:
                continue
            title = bundle.record.source(r.source_id).get("title", "")
            rows.append({
                "date": pd.Timestamp(pub_date.date),
                "geography": r.geography,
                "share": r.share,
                "dash": r.measure != "communes_with_cell",
                "hover": (
                    f"<b>{i18n.region_label(r.geography, lang)}</b> — "
                    f"{i18n.format_date(pub_date.key, lang)}<br>"
                    + _labelled(i18n.measure_label(r.measure, lang),
                                f"{r.value} / {r.total} ({i18n.format_percent(r.share, lang)})",
                                lang)
                    + "<br>"
                    + _pair("hover.source", f"{r.source_id} — {title}", lang)
                ),
            })  # fmt: skip
    return pd.DataFrame(rows, columns=["date", "geography", "share", "dash", "hover"])


# ----------------------------------------------------------------------------- provenance


def sources_used(bundle: DataBundle, shown: Shown, frame: pd.DataFrame) -> pd.DataFrame:
    ids: set[str] = set()
    if shown.published_key:
        ids |= set(published(bundle, shown.published_key)["source_id"])
    for s in frame["source"]:
        ids |= {x for x in str(s).split(";") if SOURCE_ID.fullmatch(x)}
    for f in shown.snapshot.flags:
        ids.add(f.source)
    src = bundle.record.sources
    return src[src["source_id"].isin(ids)].sort_values("source_id")


def export_frame(shown: Shown, frame: pd.DataFrame, mask: pd.Series, lang: str) -> pd.DataFrame:
    """The commune table as a file: machine-readable columns, the data's origin on every row
    (an illustrative dataset says so on every row, as on every view)."""
    sel = frame[mask]
    if shown.illustrative:
        origin = i18n.t("notice.illustrative", lang)
    elif shown.kind == "public":
        origin = i18n.t("dataset.public", lang)
    else:
        origin = shown.snapshot.source
    return pd.DataFrame({
        "nis_code": sel["nis"], "commune": sel["name"], "region": sel["region"],
        "province": sel["province"], "status": sel["status"], "cell": sel["cell_name"],
        "cell_members": sel["cell_members"], "population": sel["population"].astype(int),
        "population_date": sel["population_date"],
        "flags": [";".join(f) for f in sel["flags"]], "source": sel["source"],
        "as_of": shown.date_key, "commune_division": shown.vintage, "data": origin,
    })  # fmt: skip


def commune_table(frame: pd.DataFrame, mask: pd.Series, lang: str) -> pd.DataFrame:
    sel = frame[mask]
    return pd.DataFrame({
        "name": sel["name"],
        "nis": sel["nis"],
        "region": [i18n.region_label(r, lang, short=True) for r in sel["region"]],
        "status": [i18n.status_label(s, lang) for s in sel["status"]],
        "cell": sel["cell_members"],
        "population": sel["population"].astype(int),
        "flags": [", ".join(i18n.flag_label(f, lang) for f in fl) for fl in sel["flags"]],
        "source": sel["source"],
    })  # fmt: skip
