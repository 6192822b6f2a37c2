"""The English source of every message the page shows: message key -> English text.

English is the source language: a key is the message's context (``msgctxt``) in the gettext
catalogues under ``dashboard/locale/``, the English text its ``msgid``, and translators work
on the ``.po`` files (Poedit, Weblate). The importer's messages have their English in
:mod:`dashboard.coverage.messages` (keys ``import.reason.<code>``, ``import.suggestion.<code>``,
``import.phrase.<code>``). After changing a text here, run ``pybabel extract`` and
``pybabel update`` (configured in ``pyproject.toml``; see docs/DEVELOPING.md).

Placeholders are ``str.format`` fields (``{covered}``) and are the same in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from dashboard.i18n import (
    source_analysis,
    source_compare,
    source_errors,
    source_export_data,
    source_export_deck,
    source_export_figures,
    source_exports,
    source_gaps,
    source_profile,
    source_side,
    source_upload_limits,
)

_PAGE: Final[Mapping[str, str]] = MappingProxyType(
    {
        # -------------------- Statuses
        "status.own_cell": "Own cell",
        "status.shared_cell": "Shared cell",
        "status.planned": "Planned",
        "status.none": "No cell",
        "status.unknown": "Unknown (not reported)",
        "status_def.own_cell": "The commune has a cell of its own that serves this commune only.",
        "status_def.shared_cell": (
            "The commune takes part in a cell shared with other communes, for example at the level "
            "of its police zone."
        ),
        "status_def.planned": "A source says a cell is being set up but is not yet in place.",
        "status_def.none": "A source says the commune has no cell.",
        "status_def.unknown": (
            "No source and no imported file says anything about this commune at this date. This is "
            "not the same as having no cell."
        ),
        # -------------------- Programmes and pilot lists (flags)
        "flag.pilot_2016": "Pilot commune 2016",
        "flag.allocation_2015": "Federal impulse grant 2015 (round 1)",
        "flag.allocation_2015_round2": "Federal impulse grant 2015 (round 2)",
        "flag.prevention_officer_allocation_2015": (
            "Federal grant for a radicalisation prevention officer 2015"
        ),
        "flag.flemish_project_2015": "Flemish project grant 2015",
        "flag.flemish_project_2021": "Flemish project call 2021",
        "flag.walloon_project_2016": (
            "Walloon project 2016 (living together, preventing radicalism)"
        ),
        "flag.walloon_subsidy_2018": "Walloon grant 2018 (preventing violent radicalisation)",
        "flag.walloon_project_2019": "Walloon CSIL-R coordination grant 2019",
        "flag_def.pilot_2016": (
            "One of the 15 pilot communes that received a one-off federal allocation in 2016."
        ),
        "flag_def.allocation_2015": (
            "Federal one-off grant for pilot projects against violent radicalisation, first round "
            "(royal decree of 9 November 2015)."
        ),
        "flag_def.allocation_2015_round2": (
            "Federal one-off grant for pilot projects against violent radicalisation, second round "
            "(royal decree of 2 December 2015)."
        ),
        "flag_def.prevention_officer_allocation_2015": (
            "Extra federal allocation in 2015 for a radicalisation prevention officer, within the "
            "commune's strategic security and prevention plan."
        ),
        "flag_def.flemish_project_2015": (
            "Flemish project grant (2015) for the local coordination role in preventing "
            "radicalisation; nine local governments."
        ),
        "flag_def.flemish_project_2021": (
            "Flemish project call (2021) to strengthen the local coordination role on "
            "radicalisation and polarisation; 14 projects covering 33 communes."
        ),
        "flag_def.walloon_project_2016": (
            "Walloon call 'Improving living together and preventing radicalism' (2016) for "
            "communes with a social cohesion plan."
        ),
        "flag_def.walloon_subsidy_2018": (
            "Walloon call 'Preventing violent radicalisation' (2018); it required a communal "
            "consultation platform."
        ),
        "flag_def.walloon_project_2019": (
            "Walloon call 'Support for the coordination of CSIL-R' (2019); the amount may cover a "
            "whole police zone."
        ),
        "flag_group.federal": "Federal programmes",
        "flag_group.regional": "Regional programmes",
        "flag_group.any_regional": "Any regional programme",
        # -------------------- Regions, provinces, levels
        "region.BE": "Belgium",
        "region.02000": "Flemish Region",
        "region.03000": "Walloon Region",
        "region.04000": "Brussels-Capital Region",
        "region.DG": "German-speaking Community",
        "region_short.BE": "Belgium",
        "region_short.02000": "Flanders",
        "region_short.03000": "Wallonia",
        "region_short.04000": "Brussels",
        "region_short.DG": "German-speaking Community",
        "region.DG.note": (
            "The nine communes of the German-speaking Community lie in the Walloon Region "
            "(province of Liège). Published figures report them separately; some Walloon figures "
            "may include them."
        ),
        "province.10000": "Antwerp",
        "province.20001": "Flemish Brabant",
        "province.20002": "Walloon Brabant",
        "province.30000": "West Flanders",
        "province.40000": "East Flanders",
        "province.50000": "Hainaut",
        "province.60000": "Liège",
        "province.70000": "Limburg",
        "province.80000": "Luxembourg",
        "province.90000": "Namur",
        "level.region": "Region",
        "level.province": "Province",
        "level.arrondissement": "Arrondissement",
        "level.police_zone": "Police zone",
        "level.commune": "Commune",
        # -------------------- Published measures
        "measure.cells": "Cells",
        "measure.communes_with_cell": "Communes with a cell",
        "measure.communes_involved": "Communes involved in a cell",
        "measure.communes_without_cell": "Communes without a cell",
        "measure.communes_without_own_cell": "Communes without a cell of their own",
        "measure.communes_total": "Communes in total",
        "measure.communes_unknown": "Communes not reported",
        "measure.share_communes_covered": "Share of communes covered",
        "measure.share_population_covered": "Share of population covered",
        "measure.unclear_cells_or_communes": "Cells or communes (unclear)",
        "measure_def.cells": (
            "Number of cells. One cell can serve several communes: a shared or police-zone cell "
            "counts once."
        ),
        "measure_def.communes_with_cell": "Communes covered by a cell, their own or a shared one.",
        "measure_def.communes_involved": (
            "Wording of the 2016 survey: communes taking part in a cell. Close to 'communes with a "
            "cell'."
        ),
        "measure_def.communes_without_cell": "Communes reported as having no cell (yet).",
        "measure_def.communes_without_own_cell": (
            "Communes without a cell of their own; the source does not say whether communes in a "
            "shared cell are included."
        ),
        "measure_def.communes_total": (
            "Number of communes in the area, as stated by the source (589 or 581 for Belgium)."
        ),
        "measure_def.communes_unknown": (
            "Communes about which no source says anything. Federal tables never add up to all "
            "communes, so this is a real category, not an error."
        ),
        "measure_def.share_communes_covered": (
            "Communes with a cell (own or shared) divided by all communes of the area, including "
            "those not reported."
        ),
        "measure_def.share_population_covered": (
            "Inhabitants of communes with a cell divided by all inhabitants of the area."
        ),
        "measure_def.unclear_cells_or_communes": (
            "A published figure whose wording does not say whether it counts cells or communes."
        ),
        # -------------------- The page: controls, cards, tables, legends, notices
        "app.title": "CSIL coverage atlas",
        "app.subtitle": (
            "Which Belgian communes are covered by a local integral security cell (CSIL/LIVC), "
            "which are not, and where the record is silent."
        ),
        "app.cell_term": "local integral security cell (CSIL/LIVC)",
        "app.cell_term_definition": (
            "A local case-consultation body chaired by the mayor. Since the law of 30 July 2018, "
            "every commune must have one on radicalism, extremism and terrorism (CSIL-R/LIVC-R); "
            "two or more communes may share one."
        ),
        "control.dataset": "Data",
        "dataset.public": "Public record",
        "dataset.example": "Illustrative example",
        "dataset.upload": "Uploaded file",
        "control.date": "Date",
        "control.date_latest": "Latest",
        "control.region": "Region",
        "control.region_all": "All regions",
        "control.province": "Province",
        "control.province_all": "All provinces",
        "control.status": "Status",
        "control.status_all": "All statuses",
        "control.flag": "Programme",
        "control.flag_all": "Any or no programme",
        "control.pop_band": "Population",
        "control.level": "Break down by",
        "control.language": "Language",
        "control.commune_search": "Find a commune",
        "control.commune_search_placeholder": "Name, postal code or NIS code",
        "control.filters": "Filters",
        # the drop-down lists' own words (dcc.Dropdown "labels"); {num_selected} is filled
        # in by the browser
        "dropdown.select_all": "Select all",
        "dropdown.deselect_all": "Deselect all",
        "dropdown.selected_count": "{num_selected} selected",
        "dropdown.search": "Search",
        "dropdown.clear_search": "Clear search",
        "dropdown.clear_selection": "Clear selection",
        "dropdown.no_options_found": "Nothing found",
        "pop_band.all": "All sizes",
        "pop_band.under": "Fewer than {high} inhabitants",
        "pop_band.between": "{low} to {high} inhabitants",
        "pop_band.over": "{low} inhabitants or more",
        "value.inhabitants": "{n} inhabitants",
        "value.missing": "not available",
        "value.yes": "yes",
        "value.no": "no",
        "search.no_match": "No commune matches “{query}”.",
        "search.selected": "Selected commune: {name}",
        "kpi.title": "Key figures",
        "kpi.selection": "Current selection",
        "kpi.covered_of_total": "{covered} of {total} communes",
        "kpi.cells": "Cells",
        "kpi.communes_covered": "Communes covered",
        "kpi.share_communes": "Share of communes covered",
        "kpi.share_population": "Share of population covered",
        "kpi.belgium": "Belgium",
        "kpi.benchmark_value": "{area}: {value}",
        "kpi.as_of": "as of {date}",
        "table.level": "Area",
        "table.cells": "Cells",
        "table.communes": "Communes",
        "table.own": "Own",
        "table.shared": "Shared",
        "table.planned": "Planned",
        "table.none": "None",
        "table.unknown": "Not reported",
        "table.share_communes": "Share of communes",
        "table.share_population": "Share of population",
        "table.population": "Population",
        "table.commune": "Commune",
        "table.nis": "NIS code",
        "table.status": "Status",
        "table.cell": "Cell",
        "table.flags": "Programmes",
        "table.source": "Source",
        "table.empty": "No commune matches these filters.",
        "timeline.title": "Published figures over time",
        "timeline.x_axis": "Date",
        "legend.title": "CSIL status",
        "legend.flags": "Programmes",
        "hover.status": "Status",
        "hover.cell": "Cell",
        "hover.members": "Member communes",
        "hover.population": "Population",
        "hover.source": "Source",
        "hover.flags": "Programmes",
        "hover.partial": "Only part of this (merged) commune is covered.",
        "upload.title": "Import a membership file",
        "upload.drop": "Drop a CSV, Excel or OpenDocument file here, or click to choose one",
        "upload.template": "Download the template",
        "upload.session_only": (
            "Your file stays in this browser session only; it is neither stored nor shared."
        ),
        "upload.success": "{file} imported: {count} communes, as of {date}.",
        "upload.errors_title": (
            "The file could not be used. Please correct these rows and try again."
        ),
        "upload.previous_kept": "The data shown before is kept.",
        "upload.unreadable": "The file could not be read as CSV or as a spreadsheet.",
        "upload.read_sheet": "Read from sheet “{sheet}”, header on row {row}.",
        "upload.read_csv": "Header on line {row}.",
        "upload.options_prompt": (
            "Not the right table? Choose the sheet and the row of the column headers, then "
            "read the file again."
        ),
        "upload.sheet": "Sheet",
        "upload.column_unnamed": "column {column}",
        "upload.header_row": "Header row",
        "upload.too_large": "The file is too large (limit: {limit}).",
        "upload.col.file": "File",
        "upload.col.row": "Row",
        "upload.col.column": "Column",
        "upload.col.value": "Value",
        "upload.col.reason": "Problem",
        "upload.col.suggestion": "Suggestion",
        "upload.mapping_prompt": (
            "Some column headers were not recognised. Say what each column contains:"
        ),
        "upload.mapping_column": "Column “{header}”",
        "upload.mapping_apply": "Read the file again",
        "field.nis": "NIS code",
        "field.commune": "Commune name",
        "field.status": "Status",
        "field.cell": "Cell",
        "field.as_of": "Reference date",
        "field.source": "Source",
        "field.comment": "Comment",
        "field.ignore": "Ignore this column",
        "notice.link.malformed": "This link could not be read, so the default view is shown.",
        "notice.link.unknown_parameter": (
            "The link contained settings this page does not know; they were ignored."
        ),
        "notice.link.lang": (
            "The language in the link is not available; your browser's language is used."
        ),
        "notice.link.dataset": "The link named an unknown dataset; the public record is shown.",
        "notice.link.upload": (
            "Uploaded files are not shared through links; the public record is shown."
        ),
        "notice.link.date": "There is no data for the date in the link; the latest date is shown.",
        "notice.link.region": "The link named an unknown region; all regions are shown.",
        "notice.link.province": "The link named an unknown province; all provinces are shown.",
        "notice.link.status": "The link named an unknown status; all statuses are shown.",
        "notice.link.flag": (
            "The link named an unknown programme; the programme filter was cleared."
        ),
        "notice.link.pop": "The link named an unknown population band; all sizes are shown.",
        "notice.link.commune": (
            "The commune in the link does not exist for this date; no commune is selected."
        ),
        "notice.link.zoom": "The link asked for an unknown map view; the whole country is shown.",
        "notice.link.level": (
            "The link asked for an unknown breakdown; the breakdown by region is shown."
        ),
        "notice.illustrative": (
            "Illustrative data — not real. Invented to show how the atlas works."
        ),
        "notice.sources_disagree": (
            "Sources disagree: showing {a}; another source, {b}, says {value}."
        ),
        "notice.superseded": (
            "{area}, {measure}: {source} also gives {value} for this date{repeats}; shown instead: "
            "{shown} ({shown_source}), a later or more precisely dated figure."
        ),
        "notice.repeats": "(it repeats a figure of {date})",
        "notice.not_reported": "Not reported",
        "notice.no_upload": "No file has been imported in this session yet.",
        "a11y.skip_link": "Skip to main content",
        "a11y.map_name": "Map of Belgian communes by CSIL status",
        "a11y.table_alternative": "Table alternative to the map",
        "a11y.drill_label": "Open the next level for",
        "a11y.drill_placeholder": "Choose a bar",
        "a11y.drill_button": "Open",
        "a11y.table_search": "Search the table",
        "provenance.title": "Sources and definitions",
        "provenance.sources": "Sources",
        "provenance.definitions": "Definitions",
        "provenance.known_gaps": "Known gaps",
        "provenance.gaps_text": (
            "No full list of communes with a cell is public. Published tables never add up to all "
            "communes: the rest are shown as “not reported”. Sources sometimes disagree; the "
            "figure shown is named, and so is the other one."
        ),
        "provenance.col.id": "Source",
        "provenance.col.publisher": "Publisher",
        "provenance.col.title": "Title",
        "provenance.col.date": "Date",
        "provenance.col.link": "Link",
        "provenance.link_missing": "address not recorded",
        "provenance.titles_note": (
            "Source titles are summaries in English, not the original titles."
        ),
        "provenance.boundaries": (
            "Geography and population sources (as their producers credit them): {attribution}"
        ),
        "provenance.division": "Commune division: {count} communes ({vintage})",
        "button.zoom_brussels": "Zoom to Brussels",
        "button.reset": "Reset view",
        "button.export": "Export table (CSV)",
        "button.share": "Copy link to this view",
        "button.copied": "Link copied",
        # -------------------- Where figures come from: sources, dates, areas, reconciliation
        "area.not_selection": (
            "No figure is published for a selection by {reasons}. Nearest published area, which "
            "contains it: {area}."
        ),
        "area.nearest_short": (
            "Not the selection: no figure is published for it (nearest published area shown)"
        ),
        "area.reason.province": "province",
        "area.reason.regions": "several regions",
        "area.reason.status": "status",
        "area.reason.flag": "programme",
        "area.reason.pop_band": "population size",
        "fig.published_on": "published: {date}",
        "fig.published_for_date": "Published for this date — {source}",
        "fig.latest_known": "Latest figure known on the date chosen ({selected}) — {source}",
        "fig.computed_share": "computed: {value} ÷ {den} — {basis}",
        "den.stated": "{area}: {value} communes, as {source} states",
        "den.division": "{area}: {value} communes in the division of {period}",
        "den.with_dg": "{area}: {value} communes, the German-speaking communes included",
        "den.without_dg": "{area}: {value} communes, without the German-speaking communes",
        "word.or": "{a} or {b}",
        "dg.stated": (
            "{source} counts Wallonia as {total} communes, so its figure includes the "
            "German-speaking communes."
        ),
        "dg.inferred_yes": (
            "Wallonia's figure in {source} includes the German-speaking communes: the source's "
            "table adds up only with them."
        ),
        "dg.unclear_count": (
            "{source} does not say whether Wallonia's figure includes the German-speaking communes."
        ),
        "dg.unclear": (
            "{source} does not say whether Wallonia's figure includes the German-speaking "
            "communes: its share is shown both ways."
        ),
        "kpi.area_label": "{label} · {area}",
        "kpi.no_figure": "No figure published",
        "kpi.share_of": "{measure}: share",
        "kpi.newer_region": "Later figure — {area}: {value} ({source}); not in this total",
        "kpi.other_figure": "Another figure: {value} ({source})",
        "kpi.regional_sum": "Computed: {parts} — {areas} ({source})",
        "kpi.belgium_published": "Belgium's latest published total: {value} ({source})",
        "kpi.different_dates": (
            "Not of the same source and date as the count of communes with a cell ({source}): the "
            "two do not add up"
        ),
        "kpi.communes_without": "Communes without a cell",
        "kpi.none_on_or_before": "No such figure published up to the date chosen ({date}).",
        "kpi.not_reported": (
            "Not reported: {value} (computed: {total} − {covered} − {without}; {covered} and "
            "{without} from {source}; {total}: {basis})"
        ),
        "kpi.population_not_computable": (
            "Cannot be computed: no list of the communes with a cell is published"
        ),
        "kpi.computed_from.file": "Computed from the file {file} (dated {date})",
        "kpi.computed_from.example": (
            "Computed from the illustrative example: invented data, dated {date}"
        ),
        "kpi.as_of.file": "Figures computed from the file {file}, dated {date}",
        "kpi.as_of.example": (
            "Illustrative data, not real: figures computed from an invented file dated {date}"
        ),
        "kpi.as_of_known": (
            "Latest figures known on the date chosen ({date}); each figure gives its own date and "
            "source."
        ),
        "kpi.illustrative_tag": "Illustrative — not real",
        "kpi.cells_unidentified": (
            "Not counted: {count} communes in a shared cell the file does not name"
        ),
        "kpi.partly": "of which {count} only partly covered (some former communes)",
        "kpi.share_file": "computed: {covered} ÷ {total} communes shown",
        "kpi.unknown_in_file": "{count} communes shown are not in the file (unknown)",
        "kpi.population_basis": (
            "computed: inhabitants of the communes with a cell ÷ inhabitants of the {count} "
            "communes shown ({source})"
        ),
        "population.source": "Statbel, population on {date}",
        "population.source_summed": (
            "Statbel, population on {date}, summed over the former communes"
        ),
        "summary.public": (
            "{area}, latest figure known on the date chosen ({selected}): {measure}: {figure} "
            "({share}, computed) — {source}."
        ),
        "summary.public_none": (
            "{area}: no count of communes with a cell was published up to the date chosen ({date})."
        ),
        "summary.named": (
            "On the map, computed from the sources that name communes one by one (each with its "
            "own date) up to the date chosen ({selected}): {named} of the {count} communes shown "
            "are named ({covered} with a cell, {planned} planned, {none} without a cell); the "
            "other {unknown} are not reported one by one."
        ),
        "summary.file": (
            "In the file {file} (dated {date}), {covered} of the {count} communes shown have a "
            "cell ({share}, computed); {none} have none; {unknown} are not in the file."
        ),
        "summary.example": (
            "In the illustrative example (invented data, dated {date}), {covered} of the {count} "
            "communes shown have a cell ({share}, computed); {none} have none; {unknown} are not "
            "in it."
        ),
        "summary.partly": (
            "{count} of them are only partly covered: some of their former communes have a cell."
        ),
        "hover.illustrative_status": "illustrative, not real — {status}",
        "hover.status_dated": "{status} — {source}, {date}",
        "hover.status_file": "{status} — file {file} ({date})",
        "hover.implied": "(implied by a regional table, not stated for this commune)",
        "hover.flag_dated": "{flag} ({source}, {date})",
        "hover.name_de_fallback": (
            "No German name in the sources: the name in the region's language is shown"
        ),
        "name.no_german": "no German name",
        "hover.undated_zone_cell": (
            "An undated source ({source}) reports a cell for the police zone ({zone}); it is tied "
            "to no date."
        ),
        "hover.share_computed": "Share of communes (computed)",
        "map.illustrative_mark": "ILLUSTRATIVE DATA — NOT REAL",
        "legend.partly_covered": "Partly covered (some former communes)",
        "notice.aggregates_only": (
            "No list of the communes with a cell is published. Each region is shaded by the share "
            "of its communes with a cell, computed from the latest count published up to the date "
            "chosen (its source and date on hover). Communes a source names are drawn one by one, "
            "each with the date of its source, until a later source says otherwise."
        ),
        "legend.region_share": "Region shading: share computed from the latest published count",
        "breakdown.title_public": "Published figures by area",
        "breakdown.title_file": "Breakdown of the file {file}",
        "breakdown.title_illustrative": "Breakdown — illustrative data, not real",
        "breakdown.different_dates": (
            "{area}: the communes with a cell, {a}, and without a cell, {b}, are not of the same "
            "source and date; they do not add up."
        ),
        "breakdown.dg_in_wal": (
            "The German-speaking Community's row is part of the Walloon Region's: do not add them."
        ),
        "breakdown.current": "published for this date",
        "breakdown.earlier": "latest known on this date (see its own date)",
        "breakdown.col.measure": "Measure",
        "breakdown.col.figure": "Figure",
        "breakdown.col.share": "Share of communes (computed)",
        "breakdown.col.basis": "How the share is computed",
        "breakdown.col.date": "Date of the figure",
        "breakdown.col.when": "Relation to the date chosen",
        "breakdown.col.partly": "Partly covered",
        "breakdown.published_only": (
            "No figure is published below the regions: the table shows the published figures of "
            "Belgium, the regions and the German-speaking Community."
        ),
        "breakdown.file_note.file": (
            "Every figure of this breakdown is computed from the file {file} (dated {date}); "
            "population: {population}."
        ),
        "breakdown.file_note.example": (
            "Every figure of this breakdown is computed from the illustrative example, invented "
            "data dated {date}; population: {population}."
        ),
        "timeline.y_short": "Share of communes with a cell (computed)",
        "timeline.y_measures": (
            "Share of communes with a cell (●), or involved in one in the 2016 survey's wording "
            "(○), computed from the published counts"
        ),
        "breakdown.axis.file": "Share of communes, computed from {file} ({date})",
        "breakdown.axis.example": (
            "Share of communes, computed from the illustrative example (invented data, {date})"
        ),
        "breakdown.axis_measure": "{measure}: share of communes (computed)",
        "timeline.period": "(no day given: drawn over the whole period)",
        "timeline.selected": "Date chosen",
        "provenance.known_on": (
            "Figures and statuses known on the date chosen ({date}); each gives its own date."
        ),
        "provenance.data.file": (
            "Data: the file {file}, dated {date}, imported in this browser session. It is not a "
            "public source. The sources below give the programme flags and the published figures "
            "the file is compared with."
        ),
        "provenance.data.example": (
            "Data: the illustrative example ({file}), invented to show how the atlas works, dated "
            "{date}. It is not a source and describes nothing real. The sources below give the "
            "programme flags and the published figures it is compared with."
        ),
        "provenance.col.used_for": "Used for",
        "provenance.use.figures": "published figures shown",
        "provenance.use.statuses": "commune statuses",
        "provenance.use.flags": "programmes",
        "provenance.use.compared": "published figures the data is compared with",
        "provenance.undated": "Facts without a date",
        "provenance.undated_zone": (
            "{source}: a cell at the level of the {zone}; the source gives no date, so it is shown "
            "on no date. Communes of the zone in the police-zone table of 2020: {members}."
        ),
        "reconcile.title.file": "The file against the published figures known on its date ({date})",
        "reconcile.title.example": (
            "The illustrative example against the published figures known on its date ({date}): it "
            "was made up to match them"
        ),
        "reconcile.col.published": "Published (source, date)",
        "reconcile.col.file": "In the data (computed)",
        "reconcile.col.difference": "Difference",
        "reconcile.col.note": "Note",
        "reconcile.not_compared": "not compared",
    }
)  # fmt: skip


def _merged(*parts: Mapping[str, str]) -> Mapping[str, str]:
    """The page's messages and those of each view, every key once."""
    out: dict[str, str] = {}
    for part in parts:
        twice = sorted(set(out) & set(part))
        if twice:
            raise ValueError(f"message keys defined twice: {twice}")
        out.update(part)
    return MappingProxyType(out)


MESSAGES: Final[Mapping[str, str]] = _merged(
    _PAGE,
    source_analysis.MESSAGES,
    source_gaps.MESSAGES,
    source_profile.MESSAGES,
    source_compare.MESSAGES,
    source_side.MESSAGES,
    source_errors.MESSAGES,
    source_upload_limits.MESSAGES,
    source_exports.MESSAGES,
    source_export_data.MESSAGES,
    source_export_deck.MESSAGES,
    source_export_figures.MESSAGES,
)
