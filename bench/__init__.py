"""Benchmarks run by hand (python -m bench): clicks, first visit, start, repaint, load, scaling."""
