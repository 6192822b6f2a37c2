"""The gettext catalogues: complete in every language, the same placeholders everywhere,
current with the code (extraction and compilation), and the only home of translated text."""

from __future__ import annotations

import ast
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from dashboard.i18n import TRANSLATED, catalogue
from dashboard.i18n.catalogue import LOCALE_DIR, english_messages, placeholders
from dashboard.i18n.extract import extract as extract_method

ROOT = Path(__file__).resolve().parents[2]


def _po(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _pot():
    with (LOCALE_DIR / "messages.pot").open("rb") as handle:
        return read_po(handle)


def _entries(cat) -> dict[tuple[str, object], object]:
    return {(m.context, m.id): m for m in cat if m.id}


def _extracted() -> set[tuple[str, object]]:
    """What ``pybabel extract`` finds, through the same extraction method."""
    found = extract(extract_method, io.BytesIO(b""), keywords={"pgettext": ((1, "c"), 2),
                    "npgettext": ((1, "c"), 2, 3)})  # fmt: skip
    return {(context, msgid) for _line, msgid, _comments, context in found}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy_or_obsolete(lang):
    cat = _po(lang)
    assert not cat.fuzzy, f"{lang}: the catalogue header is fuzzy"
    assert not cat.obsolete, f"{lang}: obsolete entries {list(cat.obsolete)[:3]}"
    for m in cat:
        if not m.id:
            continue
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(f.strip() for f in forms), f"{lang}: {m.context} not translated"
        assert not m.fuzzy, f"{lang}: {m.context} is fuzzy"
        if m.pluralizable:
            assert len(forms) == cat.num_plurals, f"{lang}: {m.context} plural forms"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_use_the_placeholders_of_their_english(lang):
    for m in _po(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        wanted = set().union(*(placeholders(i) for i in ids))
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        for form in forms:
            assert placeholders(form) <= wanted, f"{lang}: {m.context}: {form!r}"
            if not m.pluralizable:  # a plural form may leave out {count} ("one row")
                assert placeholders(form) == wanted, f"{lang}: {m.context}: {form!r}"


def test_every_offered_language_but_the_source_has_a_catalogue():
    on_disk = sorted(p.name for p in LOCALE_DIR.iterdir() if p.is_dir())
    assert on_disk == sorted(TRANSLATED)


def test_catalogues_are_current_with_the_code():
    """Every message of the code is in the template and in every catalogue, and nothing
    else: run ``pybabel extract`` and ``pybabel update`` after changing a message."""
    code = _extracted()
    assert len(code) == len(english_messages())
    assert set(_entries(_pot())) == code, "messages.pot is stale: run `pybabel extract`"
    for lang in TRANSLATED:
        assert set(_entries(_po(lang))) == code, f"{lang} is stale: run `pybabel update`"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalogues_are_what_the_po_files_compile_to(lang):
    """The .mo files are committed (the app runs from a checkout with nothing to build);
    they must be what ``pybabel compile`` makes of the .po files."""
    buffer = io.BytesIO()
    write_mo(buffer, _po(lang))
    shipped = catalogue.mo_path(lang).read_bytes()
    assert shipped == buffer.getvalue(), f"{lang}: run `pybabel compile`"


@pytest.mark.skipif(shutil.which("pybabel") is None and not Path(sys.executable).with_name(
    "pybabel").exists(), reason="pybabel is not installed")  # fmt: skip
def test_pybabel_reads_its_configuration_from_pyproject(tmp_path):
    """`pybabel extract` with the configuration in pyproject.toml gives the committed
    template's messages."""
    pybabel = Path(sys.executable).with_name("pybabel")
    out = tmp_path / "messages.pot"
    subprocess.run([str(pybabel if pybabel.exists() else "pybabel"), "extract", "-o", str(out)],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    with out.open("rb") as handle:
        assert set(_entries(read_po(handle))) == set(_entries(_pot()))


def _string_constants(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module except docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            docstrings.add(id(body[0].value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]  # fmt: skip


def test_no_translated_sentence_remains_in_python_source():
    """Translations live in the catalogues only: no French, Dutch or German text of a
    catalogue appears in the code (English, the source language, does)."""
    translated = set()
    for lang in TRANSLATED:
        for m in _po(lang):
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            forms = m.string if isinstance(m.string, tuple) else (m.string,)
            translated |= {f for f in forms if len(f.split()) >= 3 and f not in ids}
    assert len(translated) > 900  # the scan looks for something
    found = []
    for folder in ("dashboard", "geodata"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "dashboard" / "coverage" / "vocab.py":
                continue  # the words people type in their files, in every language: input
            for line, text in _string_constants(path):
                found += [f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}"
                          for f in translated if f in text]  # fmt: skip
    assert not found, "\n".join(found[:20])


def test_a_missing_catalogue_says_which_file_and_how_to_make_it(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path)
    with pytest.raises(catalogue.CatalogueError, match=r"fr.*messages\.mo.*pybabel compile"):
        catalogue.translations.__wrapped__("fr")
    broken = tmp_path / "nl" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "messages.mo").write_bytes(b"not a catalogue")
    with pytest.raises(catalogue.CatalogueError, match="nl"):
        catalogue.translations.__wrapped__("nl")
