"""Times coverage_metrics against the per-unit loop it replaced, level by level.

Run by hand: ``.venv/bin/python -m bench.metrics [--repeat N]``. On the shipped geography
and the illustrative example (the app's default file), and on a random snapshot of every
division, it prints per level the old time (the reference implementation kept in
tests/coverage/test_metrics.py), the new time (medians, ms) and the ratio, after checking
that both give the same frame.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial

import pandas as pd

from dashboard.bundle import load_bundle
from dashboard.coverage.metrics import LEVELS, coverage_metrics
from dashboard.settings import Settings
from tests.coverage.test_metrics import _reference_coverage_metrics, random_snapshot


def median_ms(fn: Callable[[], object], repeat: int, budget_s: float = 2.0) -> float:
    """Median wall time of ``fn`` in ms over ``repeat`` runs (fewer past ``budget_s``)."""
    fn()  # warm-up
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < repeat and (len(times) < 3 or time.perf_counter() - start < budget_s):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def report(label: str, snapshot, communes: pd.DataFrame, repeat: int) -> list[dict]:
    print(f"\n{label}: {len(communes)} communes, {len(snapshot.statuses)} statuses")
    print(f"{'level':<16}{'units':>6}{'old ms':>10}{'new ms':>10}{'old/new':>9}")
    rows = []
    for levels in [(level,) for level in LEVELS] + [LEVELS]:
        new = coverage_metrics(snapshot, communes, levels=levels)
        old = _reference_coverage_metrics(snapshot, communes, levels=levels)
        pd.testing.assert_frame_equal(new, old, check_dtype=True, check_exact=True)
        old_ms = median_ms(partial(_reference_coverage_metrics, snapshot, communes, levels), repeat)
        new_ms = median_ms(partial(coverage_metrics, snapshot, communes, levels), repeat)
        name = levels[0] if len(levels) == 1 else "all levels"
        print(f"{name:<16}{len(new):>6}{old_ms:>10.2f}{new_ms:>10.2f}{old_ms / new_ms:>8.1f}x")
        rows.append({"levels": name, "units": len(new), "old_ms": old_ms, "new_ms": new_ms})
    return rows


def main(argv: list[str] | None = None) -> dict[str, list[dict]]:
    parser = argparse.ArgumentParser(prog="python -m bench.metrics")
    parser.add_argument("--repeat", type=int, default=30, help="runs per timing (median)")
    args = parser.parse_args(argv)
    bundle = load_bundle(Settings.from_env({}))
    print(f"pandas {pd.__version__}; times are medians of up to {args.repeat} runs")
    results = {}
    if bundle.example is not None:
        communes = bundle.vintages[bundle.example.vintage].communes
        label = f"illustrative example ({bundle.example.vintage})"
        results[label] = report(label, bundle.example, communes, args.repeat)
    for key, data in bundle.vintages.items():
        label = f"random statuses ({key})"
        results[label] = report(label, random_snapshot(data.communes, key, 1), data.communes,
                                args.repeat)  # fmt: skip
    return results


if __name__ == "__main__":
    main()
