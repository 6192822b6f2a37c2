"""The plotly config every graph of the page shares: nothing may leave the machine."""

from __future__ import annotations

#: No "Share chart" / "Edit in Chart Studio" (they upload the figure to Plotly's cloud) and no
#: link to plotly.com.
GRAPH_CONFIG: dict = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud", "editInChartStudio"],
}

#: A graph without a toolbar (charts, small maps).
STATIC_GRAPH_CONFIG: dict = {**GRAPH_CONFIG, "displayModeBar": False}

#: The coverage map: scroll to zoom; no image button of its own (an image without its
#: sources, date and legend is what the briefing's downloads replace: they name them).
MAP_GRAPH_CONFIG: dict = {
    **GRAPH_CONFIG,
    "scrollZoom": True,
    "modeBarButtonsToRemove": [*GRAPH_CONFIG["modeBarButtonsToRemove"], "toImage"],
}
