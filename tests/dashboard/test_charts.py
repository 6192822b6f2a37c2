import pandas as pd

from dashboard.figures.charts import breakdown_bar_figure, timeline_figure


def test_breakdown_sorted_by_share():
    frame = pd.DataFrame({"label": ["A", "B", "C"], "share": [0.2, 0.9, 0.5],
                          "text": ["20%", "90%", "50%"]})  # fmt: skip
    fig = breakdown_bar_figure(frame, value_label="share", empty_message="none", stacked=False)
    assert list(fig.data[0].y) == ["A", "C", "B"]  # highest share on top
    assert fig.layout.xaxis.tickformat == ".0%"


def test_breakdown_stacked_by_status():
    frame = pd.DataFrame({"label": ["A"], "own_cell": [0.5], "shared_cell": [0.1],
                          "planned": [0.0], "none": [0.2], "unknown": [0.2],
                          "covered_share": [0.6]})  # fmt: skip
    frame.attrs["legend"] = {"own_cell": "Eigen LIVC"}
    fig = breakdown_bar_figure(frame, value_label="x", empty_message="none", stacked=True)
    assert [t.name for t in fig.data][0] == "Eigen LIVC"
    assert len(fig.data) == 5 and fig.layout.barmode == "stack"


def test_empty_states_say_so():
    fig = breakdown_bar_figure(pd.DataFrame(), value_label="x", empty_message="Nothing here",
                               stacked=False)  # fmt: skip
    assert fig.layout.annotations[0].text == "Nothing here" and not fig.data
    fig = timeline_figure(pd.DataFrame(), y_label="y", empty_message="No data",
                          series_names={})  # fmt: skip
    assert fig.layout.annotations[0].text == "No data"


def test_timeline_points_at_their_dates_and_periods_over_their_period():
    """Day-dated figures of one measure are joined; a figure dated only by year is a bar over
    that year, joined to nothing (so no line draws a change no source states)."""
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2016-05-27", "2018-10-17", "2018-12-31", "2019-06-15",
                                "2019-06-15"]),
        "start": pd.to_datetime(["2016-05-27", "2018-10-17", "2018-01-01", "2019-06-15",
                                 "2019-06-15"]),
        "end": pd.to_datetime(["2016-05-27", "2018-10-17", "2018-12-31", "2019-06-15",
                               "2019-06-15"]),
        "precision": ["day", "day", "year", "day", "day"],
        "geography": ["BE", "BE", "BE", "BE", "BE-VLG"],
        "measure": ["communes_involved", "communes_with_cell", "communes_with_cell",
                    "communes_with_cell", "communes_with_cell"],
        "share": [0.26, 0.58, 0.57, 0.66, 0.85],
        "dash": [True, False, False, False, False], "hover": ["a", "b", "c", "d", "e"],
    })  # fmt: skip
    fig = timeline_figure(frame, y_label="share", empty_message="", series_names={"BE": "België"})
    names = [(t.name, t.showlegend, t.mode) for t in fig.data]
    assert names == [("België", True, "lines+markers"), ("België", False, "lines+markers"),
                     ("België", False, "lines"), ("BE-VLG", True, "lines+markers")]  # fmt: skip
    involved, with_cell, period, _ = fig.data
    assert list(involved.marker.symbol) == ["circle-open"] and list(involved.text) == ["a"]
    assert list(with_cell.text) == ["b", "d"]  # the year figure is not on this line
    assert [str(x)[:10] if x is not None else None for x in period.x] == [
        "2018-01-01", "2018-12-31", None]  # fmt: skip
    assert list(period.y) == [0.57, 0.57, None]


def test_long_titles_are_wrapped_over_the_plot():
    from dashboard.figures.charts import wrap_title

    long = "Aandeel gemeenten met een LIVC, of betrokken bij een LIVC in de bewoordingen " * 3
    lines = wrap_title(long).split("<br>")
    assert len(lines) > 1 and all(len(line) <= 95 for line in lines)
    assert " ".join(lines) == " ".join(long.split())
    frame = pd.DataFrame({"label": ["A"], "share": [0.2], "text": ["20%"]})
    fig = breakdown_bar_figure(frame, value_label=long, empty_message="", stacked=False)
    assert fig.layout.title.text == wrap_title(long) and fig.layout.title.x == 0
