"""Peer groups of a commune and of an area, with ranks computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import geodata
from dashboard import files
from dashboard.coverage.analysis.peers import (
    COUNTRY,
    NEIGHBOURS,
    POLICE_ZONE,
    POPULATION_BAND,
    PROVINCE,
    REGION,
    PeerGroup,
    area_peers,
    commune_peers,
    nearest_in_population,
    population_ratio,
)
from dashboard.coverage.metrics import status_frame
from dashboard.coverage.model import CommuneStatus, MembershipSnapshot, Status
from tests.coverage.test_gaps import D, frame

# Statuses of tests/coverage/test_gaps.py:
#   11001 none 1000, 11002 none 2000, 11003 own 3000, 11004 none 4000,
#   63001 planned 500, 63002 unknown 600, 63003 none 700, 63004 own 800,
#   21001 none 10000, 21002 shared 20000.


def groups(peers: tuple[PeerGroup, ...]) -> dict[str, PeerGroup]:
    return {g.kind: g for g in peers}


def test_commune_groups_and_ranks():
    g = groups(commune_peers(frame(), "11002", band_size=2))
    assert list(g) == [NEIGHBOURS, POLICE_ZONE, PROVINCE, POPULATION_BAND]
    # Neighbours 11001 (none) and 11003 (own): covered first, then none by population.
    n = g[NEIGHBOURS]
    assert n.members == ("11003", "11002", "11001")
    assert (n.rank, n.ranked, n.population_rank) == (2, 3, 2)
    assert (n.counts.communes, n.counts.communes_covered, n.counts.communes_none) == (3, 1, 2)
    assert n.counts.share_communes_covered == pytest.approx(1 / 3)
    assert (n.population_min, n.population_max) == (1000, 3000)
    assert n.unit == ""
    z = g[POLICE_ZONE]
    assert (z.unit, z.members, z.rank, z.ranked) == ("5001", ("11002", "11001"), 1, 2)
    p = g[PROVINCE]  # 11004 is in province 20000
    assert (p.unit, p.members, p.rank) == ("10000", ("11003", "11002", "11001"), 2)
    assert n.population.date == "2020-01-01" and n.population.source == "population_2020"


def test_population_band_is_the_nearest_by_ratio_ties_by_nis():
    # From 2000: 3000 (x1.5), then 1000 and 4000 (both x2: 11001 before 11004), then 800.
    band = groups(commune_peers(frame(), "11002", band_size=2))[POPULATION_BAND]
    assert set(band.members) == {"11002", "11003", "11001"}
    assert (band.population_min, band.population_max) == (1000, 3000)
    wider = groups(commune_peers(frame(), "11002", band_size=3))[POPULATION_BAND]
    assert set(wider.members) == {"11002", "11003", "11001", "11004"}
    assert population_ratio(1000, 2000) == population_ratio(4000, 2000) == 2.0
    pop = {"a": 100, "b": 50, "c": 200, "d": 101}
    assert nearest_in_population(pop, "a", 2) == ["a", "d", "b"]
    assert nearest_in_population(pop, "a", 10) == ["a", "d", "b", "c"]


def test_default_band_holds_the_whole_small_frame():
    band = groups(commune_peers(frame(), "21002"))[POPULATION_BAND]
    assert len(band.members) == 10  # 20 others asked, 9 exist
    assert (band.population_min, band.population_max) == (500, 20000)


def test_an_unknown_commune_is_not_ranked():
    g = groups(commune_peers(frame(), "63002"))
    n = g[NEIGHBOURS]
    assert n.members == ("63001", "63003", "63002")  # planned, none, then the unknown one
    assert (n.rank, n.ranked) == (None, 2)
    assert n.counts.communes_unknown == 1 and n.counts.communes_none == 1
    z = g[POLICE_ZONE]
    assert (z.members, z.rank, z.ranked) == (("63001", "63002"), None, 1)
    assert all(x.rank is None for x in g.values())
    assert n.population_rank == 2  # 700, 600, 500: its size is known


def test_unknown_never_ranks_among_the_uncovered():
    # In province 60000, 63003 (none) is last of the three with a known status.
    p = groups(commune_peers(frame(), "63003"))[PROVINCE]
    assert p.members == ("63004", "63001", "63003", "63002")
    assert (p.rank, p.ranked) == (3, 3)
    assert p.counts.communes == 4


def test_planned_ranks_between_covered_and_none():
    p = groups(commune_peers(frame(), "63001"))[PROVINCE]
    assert p.rank == 2


def test_brussels_commune_is_compared_within_its_region():
    g = groups(commune_peers(frame(), "21001"))
    assert PROVINCE not in g
    r = g[REGION]
    assert (r.unit, r.members, r.rank, r.ranked) == ("04000", ("21002", "21001"), 2, 2)


def test_equal_keys_share_a_rank():
    g = groups(commune_peers(frame(population={"11001": 2000}), "11002"))
    z = g[POLICE_ZONE]
    assert z.members == ("11001", "11002")  # same status, same size: by NIS
    assert (z.rank, z.population_rank) == (1, 1)


def test_no_police_zone_group_when_the_zone_is_unknown():
    g = groups(commune_peers(frame(police_zone={"11002": ""}), "11002"))
    assert POLICE_ZONE not in g


def test_unknown_commune_code():
    with pytest.raises(KeyError):
        commune_peers(frame(), "99999")


# ----------------------------------------------------------------------------- areas


def test_province_peers():
    g = groups(area_peers(frame(), "province", "10000", band_size=1))
    assert list(g) == [NEIGHBOURS, REGION, POPULATION_BAND]
    # 10000: 1/3 covered, 3000/6000; 20000: 0/1.
    n = g[NEIGHBOURS]
    assert (n.level, n.members, n.rank, n.ranked) == ("province", ("10000", "20000"), 1, 2)
    assert (n.counts.communes, n.counts.communes_covered) == (4, 1)
    assert (g[REGION].unit, g[REGION].members) == ("02000", ("10000", "20000"))
    # Band of 1 from 6000: 4000 (x1.5) before 2600 (x2.3).
    assert set(g[POPULATION_BAND].members) == {"10000", "20000"}
    alone = groups(area_peers(frame(), "province", "60000"))[NEIGHBOURS]
    assert (alone.members, alone.rank, alone.ranked) == (("60000",), 1, 1)
    assert (alone.counts.communes_unknown, alone.counts.communes_planned) == (1, 1)


def test_police_zone_peers_parent_by_majority_ties_to_smaller_code():
    # Zone 5002 holds one commune of province 10000 and one of 20000: its parent is 10000.
    g = groups(area_peers(frame(), "police_zone", "5001"))
    p = g[PROVINCE]
    assert (p.unit, p.members) == ("10000", ("5002", "5001"))
    assert (p.rank, p.ranked) == (2, 2)
    assert g[NEIGHBOURS].members == ("5002", "5001")
    assert groups(area_peers(frame(), "police_zone", "5002"))[PROVINCE].unit == "10000"


def test_brussels_areas_compare_within_the_region():
    g = groups(area_peers(frame(), "police_zone", "5339"))
    assert (g[REGION].unit, g[REGION].members) == ("04000", ("5339",))
    a = groups(area_peers(frame(), "arrondissement", "21000"))
    assert REGION in a and a[REGION].unit == "04000"


def test_region_peers_rank_like_the_ranking():
    g = groups(area_peers(frame(), "region", "02000"))
    c = g[COUNTRY]
    assert (c.unit, c.members, c.rank, c.ranked) == ("BE", ("04000", "03000", "02000"), 3, 3)
    assert c.counts.communes == 10
    assert c.counts.communes_unknown == 1


def test_area_ties_share_a_rank():
    # The band of 5287 (1100 inhabitants, 0/2 covered) with 2 others: 5288 (1500, x1.36,
    # 1/2 covered) and 5001 (3000, x2.7, 0/2 covered). 5001 and 5287 tie at rank 2 (by code).
    band = groups(area_peers(frame(), "police_zone", "5287", band_size=2))[POPULATION_BAND]
    assert band.members == ("5288", "5001", "5287")
    assert band.rank == 2


def test_area_errors():
    with pytest.raises(ValueError, match="unknown area level"):
        area_peers(frame(), "commune", "11001")
    with pytest.raises(KeyError):
        area_peers(frame(), "province", "")
    with pytest.raises(KeyError):
        area_peers(frame(), "province", "99999")


# ----------------------------------------------------------------------------- real frame


@pytest.fixture(scope="module")
def real_frame() -> pd.DataFrame:
    communes = geodata.load_communes("2019-2024", files.geography_dir())
    statuses = (
        CommuneStatus("11002", Status.OWN_CELL),  # Antwerpen
        CommuneStatus("11001", Status.NONE),  # Aartselaar, a neighbour
        CommuneStatus("44021", Status.PLANNED),  # Gent
    )
    return status_frame(MembershipSnapshot(D, "2019-2024", statuses), communes)


def test_real_commune_peers(real_frame):
    g = groups(commune_peers(real_frame, "11001"))
    n = g[NEIGHBOURS]
    aartselaar = real_frame.set_index("nis").loc["11001"]
    assert set(n.members) == {"11001", *aartselaar["neighbours"]}
    assert n.members[0] == "11002"  # the covered neighbour first
    assert (n.rank, n.ranked) == (2, 2)  # the others are unknown, not ranked
    assert n.counts.communes_unknown == len(n.members) - 2
    band = g[POPULATION_BAND]
    assert len(band.members) == 21
    assert band.population_min <= aartselaar["population"] <= band.population_max
    # The largest commune: its band reaches down, its group keeps its size.
    antwerp = groups(commune_peers(real_frame, "11002"))
    assert len(antwerp[POPULATION_BAND].members) == 21
    assert antwerp[POPULATION_BAND].population_rank == 1
    assert antwerp[PROVINCE].rank == 1


def test_real_area_peers(real_frame):
    g = groups(area_peers(real_frame, "province", "10000"))
    assert set(g[REGION].members) == {"10000", "20001", "30000", "40000", "70000"}
    assert g[REGION].rank == 1  # the only province with a covered commune
    assert "20001" in g[NEIGHBOURS].members
    antwerp_zone = real_frame.set_index("nis").at["11002", "police_zone"]
    z = groups(area_peers(real_frame, "police_zone", antwerp_zone))
    assert z[PROVINCE].unit == "10000"
    assert not math.isnan(z[PROVINCE].counts.share_communes_covered)
