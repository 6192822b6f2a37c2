"""The one place that finds the project's own files: the top-level ``data/`` and ``assets/``.

In a checkout (or an editable install) they are the repository's folders. A wheel carries
them inside the package, under ``dashboard/_project/`` (``pyproject.toml`` force-includes
them), read through :mod:`importlib.resources`, so ``pip install .`` works from any folder.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

PACKAGED = "_project"
Name = Literal["data", "assets"]


@cache
def project_dir(name: Name) -> Path:
    """The folder ``data`` or ``assets``: the installed copy, else the checkout's."""
    packaged = resources.files("dashboard").joinpath(PACKAGED, name)
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[1] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"The project's {name}/ folder is neither in the installed package ({packaged}) nor in "
        f"a checkout ({checkout}). Reinstall the package (pip install .) or run from the "
        f"repository."
    )


def data_dir() -> Path:
    """Public record, membership template, example, reference facts, prepared geography."""
    return project_dir("data")


def assets_dir() -> Path:
    """CSS and clientside scripts, passed to Dash as ``assets_folder``."""
    return project_dir("assets")


def geography_dir(data: Path | None = None) -> Path:
    """The prepared geography (written by ``csil-dashboard build-geodata``)."""
    return (data or data_dir()) / "geography"


def reference_dir(data: Path | None = None) -> Path:
    """The fact tables the geography build reads (police zones, German-speaking communes,
    English names)."""
    return (data or data_dir()) / "reference"
