// The event map: Leaflet + markercluster over offline boundaries (and optional OSM tiles).
"use strict";
(function () {
  const { el } = Poly;

  Poly.createMap = function (container, { basemap, onSelect }) {
    const map = L.map(container, { preferCanvas: true, worldCopyJump: true, minZoom: 2,
                                   maxZoom: 12, zoomSnap: 0.5 }).setView([42, 30], 4);
    map.createPane("boundaries").style.zIndex = 350;
    let boundaryLayers = 0;
    let tiles = null;
    if (basemap) {
      tiles = L.tileLayer("/tiles/{z}/{x}/{y}.png", { maxNativeZoom: 6, maxZoom: 12,
        className: "osm-tiles",
        attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL)' });
      tiles.addTo(map);
    }
    const countryStyle = { pane: "boundaries", color: "#8a96a3", weight: 0.8,
      fillColor: "#eef1f4", fillOpacity: basemap ? 0 : 1 };
    const admin1Style = (f) => ({ pane: "boundaries", color: "#9aa7b4", weight: 0.5,
      dashArray: f.properties.disputed ? "4 3" : null, fill: !!f.properties.disputed,
      fillColor: "#b0bec5", fillOpacity: 0.15 });

    fetch("/static/data/countries-50m.json").then((r) => r.json()).then((topo) => {
      const countries = L.geoJSON(topojson.feature(topo, topo.objects.countries),
                                  { style: countryStyle, interactive: false });
      countries.addTo(map);
      boundaryLayers += 1;
      control.addOverlay(countries, "Countries");
    }).catch((e) => console.warn("countries layer", e));
    fetch("/static/data/admin1.geojson").then((r) => r.json()).then((gj) => {
      const admin1 = L.geoJSON(gj, { style: admin1Style, onEachFeature: (f, layer) => {
        const p = f.properties;
        const label = p.disputed ? `${p.name} (${p.country}; ${p.disputed})` : `${p.name} (${p.country})`;
        layer.bindTooltip(label, { sticky: true, className: "region-tip" });
      } });
      admin1.addTo(map);
      boundaryLayers += 1;
      control.addOverlay(admin1, "Admin-1 regions");
    }).catch((e) => console.warn("admin-1 layer", e));

    const control = L.control.layers(tiles ? { "OpenStreetMap (offline, z0–6)": tiles } : {}, {},
                                      { collapsed: true, position: "topright" }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);

    const clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false,
      maxClusterRadius: 45, spiderfyOnMaxZoom: true,
      iconCreateFunction: (cluster) => {
        const n = cluster.getChildCount();
        const size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 42 : 50;
        const counts = {};
        for (const m of cluster.getAllChildMarkers()) counts[m.options.fillColor] = (counts[m.options.fillColor] || 0) + 1;
        const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
        const div = el("div", { class: "cluster", style: `width:${size}px;height:${size}px;` +
          `line-height:${size}px;background:${top};` }, el("span", { text: n.toLocaleString() }));
        return L.divIcon({ html: div, className: "cluster-icon", iconSize: [size, size] });
      } });
    clusters.addTo(map);

    let markersById = new Map();
    const ring = L.circleMarker([0, 0], { radius: 13, color: "#111111", weight: 3, fill: false,
                                          interactive: false });

    function setPoints(columns, rows) {
      const idx = Object.fromEntries(columns.map((c, i) => [c, i]));
      clusters.clearLayers();
      markersById = new Map();
      const markers = [];
      for (const row of rows) {
        const lat = row[idx.lat], lon = row[idx.lon];
        if (lat === null || lon === null) continue;
        const color = Poly.colorOf(row[idx.acled_event_type]);
        const marker = L.circleMarker([lat, lon], { radius: 6, color: "#ffffff", weight: 1.2,
          fillColor: color, fillOpacity: 0.9 });
        const eventId = row[idx.event_id];
        const tip = `${Poly.fmtDate(row[idx.start_date])} · ${row[idx.event_type]} · ${row[idx.location_name] || "?"}`;
        // Leaflet treats tooltip strings as HTML: pass an element built with textContent.
        marker.bindTooltip(el("span", { text: tip }));
        marker.on("click", () => onSelect(eventId));
        markersById.set(eventId, marker);
        markers.push(marker);
      }
      clusters.addLayers(markers);
    }

    function focus(eventId) {
      const marker = markersById.get(eventId);
      if (!marker) { ring.remove(); return; }
      ring.setLatLng(marker.getLatLng()).addTo(map);
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 7));
    }

    function fitToPoints() {
      const bounds = clusters.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds.pad(0.15), { maxZoom: 7 });
    }

    // For tests and the console: what the map holds.
    Poly.mapStats = () => ({ markers: markersById.size, boundaryLayers: boundaryLayers });
    return { map, setPoints, focus, fitToPoints };
  };

  Poly.renderLegend = function (container) {
    Poly.clear(container);
    const entries = [...Object.entries(Poly.ACLED_COLORS), ["Outside ACLED (talks, statements)", Poly.OTHER_COLOR]];
    for (const [label, color] of entries) {
      container.append(el("span", { class: "legend-item" },
        el("i", { class: "dot", style: `background:${color}` }), label));
    }
  };
})();
