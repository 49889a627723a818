// The event detail view: fields, and each source text with its evidence highlighted at the
// exact character offsets. Text is split by offsets and inserted as text nodes.
"use strict";
(function () {
  const { el } = Poly;
  const FIELD_ORDER = ["trigger", "actor1", "actor2", "location", "date", "fatalities", "attribution"];
  const FIELD_LABELS = { trigger: "trigger", actor1: "actor 1", actor2: "actor 2",
    location: "place", date: "date", fatalities: "fatalities", attribution: "attribution" };

  // Split `text` at every span boundary; wrap the evidence in <mark class="evidence"> and
  // field spans in <span class="hl hl-FIELD">. Returns a DocumentFragment.
  Poly.highlightText = function (text, spans) {
    const evidence = spans.filter((s) => s.field === "evidence");
    const fields = spans.filter((s) => s.field !== "evidence");
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    let mark = null, markSpan = null;
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i], b = points[i + 1];
      if (a === b) continue;
      const ev = evidence.find((s) => s.start <= a && b <= s.end) || null;
      const covering = fields.filter((s) => s.start <= a && b <= s.end)
        .sort((x, y) => FIELD_ORDER.indexOf(x.field) - FIELD_ORDER.indexOf(y.field));
      const piece = text.slice(a, b);
      let node = document.createTextNode(piece);
      if (covering.length) {
        node = el("span", { class: `hl hl-${covering[0].field}`,
          title: covering.map((s) => FIELD_LABELS[s.field] || s.field).join(", ") }, node);
      }
      if (ev) {
        if (!mark || markSpan !== ev) {
          mark = el("mark", { class: "evidence", dataset: { start: ev.start, end: ev.end } });
          markSpan = ev;
          frag.append(mark);
        }
        mark.append(node);
      } else {
        mark = null; markSpan = null;
        frag.append(node);
      }
    }
    return frag;
  };

  function row(label, value, extra) {
    if (value === null || value === undefined || value === "") value = "—";
    return el("tr", {}, el("th", { text: label }), el("td", {}, String(value), extra || null));
  }

  Poly.renderDetail = function (container, detail) {
    Poly.clear(container);
    const e = detail.event;
    const a1 = e.actor1 || {}, a2 = e.actor2 || {}, loc = e.location || {}, date = e.date || {};
    const color = Poly.colorOf(e.acled_event_type);
    container.append(
      el("div", { class: "detail-head" },
        el("span", { class: "type-badge", style: `background:${color}`, text: e.event_type }),
        el("span", { class: `status status-${e.status}`, text: e.status || "" }),
        el("span", { class: "confidence", title: "calibrated confidence",
                     text: `confidence ${Math.round((e.confidence || 0) * 100)}%` })),
      el("h2", { class: "detail-title",
                 text: `${e.acled_sub_event_type || e.acled_event_type || e.event_type} — ${loc.name || "unknown place"}` }),
      el("table", { class: "fields" }, el("tbody", {},
        row("ACLED type", [e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(" / ")),
        row("Date", date.start_date ? (date.start_date === date.end_date || !date.end_date
            ? Poly.fmtDate(date.start_date) : `${Poly.fmtDate(date.start_date)} – ${Poly.fmtDate(date.end_date)}`)
            : (date.reason || null)),
        row("Actor 1", a1.name ? `${a1.name}${a1.country ? " (" + a1.country + ")" : ""}` : a1.reason),
        row("Actor 2", a2.name ? `${a2.name}${a2.country ? " (" + a2.country + ")" : ""}` : a2.reason),
        row("Place", loc.name ? [loc.name, loc.admin1, loc.country].filter(Boolean).join(", ") : loc.reason),
        row("Coordinates", loc.lat !== null && loc.lat !== undefined
            ? `${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)} (precision ${loc.geo_precision ?? "?"})` : null),
        row("Fatalities", e.fatalities && e.fatalities.value !== undefined ? e.fatalities.value : "not reported"),
        row("Event id", e.event_id))));
    const legend = el("div", { class: "span-legend" }, "Highlighted: ",
      el("mark", { class: "evidence", text: "evidence" }),
      ...FIELD_ORDER.map((f) => el("span", { class: `hl hl-${f}`, text: FIELD_LABELS[f] })));
    container.append(el("h3", { text: `Sources (${detail.sources.length})` }), legend);
    for (const src of detail.sources) {
      const meta = [src.source, src.published ? Poly.fmtDate(src.published.slice(0, 10)) : null]
        .filter(Boolean).join(" · ");
      const body = el("div", { class: "source-text", dataset: { docId: src.doc_id } });
      body.append(Poly.highlightText(src.text, src.spans));
      container.append(el("article", { class: "source" },
        el("div", { class: "source-title", text: src.title || src.doc_id }),
        el("div", { class: "source-meta" }, meta,
           src.url ? el("a", { href: /^https?:\/\//i.test(src.url) ? src.url : null,
                               rel: "noopener noreferrer", target: "_blank", text: " link" }) : null),
        body));
    }
    const first = container.querySelector("mark.evidence");
    if (first) first.scrollIntoView({ block: "center" });
  };
})();
