"""How a filter click's polygon-dependent work grows with the number of polygons.

Synthetic communes (made up here, for timing only: never shown) at 589, 2,000 and 20,000
polygons, with the columns the filters read. Per click: the filter mask, the colour values
of the map patch and the selection of the table twin, serialised and gzipped.
"""

from __future__ import annotations

import gzip
import json
import statistics
import time

import numpy as np
import pandas as pd

from dashboard import views
from dashboard.coverage.model import Flag
from dashboard.figures.map import category_codes
from dashboard.filters import flag_column
from dashboard.state import PROVINCES, ViewState

SIZES = (589, 2_000, 20_000)
STATUSES = ("own_cell", "shared_cell", "planned", "none", "unknown")


def synthetic_frame(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    provinces = np.array(sorted(PROVINCES))
    province = provinces[rng.integers(0, len(provinces), n)]
    status = np.array(STATUSES)[rng.integers(0, len(STATUSES), n)]
    return pd.DataFrame({
        "nis": [f"{90000 + i:05d}" if i < 10000 else f"9{i:05d}" for i in range(n)],
        "region": [PROVINCES[p] for p in province],
        "province": province,
        "german_speaking": rng.random(n) < 0.015,
        "status": status,
        "category": status,
        "population": rng.integers(1_000, 100_000, n),
        # one boolean column per flag, as the commune frame has them
        **{flag_column(f.value): rng.random(n) < 0.03 for f in Flag},
    })  # fmt: skip


def click(frame: pd.DataFrame, state: ViewState) -> int:
    """The per-polygon work of one click, as the app does it (the filter mask, the map's
    colour values, the table twin's mask); returns the gzipped bytes it sends."""
    mask = views.filter_mask(frame, state)
    z = category_codes(frame["category"].where(mask, "outside"))
    table_mask = "".join(np.where(mask.to_numpy(), "1", "0"))
    payload = json.dumps({"z": z, "mask": table_mask}).encode()
    return len(gzip.compress(payload, compresslevel=6))


def measure(repeat: int = 30) -> dict[int, dict[str, float]]:
    states = (ViewState(region=("03000",)), ViewState(status=("own_cell",)),
              ViewState(pop_band="10-20k"), ViewState(flag=("pilot_2016",)),
              ViewState())  # fmt: skip
    out = {}
    for n in SIZES:
        frame = synthetic_frame(n)
        cpu, size = [], []
        for i in range(repeat):
            t = time.process_time()
            size.append(click(frame, states[i % len(states)]))
            cpu.append((time.process_time() - t) * 1000)
        out[n] = {"cpu": statistics.median(cpu), "gz": statistics.median(size)}
    return out


def report(result: dict[int, dict[str, float]], click_ms: float | None = None) -> str:
    """Each size's per-polygon cost; with ``click_ms`` (a whole click at 589 polygons,
    measured on the real bundle) also the whole click at each size: the rest of a click
    (key figures, breakdown, summary) does not depend on the number of polygons."""
    base = result[SIZES[0]]
    lines = []
    for n, r in result.items():
        line = (f"  {n:6,} polygons: {r['cpu']:6.2f} ms CPU per polygon part, "
                f"{r['gz'] / 1024:5.1f} kB gzipped")  # fmt: skip
        if click_ms is not None:
            whole = click_ms - base["cpu"] + r["cpu"]
            line += (
                f"; whole click about {whole:5.1f} ms ({whole / click_ms:.1f}x the click at 589)"
            )
        lines.append(line)
    return "a click as the polygons grow (synthetic polygons; target at 20,000: <= 5x):\n" + (
        "\n".join(lines)
    )
