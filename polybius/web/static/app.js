// Dashboard wiring: filters -> /points + /timeline -> map, list and timeline; click -> detail.
"use strict";
(function () {
  const { el } = Poly;
  const $ = (id) => document.getElementById(id);
  const PAGE = 200;
  const state = { event_type: "", acled_event_type: "", country: "", status: "", q: "",
                  since: "", until: "" };
  let rows = [], columns = [], shown = 0, requestNo = 0;

  const mapView = Poly.createMap($("map"), { basemap: document.body.dataset.basemap === "yes",
                                            onSelect: (id) => showDetail(id) });
  Poly.renderLegend($("legend"));
  const timeline = Poly.createTimeline($("timeline"), { onBrush: (since, until) => {
    state.since = since; state.until = until; refresh({ timeline: false });
  } });

  function params(withDates) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state)) {
      if (!v) continue;
      if (!withDates && (k === "since" || k === "until")) continue;
      p.set(k, v);
    }
    return p;
  }

  function fillSelect(select, values, label) {
    const current = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const { value, count } of values) {
      select.append(el("option", { value, text: `${label ? label(value) : value} (${count})` }));
    }
    select.value = current;
  }

  async function loadFacets() {
    const f = await Poly.fetchJSON("/facets");
    fillSelect($("f-type"), f.event_type);
    fillSelect($("f-acled"), f.acled_event_type);
    fillSelect($("f-country"), f.country);
    fillSelect($("f-status"), f.status);
  }

  function eventRow(r) {
    const idx = (c) => r[columns.indexOf(c)];
    const color = Poly.colorOf(idx("acled_event_type"));
    const actors = [idx("actor1_name"), idx("actor2_name")].filter(Boolean).join(" → ");
    const fat = idx("fatalities");
    return el("li", { class: "event-row", tabindex: 0, dataset: { eventId: idx("event_id") },
                      onclick: () => showDetail(idx("event_id")),
                      onkeydown: (e) => { if (e.key === "Enter") showDetail(idx("event_id")); } },
      el("span", { class: "swatch", style: `background:${color}` }),
      el("div", { class: "row-main" },
        el("div", { class: "row-top" },
          el("span", { class: "row-date", text: Poly.fmtDate(idx("start_date")) }),
          el("span", { class: "row-type", text: idx("event_type") }),
          idx("status") !== "occurred" ? el("span", { class: `status status-${idx("status")}`, text: idx("status") }) : null,
          fat ? el("span", { class: "row-fat", title: "fatalities", text: `✝ ${fat}` }) : null),
        el("div", { class: "row-place", text: [idx("location_name"), idx("country")].filter(Boolean).join(", ") || "unknown place" }),
        actors ? el("div", { class: "row-actors", text: actors }) : null));
  }

  function renderList(reset) {
    const list = $("event-list");
    if (reset) { Poly.clear(list); shown = 0; }
    const next = rows.slice(shown, shown + PAGE);
    const frag = document.createDocumentFragment();
    for (const r of next) frag.append(eventRow(r));
    list.append(frag);
    shown += next.length;
    $("more").hidden = shown >= rows.length;
    $("more").textContent = `Show more (${(rows.length - shown).toLocaleString()} left)`;
  }

  function updateExportLinks() {
    for (const a of document.querySelectorAll(".export a")) {
      const p = params(true);
      p.set("format", a.dataset.format);
      a.href = "/export?" + p.toString();
    }
  }

  async function refresh({ timeline: withTimeline = true } = {}) {
    const my = ++requestNo;
    $("count").textContent = "…";
    updateExportLinks();
    try {
      const pointsReq = Poly.fetchJSON("/points?" + params(true).toString());
      const tlReq = withTimeline ? Poly.fetchJSON("/timeline?" + params(false).toString()) : null;
      const points = await pointsReq;
      if (my !== requestNo) return;
      columns = points.columns; rows = points.rows;
      $("count").textContent = rows.length.toLocaleString() + (points.truncated ? "+" : "");
      const dated = state.since ? `${Poly.fmtDate(state.since)} – ${Poly.fmtDate(state.until)}` : "all dates";
      $("period").textContent = dated;
      $("clear-period").hidden = !state.since;
      $("summary").textContent = points.truncated
        ? `Showing the ${rows.length.toLocaleString()} newest matching events (narrow the filters to see all).`
        : `${rows.length.toLocaleString()} matching events, newest first.`;
      mapView.setPoints(columns, rows);
      renderList(true);
      if (tlReq) { const tl = await tlReq; if (my === requestNo) timeline.setDays(tl.days); }
      timeline.setSelection(state.since, state.until);
    } catch (err) {
      $("summary").textContent = `Could not load events: ${err.message}`;
    }
  }

  function showPanel(name) {
    for (const p of ["events", "detail", "control", "talks"]) $("panel-" + p).hidden = p !== name;
    for (const t of document.querySelectorAll(".tab")) {
      t.classList.toggle("active", t.dataset.tab === name || (name === "detail" && t.dataset.tab === "events"));
    }
  }

  async function showDetail(eventId) {
    showPanel("detail");
    const box = $("detail");
    Poly.clear(box);
    box.append(el("p", { class: "loading", text: "Loading…" }));
    for (const r of document.querySelectorAll(".event-row.selected")) r.classList.remove("selected");
    const rowEl = document.querySelector(`.event-row[data-event-id="${CSS.escape(eventId)}"]`);
    if (rowEl) rowEl.classList.add("selected");
    mapView.focus(eventId);
    try {
      Poly.renderDetail(box, await Poly.fetchJSON("/events/" + encodeURIComponent(eventId)));
    } catch (err) {
      Poly.clear(box);
      box.append(el("p", { class: "error", text: `Could not load event: ${err.message}` }));
    }
  }

  async function showSituation(view) {
    showPanel(view);
    const box = $(view);
    Poly.clear(box);
    try {
      const data = await Poly.fetchJSON("/" + view);
      if (!data.records.length) { box.append(el("p", { text: `No ${view} records yet.` })); return; }
      const keys = view === "control" ? ["place", "admin1", "country", "controller", "change", "as_of"]
        : ["start_date", "status", "participants", "place", "agenda"];
      box.append(el("table", { class: "situation-table" },
        el("thead", {}, el("tr", {}, keys.map((k) => el("th", { text: k.replace("_", " ") })))),
        el("tbody", {}, data.records.map((r) => el("tr", {}, keys.map((k) => el("td", {
          text: Array.isArray(r[k]) ? r[k].join(", ") : (r[k] ?? "—") })))))));
    } catch (err) {
      box.append(el("p", { class: "error", text: err.status === 501
        ? "The situation layer is not available in this version." : err.message }));
    }
  }

  // Filters
  let typing = null;
  $("filters").addEventListener("change", (e) => {
    if (e.target.name && e.target.name in state) { state[e.target.name] = e.target.value; refresh(); }
  });
  $("f-q").addEventListener("input", (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.q = e.target.value.trim(); refresh(); }, 300);
  });
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("f-reset").addEventListener("click", () => {
    for (const k of Object.keys(state)) state[k] = "";
    setTimeout(refresh, 0);
  });
  $("clear-period").addEventListener("click", () => { state.since = state.until = ""; refresh({ timeline: false }); });
  $("more").addEventListener("click", () => renderList(false));
  $("back").addEventListener("click", () => { showPanel("events"); mapView.focus(null); });
  for (const tab of document.querySelectorAll(".tab")) {
    tab.addEventListener("click", () => tab.dataset.tab === "events" ? showPanel("events") : showSituation(tab.dataset.tab));
  }

  (async function start() {
    try {
      const health = await Poly.fetchJSON("/health");
      if (health.situation) for (const t of document.querySelectorAll(".tab.situation")) t.hidden = false;
      await loadFacets();
    } catch (err) {
      $("summary").textContent = `Server not reachable: ${err.message}`;
    }
    await refresh();
    mapView.fitToPoints();
    document.body.dataset.ready = "yes";
  })();
})();
