"""Every component id of the app, in one place."""

# routing and state
URL = "url"
STATE = "view-state"  # dcc.Store: the canonical ViewState (dict), written by the URL sync
UPLOAD_STORE = "upload-store"  # dcc.Store (memory): this browser tab's imported file
UPLOAD_REJECTED = "upload-rejected"  # dcc.Store: a file too large or of another kind
NOTICES = "notices"
CALLBACK_ERROR = "callback-error"  # role=alert: a callback or its request failed (issue 15)

# header
TITLE = "page-title"
SUBTITLE = "page-subtitle"
SKIP_LINK = "skip-link"
LANGUAGE = "language-switch"
LANGUAGE_LABEL = "language-label"
ILLUSTRATIVE_BANNER = "illustrative-banner"

# controls
DATASET = "dataset-choice"
DATASET_LABEL = "dataset-label"
UPLOAD = "upload"
UPLOAD_TEXT = "upload-text"
UPLOAD_HELP = "upload-help"
UPLOAD_RESULT = "upload-result"
UPLOAD_MAPPING = "upload-mapping"
DATE = "date-slider"
DATE_LABEL = "date-label"
DATE_WRAPPER = "date-slider-wrapper"
DATE_VALUE = "date-value"
REGION = "region-filter"
REGION_LABEL = "region-label"
PROVINCE = "province-filter"
PROVINCE_LABEL = "province-label"
STATUS = "status-filter"
STATUS_LABEL = "status-label"
FLAG = "flag-filter"
FLAG_LABEL = "flag-label"
POP_BAND = "pop-band-filter"
POP_BAND_LABEL = "pop-band-label"
COMMUNE = "commune-search"
COMMUNE_LABEL = "commune-label"
FILTERS_TITLE = "filters-title"
BRUSSELS = "zoom-brussels"
RESET = "reset-view"
SHARE = "share-link"
SHARE_LABEL = "share-label"
SHARE_COPY = "share-copy"

# key figures
KPI_TITLE = "kpi-title"
KPI = "key-figures"
KPI_AS_OF = "kpi-as-of"

# map
MAP = "coverage-map"
MAP_TITLE = "map-title"
MAP_SUMMARY = "map-summary"
LEGEND = "map-legend"
MAP_NOTE = "map-note"

# breakdown
BREAKDOWN_TITLE = "breakdown-title"
LEVEL = "breakdown-level"
LEVEL_LABEL = "breakdown-level-label"
BREAKDOWN_CHART = "breakdown-chart"
BREAKDOWN_TABLE = "breakdown-table"
BREAKDOWN_NOTES = "breakdown-notes"
DRILL_BOX = "breakdown-drill"  # the keyboard's way to a bar's next level (hidden when none)
DRILL_LABEL = "breakdown-drill-label"
DRILL = "breakdown-drill-choice"
DRILL_GO = "breakdown-drill-go"
RECONCILE = "reconciliation"
RECONCILE_TABLE = "reconciliation-table"

# timeline
TIMELINE_TITLE = "timeline-title"
TIMELINE = "timeline-chart"

# table twin of the map
TABLE_TITLE = "commune-table-title"
COMMUNE_TABLE = "commune-table"
TABLE_SEARCH = "commune-table-search"
TABLE_SEARCH_LABEL = "commune-table-search-label"

# provenance
PROVENANCE = "provenance"
ATTRIBUTION = "attribution"
LANG_STORE = "lang-store"  # the page language, written only when it changes
MAP_META = "map-meta"  # which geometry the map holds (so filters send a patch)
NOTICE_KEYS = "notice-keys"  # notices from reading the link, translated on display
MAPPING_APPLY = "mapping-apply"
MAPPING_COLUMN = "mapping-column"  # pattern-matching type: {"type": ..., "header": ...}
READ_OPTION = "read-option"  # pattern-matching type: {"type": ..., "name": "sheet" | "header_row"}
HTML_LANG_SINK = "html-lang-sink"  # clientside: sets <html lang>
EXPORT = "export-table"
DOWNLOAD = "download"

# The map's table twin, filtered in the browser: every row once per (dataset, date,
# language), and per click the selection as a mask ("1" = shown), one character per row.
COMMUNE_ROWS = "commune-rows"
COMMUNE_MASK = "commune-mask"

# analysis (issue 13): one tab each; ids a view needs beyond these live in its layout module
ANALYSIS = "analysis"
ANALYSIS_TITLE = "analysis-title"
ANALYSIS_TABS = "analysis-tabs"  # dcc.Tabs: value is ViewState.view
TAB_GAPS = "tab-gaps"
TAB_RANKING = "tab-ranking"
TAB_COMPARE = "tab-compare"
TAB_COMMUNE = "tab-commune"
GAPS_PANEL = "gaps-panel"
RANKING_PANEL = "ranking-panel"
COMPARE_PANEL = "compare-panel"
PROFILE_PANEL = "profile-panel"
COMPARE_A = "compare-a"  # dropdown: ViewState.cmp_a (an area, "region:02000")
COMPARE_B = "compare-b"  # dropdown: ViewState.cmp_b (an area, or "date:2016-05-27")
SIDE_RANKING = "side-ranking"  # html.Aside beside the map: the short ranking (issue 13)
SIDE_BODY = "side-ranking-body"
SIDE_MORE = "side-ranking-more"  # html.Button: shows the Ranking tab

# briefing (issue 14): presentation mode, saved views, exports
PAGE = "page"  # the page's root: class "presenting" in presentation mode
BRIEFING = "briefing"
BRIEFING_TITLE = "briefing-title"
PRESENT_TOGGLE = "present-toggle"
PRESENT_BAR = "present-bar"
PRESENT_TITLE = "present-title"
PRESENT_COUNTER = "present-counter"
PRESENT_PREV = "present-prev"
PRESENT_NEXT = "present-next"
PRESENT_EXIT = "present-exit"
PRESENT_FOOTNOTE = "present-footnote"
SAVE_VIEW = "save-view"
SAVED_VIEWS = "saved-views"  # dcc.Store (session): [{"query", "label"}]
SAVED_TITLE = "saved-title"
SAVED_LIST = "saved-list"
SAVED_CLEAR = "saved-clear"
EXPORT_TITLE = "export-title"
EXPORT_STATUS = "export-status"
EXPORT_DOWNLOAD = "export-download"
EXPORT_HELP = "export-help"
SAVED_HELP = "saved-help"
PROFILE_SHEET = "profile-sheet"  # button: the chosen commune's one-page PDF
PROFILE_SHEET_STATUS = "profile-sheet-status"
PROFILE_SHEET_FILE = "profile-sheet-file"  # dcc.Download
