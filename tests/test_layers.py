"""The pure layers never pull in dash or plotly."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "geodata",
        "dashboard.coverage",
        "dashboard.coverage.model",
        "dashboard.i18n",
        "dashboard.filters",
        "dashboard.state",
        "dashboard.views",
        "dashboard.bundle",
    ],
)
def test_pure_layer_imports_no_dash_or_plotly(module):
    code = (
        f"import sys, {module}, pkgutil, importlib\n"
        f"pkg = sys.modules[{module!r}]\n"
        "for m in pkgutil.walk_packages(getattr(pkg, '__path__', []), pkg.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('dash', 'plotly')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} imported {out.stdout.strip()}"
