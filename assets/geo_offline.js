/* The coverage map is a plotly.js geo subplot (SVG) that draws only the app's own
 * geometry. plotly.js still loads a base map for it (a topojson file, by default from
 * cdn.plot.ly) even with every base layer off: this gives it an empty one, so that nothing
 * is fetched from outside the machine. The name is "<scope>_<resolution>m" of the figure's
 * geo layout: dashboard/figures/map.py GEO_TOPOJSON_NAME / GEO_TOPOJSON. */
(function () {
    "use strict";
    var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
    assets.topojson = assets.topojson || {};
    if (!assets.topojson.world_110m) {
        assets.topojson.world_110m = {type: "Topology", objects: {}, arcs: []};
    }
})();
