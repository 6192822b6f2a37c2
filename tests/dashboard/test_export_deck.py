"""The slide deck (PPTX and PDF), the commune sheet (PDF) and ``csil-dashboard report``
(issue 14), each file read back as its reader reads it: python-pptx, pypdf. On the real
shipped data; the decks are built once per module."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pypdf
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from dashboard import cli, i18n, views
from dashboard.exports import deck as deck_module
from dashboard.exports import png
from dashboard.exports.briefing import briefing
from dashboard.exports.deck_pdf import deck_pdf
from dashboard.exports.profile_sheet import profile_pdf
from dashboard.state import ViewState
from dashboard.views.gaps import gaps_view
from dashboard.views.profile import profile_view

TODAY = dt.date(2026, 3, 2)
STATES = {
    "public_fr": ViewState(lang="fr", date="2019-06-15"),
    "example_nl": ViewState(lang="nl", dataset="example"),
}
SHEETS = {  # (state, commune)
    "liege_fr": (ViewState(lang="fr", date="2019-06-15"), "62063"),
    "gent_nl": (ViewState(lang="nl", dataset="example"), "44021"),
}
SECTION_ORDER = ("title", "map", "breakdown", "gaps", "timeline", "sources")


def norm(text: str) -> str:
    """Whitespace (no-break spaces too) collapsed, for comparing extracted text."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def shape_texts(slide) -> list[str]:
    """Every text of a slide: text frames and table cells."""
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [c.text for row in shape.table.rows for c in row.cells]
    return out


def tables_of(slide) -> list:
    return [s.table for s in slide.shapes if s.has_table]


def rows_of(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def briefings(bundle):
    return {name: briefing(bundle, state) for name, state in STATES.items()}


@pytest.fixture(scope="module")
def decks(bundle, briefings):
    """Each view's laid-out deck, its PPTX bytes and the presentation read back."""
    out = {}
    for name, b in briefings.items():
        made = deck_module.deck_content(bundle, b, TODAY)
        data = deck_module.pptx_bytes(made, bundle)
        out[name] = (made, data, Presentation(io.BytesIO(data)))
    return out


@pytest.fixture(scope="module")
def pdf_decks(bundle, decks):
    """Each view's deck as a PDF: (page count, each page's text)."""
    out = {}
    for name, (made, _, _) in decks.items():
        reader = pypdf.PdfReader(io.BytesIO(deck_pdf(made, bundle)))
        out[name] = [norm(p.extract_text()) for p in reader.pages]
    return out


@pytest.fixture(scope="module")
def sheets(bundle):
    """Each commune sheet: (file name, page count, its text, the profile it shows)."""
    out = {}
    for name, (state, nis) in SHEETS.items():
        file, data = profile_pdf(bundle, state, nis, today=TODAY)
        reader = pypdf.PdfReader(io.BytesIO(data))
        b = briefing(bundle, state)
        view = profile_view(bundle, b.shown, state.lang, nis)
        text = norm(" ".join(p.extract_text() for p in reader.pages))
        out[name] = (file, len(reader.pages), text, view, b)
    return out


@pytest.fixture(scope="module")
def marks(bundle) -> dict[str, str]:
    """The illustrative mark in each language (the example's)."""
    return {
        lang: briefing(bundle, ViewState(lang=lang, dataset="example")).illustrative_mark
        for lang in i18n.LANGUAGES
    }


@pytest.fixture
def no_browser(monkeypatch):
    """No Chromium, and kaleido must not be called."""
    monkeypatch.setenv(png.ENV_NO_CHROMIUM, "1")

    def refuse(*_a, **_k):
        raise AssertionError("a browser was asked for")

    monkeypatch.setattr(png, "figure_png", refuse)
    monkeypatch.setattr(png, "map_png", refuse)
    import plotly.io

    monkeypatch.setattr(plotly.io, "to_image", refuse)


def expected_titles(bundle, b) -> dict[str, str]:
    t = i18n.t
    lang = b.lang
    return {
        "title": b.title,
        "map": t("a11y.map_name", lang),
        "breakdown": views.breakdown_title(b.shown, lang),
        "gaps": t("gaps.title", lang),
        "timeline": t("timeline.title", lang),
        "sources": t("provenance.sources", lang),
    }


# ------------------------------------------------------------------------------ PPTX


@pytest.mark.parametrize("name", list(STATES))
def test_deck_has_the_six_slides_titled_in_the_language(bundle, briefings, decks, name):
    b = briefings[name]
    made, data, prs = decks[name]
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000  # 13.333 × 7.5 in
    assert len(prs.slides) == len(made.slides) == 6
    assert [s.kind for s in made.slides] == list(SECTION_ORDER)
    titles = expected_titles(bundle, b)
    for slide, laid_out in zip(prs.slides, made.slides, strict=True):
        assert slide.shapes.title.text_frame.text == titles[laid_out.kind]
    english = ViewState(lang="en", dataset=b.state.dataset, date=b.state.date)
    english_titles = expected_titles(bundle, briefing(bundle, english))
    for kind in ("map", "gaps", "timeline"):  # translated in the catalogues
        assert titles[kind] != english_titles[kind]
    assert deck_module.deck_file_name(b, "pptx") == (
        "csil-briefing-public-2019-06-15.pptx"
        if name == "public_fr"
        else "csil-briefing-illustrative-2016-05-27.pptx"
    )


def test_a_long_section_goes_on_over_continued_slides(bundle):
    b = briefing(bundle, ViewState(lang="en", dataset="example", level="police_zone"))
    made = deck_module.deck_content(bundle, b, TODAY)
    breakdown = [s for s in made.slides if s.kind == "breakdown"]
    table, _ = views.breakdown_table(bundle, b.shown, b.frame, b.mask, "police_zone", "en")
    assert len(breakdown) > 1
    rows = [r for s in breakdown for item in s.items if isinstance(item, deck_module.Grid)
            for r in item.rows]  # fmt: skip
    assert len(rows) == len(table)  # every police zone, none dropped
    title = views.breakdown_title(b.shown, "en")
    assert breakdown[1].title == i18n.t("export.deck.continued", "en", title=title, part=2,
                                        parts=len(breakdown))  # fmt: skip
    numbers = [s.items for s in made.slides]
    assert all(any(getattr(i, "name", "") == "footer-page" for i in items) for items in numbers)


@pytest.mark.parametrize("name", list(STATES))
def test_breakdown_slide_is_a_real_table_equal_to_the_page_rows(bundle, briefings, decks, name):
    b = briefings[name]
    _, _, prs = decks[name]
    lang = b.lang
    slide = prs.slides[SECTION_ORDER.index("breakdown")]
    (table,) = tables_of(slide)
    rows = rows_of(table)
    page, notes = views.breakdown_table(bundle, b.shown, b.frame, b.mask, b.state.level, lang)
    assert len(rows) == len(page) + 1
    t = i18n.t
    if b.shown.kind == "public":
        keys = ("table.level", "breakdown.col.measure", "breakdown.col.figure",
                "breakdown.col.share", "breakdown.col.date", "table.source",
                "breakdown.col.when", "breakdown.col.basis")  # fmt: skip
        assert rows[0] == [t(key, lang) for key in keys]
        for cells, r in zip(rows[1:], page.to_dict(orient="records"), strict=True):
            assert cells[0] == r["area"] and cells[1] == r["measure"]
            assert cells[2] == i18n.format_number(r["value"], lang)
            assert cells[3] == (r["share"] or "")
            assert cells[4] == r["date"] and cells[5] == r["source"]
            assert cells[7] == (r["share_basis"] or "")
        assert {c[5] for c in rows[1:]} == set(page["source"])
    else:
        assert rows[0][0] == t("table.level", lang)
        assert rows[0][-1] == t("table.share_population", lang)
        for cells, r in zip(rows[1:], page.to_dict(orient="records"), strict=True):
            assert cells[0] == r["label"]
            assert cells[1] == i18n.format_number(r["cells"], lang)
            assert cells[2] == i18n.format_number(r["communes"], lang)
            assert cells[-2] == i18n.format_percent(r["share_communes"], lang)
            assert cells[-1] == i18n.format_percent(r["share_population"], lang)
        assert page.attrs["origin"] in shape_texts(slide)
    texts = [norm(x) for x in shape_texts(slide)]
    for note in notes:
        assert norm(note) in texts


@pytest.mark.parametrize("name", list(STATES))
def test_every_slide_has_the_data_line_and_the_mark_only_when_illustrative(
    briefings, decks, marks, name
):
    b = briefings[name]
    _, _, prs = decks[name]
    mark = marks[b.lang]
    assert mark and (b.illustrative_mark == mark) == b.illustrative
    for slide in prs.slides:
        texts = shape_texts(slide)
        assert b.data_line in texts  # the footer: the data and its date
        has_mark = any(mark in text for text in texts)
        assert has_mark == b.illustrative
        assert any(s.name == "footer-mark" for s in slide.shapes) == b.illustrative


def test_map_slide_has_the_picture_the_legend_and_three_figures_with_sources(briefings, decks):
    b = briefings["example_nl"]
    _, _, prs = decks["example_nl"]
    slide = prs.slides[SECTION_ORDER.index("map")]
    shapes = {s.name: s for s in slide.shapes}
    picture = shapes["map"]
    assert picture.image.content_type == "image/png"
    assert picture.image.size[0] > 1000  # a real raster, drawn with matplotlib
    for i, f in enumerate(b.headline):
        text = shapes[f"figure-{i}"].text_frame.text
        assert f.label in text and f.value in text
        assert all(line in text for line in f.lines)
    labels = [s.text_frame.text for n, s in shapes.items() if n.startswith("legend-")
              and n.endswith("-label")]  # fmt: skip
    assert [name for _, name in b.legend] == labels[: len(b.legend)]


def test_gaps_slide_lists_the_ten_most_populous_and_says_what_is_unknown(bundle, briefings,
                                                                         decks):  # fmt: skip
    for name in STATES:
        b = briefings[name]
        _, _, prs = decks[name]
        view = gaps_view(bundle, b.shown, b.frame, b.mask, b.lang)
        slide = prs.slides[SECTION_ORDER.index("gaps")]
        texts = [norm(x) for x in shape_texts(slide)]
        for line in view.summary:
            assert norm(line) in texts
        (table,) = tables_of(slide)
        rows = rows_of(table)[1:]
        top = view.rows[:10]
        assert [r[1] for r in rows] == [r["name"] for r in top]
        assert [r[4] for r in rows] == [r["population_text"] for r in top]
        if name == "public_fr":  # most statuses unknown: the page's own words say so
            assert view.unknown and norm(view.unknown) in texts
        else:
            assert len(view.rows) > 10 and not view.unknown


def test_timeline_is_a_native_chart_with_each_point_and_its_source(bundle, decks):
    made, _, prs = decks["public_fr"]
    slide = prs.slides[SECTION_ORDER.index("timeline")]
    (chart_shape,) = [s for s in slide.shapes if s.has_chart]
    chart = chart_shape.chart
    assert chart.chart_type == XL_CHART_TYPE.XY_SCATTER_LINES
    assert len(chart.plots[0].series) == len(made.timeline.series)
    frame = views.timeline_frame(bundle, "fr", ())
    source = i18n.t("kpi.benchmark_value", "fr", area=i18n.t("hover.source", "fr"), value="")
    ids = set()
    for hover in frame["hover"]:
        line = next(x for x in hover.split("<br>") if x.startswith(source))
        ids.add(line[len(source) :].split(",")[0])
    (points,) = [t for t in tables_of(slide)]
    assert {r[1] for r in rows_of(points)[1:]} == ids  # every point's source on the slide
    notes = slide.notes_slide.notes_text_frame.text
    assert len(made.timeline.details) == len(frame)
    assert all(d in notes for d in made.timeline.details)


def test_sources_slide_lists_every_source_with_its_date_address_and_use(bundle, briefings,
                                                                        decks):  # fmt: skip
    for name in STATES:
        b = briefings[name]
        made, _, prs = decks[name]
        slides = [s for s, m in zip(prs.slides, made.slides, strict=True) if m.kind == "sources"]
        rows = [r for s in slides for t in tables_of(s) for r in rows_of(t)[1:]]
        by_id = {r[0]: r for r in rows}
        assert set(by_id) == set(b.sources["source_id"])
        for s in b.sources.to_dict(orient="records"):
            row = by_id[s["source_id"]]
            assert row[1] == s["publisher"] and row[2] == s["title"]
            date = i18n.format_date(s["date"], b.lang) if s["date"] else i18n.MISSING
            assert row[3] == date
            assert row[4] == (s["url"] or i18n.t("provenance.link_missing", b.lang))
            assert row[5]
        texts = " ".join(x for s in slides for x in shape_texts(s))
        attribution = bundle.vintages[b.shown.vintage].vintage.attribution
        assert attribution in texts and b.link in texts


def test_deck_is_the_same_bytes_for_the_same_view_and_day(bundle, briefings, decks):
    b = briefings["example_nl"]
    made, data, prs = decks["example_nl"]
    again = deck_module.pptx_bytes(deck_module.deck_content(bundle, b, TODAY), bundle)
    assert again == data
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert all(notes) and notes == [s.notes for s in made.slides]
    props = prs.core_properties
    assert props.title == b.title and props.language == "nl-BE"
    assert props.created == dt.datetime(2016, 5, 27) == props.modified
    assert b.illustrative_mark in props.comments


def test_table_cells_from_data_are_neutralised(bundle, briefings):
    b = briefings["example_nl"]
    sources = b.sources.copy()
    sources.loc[sources.index[0], ["publisher", "title", "url"]] = ["=evil()", "+title", "@url"]
    hostile = dataclasses.replace(b, sources=sources)
    made = deck_module.deck_content(bundle, hostile, TODAY)
    cells = [c for s in made.slides if s.kind == "sources" for item in s.items
             if isinstance(item, deck_module.Grid) for row in item.rows for c in row]  # fmt: skip
    assert {"'=evil()", "'+title", "'@url"} <= set(cells)
    assert not any(c.startswith(("=", "+", "@", "-")) for c in cells)


# ------------------------------------------------------------------------------- PDF deck


@pytest.mark.parametrize("name", list(STATES))
def test_pdf_deck_has_a_page_per_slide_in_the_language(bundle, briefings, decks, pdf_decks,
                                                       marks, name):  # fmt: skip
    b = briefings[name]
    made, _, _ = decks[name]
    pages = pdf_decks[name]
    assert len(pages) == len(made.slides) == 6
    titles = expected_titles(bundle, b)
    for page, slide in zip(pages, made.slides, strict=True):
        assert norm(titles[slide.kind]) in page
        assert norm(b.data_line) in page
        assert (norm(marks[b.lang]) in page) == b.illustrative
    table, _ = views.breakdown_table(bundle, b.shown, b.frame, b.mask, "region", b.lang)
    label = "area" if b.shown.kind == "public" else "label"
    assert all(norm(x) in pages[2] for x in table[label])


# ------------------------------------------------------------------------ commune sheet


@pytest.mark.parametrize("name", list(SHEETS))
def test_commune_sheet_is_one_page_with_the_profile(sheets, marks, name):
    file, pages, text, view, b = sheets[name]
    state, nis = SHEETS[name]
    assert pages == 1
    kind = "illustrative" if b.illustrative else "public"
    assert file == f"csil-commune-{nis}-{kind}-{b.shown.date_key}.pdf"
    assert norm(view.title) in text and nis in text
    assert norm(view.status) in text
    for date, _status, source, stated, *_ in view.history.rows:  # every date with its source
        assert norm(date) in text and norm(stated) in text
        if source != "—":
            assert source in text
    assert norm(view.history.title) in text and norm(view.peers.title) in text
    for row in view.flags.rows:
        assert norm(row[-1]) in text  # the programme's source and date
    for row in view.peers.rows:
        assert norm(row[5]) in text  # the rank
    assert norm(b.data_line) in text
    assert (norm(marks[b.lang]) in text) == b.illustrative
    if b.illustrative:
        assert text.count(norm(b.illustrative_mark)) >= 2  # at the top and in the footer


def test_commune_sheet_refuses_a_commune_not_in_the_division(bundle):
    with pytest.raises(ValueError, match="44049"):
        profile_pdf(bundle, ViewState(lang="en", date="2019-06-15"), "44049", today=TODAY)


def test_deck_and_sheet_need_no_browser(bundle, no_browser):
    b = briefing(bundle, ViewState(lang="de", dataset="example", region=("04000",)))
    name, data = deck_module.deck_bytes(bundle, b, TODAY)
    assert name.endswith(".pptx") and len(Presentation(io.BytesIO(data)).slides) >= 6
    name, data = profile_pdf(bundle, ViewState(lang="de"), "21004", today=TODAY)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1


# ------------------------------------------------------------------------------------ CLI


@pytest.fixture
def cli_bundle(bundle, monkeypatch, no_browser):
    """The CLI on the session's bundle (no second load), without a browser."""
    import dashboard.bundle

    monkeypatch.setattr(dashboard.bundle, "load_bundle", lambda _settings: bundle)
    return bundle


def test_cli_report_writes_the_deck_as_pptx_and_pdf(cli_bundle, tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert cli.main(["report", "--date", "2019-06-15", "--lang", "fr", "--out", str(out)]) == 0
    prs = Presentation(str(out))
    assert len(prs.slides) == 6
    assert prs.slides[0].shapes.title.text_frame.text == "Couverture CSIL — Belgique, 15 juin 2019"
    said = capsys.readouterr().out
    assert str(out) in said
    out = tmp_path / "deck.pdf"
    argv = ["report", "--dataset", "example", "--lang", "nl", "--region", "02000", "04000",
            "--level", "province", "--out", str(out)]  # fmt: skip
    assert cli.main(argv) == 0
    reader = pypdf.PdfReader(str(out))
    first = norm(reader.pages[0].extract_text())
    assert "Vlaams Gewest" in first and "ILLUSTRATIEVE GEGEVENS" in first
    assert len(reader.pages) >= 6


def test_cli_report_writes_a_commune_sheet(cli_bundle, tmp_path):
    out = tmp_path / "liege.pdf"
    argv = ["report", "--commune", "62063", "--date", "2019-06-15", "--lang", "fr", "--out",
            str(out)]  # fmt: skip
    assert cli.main(argv) == 0
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    assert "Liège" in reader.pages[0].extract_text()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--date", "2019-06-14"], ["--date 2019-06-14", "2019-06-15", "2016-05-27"]),
        (["--dataset", "example", "--date", "2019-06-15"], ["--date 2019-06-15", "2016-05-27"]),
        (["--lang", "it"], ["--lang it", "fr, nl, de, en"]),
        (["--region", "flanders"], ["--region flanders", "02000"]),
        (["--level", "zone"], ["--level zone", "police_zone"]),
        (["--dataset", "upload"], ["--dataset upload", "public, example"]),
        (["--commune", "44049", "--date", "2019-06-15"], ["--commune 44049", "Deinze (44083)"]),
        (["--commune", "99999"], ["--commune 99999"]),
        (["--commune", "abc"], ["--commune abc", "21004"]),
    ],
)
def test_cli_report_names_the_bad_argument_and_what_is_allowed(
    cli_bundle, tmp_path, capsys, argv, expected
):
    out = tmp_path / "x.pdf"
    assert cli.main(["report", *argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
    for text in expected:
        assert text in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "extra", "expected"),
    [
        ("x.docx", [], ".pptx / .pdf"),
        ("x.pptx", ["--commune", "62063"], ".pdf"),
        ("missing-folder/x.pdf", [], "missing-folder"),
    ],
)
def test_cli_report_refuses_an_output_it_cannot_write(tmp_path, capsys, name, extra, expected):
    out = tmp_path / name
    assert cli.main(["report", *extra, "--out", str(out)]) == 2  # before any data is read
    err = capsys.readouterr().err
    assert f"--out {out}" in err and expected in err and "Traceback" not in err


def test_the_timeline_years_are_labelled_with_their_own_year(decks):
    """Each year tick of the chart falls on the 1st or 2nd of January, so its "yyyy" label
    names the year that begins there (from the 1st, the ticks after a leap year fell on
    31 December and a 2019 point sat after a "2018" label)."""
    from dashboard.exports.deck import _serial, year_ticks

    made, _, prs = decks["public_fr"]
    tl = made.timeline
    ticks = year_ticks(tl.start, tl.end)
    assert [t.year for t in ticks] == list(range(tl.start.year, tl.end.year))
    assert all(t.month == 1 and t.day <= 2 for t in ticks)
    for start in (dt.date(2015, 1, 1), dt.date(2016, 1, 1), dt.date(2000, 1, 1)):
        long = year_ticks(start, dt.date(start.year + 30, 1, 1))
        assert [t.year for t in long] == list(range(start.year, start.year + 30))
    slide = prs.slides[SECTION_ORDER.index("timeline")]
    (chart,) = [s.chart for s in slide.shapes if s.has_chart]
    axis = chart.category_axis
    assert axis.minimum_scale == _serial(ticks[0]) and axis.major_unit == 365.25
