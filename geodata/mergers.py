"""Building the NIS crosswalk 1977-2018 -> 2019-2024 -> 2025 from the original files.

Two sources:

* Statbel REFNIS (``TU_COM_REFNIS.txt``, read with :func:`geodata.refnis.read_refnis`): commune
  names, arrondissements and validity dates. It predates 2025 (no 2025 rows).
* provincies.incijfers.be ``wijzigende_gebiedsindelingen.md``: the old -> new NIS codes of the
  mergers of 1 January 2019 and 1 January 2025 (read with :func:`read_merger_tables`).

:func:`build_crosswalk_table` joins them into one row per 1977-2018 commune (the 589 communes
valid in REFNIS on 2016-01-01) with its code, names and hierarchy in every vintage, checking
that the two sources agree wherever they overlap.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from geodata.belgium import arrondissement_of, province_of, region_of
from geodata.refnis import valid_at

MERGER_YEARS = (2019, 2025)
MERGER_COLUMNS = ["year", "old_code", "old_name", "new_code", "new_name"]

# The 589 communes of 1977-2018 are exactly the REFNIS communes valid on this day.
DAY_1977_2018 = dt.date(2016, 1, 1)
LAST_DAY_BEFORE_2019 = dt.date(2018, 12, 31)
FIRST_DAY_2019 = dt.date(2019, 1, 1)

CHANGE_2019_MERGED = "merged"
CHANGE_2019_RECODED = "recoded"
CHANGE_2025_MERGED = "merged"
CHANGE_2025_ABSORBING = "merged (absorbing, code kept)"

CROSSWALK_COLUMNS = [
    "nis_1977_2018",
    "name_nl",
    "name_fr",
    "name_de",
    "arr_1977_2018",
    "nis_2019_2024",
    "change_2019",
    "name_2019_nl",
    "name_2019_fr",
    "name_2019_de",
    "arr_2019_2024",
    "prov_2019_2024",
    "nis_2025",
    "change_2025",
    "name_2025_nl",
    "arr_2025",
    "prov_2025",
    "region",
    "german_speaking_community",
]

_NIS_CODE = re.compile(r"\d{5}")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SEPARATOR_CELL = re.compile(r":?-+:?")


# --------------------------------------------------------------------------------------------
# The markdown merger tables
# --------------------------------------------------------------------------------------------


def _section_lines(lines: list[str], title: str, path: Path) -> list[str]:
    """The lines under the heading ``title`` up to the next heading of the same or a higher level.

    Source: the markdown file at ``path``; raises ValueError when the heading is absent or
    appears more than once.
    """
    starts = [
        (i, len(m.group(1)))
        for i, line in enumerate(lines)
        if (m := _HEADING.match(line)) and m.group(2) == title
    ]
    if not starts:
        raise ValueError(f"{path}: no section '{title}' (looked for a heading with that title)")
    if len(starts) > 1:
        raise ValueError(f"{path}: section '{title}' appears {len(starts)} times")
    first, level = starts[0]
    body: list[str] = []
    for line in lines[first + 1 :]:
        m = _HEADING.match(line)
        if m and len(m.group(1)) <= level:
            break
        body.append(line)
    return body


def _cells(line: str) -> list[str]:
    """The stripped cells of one markdown table row (outer pipes optional)."""
    row = line.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [cell.strip() for cell in row.split("|")]


def _is_separator(line: str) -> bool:
    """Whether ``line`` is a table's header separator such as ``-- | --`` or ``|---|:--:|``."""
    if "-" not in line:
        return False
    return all(_SEPARATOR_CELL.fullmatch(cell) for cell in _cells(line))


def _first_table(section: list[str], title: str, path: Path) -> list[list[str]]:
    """The body rows (cells) of the first pipe table in a section of the markdown file."""
    for i in range(1, len(section)):
        if "|" in section[i - 1] and _is_separator(section[i]):
            width = len(_cells(section[i - 1]))
            rows: list[list[str]] = []
            for line in section[i + 1 :]:
                if not line.strip() or "|" not in line:
                    break
                cells = _cells(line)
                if len(cells) != width:
                    raise ValueError(
                        f"{path}: table in section '{title}' has a row with {len(cells)} cells "
                        f"instead of {width}: {line.strip()!r}"
                    )
                rows.append(cells)
            if not rows:
                raise ValueError(f"{path}: table in section '{title}' has no rows")
            return rows
    raise ValueError(f"{path}: section '{title}' contains no markdown table")


def _clean_code(raw: str, title: str, path: Path) -> str:
    """A NIS code from a table cell, without the footnote marker (``82003*`` -> ``82003``)."""
    code = raw.strip().rstrip("*").strip()
    if not _NIS_CODE.fullmatch(code):
        raise ValueError(
            f"{path}: section '{title}' has {raw!r} where a 5-digit NIS code is expected"
        )
    return code


def read_merger_tables(path: Path) -> pd.DataFrame:
    """The 2019 and 2025 commune mergers listed in ``wijzigende_gebiedsindelingen.md``.

    Each table sits under the heading "Gemeentefusies 1 januari YYYY" and has the columns old
    code, old name, new code, new name. Returns one row per old commune with the columns
    ``year`` (int), ``old_code``, ``old_name``, ``new_code``, ``new_name`` (stripped strings;
    codes without the ``*`` footnote marker), 2019 rows first, each table in file order.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    records: list[dict[str, object]] = []
    for year in MERGER_YEARS:
        title = f"Gemeentefusies 1 januari {year}"
        rows = _first_table(_section_lines(lines, title, path), title, path)
        if len(rows[0]) != 4:
            raise ValueError(
                f"{path}: table in section '{title}' has {len(rows[0])} columns instead of 4 "
                "(old code, old name, new code, new name)"
            )
        for old_code, old_name, new_code, new_name in rows:
            records.append(
                {
                    "year": year,
                    "old_code": _clean_code(old_code, title, path),
                    "old_name": old_name,
                    "new_code": _clean_code(new_code, title, path),
                    "new_name": new_name,
                }
            )
    out = pd.DataFrame.from_records(records, columns=MERGER_COLUMNS)
    out["year"] = out["year"].astype(int)
    return out


# --------------------------------------------------------------------------------------------
# Hierarchy from the code prefix
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Steps of the crosswalk
# --------------------------------------------------------------------------------------------


def _communes_valid_on(refnis: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """REFNIS commune rows valid on ``day``, indexed and sorted by code."""
    return valid_at(refnis, day, "commune").sort_index()


def _merger_map(mergers: pd.DataFrame, year: int) -> dict[str, str]:
    """old code -> new code of the ``year`` mergers (from the md table); one target per code."""
    rows = mergers[mergers["year"] == year]
    if rows.empty:
        raise ValueError(f"merger table has no rows for {year}")
    dup = rows.loc[rows["old_code"].duplicated(), "old_code"].tolist()
    if dup:
        raise ValueError(f"{year} merger table lists old code(s) {dup} more than once")
    return dict(zip(rows["old_code"], rows["new_code"], strict=True))


def _target_names(mergers: pd.DataFrame, year: int) -> dict[str, str]:
    """new code -> new name of the ``year`` mergers (md table); the rows must agree on it."""
    rows = mergers[mergers["year"] == year]
    names: dict[str, str] = {}
    for code, name in zip(rows["new_code"], rows["new_name"], strict=True):
        if names.setdefault(code, name) != name:
            raise ValueError(
                f"{year} merger table names target {code} both {names[code]!r} and {name!r}"
            )
    return names


def _commune_rows(refnis: pd.DataFrame) -> pd.DataFrame:
    """All REFNIS commune rows (every validity period)."""
    return refnis[refnis["level"] == "commune"]


def _check_2019_mergers(refnis: pd.DataFrame, merged: dict[str, str]) -> None:
    """The md's 2019 mergers agree with REFNIS validity dates.

    Every merged old code must have a commune row ending 2018-12-31 and every target a commune
    row starting 2019-01-01; raises ValueError naming the first code that does not.
    """
    communes = _commune_rows(refnis)
    ending = set(communes.loc[communes["end"] == LAST_DAY_BEFORE_2019, "code"])
    starting = set(communes.loc[communes["start"] == FIRST_DAY_2019, "code"])
    for old, new in sorted(merged.items()):
        if old not in ending:
            raise ValueError(
                f"2019 merger: old code {old} (-> {new}) has no REFNIS commune row ending "
                f"{LAST_DAY_BEFORE_2019}"
            )
        if new not in starting:
            raise ValueError(
                f"2019 merger: target code {new} (from {old}) is not a REFNIS commune starting "
                f"{FIRST_DAY_2019}"
            )


def _name_key(row: pd.Series) -> tuple[str, str, str]:
    """The (NL, FR, DE) names of a REFNIS row, used to recognise a re-coded commune."""
    return (str(row["name_nl"]), str(row["name_fr"]), str(row["name_de"]))


def _recodes_2019(refnis: pd.DataFrame, merged: dict[str, str]) -> dict[str, str]:
    """old code -> new code of the communes re-coded (not merged) on 1 January 2019.

    From REFNIS alone: a commune whose row ends 2018-12-31 and that is not an old code of the
    md's 2019 mergers must reappear, with identical NL/FR/DE names, as exactly one commune row
    starting 2019-01-01 that is not a merger target (the Hainaut arrondissement reform). Also
    checks the converse: every commune starting 2019-01-01 is a merger target or a re-code.
    """
    communes = _commune_rows(refnis)
    targets = set(merged.values())
    ending = communes[(communes["end"] == LAST_DAY_BEFORE_2019) & ~communes["code"].isin(merged)]
    starting = communes[(communes["start"] == FIRST_DAY_2019) & ~communes["code"].isin(targets)]
    by_name: dict[tuple[str, str, str], list[str]] = {}
    for _, row in starting.iterrows():
        by_name.setdefault(_name_key(row), []).append(str(row["code"]))
    recodes: dict[str, str] = {}
    for _, row in ending.sort_values("code").iterrows():
        code, key = str(row["code"]), _name_key(row)
        matches = by_name.get(key, [])
        if len(matches) != 1:
            raise ValueError(
                f"REFNIS commune {code} ({key[0]}) ends {LAST_DAY_BEFORE_2019} and is no 2019 "
                f"merger in the md table, but {len(matches)} communes of the same name start "
                f"{FIRST_DAY_2019} (expected exactly one re-coded successor): {matches}"
            )
        recodes[code] = matches[0]
    unexplained = sorted(set(starting["code"]) - set(recodes.values()))
    if unexplained:
        raise ValueError(
            f"REFNIS communes {unexplained} start {FIRST_DAY_2019} but are neither a 2019 merger "
            "target in the md table nor the re-code of a commune ending the day before"
        )
    return recodes


def _codes_2019(
    codes: pd.Index, merged: dict[str, str], recoded: dict[str, str]
) -> tuple[list[str], list[str]]:
    """The 2019-2024 code and the ``change_2019`` label of each 1977-2018 commune code."""
    new_codes: list[str] = []
    changes: list[str] = []
    for code in codes:
        if code in merged:
            new_codes.append(merged[code])
            changes.append(CHANGE_2019_MERGED)
        elif code in recoded:
            new_codes.append(recoded[code])
            changes.append(CHANGE_2019_RECODED)
        else:
            new_codes.append(str(code))
            changes.append("")
    return new_codes, changes


def _check_2019_set(codes_2019: Iterable[str], communes_2019: pd.DataFrame) -> None:
    """The derived 2019-2024 codes are exactly the REFNIS communes valid on 2019-01-01."""
    derived, refnis = set(codes_2019), set(communes_2019.index)
    if derived != refnis:
        raise ValueError(
            f"derived 2019-2024 codes differ from the REFNIS communes valid on {FIRST_DAY_2019}: "
            f"only derived {sorted(derived - refnis)[:10]}, only REFNIS "
            f"{sorted(refnis - derived)[:10]}"
        )


def _check_2025_mergers(merged: dict[str, str], codes_2019: set[str]) -> None:
    """The md's 2025 mergers start from 2019-2024 communes; a target that is already a
    2019-2024 code must be the code of one of its own parts (an absorbing merger)."""
    for old, new in sorted(merged.items()):
        if old not in codes_2019:
            raise ValueError(f"2025 merger: old code {old} is not a 2019-2024 REFNIS commune")
        if new in codes_2019 and merged.get(new) != new:
            raise ValueError(
                f"2025 merger: target code {new} (from {old}) is an existing 2019-2024 commune "
                "that does not absorb the others"
            )


def _change_2025(code_2019: str, merged: dict[str, str]) -> str:
    """The ``change_2025`` label of a 2019-2024 commune code."""
    if code_2019 not in merged:
        return ""
    return CHANGE_2025_ABSORBING if merged[code_2019] == code_2019 else CHANGE_2025_MERGED


def _check_arrondissements(codes: Iterable[str], communes: pd.DataFrame, vintage: str) -> None:
    """The prefix-derived arrondissement equals the REFNIS parent of every commune code."""
    for code in codes:
        parent = str(communes.at[code, "parent"])
        if parent != arrondissement_of(code):
            raise ValueError(
                f"{vintage} commune {code}: REFNIS arrondissement {parent} differs from the code "
                f"prefix ({arrondissement_of(code)})"
            )


def _check_units(codes: Iterable[str], refnis: pd.DataFrame) -> None:
    """Prefix-derived provinces and regions agree with the REFNIS hierarchy of 2019-01-01.

    Checked for each arrondissement (and province) that REFNIS lists on that day; Brussels'
    arrondissement hangs directly under its region.
    """
    units = valid_at(refnis, FIRST_DAY_2019)
    for code in sorted(set(codes)):
        arr, prov, region = arrondissement_of(code), province_of(code), region_of(code)
        if arr not in units.index:
            continue
        above = str(units.at[arr, "parent"])
        expected = prov or region
        if above != expected:
            raise ValueError(
                f"commune {code}: REFNIS puts arrondissement {arr} under {above}, the code "
                f"prefix under {expected}"
            )
        if prov and prov in units.index and str(units.at[prov, "parent"]) != region:
            raise ValueError(
                f"commune {code}: REFNIS puts province {prov} under "
                f"{units.at[prov, 'parent']}, the code prefix under {region}"
            )


def _german_flags(codes: pd.Index, german_speaking: Iterable[str]) -> list[str]:
    """Per 1977-2018 code, "True" if it is one of the given German-speaking communes, else
    "False"; raises ValueError for a given code that is no 1977-2018 commune."""
    wanted = {str(c) for c in german_speaking}
    unknown = sorted(wanted - set(codes))
    if unknown:
        raise ValueError(f"German-speaking codes {unknown} are not 1977-2018 communes")
    return [str(code in wanted) for code in codes]


def _check_one_row_per_commune(table: pd.DataFrame, communes_1977_2018: pd.DataFrame) -> None:
    """The result has exactly one row per commune valid in REFNIS on 2016-01-01."""
    codes = table["nis_1977_2018"]
    if codes.duplicated().any() or set(codes) != set(communes_1977_2018.index):
        raise ValueError(
            f"crosswalk has {len(table)} rows ({codes.nunique()} codes) for "
            f"{len(communes_1977_2018)} REFNIS communes valid on {DAY_1977_2018}"
        )


def build_crosswalk_table(
    refnis: pd.DataFrame, mergers: pd.DataFrame, german_speaking: Iterable[str]
) -> pd.DataFrame:
    """The NIS crosswalk: one row per 1977-2018 commune, sorted by code, all columns str.

    * ``nis_1977_2018``, ``name_nl/fr/de``, ``arr_1977_2018``: REFNIS communes valid on
      2016-01-01 (589), names as REFNIS writes them (qualifiers such as "Tielt (Tielt)" kept).
    * ``nis_2019_2024``, ``change_2019``: the md's 2019 merger target ("merged"), or the REFNIS
      re-code of 2019 ("recoded"), else the same code; ``name_2019_*`` from REFNIS on
      2019-01-01 (581 communes).
    * ``nis_2025``, ``change_2025``: the md's 2025 merger target ("merged", or "merged
      (absorbing, code kept)" when target and old code coincide); ``name_2025_nl`` is the md's
      new name for merged targets, else the 2019 NL name.
    * ``arr_*``, ``prov_*``, ``region``: from the code prefix (checked against REFNIS).
    * ``german_speaking_community``: "True" for the codes in ``german_speaking``.

    ``refnis`` is :func:`geodata.refnis.read_refnis`'s frame, ``mergers``
    :func:`read_merger_tables`'s. Raises ValueError wherever the two sources disagree.
    """
    communes_1977 = _communes_valid_on(refnis, DAY_1977_2018)
    communes_2019 = _communes_valid_on(refnis, FIRST_DAY_2019)

    merged_2019 = _merger_map(mergers, 2019)
    _check_2019_mergers(refnis, merged_2019)
    unknown_old = sorted(set(merged_2019) - set(communes_1977.index))
    if unknown_old:
        raise ValueError(f"2019 merger: old codes {unknown_old} are not 1977-2018 communes")
    recoded_2019 = _recodes_2019(refnis, merged_2019)

    codes = communes_1977.index
    nis_2019, change_2019 = _codes_2019(codes, merged_2019, recoded_2019)
    _check_2019_set(nis_2019, communes_2019)

    merged_2025 = _merger_map(mergers, 2025)
    _check_2025_mergers(merged_2025, set(communes_2019.index))
    names_2025 = _target_names(mergers, 2025)

    _check_arrondissements(codes, communes_1977, "1977-2018")
    _check_arrondissements(communes_2019.index, communes_2019, "2019-2024")
    _check_units([*codes, *nis_2019], refnis)

    names_2019 = communes_2019.loc[nis_2019]
    nis_2025 = [merged_2025.get(c, c) for c in nis_2019]
    table = pd.DataFrame(
        {
            "nis_1977_2018": list(codes),
            "name_nl": communes_1977["name_nl"].tolist(),
            "name_fr": communes_1977["name_fr"].tolist(),
            "name_de": communes_1977["name_de"].tolist(),
            "arr_1977_2018": [arrondissement_of(c) for c in codes],
            "nis_2019_2024": nis_2019,
            "change_2019": change_2019,
            "name_2019_nl": names_2019["name_nl"].tolist(),
            "name_2019_fr": names_2019["name_fr"].tolist(),
            "name_2019_de": names_2019["name_de"].tolist(),
            "arr_2019_2024": [arrondissement_of(c) for c in nis_2019],
            "prov_2019_2024": [province_of(c) for c in nis_2019],
            "nis_2025": nis_2025,
            "change_2025": [_change_2025(c, merged_2025) for c in nis_2019],
            "name_2025_nl": [
                names_2025.get(new, old_name)
                for new, old_name in zip(nis_2025, names_2019["name_nl"], strict=True)
            ],
            "arr_2025": [arrondissement_of(c) for c in nis_2025],
            "prov_2025": [province_of(c) for c in nis_2025],
            "region": [region_of(c) for c in nis_2025],
            "german_speaking_community": _german_flags(codes, german_speaking),
        },
        columns=CROSSWALK_COLUMNS,
    )
    _check_one_row_per_commune(table, communes_1977)
    return table.astype(str)
