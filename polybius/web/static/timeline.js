// Events per day as an SVG bar chart with a brush: drag to select a period.
"use strict";
(function () {
  const NS = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const svgEl = (tag, attrs) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  };
  const toDay = (ms) => new Date(ms).toISOString().slice(0, 10);

  Poly.createTimeline = function (svg, { onBrush }) {
    let days = [], t0 = 0, t1 = 0, selection = null, drag = null;
    const pad = { left: 34, right: 10, top: 8, bottom: 18 };

    function size() { return { w: svg.clientWidth || 800, h: svg.clientHeight || 110 }; }
    function xOf(ms, w) { return pad.left + ((ms - t0) / Math.max(t1 - t0, DAY)) * (w - pad.left - pad.right); }
    function msOf(x, w) { return t0 + ((x - pad.left) / (w - pad.left - pad.right)) * Math.max(t1 - t0, DAY); }

    function draw() {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      const { w, h } = size();
      svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
      if (!days.length) {
        const t = svgEl("text", { x: w / 2, y: h / 2, "text-anchor": "middle", class: "tl-empty" });
        t.textContent = "no dated events match the filters";
        svg.append(t);
        return;
      }
      const max = Math.max(...days.map((d) => d.count));
      const plotH = h - pad.top - pad.bottom;
      const barW = Math.max(1, (w - pad.left - pad.right) / Math.max(1, (t1 - t0) / DAY + 1) - 1);
      for (const frac of [0.5, 1]) {
        const y = pad.top + plotH * (1 - frac);
        svg.append(svgEl("line", { x1: pad.left, x2: w - pad.right, y1: y, y2: y, class: "tl-grid" }));
        const label = svgEl("text", { x: pad.left - 4, y: y + 3, "text-anchor": "end", class: "tl-axis" });
        label.textContent = Math.round(max * frac);
        svg.append(label);
      }
      for (const d of days) {
        const ms = Date.parse(d.date + "T00:00:00Z");
        const bh = Math.max(1, (d.count / max) * plotH);
        const inSel = !selection || (d.date >= selection[0] && d.date <= selection[1]);
        const bar = svgEl("rect", { x: xOf(ms, w), y: pad.top + plotH - bh, width: barW, height: bh,
                                    class: inSel ? "tl-bar" : "tl-bar dim" });
        const title = svgEl("title");
        title.textContent = `${d.date}: ${d.count} events`;
        bar.append(title);
        svg.append(bar);
      }
      // month ticks
      const start = new Date(t0);
      for (let m = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
           m.getTime() <= t1; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
        const x = xOf(m.getTime(), w);
        svg.append(svgEl("line", { x1: x, x2: x, y1: pad.top, y2: h - pad.bottom, class: "tl-tick" }));
        const label = svgEl("text", { x: x + 3, y: h - 5, class: "tl-axis" });
        label.textContent = m.toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
        svg.append(label);
      }
      if (selection) {
        const a = xOf(Date.parse(selection[0] + "T00:00:00Z"), w);
        const b = xOf(Date.parse(selection[1] + "T00:00:00Z") + DAY, w);
        svg.append(svgEl("rect", { x: Math.min(a, b), y: pad.top, width: Math.abs(b - a),
                                   height: plotH, class: "tl-brush" }));
      }
      if (drag) {
        svg.append(svgEl("rect", { x: Math.min(drag.x0, drag.x1), y: pad.top,
          width: Math.abs(drag.x1 - drag.x0), height: plotH, class: "tl-brush active" }));
      }
    }

    function localX(event) { return event.clientX - svg.getBoundingClientRect().left; }
    svg.addEventListener("pointerdown", (e) => {
      if (!days.length) return;
      svg.setPointerCapture(e.pointerId);
      drag = { x0: localX(e), x1: localX(e) };
      draw();
    });
    svg.addEventListener("pointermove", (e) => { if (drag) { drag.x1 = localX(e); draw(); } });
    svg.addEventListener("pointerup", () => {
      if (!drag) return;
      const { w } = size();
      const a = Math.min(drag.x0, drag.x1), b = Math.max(drag.x0, drag.x1);
      drag = null;
      if (b - a < 3) { draw(); return; }  // a click, not a drag
      const since = toDay(Math.max(t0, msOf(a, w))), until = toDay(Math.min(t1, msOf(b, w)));
      selection = [since, until];
      draw();
      onBrush(since, until);
    });
    window.addEventListener("resize", draw);

    return {
      setDays(newDays) {
        days = newDays;
        if (days.length) {
          t0 = Date.parse(days[0].date + "T00:00:00Z");
          t1 = Date.parse(days[days.length - 1].date + "T00:00:00Z");
        }
        draw();
      },
      setSelection(since, until) { selection = since && until ? [since, until] : null; draw(); },
    };
  };
})();
