"""Plotly figures from the view models: the coverage map and the charts."""
