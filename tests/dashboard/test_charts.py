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


def test_timeline_one_line_per_geography():
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2016-05-27", "2019-06-15", "2019-06-15"]),
        "geography": ["BE", "BE", "BE-VLG"], "share": [0.26, 0.66, 0.85],
        "dash": [True, False, False], "hover": ["a", "b", "c"],
    })  # fmt: skip
    fig = timeline_figure(frame, y_label="share", empty_message="", series_names={"BE": "België"})
    assert [t.name for t in fig.data] == ["België", "BE-VLG"]
    assert list(fig.data[0].marker.symbol) == ["circle-open", "circle"]
    assert list(fig.data[0].text) == ["a", "b"]
