// The frame of a chart over time, drawn as inline SVG at the width of its box: the value
// axis with grid lines, the time axis with marks that fit, and the scales between them.
// Both charts of the page (the bars of one query, the lines of compared queries) use it.

import { AXIS_GRAINS, AXIS_GRAINS_OF, bucketLabel, contextText } from "./dates.js";

// The SVG namespace, as the HTML parser gives it: the page's files name no address elsewhere.
const SVG = Object.assign(document.createElement("template"), { innerHTML: "<svg></svg>" })
  .content.firstChild.namespaceURI;
const CHAR_PX = 7.5; // a character of the 12 px axis text, on the wide side
const MARK_GAP_PX = 8;
const LINE_PX = 14; // one line of axis text
// The fewest days in a grain of the axis, the most in a bucket: which marks have room.
const GRAIN_DAYS = { day: 1, week: 7, month: 28, quarter: 90, year: 365 };
const BUCKET_DAYS = { day: 1, week: 7, month: 31, year: 366 };
const GRAIN_CHARS = { day: 2, week: 2, month: 3, quarter: 3, year: 4 };
const NUMBER = new Intl.NumberFormat("nl-NL"); // toLocaleString() is slow over thousands of bars
const PERCENT = new Intl.NumberFormat("nl-NL", { maximumSignificantDigits: 2 });

/** A count as the page writes it: "1.234". */
export function number(count) {
  return NUMBER.format(count);
}

export function svg(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A bucket's share of all articles in it, or null when the archive has none there. */
export function shareOf(bucket) {
  return bucket.all ? bucket.count / bucket.all : null;
}

export function shareText(share) {
  return `${PERCENT.format(share * 100)}%`;
}

export function countText(count) {
  return `${number(count)} ${count === 1 ? "artikel" : "artikelen"}`;
}

function decimalsOf(number) {
  for (let decimals = 0; decimals < 6; decimals += 1) {
    if (Math.abs(Math.round(number * 10 ** decimals) - number * 10 ** decimals) < 1e-6) return decimals;
  }
  return 6;
}

/** Round steps from 0 to at least `highest`: `{ top, ticks, text }`. */
export function valueAxis(highest, { share }) {
  const most = highest > 0 ? highest : share ? 0.01 : 1;
  const rough = most / 3;
  const power = 10 ** Math.floor(Math.log10(rough));
  const steps = [1, 2, 2.5, 5, 10].map((factor) => factor * power)
    .filter((step) => share || (step >= 1 && Number.isInteger(step)));
  const step = steps.find((candidate) => candidate >= rough) || Math.max(1, Math.ceil(rough));
  const top = Math.ceil(most / step - 1e-9) * step;
  const ticks = [];
  for (let value = 0; value <= top + step / 2; value += step) ticks.push(value);
  const decimals = decimalsOf(step * 100);
  const text = share
    ? (value) => `${(value * 100).toLocaleString("nl-NL", { minimumFractionDigits: decimals,
      maximumFractionDigits: decimals })}%`
    : number;
  return { top, ticks, text };
}

/** Where the time axis marks its buckets: the finest grain whose marks have room, or the
 * coarsest with some of its marks left out. */
function timeMarks(starts, interval, slot) {
  const options = AXIS_GRAINS_OF[interval];
  const room = (grain) => (GRAIN_DAYS[grain] / BUCKET_DAYS[interval]) * slot;
  const wide = (grain) => GRAIN_CHARS[grain] * CHAR_PX + MARK_GAP_PX;
  const [grain, context] = options.find(([one]) => room(one) >= wide(one)) || options[options.length - 1];
  const { key } = AXIS_GRAINS[grain];
  const every = Math.ceil(wide(grain) / room(grain));
  const marks = starts.flatMap((start, i) => (i === 0 || key(start) !== key(starts[i - 1]) ? [i] : []))
    .filter((_, k) => k % every === 0);
  // The first bucket is marked even when it does not start a grain; not over the next mark.
  if (marks.length > 1 && (marks[1] - marks[0]) * slot < wide(grain)) marks.shift();
  return { grain, context, marks, centred: grain === interval };
}

/**
 * Draws the axes for `starts` (bucket starts) of `interval` and values up to `highest` into an
 * SVG of `width` x `height` pixels. Returns the SVG and its scales: `x(i)` is the left edge of
 * bucket i, `slot` its width, `y(value)` a height; `index(event)` the bucket under a pointer.
 */
export function frame({ width, height, starts, interval, highest, share }) {
  const values = valueAxis(highest, { share });
  const left = Math.max(...values.ticks.map((v) => values.text(v).length)) * CHAR_PX + 14;
  const right = width - 10;
  const top = 8;
  const slot = (right - left) / Math.max(starts.length, 1);
  const axis = timeMarks(starts, interval, slot);
  const bottom = height - (axis.context ? 2 * LINE_PX + 8 : LINE_PX + 8);
  const x = (i) => left + i * slot;
  const y = (value) => bottom - (value / values.top) * (bottom - top);
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "tekening-svg" });

  const grid = svg("g", { class: "raster", "aria-hidden": "true" });
  for (const value of values.ticks) {
    grid.append(svg("line", { x1: left, x2: right, y1: y(value), y2: y(value) }),
      svg("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end" }, [values.text(value)]));
  }
  root.append(grid, timeAxis({ starts, axis, x, slot, bottom, right }));
  const index = (event) => {
    const box = root.getBoundingClientRect();
    const at = ((event.clientX - box.left) * width) / box.width;
    return Math.min(starts.length - 1, Math.max(0, Math.floor((at - left) / slot)));
  };
  return { root, x, y, slot, left, right, top, bottom, index, values };
}

function timeAxis({ starts, axis, x, slot, bottom, right }) {
  const group = svg("g", { class: "tijdas", "aria-hidden": "true" },
    [svg("line", { class: "basis", x1: x(0), x2: right, y1: bottom, y2: bottom })]);
  let contextEnd = -Infinity;
  let previous = null;
  for (const i of axis.marks) {
    const text = AXIS_GRAINS[axis.grain].text(starts[i]);
    const at = axis.centred ? x(i) + slot / 2 : x(i);
    const wide = text.length * CHAR_PX;
    if ((axis.centred ? at + wide / 2 : at + wide) > right + 8) continue;
    group.append(svg("line", { x1: at, x2: at, y1: bottom, y2: bottom + 4 }),
      svg("text", { x: axis.centred ? at : at + 2, y: bottom + LINE_PX + 2,
        "text-anchor": axis.centred ? "middle" : "start" }, [text]));
    if (!axis.context) continue;
    const key = AXIS_GRAINS[axis.context].key(starts[i]);
    const context = contextText(starts[i], axis.context);
    const from = axis.centred ? at - wide / 2 : at;
    if (key !== previous && from >= contextEnd && from + context.length * CHAR_PX <= right + 8) {
      group.append(svg("text", { class: "context", x: from + (axis.centred ? 0 : 2),
        y: bottom + 2 * LINE_PX + 4 }, [context]));
      contextEnd = from + context.length * CHAR_PX + MARK_GAP_PX;
    }
    previous = key;
  }
  return group;
}

/**
 * Draws with `draw(width)` into `box` now and again whenever the box changes width. Keeps the
 * focus on the element with the same `data-start` when the drawing is replaced.
 */
export function drawInto(box, draw) {
  box._draw = draw;
  const paint = () => {
    const focused = box.contains(document.activeElement) ? document.activeElement.dataset.start : null;
    box.replaceChildren(box._draw(Math.max(box.clientWidth, 200)));
    if (focused) box.querySelector(`[data-start="${focused}"]`)?.focus();
    box._width = box.clientWidth;
  };
  if (!box._observer) {
    box._observer = new ResizeObserver(() => {
      if (box._draw && box.clientWidth !== box._width) paint();
    });
    box._observer.observe(box);
  }
  paint();
}

/** The numbers behind a chart as a table: a row per bucket, a column per series. */
export function dataTable(series, interval, { share }) {
  const cell = (tag, text, attrs = {}) => Object.assign(document.createElement(tag), { textContent: text }, attrs);
  const table = document.createElement("table");
  const head = document.createElement("tr");
  head.append(cell("th", "Periode", { scope: "col" }),
    ...series.map((one) => cell("th", one.label, { scope: "col" })),
    cell("th", "Alle artikelen", { scope: "col" }));
  const body = document.createElement("tbody");
  (series[0]?.buckets || []).forEach((bucket, i) => {
    const row = document.createElement("tr");
    row.append(cell("th", bucketLabel(bucket.start, interval), { scope: "row" }));
    for (const one of series) {
      const { count } = one.buckets[i];
      const part = shareOf(one.buckets[i]);
      row.append(cell("td", share && part !== null ? `${number(count)} (${shareText(part)})` : number(count)));
    }
    row.append(cell("td", number(bucket.all)));
    body.append(row);
  });
  table.createTHead().append(head);
  table.append(body);
  return table;
}
