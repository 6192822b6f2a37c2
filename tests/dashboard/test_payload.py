"""The upload payload that comes back from the browser is checked before use (issue 15):
anything but what the server wrote is "no upload", never an exception."""

from __future__ import annotations

import base64
import copy
import dataclasses
import json

import pytest

from dashboard import i18n, ids
from dashboard.app import create_app
from dashboard.callbacks.upload import run_import
from dashboard.settings import Settings
from dashboard.upload import (
    MAX_ENTRIES,
    MAX_TEXT,
    payload_problem,
    payload_to_snapshot,
    snapshot_to_payload,
)

CSV = (
    "nis,commune,status,cell,as_of\n"
    "21004,Bruxelles,own_cell,C1,2019-06-15\n"
    "21001,Anderlecht,shared_cell,C2,2019-06-15\n"
    "21002,Auderghem,shared_cell,C2,2019-06-15\n"
    "21003,Berchem-Sainte-Agathe,none,,2019-06-15\n"
)


@pytest.fixture(scope="module")
def known(bundle):
    return {k: set(v.communes["nis"]) for k, v in bundle.vintages.items()}


@pytest.fixture(scope="module")
def imported(bundle):
    contents = "data:text/csv;base64," + base64.b64encode(CSV.encode()).decode()
    result = run_import(bundle, contents, "cells.csv", None)
    assert result.ok, result.errors
    return result.snapshot


@pytest.fixture(scope="module")
def payload(imported):
    p = snapshot_to_payload(imported, "cells.csv")
    assert p["cells"], "the file has cells"
    return p


def _comparable(snapshot):
    """What the payload carries (no import metadata, no programme flags)."""
    return dataclasses.replace(snapshot, metadata=(), flags=())


def test_an_imported_file_round_trips(imported, payload, known):
    assert payload_problem(payload, known) is None
    back = payload_to_snapshot(json.loads(json.dumps(payload)), known)  # as the browser has it
    assert back == _comparable(dataclasses.replace(imported, source="cells.csv"))


def test_a_file_at_the_importers_limits_round_trips(bundle, known):
    """Whatever the importer accepts, the payload check accepts back: comments and sources
    of the longest cell the importer allows, a long file name."""
    from dashboard.coverage.importer import MAX_VALUE_CHARS

    long_text = "x" * MAX_VALUE_CHARS
    rows = [f"21004,Bruxelles,own_cell,C1,2019-06-15,{long_text},{long_text}"]
    csv = "nis,commune,status,cell,as_of,source,comment\n" + "\n".join(rows) + "\n"
    contents = "data:text/csv;base64," + base64.b64encode(csv.encode()).decode()
    name = "n" * 190 + ".csv"
    result = run_import(bundle, contents, name, None)
    assert result.ok, result.errors
    payload = snapshot_to_payload(result.snapshot, result.file)
    assert payload_problem(payload, known) is None
    assert payload_to_snapshot(payload, known).statuses[0].comment == long_text
    assert MAX_TEXT >= MAX_VALUE_CHARS


def test_the_example_round_trips(bundle, known):
    snap = bundle.example
    back = payload_to_snapshot(snapshot_to_payload(snap, snap.source), known)
    assert back == _comparable(snap)
    assert back.illustrative


def _set(path, value):
    """A change at ``path`` (keys and indexes) of the payload."""

    def change(p):
        target = p
        for step in path[:-1]:
            target = target[step]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return p

    return change


DELETE = object()
SCRIPT = "<script>alert(1)</script>"
JUNK = [None, True, 0, -1, 1.5, "", "x", SCRIPT, [], {}, [[]], {"$": [1]}, "\x00" * 10]


def _tampered() -> list[tuple[str, object]]:
    """About a hundred ways to spoil a payload: (name, change)."""
    out: list[tuple[str, object]] = []
    for key in ("v", "file", "as_of", "vintage", "illustrative", "statuses", "cells"):
        out.append((f"no {key}", _set([key], DELETE)))
        for i, junk in enumerate(JUNK):
            if key == "file" and isinstance(junk, str) and junk:
                continue  # any non-empty short text is a file name
            if key == "illustrative" and junk is True:
                continue
            if key == "cells" and junk == []:
                continue
            if key == "statuses" and junk == []:
                continue  # no statuses and no cells: an empty but sound file
            out.append((f"{key}={i}", _set([key], junk)))
    out += [
        ("extra key", _set(["__proto__"], {"x": 1})),
        ("version 2", _set(["v"], 2)),
        ("version '1'", _set(["v"], "1")),
        ("version 1.0", _set(["v"], 1.0)),
        ("bad date", _set(["as_of"], "2019-02-30")),
        ("date with time", _set(["as_of"], "2019-06-15T00:00:00")),
        ("date far future", _set(["as_of"], "2999-01-01")),
        ("date before 1977", _set(["as_of"], "1900-01-01")),
        ("date outside the division", _set(["as_of"], "2025-06-01")),
        ("unknown vintage", _set(["vintage"], "2030")),
        ("unknown status", _set(["statuses", 0, 1], "covered")),
        ("status script", _set(["statuses", 0, 1], SCRIPT)),
        ("nis not 5 digits", _set(["statuses", 0, 0], "2104")),
        ("nis with letters", _set(["statuses", 0, 0], "2100a")),
        ("nis as number", _set(["statuses", 0, 0], 21004)),
        ("nis unknown", _set(["statuses", 0, 0], "99999")),
        ("nis unicode digits", _set(["statuses", 0, 0], "２１００４")),
        ("status row short", _set(["statuses", 0], ["21004", "own_cell"])),
        ("status row long", _set(["statuses", 0], ["21004", "own_cell", "", "", "", False, 1])),
        ("status row dict", _set(["statuses", 0], {"nis": "21004"})),
        ("partial as text", _set(["statuses", 0, 5], "yes")),
        ("comment huge", _set(["statuses", 0, 4], "x" * (MAX_TEXT + 1))),
        ("source nested", _set(["statuses", 0, 3], {"a": [1, {"b": 2}]})),
        ("cell unknown", _set(["statuses", 0, 2], "C99")),
        ("file huge", _set(["file"], "a" * (MAX_TEXT + 1))),
        ("file empty", _set(["file"], "")),
        ("too many statuses", _set(["statuses"], [["21004", "none", "", "", "", False]] * 5000)),
        ("too many cells", _set(["cells"], [["C", "n", ["21004"]]] * (MAX_ENTRIES + 1))),
        ("duplicate commune", lambda p: (p["statuses"].append(list(p["statuses"][0])), p)[1]),
        ("cell member unknown", _set(["cells", 0, 2], ["99999"])),
        ("cell member without status", _set(["cells", 0, 2], ["21005"])),
        ("cell members not a list", _set(["cells", 0, 2], "21004")),
        ("cell members huge", _set(["cells", 0, 2], ["21004"] * 5000)),
        ("cell id empty", _set(["cells", 0, 0], "")),
        ("cell id number", _set(["cells", 0, 0], 1)),
        ("cell name nested", _set(["cells", 0, 1], [[[[[]]]]])),
        ("cell row short", _set(["cells", 0], ["C1"])),
        ("shared cell with one member", _set(["cells", 1, 2], ["21001"])),
        ("none commune in a cell", _set(["cells", 0, 2], ["21004", "21003"])),
        ("deeply nested", _set(["statuses"], [[[[[[[[[[[]]]]]]]]]]])),
    ]
    return out


TAMPERED = _tampered()


def test_there_are_about_a_hundred_kinds():
    assert len(TAMPERED) >= 100


@pytest.mark.parametrize("name, change", TAMPERED, ids=[n for n, _ in TAMPERED])
def test_a_tampered_payload_is_no_upload(payload, known, name, change):
    spoiled = change(copy.deepcopy(payload))
    assert payload_to_snapshot(spoiled, known) is None
    assert payload_problem(spoiled, known)


@pytest.mark.parametrize("junk", [*JUNK[1:], b"bytes", 10**100, float("nan"), ["v", 1]])
def test_a_payload_that_is_not_an_object_is_no_upload(junk, known):
    assert payload_to_snapshot(junk, known) is None
    assert payload_to_snapshot(junk) is None


def test_no_payload_is_no_upload_without_a_problem():
    assert payload_to_snapshot(None) is None


def test_codes_are_checked_against_the_app_divisions_by_default(bundle, payload):
    """The app gives its divisions' communes once (the upload callbacks' register): every
    later call, from any callback, refuses codes that are not communes of the division."""
    create_app(Settings.from_env({}), bundle)
    spoiled = _set(["statuses", 0, 0], "99999")(copy.deepcopy(payload))
    assert payload_to_snapshot(spoiled) is None
    assert payload_to_snapshot(copy.deepcopy(payload)) is not None


def _text(response) -> str:
    """The answer's JSON as text, non-ASCII letters as themselves."""
    return json.dumps(response.get_json(silent=True), ensure_ascii=False)


def test_the_page_says_to_import_again(bundle, payload):
    """The upload store changed in the browser: the upload area says the data was set aside."""
    app = create_app(Settings.from_env({}), bundle)
    client = app.server.test_client()
    dep = next(d for d in client.get("/_dash-dependencies").get_json()
               if d["output"].startswith(f"{ids.UPLOAD_RESULT}.children@"))  # fmt: skip
    cid, prop = dep["output"].split(".", 1)

    def run(data):
        body = {
            "output": dep["output"],
            "outputs": {"id": cid, "property": prop},
            "inputs": [{"id": ids.UPLOAD_STORE, "property": "data", "value": data}],
            "state": [{"id": ids.STATE, "property": "data", "value": {"lang": "nl"}}],
            "changedPropIds": [f"{ids.UPLOAD_STORE}.data"],
        }
        r = client.post("/_dash-update-component", json=body)
        assert r.status_code in (200, 204)
        return r

    message = i18n.t("upload.payload_rejected", "nl")
    assert message not in _text(run(payload))  # a sound payload: nothing to say
    spoiled = _set(["statuses", 0, 1], SCRIPT)(copy.deepcopy(payload))
    r = run(spoiled)
    assert r.status_code == 200
    assert message in _text(r)
    assert SCRIPT not in r.get_data(as_text=True)


def test_a_division_the_app_has_not_loaded_is_refused(payload, known):
    other = {k: v for k, v in known.items() if k != payload["vintage"]}
    assert payload_problem(payload, other) is not None  # a real division, but not the app's
    assert payload_problem(payload, known) is None


def test_one_payload_is_checked_once_for_all_the_callbacks_of_a_click(payload, monkeypatch):
    from dashboard import upload

    calls = []
    check = upload.parse_payload
    monkeypatch.setattr(upload, "parse_payload", lambda p, k: calls.append(1) or check(p, k))
    fresh = json.loads(json.dumps(payload))
    fresh["file"] = "checked-once.csv"  # not seen before
    first = payload_to_snapshot(fresh)
    again = payload_to_snapshot(json.loads(json.dumps(fresh)))  # the same JSON, a new object
    assert first is not None and again is first
    assert len(calls) == 1
    spoiled = _set(["statuses", 0, 1], "not-a-status")(copy.deepcopy(fresh))
    assert payload_to_snapshot(spoiled) is None and len(calls) == 2
