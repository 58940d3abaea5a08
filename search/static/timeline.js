// The timeline of one query: a bar per day, week, month or year (the count of matches, or
// their share of all articles in it). Click a bar: that period (click it again: no period).
// With one bar chosen, click another: everything between them. Drag across bars: that span.
// Keyboard: Tab to the bars, arrows (Home, End) to move, Enter or Space to choose.
//
// Each bar is a button while bars are wide enough to point at; thinner ones (years by day)
// are drawn as one path, and a single button walks over them.

import { countText, drawInto, frame, number, shareOf, shareText, svg } from "./chart.js";
import { bucketEnd, bucketFilter, bucketLabel, filterDays } from "./dates.js";

const HEIGHT = 170;
const DENSE_SLOT_PX = 3;
const NO_PERIOD = { month: "", since: "", until: "" };

/** "maart 2023: 4 artikelen, 10% van alle 40": what a bar says to people and screen readers. */
export function bucketText(bucket, interval) {
  const part = shareOf(bucket);
  const of = part === null ? "" : `, ${shareText(part)} van alle ${number(bucket.all)}`;
  return `${bucketLabel(bucket.start, interval)}: ${countText(bucket.count)}${of}`;
}

/**
 * Draws `timeline` (`{interval, buckets}` of the API) as bars into `box`, with the period of
 * `state` highlighted; `onPick(changes)` gets the new period filter; `readout` shows the bar
 * under the pointer or the focus.
 */
export function renderTimeline({ box, readout, timeline, state, share, onPick }) {
  const { interval, buckets } = timeline;
  const chosen = filterDays(state);
  const starts = buckets.map((bucket) => bucket.start);
  const ranges = starts.map((start) => [start, bucketEnd(start, interval)]);
  const same = (range, other) => Boolean(range && other) && range[0] === other[0] && range[1] === other[1];
  const pick = (i, j = i) => {
    if (i === j && same(ranges[i], chosen)) return onPick(NO_PERIOD);
    const alone = i === j && chosen ? ranges.findIndex((range) => same(range, chosen)) : -1;
    const [first, last] = alone >= 0 ? [Math.min(alone, i), Math.max(alone, i)] : [i, j];
    return onPick(bucketFilter(starts[first], starts[last], interval));
  };
  const inside = ranges.map(([first, last]) => Boolean(chosen) && first <= chosen[1] && last >= chosen[0]);
  const look = inside.map((yes) => (yes ? " gekozen" : chosen ? " buiten" : ""));
  drawInto(box, (width) => {
    const chart = drawBars(width, { buckets, interval, share, look });
    interact(chart, { buckets, interval, pick, readout, inside });
    return chart.root;
  });
}

function drawBars(width, { buckets, interval, share, look }) {
  const value = (bucket) => (share ? shareOf(bucket) || 0 : bucket.count);
  const chart = frame({ width, height: HEIGHT, interval, share,
    starts: buckets.map((bucket) => bucket.start), highest: Math.max(0, ...buckets.map(value)) });
  const { root, x, slot, top, bottom } = chart;
  const gap = slot >= 5 ? Math.min(2, slot * 0.2) : 0;
  const heights = buckets.map((bucket) => (value(bucket) > 0 ? Math.max(2, bottom - chart.y(value(bucket))) : 0));
  const latest = buckets.findLastIndex((bucket) => bucket.count > 0);
  const first = look.findIndex((kind) => kind === " gekozen");
  chart.start = first >= 0 ? first : latest;
  chart.dense = slot < DENSE_SLOT_PX;
  chart.preview = svg("rect", { class: "voorbeeld", y: top, height: bottom - top, visibility: "hidden" });
  if (first >= 0) { // the chosen period as a band behind the bars, also where none stand
    const last = look.findLastIndex((kind) => kind === " gekozen");
    root.append(svg("rect", { class: "periode", x: x(first), y: top, width: x(last + 1) - x(first),
      height: bottom - top }));
  }
  const bar = (i) => svg("rect", { class: `vulling${look[i]}`, x: x(i) + gap / 2, y: bottom - heights[i],
    width: Math.max(slot - gap, 0.5), height: heights[i] });
  if (chart.dense) {
    const paths = {};
    heights.forEach((high, i) => {
      const wide = Math.max(slot, 1.5).toFixed(2); // a lone thin bar stays in sight
      if (high) paths[look[i]] = `${paths[look[i]] || ""}M${x(i).toFixed(2)},${bottom}v${(-high).toFixed(2)}h${wide}v${high.toFixed(2)}z`;
    });
    chart.cursor = svg("g", { class: "balk loper", role: "button", tabindex: 0 },
      [svg("rect", { class: "vlak", y: top, height: bottom - top })]);
    root.append(svg("rect", { class: "veld", x: x(0), y: top, width: chart.right - x(0), height: bottom - top }),
      ...Object.entries(paths).map(([kind, d]) => svg("path", { class: `vulling${kind}`, d })),
      chart.preview, chart.cursor);
    chart.bars = [];
  } else {
    const group = svg("g", { class: "balken" }, buckets.map((bucket, i) => svg("g", {
      class: "balk", role: "button", tabindex: i === chart.start ? 0 : -1, "data-i": i,
    }, [svg("rect", { class: "vlak", x: x(i), y: top, width: slot, height: bottom - top }),
      heights[i] ? bar(i) : null])));
    root.append(group, chart.preview);
    chart.bars = [...group.children];
  }
  root.setAttribute("tabindex", "-1"); // Chromium would make the SVG a stop of its own
  return chart;
}

function interact(chart, { buckets, interval, pick, readout, inside }) {
  const { root, bars, cursor, preview } = chart;
  let from = null;
  let to = null;
  const show = (i) => { readout.textContent = i === null ? "" : bucketText(buckets[i], interval); };
  // A bar (or the one walking button over thin bars) says what it is and whether it is chosen.
  const describe = (element, i) => {
    Object.assign(element.dataset, { i, start: buckets[i].start });
    element.setAttribute("aria-label", bucketText(buckets[i], interval));
    element.setAttribute("aria-pressed", String(inside[i]));
  };
  const place = (i) => {
    describe(cursor, i);
    const wide = Math.max(chart.slot, 3);
    cursor.firstChild.setAttribute("x", chart.x(i) + chart.slot / 2 - wide / 2);
    cursor.firstChild.setAttribute("width", wide);
  };
  bars.forEach((element, i) => describe(element, i));
  if (cursor) place(chart.start);
  const drag = () => {
    preview.setAttribute("visibility", from === null || from === to ? "hidden" : "visible");
    if (from === null) return;
    preview.setAttribute("x", chart.x(Math.min(from, to)));
    preview.setAttribute("width", (Math.abs(to - from) + 1) * chart.slot);
  };
  root.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || !event.target.closest(".balk, .veld")) return;
    from = to = chart.index(event);
    root.setPointerCapture(event.pointerId);
  });
  root.addEventListener("pointermove", (event) => {
    const i = chart.index(event);
    show(i);
    if (from === null || i === to) return;
    to = i;
    drag();
  });
  root.addEventListener("pointerup", () => {
    if (from === null) return;
    const [first, last] = [Math.min(from, to), Math.max(from, to)];
    from = to = null;
    drag();
    pick(first, last);
  });
  root.addEventListener("pointercancel", () => { from = to = null; drag(); });
  root.addEventListener("pointerleave", () => { if (from === null) show(null); });
  root.addEventListener("focusin", (event) => {
    if (event.target.closest(".balk")) show(Number(event.target.dataset.i));
  });
  root.addEventListener("focusout", () => show(null));
  root.addEventListener("keydown", (event) => {
    const bar = event.target.closest(".balk");
    if (!bar) return;
    const i = Number(bar.dataset.i);
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pick(i);
      return;
    }
    const next = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: buckets.length - 1 }[event.key];
    if (next === undefined || next < 0 || next >= buckets.length) return;
    event.preventDefault();
    if (cursor) {
      place(next);
      show(next);
      return;
    }
    bar.setAttribute("tabindex", "-1");
    bars[next].setAttribute("tabindex", "0");
    bars[next].focus();
  });
}
