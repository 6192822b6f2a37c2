"""View models: what each part of the page shows, computed from the bundle and the view
state. Pure (no dash, no plotly): callbacks call these and hand the results to figures
and components.

Truth rules every function here keeps (``data/public_record/SCHEMA.md``):

- a published figure is shown with its own source id and date; on a selected date the
  figures published for it are shown, and for everything else the latest figure known on
  it (:mod:`dashboard.coverage.known`), each saying so;
- a number the app computes (a share, a sum, a population share) says it is computed and
  from what, with the date of what it is computed from;
- a selection no published figure describes (a province, two regions, a status or
  programme filter, a population band) says so and names the nearest published area;
- a commune status comes from a source (with its date) or the file on screen, else it is
  unknown; the illustrative example says so on every part of the page.
"""

from dashboard.views.area import (  # noqa: F401
    Area,
    area_name,
    not_selection_text,
    selection_area,
)
from dashboard.views.breakdown import (  # noqa: F401
    BREAKDOWN_COLUMNS,
    breakdown_axis_title,
    breakdown_chart_frame,
    breakdown_columns,
    breakdown_table,
    breakdown_title,
    conflict_notes,
    different_dates_notes,
    drill_down,
    drill_options,
    published_rows,
    reconciliation,
)
from dashboard.views.data import (  # noqa: F401
    GEOGRAPHY_OF_REGION,
    PARTLY_COVERED,
    REGION_OF_GEOGRAPHY,
    REGIONS,
    SOURCE_ID,
    STATUS_ORDER,
    Shown,
    commune_frame,
    counts_by_vintage,
    default_date,
    filter_mask,
    flag_texts,
    known,
    known_for,
    known_on_day,
    population_for,
    restrict,
    selection,
    shown_data,
    with_public_flags,
)
from dashboard.views.key_figures import (  # noqa: F401
    KeyFigure,
    file_stats,
    key_figures,
    regional_sum,
)
from dashboard.views.map import (  # noqa: F401
    MapLayers,
    commune_hovers,
    map_layers,
    map_note,
    map_summary,
    named_counts,
    region_figures,
    region_hover,
    region_scale_title,
    status_text,
)
from dashboard.views.provenance import (  # noqa: F401
    sources_used,
    undated_notes,
)
from dashboard.views.table import (  # noqa: F401
    commune_table,
    commune_table_rows,
    export_frame,
    selected_rows,
)
from dashboard.views.timeline import (  # noqa: F401
    timeline_frame,
)
from dashboard.views.wording import (  # noqa: F401
    denominator_text,
    dg_note,
    division_period,
    figure_provenance,
    figure_source,
    newer_regions,
    of_total,
    population_source,
    share_basis,
    share_text,
)
