// Small DOM helpers. Report text is untrusted: it only ever enters the page through
// textContent / createTextNode, never innerHTML.
"use strict";
const Poly = window.Poly = {};

Poly.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

Poly.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); };

Poly.ACLED_COLORS = {
  "Battles": "#c62828",
  "Explosions/Remote violence": "#ef6c00",
  "Violence against civilians": "#6a1b9a",
  "Protests": "#2e7d32",
  "Riots": "#8d6e63",
  "Strategic developments": "#1565c0",
};
Poly.OTHER_COLOR = "#607d8b";
Poly.colorOf = (acledType) => Poly.ACLED_COLORS[acledType] || Poly.OTHER_COLOR;

Poly.fetchJSON = async function (url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : response.statusText;
    const error = new Error(`${response.status}: ${detail}`);
    error.status = response.status;
    throw error;
  }
  return body;
};

Poly.fmtDate = function (iso) {
  if (!iso) return "undated";
  const d = new Date(iso + "T00:00:00Z");
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric",
                                          timeZone: "UTC" });
};
