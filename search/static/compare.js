// Compared queries: one line per labelled query over the same days, weeks, months or years
// (`GET /api/compare`), counts or share of all articles. Point at the chart, or focus it and
// use the arrow keys, to read the numbers of one period; the legend names the lines.

import { countText, drawInto, frame, number, shareOf, shareText, svg } from "./chart.js";
import { bucketLabel } from "./dates.js";

export const MAX_COMPARED = 12; // as the server's limit
// Okabe-Ito hues (told apart with most colour vision), darkened to 3:1 on white where needed,
// with a purple for their sky blue; then again dashed, then dotted.
const COLOURS = ["#0072b2", "#d55e00", "#009e73", "#c0609a", "#a66f00", "#7a52b3", "#1d1d1f"];
const DASHES = [null, "8 4", "2 3"];
const MARKED_BUCKETS = 40; // up to this many buckets each point gets a dot

/** The queries of the compare box: one a line (`label=query` or a query), blank lines left out. */
export function parseQueries(text) {
  return text.split("\n").map((line) => line.trim()).filter(Boolean);
}

function lineStyle(k) {
  return { stroke: COLOURS[k % COLOURS.length], "stroke-dasharray": DASHES[Math.floor(k / COLOURS.length)] };
}

/** What the chart says of bucket `i`: "maart 2023: Kaag 3 (33%) · Rutte 3 (33%) · alle 9". */
export function periodText(comparison, i, { share }) {
  const { interval, series } = comparison;
  const first = series[0].buckets[i];
  const values = series.map(({ label, buckets }) => {
    const part = shareOf(buckets[i]);
    const count = number(buckets[i].count);
    return share && part !== null ? `${label} ${count} (${shareText(part)})` : `${label} ${count}`;
  });
  return `${bucketLabel(first.start, interval)}: ${values.join(" · ")} · alle artikelen ${number(first.all)}`;
}

/** Draws `comparison` (the JSON of /api/compare) as lines into `box`, its legend into `legend`. */
export function renderComparison({ box, readout, legend, comparison, share }) {
  legend.replaceChildren(...comparison.series.map((one, k) => legendItem(one, k)));
  drawInto(box, (width) => drawLines(width, { comparison, share, readout }));
}

function legendItem({ label, query, total }, k) {
  const item = document.createElement("li");
  const swatch = svg("svg", { width: 30, height: 12, "aria-hidden": "true", class: "staal" },
    [svg("line", { x1: 1, x2: 29, y1: 6, y2: 6, class: "lijn", ...lineStyle(k) })]);
  const name = Object.assign(document.createElement("span"), { className: "naam", textContent: label });
  const about = `${label === query ? "" : `${query} · `}${countText(total)}`;
  const detail = Object.assign(document.createElement("span"), { className: "zacht", textContent: ` (${about})` });
  item.append(swatch, name, detail);
  return item;
}

function drawLines(width, { comparison, share, readout }) {
  const { interval, series } = comparison;
  const starts = series[0].buckets.map((bucket) => bucket.start);
  const value = (bucket) => (share ? shareOf(bucket) : bucket.count);
  const highest = Math.max(0, ...series.flatMap(({ buckets }) => buckets.map((b) => value(b) || 0)));
  const chart = frame({ width, height: width < 500 ? 220 : 260, starts, interval, highest, share });
  const centre = (i) => chart.x(i) + chart.slot / 2;
  const { root } = chart;
  series.forEach(({ buckets }, k) => {
    // Runs of points; a bucket without any article breaks the line (a share there is no 0%).
    const runs = [[]];
    buckets.forEach((bucket, i) => {
      const v = value(bucket);
      if (v === null) runs.push([]);
      else runs[runs.length - 1].push([centre(i), chart.y(v)]);
    });
    const path = runs.filter((run) => run.length)
      .map((run) => run.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join(""));
    const dotted = runs.filter((run) => starts.length <= MARKED_BUCKETS || run.length === 1).flat();
    root.append(svg("path", { d: path.join(""), class: "lijn", ...lineStyle(k) }),
      svg("g", { class: "punten", fill: lineStyle(k).stroke },
        dotted.map(([cx, cy]) => svg("circle", { cx, cy, r: 3 }))));
  });

  const cursor = svg("line", { class: "cursor", y1: chart.top, y2: chart.bottom, visibility: "hidden" });
  root.append(cursor);
  Object.assign(root.dataset, { start: "lijnen" }); // keeps the focus when redrawn
  root.setAttribute("tabindex", "0");
  root.setAttribute("role", "img");
  root.setAttribute("aria-label", `Lijngrafiek van ${series.length} zoekvragen; lees met de `
    + "pijltjestoetsen de aantallen per periode voor");
  let at = null;
  const point = (i) => {
    at = i;
    cursor.setAttribute("visibility", i === null ? "hidden" : "visible");
    if (i !== null) for (const end of ["x1", "x2"]) cursor.setAttribute(end, centre(i));
    readout.textContent = i === null ? "" : periodText(comparison, i, { share });
  };
  root.addEventListener("pointermove", (event) => point(chart.index(event)));
  root.addEventListener("pointerleave", () => { if (document.activeElement !== root) point(null); });
  root.addEventListener("focus", () => point(at ?? starts.length - 1));
  root.addEventListener("blur", () => point(null));
  root.addEventListener("keydown", (event) => {
    const next = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: starts.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    point(Math.min(starts.length - 1, Math.max(0, next)));
  });
  return root;
}
