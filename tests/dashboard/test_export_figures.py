"""The map as a file (issue 14, "Figure export"): SVG, PDF and PNG drawn with matplotlib
(dashboard.exports.mapdraw) and the page's plotly map rendered by kaleido
(dashboard.exports.png), read back from the bytes, on the real shipped data."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pypdf
import pytest
from matplotlib.figure import Figure
from PIL import Image

from dashboard import i18n
from dashboard.exports import mapdraw, png
from dashboard.exports.briefing import briefing
from dashboard.figures.map import CATEGORY_COLOURS
from dashboard.state import ViewState

SVG_NS = "{http://www.w3.org/2000/svg}"
STATES = {
    "example_nl": ViewState(lang="nl", dataset="example"),
    "public_fr_2019": ViewState(lang="fr", date="2019-06-15"),
    "example_fr_wallonia": ViewState(lang="fr", dataset="example", region=("03000",)),
}


@pytest.fixture(scope="module")
def briefings(bundle):
    return {name: briefing(bundle, state) for name, state in STATES.items()}


@pytest.fixture(scope="module")
def svgs(bundle, briefings):
    """Each view's SVG, parsed."""
    out = {}
    for name, b in briefings.items():
        data = mapdraw.draw_map(b, "svg", geometry=bundle.vintages[b.shown.vintage])
        out[name] = (data, ET.fromstring(data))
    return out


@pytest.fixture(scope="module")
def pdfs(bundle, briefings):
    """Each view's PDF, as the text pypdf extracts from every page."""
    out = {}
    for name, b in briefings.items():
        data = mapdraw.draw_map(b, "pdf", geometry=bundle.vintages[b.shown.vintage])
        reader = pypdf.PdfReader(io.BytesIO(data))
        out[name] = (len(reader.pages), "\n".join(p.extract_text() for p in reader.pages))
    return out


def _communes(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("id", "").startswith("commune-")]


def _style(element: ET.Element) -> dict[str, str]:
    pairs = (p.split(":", 1) for p in (element.get("style") or "").split(";") if ":" in p)
    return {k.strip(): v.strip() for k, v in pairs}


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,—·:]+", text) if len(w) > 2]


# --- SVG -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(STATES))
def test_svg_has_one_path_per_commune_with_its_nis_code(name, briefings, svgs):
    b = briefings[name]
    _, root = svgs[name]
    communes = _communes(root)
    assert len(communes) == len(b.frame)
    # one element per commune, holding ONE path (a MultiPolygon commune: subpaths of it)
    assert all(len(list(e.iter(f"{SVG_NS}path"))) == 1 for e in communes)
    codes = [e.get("id").removeprefix("commune-") for e in communes]
    assert codes == b.frame["nis"].astype(str).tolist()
    assert mapdraw.commune_ids(svgs[name][0]) == codes


def test_multipolygon_commune_is_one_path_with_subpaths(bundle, briefings, svgs):
    b = briefings["public_fr_2019"]
    display = bundle.vintages[b.shown.vintage].display
    multi = [f["properties"]["nis"] for f in display["features"]
             if f["geometry"]["type"] == "MultiPolygon"]  # fmt: skip
    assert multi  # the 2019 division has some (e.g. Baarle-Hertog's enclaves)
    _, root = svgs["public_fr_2019"]
    by_id = {e.get("id"): e for e in _communes(root)}
    for nis in multi:
        (path,) = by_id[f"commune-{nis}"].iter(f"{SVG_NS}path")
        assert path.get("d").count("M") >= 2  # several subpaths in one path


@pytest.mark.parametrize("name", list(STATES))
def test_svg_fill_colours_are_the_maps_categories(name, briefings, svgs):
    b = briefings[name]
    _, root = svgs[name]
    fills = {
        e.get("id").removeprefix("commune-"): _style(next(e.iter(f"{SVG_NS}path"))).get("fill")
        for e in _communes(root)
    }
    cats = b.layers.communes.set_index("nis")["category"]
    checked = 0
    for category in cats.unique():
        for nis in cats[cats == category].index[:3]:
            expected = CATEGORY_COLOURS[category].lower()
            if category == "unknown" and b.layers.unknown_transparent:
                expected = "none"  # the region shading shows through, as on the page
            assert fills[str(nis)] == expected, (nis, category)
            checked += 1
    assert checked >= 6


def test_known_communes_keep_their_colours(briefings, svgs):
    """A few communes whose category the view gives, checked by NIS code."""
    b = briefings["example_fr_wallonia"]
    _, root = svgs["example_fr_wallonia"]
    fills = {e.get("id"): _style(next(e.iter(f"{SVG_NS}path"))).get("fill")
             for e in _communes(root)}  # fmt: skip
    cats = dict(zip(b.layers.communes["nis"], b.layers.communes["category"], strict=True))
    assert cats["11002"] == "outside"  # Antwerp: not in the Walloon selection
    assert fills["commune-11002"] == CATEGORY_COLOURS["outside"].lower()
    liege = cats["62063"]
    assert liege != "outside"
    assert fills["commune-62063"] == CATEGORY_COLOURS[liege].lower()


def test_svg_carries_title_selection_data_line_figures_and_sources(briefings, svgs):
    for name, b in briefings.items():
        _, root = svgs[name]
        texts = _texts(root)
        joined = "\n".join(texts)
        assert b.title in texts
        assert " · ".join(b.selection) in joined
        assert b.data_line in joined
        for f in b.headline:
            assert f.value in joined
            assert f.label in joined
        for source_id in b.sources["source_id"]:
            assert source_id in joined, source_id
        for category, label in b.legend:
            assert label in joined, category
        assert b.layers.flags_name in joined


def test_illustrative_mark_on_the_example_only(briefings, svgs):
    for name in ("example_nl", "example_fr_wallonia"):
        b = briefings[name]
        assert b.illustrative and b.illustrative_mark
        _, root = svgs[name]
        texts = _texts(root)
        assert texts.count(b.illustrative_mark) >= 2  # boxed in the header, across the map
        ids = {e.get("id") for e in root.iter()}
        assert {"illustrative-mark", "illustrative-mark-diagonal", "illustrative-box"} <= ids
    b = briefings["public_fr_2019"]
    assert not b.illustrative and not b.illustrative_mark
    data, root = svgs["public_fr_2019"]
    assert not any((e.get("id") or "").startswith("illustrative") for e in root.iter())
    for lang in i18n.LANGUAGES:
        assert i18n.t("map.illustrative_mark", lang) not in "\n".join(_texts(root))


def test_region_shading_on_the_public_record_only(briefings, svgs):
    b = briefings["public_fr_2019"]
    _, root = svgs["public_fr_2019"]
    ids = {e.get("id") for e in root.iter()}
    assert {f"region-{r}" for r in b.layers.regions["id"]} <= ids
    assert "region-scale" in ids
    joined = "\n".join(_texts(root))
    assert b.layers.region_scale_title in joined
    for line in mapdraw.region_lines(b):  # each region's share with its source and date
        assert line in joined
        assert "S01" in line
    _, root = svgs["example_nl"]
    assert not any((e.get("id") or "").startswith("region-") for e in root.iter())


def test_svg_is_deterministic(bundle, briefings, svgs):
    b = briefings["example_nl"]
    again = mapdraw.draw_map(b, "svg", geometry=bundle.vintages[b.shown.vintage])
    assert again == svgs["example_nl"][0]
    assert b"<dc:date>" not in again


def test_focus_zooms_to_a_commune_and_outlines_it(bundle, briefings):
    b = briefings["public_fr_2019"]
    geometry = bundle.vintages[b.shown.vintage]
    root = ET.fromstring(mapdraw.draw_map(b, "svg", geometry=geometry, focus_nis="62063"))
    assert len(_communes(root)) == len(b.frame)
    assert any(e.get("id") == "focus-62063" for e in root.iter())
    with pytest.raises(ValueError, match="99999"):
        mapdraw.draw_map(b, "svg", geometry=geometry, focus_nis="99999")


def test_draw_map_axes_into_a_callers_figure(bundle, briefings):
    b = briefings["example_fr_wallonia"]
    fig = Figure(figsize=(6, 4))
    ax = fig.add_axes((0, 0, 0.6, 1))
    legend_ax = fig.add_axes((0.6, 0, 0.4, 1))
    with mapdraw.DRAW_LOCK:
        patches = mapdraw.draw_map_axes(ax, b, geometry=bundle.vintages[b.shown.vintage],
                                        focus_nis="62063")  # fmt: skip
        legend = mapdraw.draw_legend(legend_ax, b)
    assert list(patches) == b.frame["nis"].astype(str).tolist()
    assert patches["62063"].get_gid() == "commune-62063"
    labels = [t.get_text().replace("\n", " ") for t in legend.get_texts()]
    assert labels[-1] == b.layers.flags_name
    assert i18n.t("export.figure.outside", "fr") in labels
    # the commune and its neighbours fill the view
    x0, x1 = ax.get_xlim()
    assert x1 - x0 < 1.0


def test_unknown_format_is_refused(briefings):
    with pytest.raises(ValueError, match="jpeg"):
        mapdraw.draw_map(briefings["example_nl"], "jpeg")


# --- PDF and PNG -------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(STATES))
def test_pdf_text_has_title_in_page_language_and_the_mark(name, briefings, pdfs):
    b = briefings[name]
    pages, text = pdfs[name]
    assert pages >= 1
    flat = re.sub(r"\s+", " ", text)
    for word in _words(b.title):  # "België" / "Belgique", the date's month in its language
        assert word in flat, word
    for source_id in b.sources["source_id"]:
        assert source_id in flat
    mark_words = _words(i18n.t("map.illustrative_mark", b.lang))
    if b.illustrative:
        assert all(w in flat for w in mark_words)
    else:
        assert not all(w in flat for w in mark_words)


def test_png_has_the_size_asked(bundle, briefings):
    b = briefings["public_fr_2019"]
    data = mapdraw.draw_map(b, "png", geometry=bundle.vintages[b.shown.vintage])
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == (1920, 1080)
    bigger = mapdraw.draw_map(b, "png", 2400, 1350, geometry=bundle.vintages[b.shown.vintage])
    assert Image.open(io.BytesIO(bigger)).size == (2400, 1350)


def test_geometry_defaults_to_the_prepared_folder(briefings):
    data = mapdraw.draw_map(briefings["example_nl"], "png", 960, 540, dpi=75)
    assert Image.open(io.BytesIO(data)).size == (960, 540)


# --- kaleido -----------------------------------------------------------------------------


def test_kaleido_png_of_the_map(bundle, briefings):
    if not png.chromium_available():
        reason = "Chromium is not installed: the kaleido PNG export cannot be tested here"
        print(reason)
        pytest.skip(reason)
    b = briefings["example_nl"]
    data = png.map_png(b, geometry=bundle.vintages[b.shown.vintage])
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size[0] >= 1920 and image.size[1] >= 1080
    fig = png.map_figure(b, bundle.vintages[b.shown.vintage])
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert b.illustrative_mark in texts
    assert "S00" in texts and b.title in texts


def test_without_chromium_map_png_says_so_and_draw_map_still_works(bundle, briefings, monkeypatch):
    monkeypatch.setenv(png.ENV_NO_CHROMIUM, "1")
    assert not png.chromium_available()
    b = briefings["public_fr_2019"]
    with pytest.raises(png.ImageExportUnavailable) as caught:
        png.map_png(b, geometry=bundle.vintages[b.shown.vintage])
    assert caught.value.message == i18n.t("export.figure.unavailable", "fr")
    assert str(caught.value) == caught.value.message
    with pytest.raises(png.ImageExportUnavailable):
        png.figure_png(png.map_figure(b, bundle.vintages[b.shown.vintage]), lang="nl")
    english = i18n.t("export.figure.unavailable", "en")
    assert "Chromium" in english and "PPTX, PDF, SVG, CSV, XLSX and GeoJSON" in english
    data = mapdraw.draw_map(b, "png", geometry=bundle.vintages[b.shown.vintage])
    assert Image.open(io.BytesIO(data)).size == (1920, 1080)


def test_modules_import_no_dash():
    import subprocess
    import sys

    code = (
        "import sys, dashboard.exports.mapdraw, dashboard.exports.png; "
        "assert 'dash' not in sys.modules, 'dash imported'; "
        "assert 'kaleido' not in sys.modules, 'kaleido imported at import'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
