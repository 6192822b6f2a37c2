"""URL query state: writing, reading, fallbacks with notices, round trips, fuzzing."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.coverage.model import Flag, Status
from dashboard.i18n import CATALOGUE, DEFAULT_LANGUAGE, LANGUAGES
from dashboard.state import (
    DATASETS,
    DEFAULT_STATE,
    LEVELS,
    MALFORMED,
    MAX_QUERY_LENGTH,
    PARAM_NOTICES,
    PARAMS,
    POPULATION_BANDS,
    PROVINCES,
    REGIONS,
    UNKNOWN_PARAMETER,
    UPLOAD_NOT_SHARED,
    ViewState,
    _from_query,
    area_ref,
    default_state,
    from_query,
    in_population_band,
    peer_subject,
    population_band_label,
    population_band_of,
    to_query,
)

DATES = ("2016-05-27", "2017-06", "2018", "2019-06-15", "2021-07-02")
COMMUNES = ("11002", "21004", "44021", "63023", "92094")


def read(search, **kwargs):
    kwargs.setdefault("valid_dates", DATES)
    kwargs.setdefault("valid_communes", COMMUNES)
    return from_query(search, **kwargs)


# ---------------------------------------------------------------------------------- ViewState


def test_default_state():
    assert ViewState(
        dataset="public", date=None, region=(), province=(), status=(), flag=(),
        pop_band="all", commune=None, lang=DEFAULT_LANGUAGE, level="region",
    ) == DEFAULT_STATE  # fmt: skip
    assert default_state("nl").lang == "nl"


def test_state_is_frozen_and_canonical():
    a = ViewState(region=("DG", "02000", "02000"), status=("planned", Status.OWN_CELL))
    b = ViewState(region=["02000", "DG"], status=(Status.OWN_CELL, Status.PLANNED))
    assert a == b
    assert a.region == ("02000", "DG")
    assert a.status == (Status.OWN_CELL, Status.PLANNED)
    assert all(isinstance(s, Status) for s in a.status)
    assert ViewState(flag=("pilot_2016",)).flag == (Flag.PILOT_2016,)
    assert ViewState(date=dt.date(2019, 6, 15)).date == "2019-06-15"
    with pytest.raises(AttributeError):
        a.lang = "fr"  # type: ignore[misc]
    assert a.replace(lang="fr").lang == "fr"


@pytest.mark.parametrize(
    "changes",
    [
        {"dataset": "secret"}, {"date": "15/06/2019"}, {"region": ("05000",)},
        {"province": ("21000",)}, {"status": ("maybe",)}, {"flag": ("pilot_2030",)},
        {"pop_band": "huge"}, {"commune": "2100"}, {"lang": "es"}, {"level": "street"},
    ],
)  # fmt: skip
def test_state_rejects_invalid_values(changes):
    with pytest.raises(ValueError):
        ViewState(**changes)


# ---------------------------------------------------------------------------------- writing


def test_to_query_writes_only_non_defaults_in_stable_order():
    assert to_query(DEFAULT_STATE) == f"?lang={DEFAULT_LANGUAGE}"
    state = ViewState(lang="nl", region=("03000",), date="2019-06-15")
    assert to_query(state) == "?lang=nl&date=2019-06-15&region=03000"
    full = ViewState(
        dataset="example", date="2017-06", region=("DG", "02000"), province=("10000",),
        status=(Status.PLANNED, Status.OWN_CELL), flag=(Flag.ALLOCATION_2015, Flag.PILOT_2016),
        pop_band="5-10k", commune="21004", lang="de", level="police_zone",
    )  # fmt: skip
    assert to_query(full) == (
        "?lang=de&dataset=example&date=2017-06&region=02000,DG&province=10000"
        "&status=own_cell,planned&flag=pilot_2016,allocation_2015&pop=5-10k"
        "&level=police_zone&commune=21004"
    )


def test_every_parameter_has_a_notice_in_the_catalogue():
    assert set(PARAM_NOTICES) == set(PARAMS)
    for key in (*PARAM_NOTICES.values(), MALFORMED, UNKNOWN_PARAMETER, UPLOAD_NOT_SHARED):
        assert key in CATALOGUE


# ---------------------------------------------------------------------------------- reading


@pytest.mark.parametrize("search", [None, "", "?", "?&&"])
def test_empty_query_is_the_default_view(search):
    assert read(search) == (DEFAULT_STATE, [])


def test_reads_a_full_link():
    state, notices = read(
        "?lang=fr&dataset=example&date=2019-06-15&region=03000,DG&province=60000"
        "&status=none,unknown&flag=walloon_project_2019&pop=0-5k&level=province&commune=63023"
    )
    assert notices == []
    assert state == ViewState(
        dataset="example", date="2019-06-15", region=("03000", "DG"), province=("60000",),
        status=(Status.NONE, Status.UNKNOWN), flag=(Flag.WALLOON_PROJECT_2019,),
        pop_band="0-5k", commune="63023", lang="fr", level="province",
    )  # fmt: skip


def test_lenient_spellings():
    state, notices = read(
        "lang=NL-be&region=be-vlg&region=dg&status=OWN_CELL&pop=%3C5k&level=Province"
    )
    assert notices == []
    assert (state.lang, state.region, state.status, state.pop_band, state.level) == (
        "nl", ("02000", "DG"), (Status.OWN_CELL,), "0-5k", "province",
    )  # fmt: skip
    assert read("?pop=50k+")[0].pop_band == "50k-plus"  # "+" decodes to a space
    assert read("?region=02000&region=03000")[0].region == ("02000", "03000")


@pytest.mark.parametrize(
    ("search", "param", "field", "default"),
    [
        ("?dataset=secret", "dataset", "dataset", "public"),
        ("?date=2020-01-01", "date", "date", None),  # well formed, but no data that day
        ("?date=yesterday", "date", "date", None),
        ("?region=02000,05000", "region", "region", ()),
        ("?province=99999", "province", "province", ()),
        ("?status=own_cell,maybe", "status", "status", ()),
        ("?flag=pilot_2099", "flag", "flag", ()),
        ("?pop=huge", "pop", "pop_band", "all"),
        ("?level=street", "level", "level", "region"),
        ("?commune=99999", "commune", "commune", None),  # not a commune of this vintage
        ("?commune=<script>", "commune", "commune", None),
        ("?level=province&level=police_zone", "level", "level", "region"),  # contradictory
        ("?view=secret", "view", "view", "gaps"),
        ("?a=date:2016-05-27", "a", "cmp_a", None),  # the first side is always an area
        ("?a=street:12", "a", "cmp_a", None),
        ("?b=region:<b>", "b", "cmp_b", None),
    ],
)
def test_bad_parameter_falls_back_with_a_notice(search, param, field, default):
    rest = "&lang=nl" + ("&region=04000" if param != "region" else "&level=province")
    state, notices = read(search + rest)
    assert getattr(state, field) == default
    assert notices == [PARAM_NOTICES[param]]
    assert state.lang == "nl"  # the rest of the link still counts
    if param == "region":
        assert state.level == "province"
    else:
        assert state.region == ("04000",)


def test_several_bad_parameters_give_notices_in_parameter_order():
    state, notices = read("?level=x&foo=1&date=x&lang=xx&bare", accept_language="de")
    assert notices == [
        "notice.link.lang", "notice.link.date", "notice.link.level", UNKNOWN_PARAMETER
    ]  # fmt: skip
    assert state == default_state("de")


def test_repeated_identical_value_is_fine():
    assert read("?lang=nl&lang=nl") == (default_state("nl"), [])


@pytest.mark.parametrize(
    "search", ["?date=%FF%FE", "?" + "a" * (MAX_QUERY_LENGTH + 1), 42, b"?lang=nl"]
)
def test_unreadable_link_gives_the_default_view(search):
    state, notices = read(search, accept_language="nl")
    assert state == default_state("nl")
    assert notices == [MALFORMED]


# ---------------------------------------------------------------------------------- language


def test_link_language_wins_over_browser():
    assert read("?lang=de", accept_language="fr-BE,fr")[0].lang == "de"


def test_browser_language_when_the_link_has_none():
    state, notices = read("?region=02000", accept_language="nl-BE,nl;q=0.9,en;q=0.8")
    assert (state.lang, notices) == ("nl", [])
    assert read("?region=02000", accept_language="es")[0].lang == DEFAULT_LANGUAGE


# ---------------------------------------------------------------------------------- datasets


def test_upload_only_within_the_session_that_holds_it():
    state, notices = read("?dataset=upload&lang=fr")
    assert state.dataset == "public"
    assert notices == [UPLOAD_NOT_SHARED]
    state, notices = read("?dataset=upload&lang=fr", upload_available=True)
    assert (state.dataset, notices) == ("upload", [])


def test_dates_checked_against_the_chosen_dataset():
    per_dataset = {"public": DATES, "example": ("2020-03-01",)}
    state, notices = read("?dataset=example&date=2020-03-01", valid_dates=per_dataset)
    assert (state.date, notices) == ("2020-03-01", [])
    state, notices = read("?dataset=example&date=2019-06-15", valid_dates=per_dataset)
    assert (state.date, notices) == (None, ["notice.link.date"])
    state, notices = read("?date=2020-03-01", valid_dates=per_dataset)  # public by default
    assert notices == ["notice.link.date"]


def test_without_validation_lists_any_well_formed_value_is_accepted():
    state, notices = from_query("?date=2031-12&commune=12345", valid_dates=None)
    assert (state.date, state.commune, notices) == ("2031-12", "12345", [])


# ---------------------------------------------------------------------------------- properties


states = st.builds(
    ViewState,
    dataset=st.sampled_from(DATASETS),
    date=st.none() | st.sampled_from(DATES),
    region=st.lists(st.sampled_from(REGIONS)).map(tuple),
    province=st.lists(st.sampled_from(sorted(PROVINCES))).map(tuple),
    status=st.lists(st.sampled_from(list(Status))).map(tuple),
    flag=st.lists(st.sampled_from(list(Flag))).map(tuple),
    pop_band=st.sampled_from(list(POPULATION_BANDS)),
    commune=st.none() | st.sampled_from(COMMUNES),
    lang=st.sampled_from(LANGUAGES),
    level=st.sampled_from(LEVELS),
)


@given(states, st.one_of(st.none(), st.sampled_from(["fr", "nl-BE,nl", "es"])))
def test_round_trip(state, header):
    search = to_query(state)
    assert read(search, upload_available=True, accept_language=header) == (state, [])
    assert search.startswith("?lang=")


def _assert_sane(search, **kwargs):
    kwargs = {"valid_dates": DATES, "valid_communes": COMMUNES, "accept_language": None,
              "upload_available": False, **kwargs}  # fmt: skip
    # the inner reader copes on its own: the public wrapper's catch-all is a last resort
    state, notices = _from_query(search, **kwargs)
    assert (state, notices) == from_query(search, **kwargs)
    assert isinstance(state, ViewState)
    assert all(key in CATALOGUE for key in notices)
    assert len(notices) == len(set(notices))
    # whatever was read writes a link that reads back to the same view, silently
    assert read(to_query(state), upload_available=True) == (state, [])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=50)))
def test_fuzz_text_never_raises(search, header):
    _assert_sane(search, accept_language=header)


values = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [*DATES, *COMMUNES, *REGIONS, *PROVINCES, *POPULATION_BANDS, *LEVELS, *LANGUAGES,
         *DATASETS, *(s.value for s in Status), *(f.value for f in Flag), "", ",", "%", "%ff"]
    ),
)  # fmt: skip
pairs = st.lists(
    st.tuples(st.sampled_from([*PARAMS, "utm_source", "", "LANG"]), values), max_size=12
)


@given(pairs, st.booleans(), st.booleans())
def test_fuzz_structured_queries_never_raise(items, encode, upload_available):
    q = quote if encode else str
    search = "?" + "&".join(f"{q(name)}={q(value)}" for name, value in items)
    _assert_sane(search, upload_available=upload_available)


# ---------------------------------------------------------------------------------- population


def test_population_bands_are_contiguous_and_cover_everything():
    bands = [b for b in POPULATION_BANDS if b != "all"]
    bounds = [POPULATION_BANDS[b] for b in bands]
    assert bounds[0][0] == 0 and bounds[-1][1] is None
    for (_, high), (low, _) in zip(bounds, bounds[1:], strict=False):
        assert high == low


@given(st.integers(min_value=0, max_value=2_000_000))
def test_every_population_is_in_exactly_one_band(population):
    band = population_band_of(population)
    assert in_population_band(population, band)
    assert in_population_band(population, "all")
    assert sum(in_population_band(population, b) for b in POPULATION_BANDS if b != "all") == 1


def test_band_edges_and_labels():
    assert population_band_of(4_999) == "0-5k"
    assert population_band_of(5_000) == "5-10k"
    assert population_band_of(50_000) == "50k-plus"
    assert population_band_label("5-10k", "en") == "5,000 to 10,000 inhabitants"
    assert population_band_label("0-5k", "nl") == "Minder dan 5.000 inwoners"
    assert population_band_label("50k-plus", "de") == "50.000 Einwohner oder mehr"
    assert population_band_label("all", "fr") == "Toutes tailles"


def test_provinces_follow_the_regions():
    """A province of another region cannot be selected together with a region."""
    from dashboard.state import provinces_of

    s = ViewState(region=("02000",), province=("50000", "10000"))
    assert s.province == ("10000",)  # Hainaut is Walloon: dropped
    assert ViewState(region=("DG",), province=("60000",)).province == ("60000",)  # in Liège
    assert ViewState(region=("04000",), province=("10000",)).province == ()  # no province
    assert ViewState(province=("50000",)).province == ("50000",)  # no region: any
    assert provinces_of(()) == provinces_of(("02000", "03000"))


def test_the_map_view_is_in_the_link():
    state, notices = from_query("?lang=fr&zoom=brussels", valid_dates=None)
    assert state.zoom == "brussels" and notices == []
    assert "zoom=brussels" in to_query(state)
    state, notices = from_query("?lang=fr&zoom=mars", valid_dates=None)
    assert state.zoom is None and notices == ["notice.link.zoom"]


def test_analysis_tab_and_comparison_round_trip():
    """The analysis tab and the two sides of a comparison are in the link (issue 13)."""
    state = DEFAULT_STATE.replace(view="compare", cmp_a="region:02000", cmp_b="date:2016-05-27")
    query = to_query(state)
    assert query.endswith("&view=compare&a=region:02000&b=date:2016-05-27")
    assert read(query) == (state, [])
    assert "view=" not in to_query(DEFAULT_STATE.replace(view="gaps"))  # the default tab
    with pytest.raises(ValueError):
        DEFAULT_STATE.replace(cmp_b="date:yesterday")


def test_the_rankings_peer_subject_round_trips():
    """On the ranking tab ``a=`` names the area whose peer groups are shown (the view's first
    area, shared with the comparison); one of another level than ``level`` is ignored there
    but kept in the link."""
    query = "?lang=en&level=province&view=ranking&a=province:10000"
    state, notices = read(query)
    assert notices == [] and state.cmp_a == "province:10000" and state.view == "ranking"
    assert to_query(state) == query
    assert peer_subject(state) == "10000"
    for other in ("?lang=en&view=ranking&a=province:10000",  # level: region
                  "?lang=en&level=province&view=ranking&a=region:02000"):  # fmt: skip
        state, notices = read(other)
        assert notices == [] and peer_subject(state) is None
        assert to_query(state) == other and state.cmp_a
    assert peer_subject(DEFAULT_STATE.replace(view="ranking")) is None
    assert area_ref("police_zone", "5345") == "police_zone:5345"
    with pytest.raises(ValueError):
        area_ref("province", "BE")
    state, notices = read("?lang=en&level=province&view=ranking&a=BE")
    assert state.cmp_a is None and notices == ["notice.link.a"]
