// The page's one chart and what surrounds it: its title, the switches for the interval and
// for counts or share, the caption, the table of its numbers and their CSV. It shows the
// timeline of the query (timeline.js) or the compared queries (compare.js).

import { countText, dataTable } from "./chart.js";
import { renderComparison } from "./compare.js";
import { renderTimeline } from "./timeline.js";

export const INTERVALS = { day: "dag", week: "week", month: "maand", year: "jaar" };
const $ = (id) => document.getElementById(id);
let makeTable = null; // the table of the chart's numbers, made when it is opened

/** Calls `onChange({ interval })` or `onChange({ scale })` when a switch is turned. */
export function wireFigure(onChange) {
  for (const radio of document.querySelectorAll("input[name=interval], input[name=schaal]")) {
    const key = radio.name === "interval" ? "interval" : "scale";
    radio.addEventListener("change", () => onChange({ [key]: radio.value }));
  }
  $("grafiek-tabel").addEventListener("toggle", fillTable);
}

/**
 * Shows `timeline` (of /api/search) or `comparison` (of /api/compare) as `state` asks
 * (interval, scale, chosen period), or hides the figure when no bucket has a match; `csv` is
 * the address of the numbers ("": none); `onPick` gets the period chosen on the timeline.
 */
export function renderFigure({ state, timeline, comparison, csv, onPick }) {
  const series = comparison ? comparison.series : [{ label: "Treffers", buckets: timeline.buckets }];
  $("tijdlijn").hidden = series[0].buckets.length === 0;
  if ($("tijdlijn").hidden) return;
  const share = state.scale === "share";
  for (const radio of document.querySelectorAll("input[name=interval]")) radio.checked = radio.value === state.interval;
  for (const radio of document.querySelectorAll("input[name=schaal]")) radio.checked = radio.value === state.scale;
  $("grafiek-titel").textContent = `${share ? "Aandeel in alle artikelen" : "Artikelen"} per ${INTERVALS[state.interval]}`;
  const undated = comparison ? 0 : timeline.undated;
  $("grafiek-uitleg").textContent = (comparison ? "Wijs een periode aan, of ga met Tab naar de grafiek "
    + "en gebruik de pijltjestoetsen, om de aantallen te lezen. Filters gelden voor elke zoekvraag."
    : "Klik op een balk voor die periode en daarna op een tweede voor alles ertussen, of sleep over "
    + "de balken; met het toetsenbord: Tab, pijltjestoetsen en Enter.")
    + (undated ? ` ${countText(undated)} zonder datum staan er niet in.` : "");
  $("legenda").hidden = !comparison;
  $("grafiek-waarde").textContent = "";
  $("grafiek-waarde").setAttribute("aria-live", comparison ? "polite" : "off");
  makeTable = () => dataTable(series, state.interval, { share });
  fillTable();
  $("grafiek-download").hidden = !csv;
  $("grafiek-download").href = csv;
  const drawing = { box: $("tekening"), readout: $("grafiek-waarde"), share };
  if (comparison) renderComparison({ ...drawing, legend: $("legenda"), comparison });
  else renderTimeline({ ...drawing, timeline, state, onPick });
}

function fillTable() {
  $("grafiek-tabel-inhoud").replaceChildren(...($("grafiek-tabel").open && makeTable ? [makeTable()] : []));
}
