// The month histogram: one button per month between the first and the last match.
// Click a bar: that month (click it again: no period). With one month chosen, click another
// bar: the period between them. Drag across bars: that period.

const MAX_FILLED_MONTHS = 600; // fill gaps with empty months up to 50 years

function nextMonth(month) {
  let [year, number] = month.split("-").map((part) => parseInt(part, 10));
  number += 1;
  if (number > 12) { number = 1; year += 1; }
  return `${String(year).padStart(4, "0")}-${String(number).padStart(2, "0")}`;
}

/** Every month from the first to the last in `counts`, with 0 where nothing matched. */
export function fillMonths(counts) {
  const known = new Map(counts.filter((c) => c.value).map((c) => [c.value, c.count]));
  const sorted = [...known.keys()].sort();
  if (!sorted.length) return [];
  const months = [];
  for (let month = sorted[0]; month <= sorted[sorted.length - 1]; month = nextMonth(month)) {
    months.push({ value: month, count: known.get(month) || 0 });
    if (months.length > MAX_FILLED_MONTHS) return sorted.map((m) => ({ value: m, count: known.get(m) }));
  }
  return months;
}

function inPeriod(month, state) {
  if (state.month) return month === state.month;
  if (!state.since && !state.until) return false;
  return (!state.since || month >= state.since) && (!state.until || month <= state.until);
}

function period(first, second) {
  if (first === second) return { month: first, since: "", until: "" };
  const [since, until] = [first, second].sort();
  return { month: "", since, until };
}

export function renderTimeline({ months, state, onPick, label }) {
  const figure = document.getElementById("tijdlijn");
  const bars = document.getElementById("balken");
  const axis = document.getElementById("as");
  const filled = fillMonths(months);
  figure.hidden = filled.length === 0;
  bars.replaceChildren();
  axis.replaceChildren();
  if (!filled.length) return;
  const highest = Math.max(...filled.map((m) => m.count), 1);
  const filtered = Boolean(state.month || state.since || state.until);
  let dragFrom = null;
  let dragged = false;

  const pick = (month) => {
    if (state.month === month) onPick({ month: "", since: "", until: "" });
    else if (state.month) onPick(period(state.month, month));
    else onPick({ month, since: "", until: "" });
  };

  for (const { value, count } of filled) {
    const bar = document.createElement("button");
    bar.type = "button";
    bar.className = "balk";
    bar.dataset.month = value;
    bar.classList.toggle("gekozen", inPeriod(value, state));
    bar.classList.toggle("buiten", filtered && !inPeriod(value, state));
    bar.classList.toggle("leeg", count === 0);
    bar.setAttribute("aria-pressed", String(inPeriod(value, state)));
    bar.setAttribute("aria-label", `${label(value)}: ${count} ${count === 1 ? "artikel" : "artikelen"}`);
    bar.title = `${label(value)}: ${count}`;
    const fill = document.createElement("span");
    fill.className = "vulling";
    fill.style.height = `${Math.max(count ? 4 : 0, Math.round((count / highest) * 100))}%`;
    bar.append(fill);
    bar.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      dragFrom = value;
      dragged = false;
    });
    bar.addEventListener("pointerenter", () => {
      if (dragFrom === null || dragFrom === value) return;
      dragged = true;
      for (const other of bars.children) {
        const { since, until } = period(dragFrom, value);
        other.classList.toggle("voorbeeld", other.dataset.month >= since && other.dataset.month <= until);
      }
    });
    bar.addEventListener("click", (event) => {
      if (dragged) { event.preventDefault(); dragged = false; return; }
      pick(value);
    });
    bars.append(bar);
  }

  // The pointer may be released over another bar (or outside): find the bar under it.
  bars.onpointerup = (event) => {
    const from = dragFrom;
    dragFrom = null;
    if (from === null || !dragged) return;
    const target = document.elementFromPoint(event.clientX, event.clientY);
    const bar = target && target.closest(".balk");
    if (bar && bar.dataset.month !== from) onPick(period(from, bar.dataset.month));
    dragged = false;
  };
  bars.onpointerleave = () => {
    dragFrom = null;
    for (const other of bars.children) other.classList.remove("voorbeeld");
  };

  const first = filled[0].value;
  const last = filled[filled.length - 1].value;
  axis.append(Object.assign(document.createElement("span"), { textContent: label(first) }));
  if (last !== first) {
    axis.append(Object.assign(document.createElement("span"), { textContent: label(last) }));
  }
}
