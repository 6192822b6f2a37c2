"""The catalogue is complete and consistent; Babel formats; language negotiation; names."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from babel import Locale, localedata
from hypothesis import given
from hypothesis import strategies as st

from dashboard import i18n, ids
from dashboard.coverage.model import Flag, Status
from dashboard.i18n import (
    CATALOGUE,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    format_date,
    format_number,
    format_percent,
    format_population,
    negotiate_language,
    parse_accept_language,
    placeholders,
    t,
)

REPO = Path(__file__).resolve().parents[2]
NBSP, NNBSP = "\u00a0", "\u202f"

# Every message id the dashboard is known to need (the UI author relies on these).
REQUIRED_KEYS = [
    "app.title", "app.subtitle", "app.cell_term", "app.cell_term_definition",
    "control.dataset", "dataset.public", "dataset.example", "dataset.upload",
    "control.date", "control.date_latest", "control.region", "control.region_all",
    "control.province", "control.province_all", "control.status", "control.status_all",
    "control.flag", "control.flag_all", "control.pop_band", "control.level",
    "control.language", "control.commune_search", "control.commune_search_placeholder",
    "pop_band.all", "pop_band.under", "pop_band.between", "pop_band.over",
    "flag_group.federal", "flag_group.regional", "flag_group.any_regional",
    "region.DG.note",
    "measure.share_communes_covered", "measure.share_population_covered",
    "measure.communes_unknown",
    "kpi.title", "kpi.selection", "kpi.covered_of_total", "kpi.cells", "kpi.communes_covered",
    "kpi.share_communes", "kpi.share_population", "kpi.belgium",
    "kpi.benchmark_value", "kpi.as_of",
    "breakdown.published_only",
    "table.level", "table.cells", "table.communes", "table.own", "table.shared",
    "table.planned", "table.none", "table.unknown", "table.share_communes",
    "table.share_population", "table.population", "table.commune", "table.nis",
    "table.status", "table.cell", "table.flags", "table.source", "table.empty",
    "timeline.title", "timeline.x_axis",
        "legend.title", "legend.flags", "legend.region_share",
    "hover.status", "hover.cell", "hover.members", "hover.population", "hover.source",
    "hover.flags", "hover.partial", "hover.share_computed",
    "upload.title", "upload.drop", "upload.template", "upload.session_only", "upload.success",
    "upload.errors_title", "upload.previous_kept", "upload.unreadable", "upload.too_large",
    "upload.col.file", "upload.col.row", "upload.col.column", "upload.col.value",
    "upload.col.reason", "upload.col.suggestion", "upload.mapping_prompt",
    "upload.mapping_column", "upload.mapping_apply",
    "field.nis", "field.commune", "field.status", "field.cell", "field.as_of",
    "field.source", "field.comment", "field.ignore",
    "notice.link.malformed", "notice.link.unknown_parameter", "notice.illustrative",
    "notice.sources_disagree", "notice.not_reported",
    "notice.aggregates_only", "notice.no_upload",
    "a11y.skip_link", "a11y.map_name", "summary.public", "a11y.table_alternative",
    "a11y.table_search",
    "provenance.title", "provenance.sources", "provenance.definitions",
    "provenance.known_gaps", "provenance.gaps_text",
    "provenance.col.id", "provenance.col.publisher", "provenance.col.title",
    "provenance.col.date", "provenance.col.link", "provenance.link_missing",
    "provenance.titles_note", "provenance.boundaries", "provenance.division",
    "button.zoom_brussels", "button.reset", "button.export", "button.share", "button.copied",
    "value.inhabitants", "value.missing", "value.yes", "value.no",
    "search.no_match", "search.selected",
]  # fmt: skip


# ---------------------------------------------------------------------------------- languages


def test_languages_and_default():
    assert LANGUAGES == ("fr", "nl", "de", "en")
    assert DEFAULT_LANGUAGE in LANGUAGES
    assert set(i18n.LANGUAGE_NAMES) == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_babel_knows_each_locale(lang):
    name = i18n.BABEL_LOCALES[lang]
    assert localedata.exists(name)
    locale = Locale.parse(name)
    assert locale.language == lang
    assert locale.territory == ("GB" if lang == "en" else "BE")


# ---------------------------------------------------------------------------------- catalogue


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_four_languages_and_same_placeholders(key):
    texts = CATALOGUE[key]
    assert set(texts) == set(LANGUAGES), key
    fields = {lang: placeholders(text) for lang, text in texts.items()}
    assert len(set(fields.values())) == 1, f"{key}: placeholders differ {fields}"
    for lang, text in texts.items():
        assert text.strip() and text == text.strip(), f"{key}/{lang} empty or padded"
        assert "  " not in text, f"{key}/{lang} double space"
        # every message formats with its placeholders
        assert t(key, lang, **{name: 2 if name == "count" else "X" for name in fields[lang]})


@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_required_key_present(key):
    assert key in CATALOGUE


def test_domain_vocabularies_are_complete():
    for status in Status:
        for lang in LANGUAGES:
            assert i18n.status_label(status, lang)
            assert i18n.status_definition(status.value, lang)
    for flag in Flag:
        for lang in LANGUAGES:
            assert i18n.flag_label(flag, lang)
            assert i18n.flag_definition(flag.value, lang)
    for code in ("BE", "02000", "03000", "04000", "DG", "BE-VLG", "BE-WAL", "BE-BRU", "BE-DG"):
        for lang in LANGUAGES:
            assert i18n.region_label(code, lang)
            assert i18n.region_label(code, lang, short=True)
    for code in ("10000", "20001", "20002", "30000", "40000", "50000", "60000", "70000",
                 "80000", "90000"):  # fmt: skip
        assert i18n.province_label(code, "nl")
    for level in ("region", "province", "arrondissement", "police_zone", "commune"):
        assert i18n.level_label(level, "de")


def test_every_published_measure_has_a_name_and_definition():
    measures = set(pd.read_csv(REPO / "data/public_record/snapshots.csv", dtype=str)["measure"])
    measures |= {"share_communes_covered", "share_population_covered", "communes_unknown"}
    for measure in measures:
        for lang in LANGUAGES:
            assert i18n.measure_label(measure, lang)
            assert i18n.measure_definition(measure, lang)


@pytest.mark.parametrize(
    "prefix", ["status.", "flag.", "region.", "dataset.", "level.", "measure.", "button."]
)
def test_labels_are_actually_translated(prefix):
    """Names of things are distinct per language for most keys (a copy-paste guard)."""
    keys = [k for k in CATALOGUE if k.startswith(prefix) and not k.endswith(".note")]
    same = [k for k in keys if len(set(CATALOGUE[k].values())) < 3]
    assert len(same) <= len(keys) // 3, same


def test_official_terms():
    assert t("region.02000", "fr") == "Région flamande"
    assert t("region.02000", "nl") == "Vlaams Gewest"
    assert t("region.02000", "de") == "Flämische Region"
    assert t("region.DG", "de") == "Deutschsprachige Gemeinschaft"
    assert t("level.police_zone", "fr") == "Zone de police"
    assert t("level.police_zone", "nl") == "Politiezone"
    assert t("level.police_zone", "de") == "Polizeizone"
    assert "cellule de sécurité intégrale locale" in t("app.cell_term", "fr")
    assert "lokale integrale veiligheidscel" in t("app.cell_term", "nl")
    assert "lokale integrale Sicherheitszelle" in t("app.cell_term", "de")


def test_french_typography_uses_non_breaking_spaces():
    for key, texts in CATALOGUE.items():
        fr = texts["fr"]
        for mark in ":;?!»":
            assert f" {mark}" not in fr, f"{key}: plain space before {mark!r}"
        assert "« " not in fr, key
    assert t("kpi.benchmark_value", "fr", area="Belgique", value="12 %") == (
        f"Belgique{NBSP}: 12 %"
    )


def test_t_formats_arguments_in_the_language():
    assert t("kpi.covered_of_total", "fr", covered=284, total=1589) == (
        f"284 communes sur 1{NNBSP}589"
    )
    assert t("kpi.covered_of_total", "nl", covered=284, total=1589) == "284 van de 1.589 gemeenten"
    assert t("kpi.covered_of_total", "en", covered=284, total=1589) == "284 of 1,589 communes"
    assert t("kpi.as_of", "de", date=dt.date(2019, 6, 15)) == "Stand: 15. Juni 2019"
    assert t("hover.flag_dated", "en", flag="F", source="S01", date="2016") == "F (S01, 2016)"
    assert t("notice.sources_disagree", "en", a="S09", b="S10", value=148) == (
        "Sources disagree: showing S09; another source, S10, says 148."
    )


def test_t_errors():
    with pytest.raises(KeyError):
        t("no.such.key", "fr")
    with pytest.raises(ValueError):
        t("app.title", "es")
    with pytest.raises(KeyError):
        t("kpi.as_of", "en", wrong="x")  # the placeholder is {date}


def test_catalogue_is_read_only():
    with pytest.raises(TypeError):
        CATALOGUE["app.title"] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        CATALOGUE["app.title"]["en"] = "x"  # type: ignore[index]


# ---------------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("lang", "number", "percent", "percent0"),
    [
        ("fr", f"12{NNBSP}345", f"12,3{NBSP}%", f"50{NBSP}%"),
        ("nl", "12.345", "12,3%", "50%"),
        ("de", "12.345", f"12,3{NBSP}%", f"50{NBSP}%"),
        ("en", "12,345", "12.3%", "50%"),
    ],
)
def test_numbers_and_percentages(lang, number, percent, percent0):
    assert format_number(12345, lang) == number
    assert format_percent(0.1234, lang) == percent
    assert format_percent(0.5, lang, digits=0) == percent0
    assert format_percent(1 / 3, lang, digits=2).startswith("33")
    assert format_number(None, lang) == i18n.MISSING
    assert format_percent(float("nan"), lang) == i18n.MISSING


@pytest.mark.parametrize(
    ("lang", "long", "medium", "short", "month_long", "month_short"),
    [
        ("fr", "15 juin 2019", "15 juin 2019", "15/06/19", "juin 2017", "06/2017"),
        ("nl", "15 juni 2019", "15 jun 2019", "15/06/2019", "juni 2017", "6/2017"),
        ("de", "15. Juni 2019", "15.06.2019", "15.06.19", "Juni 2017", "06/2017"),
        ("en", "15 June 2019", "15 Jun 2019", "15/06/2019", "June 2017", "06/2017"),
    ],
)
def test_dates(lang, long, medium, short, month_long, month_short):
    day = dt.date(2019, 6, 15)
    assert format_date(day, lang) == long
    assert format_date("2019-06-15", lang, "long") == long
    assert format_date(dt.datetime(2019, 6, 15, 12, 0), lang, "medium") == medium
    assert format_date(day, lang, "short") == short
    assert format_date("2017-06", lang) == month_long
    assert format_date("2017-06", lang, "short") == month_short
    for fmt in ("long", "medium", "short"):
        assert format_date("2019", lang, fmt) == "2019"


@pytest.mark.parametrize("bad", ["2019-13", "2019-02-30", "19-06-15", "June 2019", ""])
def test_bad_dates_raise(bad):
    with pytest.raises(ValueError):
        format_date(bad, "en")


def test_bad_date_format_raises():
    with pytest.raises(ValueError):
        format_date(dt.date(2019, 1, 1), "en", "full")  # type: ignore[arg-type]


def test_population():
    assert format_population(12345, "fr") == f"12{NNBSP}345 habitants"
    assert format_population(12345.6, "de") == "12.346 Einwohner"
    assert format_population(999, "nl", unit=False) == "999"
    assert format_population(None, "en") == i18n.MISSING


# ---------------------------------------------------------------------------------- negotiation


@pytest.mark.parametrize(
    ("url", "header", "expected"),
    [
        ("nl", "fr-BE,fr;q=0.9", "nl"),  # the link wins
        ("DE-be", None, "de"),
        ("nl_BE", None, "nl"),
        (None, "nl-BE,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl"),
        ("es", "fr-BE,fr;q=0.9", "fr"),  # unknown link language: the browser decides
        (None, "es-ES,es;q=0.9,de;q=0.5,fr;q=0.7", "fr"),  # q order, not header order
        (None, "en;q=0.5, de;q=0.5", "en"),  # ties keep header order
        (None, "fr;q=0, nl;q=0.1", "nl"),  # q=0 means "not this one"
        (None, "es, it", DEFAULT_LANGUAGE),
        (None, "*", DEFAULT_LANGUAGE),
        (None, None, DEFAULT_LANGUAGE),
        ("", "", DEFAULT_LANGUAGE),
        (None, "fr;q=abc, de", "de"),
    ],
)
def test_negotiate_language(url, header, expected):
    assert negotiate_language(url, header) == expected


def test_parse_accept_language_order():
    assert parse_accept_language("de-BE, en;q=0.8, nl;q=0.9, de;q=0.7") == ["de", "nl", "en"]


@given(st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_negotiate_language_never_raises(url, header):
    assert negotiate_language(url, header) in LANGUAGES


# ---------------------------------------------------------------------------------- purity


def test_no_dash_or_plotly_import():
    code = (
        "import sys, dashboard.i18n, dashboard.state\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in ('dash', 'plotly')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def layout_ids(component, type_name: str) -> list[str]:
    """The ids of every component of ``type_name`` ("AgGrid", "Dropdown") in a layout."""
    found: list[str] = []

    def walk(c) -> None:
        if c is None or isinstance(c, str | int | float):
            return
        if isinstance(c, list | tuple):
            for x in c:
                walk(x)
            return
        if type(c).__name__ == type_name:
            found.append(c.id)
        walk(getattr(c, "children", None))

    walk(component)
    return found


def test_every_grid_of_the_layout_speaks_the_page_language(bundle):
    """Each data grid built once in the layout has its own words ("no rows") patched when
    the language changes: a new grid that is not in the language callback fails here."""
    from dashboard.callbacks.view import LOCALISED_GRIDS
    from dashboard.layout.main import build_layout

    grids = layout_ids(build_layout(bundle), "AgGrid")
    assert ids.COMMUNE_TABLE in grids and len(grids) >= 4
    assert set(grids) - {ids.COMMUNE_TABLE} <= set(LOCALISED_GRIDS)


def test_every_dropdown_of_the_layout_speaks_the_page_language(bundle):
    """Each drop-down list built once in the layout has its own words ("No options found")
    set by the language callback; those built later (the upload dialog) get them built in."""
    from dashboard.callbacks.texts import LOCALISED_DROPDOWNS
    from dashboard.layout.components import dropdown_labels
    from dashboard.layout.main import build_layout

    found = layout_ids(build_layout(bundle), "Dropdown")
    assert ids.COMMUNE in found and len(found) >= 6
    assert set(found) <= set(LOCALISED_DROPDOWNS)
    words = {lang: dropdown_labels(lang) for lang in ("en", "fr", "nl", "de")}
    for name, english in words["en"].items():
        for lang in ("fr", "nl", "de"):
            assert words[lang][name] != english, (name, lang)
    assert all("{num_selected}" in w["selected_count"] for w in words.values())
