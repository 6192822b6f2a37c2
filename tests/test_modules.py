"""Every module says its one job on its first line."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(p for folder in ("dashboard", "geodata", "bench")
                 for p in (ROOT / folder).rglob("*.py"))  # fmt: skip


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_opens_with_its_job(path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc, f"{path.relative_to(ROOT)} has no docstring"
    first = doc.splitlines()[0].strip()
    assert len(first) >= 20, f"{path.relative_to(ROOT)}: {first!r} says too little"
