// Nieuwszoeker search page: the page state lives in the URL; every render reads it.
// Text from the index is inserted with textContent; only snippets (escaped by the server,
// with <mark> around matches) are inserted as HTML.

import { MAX_COMPARED, parseQueries } from "./compare.js";
import { formatDate, periodLabel } from "./dates.js";
import { FACETS } from "./facets.js";
import { INTERVALS, renderFigure, wireFigure } from "./figure.js";

// [name, plural, singular] of each facet of names: the server's registry (index/facets.py).
const KINDS = FACETS.map((facet) => [facet.name, facet.label, facet.singular]);
const SHOW_EMPTY = new Set(FACETS.filter((facet) => facet.showEmpty).map((facet) => facet.name));
const PAGE_SIZE = 10;
const CHIPS_PER_KIND = 4;
const KWIC_LINES = 200; // lines shown in the keyword-in-context view (the CSV has up to 10,000)
const KWIC_WIDTH = 60;
const KWIC_SORTS = ["date", "oldest", "left", "right"];
const VIEWS = ["kwic", "compare"];

const $ = (id) => document.getElementById(id);
let renderCount = 0;

// -- state <-> URL ---------------------------------------------------------------------

function readState(search = location.search) {
  const params = new URLSearchParams(search);
  const state = {
    q: params.get("q") || "",
    sort: params.get("sort") || "relevance",
    page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1),
    month: params.get("month") || "",
    since: params.get("since") || "",
    until: params.get("until") || "",
    id: params.get("id") || "",
    view: VIEWS.includes(params.get("view")) ? params.get("view") : "",
    ksort: KWIC_SORTS.includes(params.get("ksort")) ? params.get("ksort") : "date",
    interval: params.get("interval") in INTERVALS ? params.get("interval") : "month",
    scale: params.get("scale") === "share" ? "share" : "count",
    cq: params.getAll("cq"),
  };
  for (const [kind] of KINDS) state[kind] = params.getAll(kind);
  return state;
}

function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [kind] of KINDS) for (const name of state[kind]) params.append(kind, name);
  for (const key of ["month", "since", "until"]) if (state[key]) params.set(key, state[key]);
  if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  if (state.view) params.set("view", state.view);
  if (state.view === "kwic" && state.ksort !== "date") params.set("ksort", state.ksort);
  for (const text of state.cq) params.append("cq", text);
  if (state.interval !== "month") params.set("interval", state.interval);
  if (state.scale === "share") params.set("scale", "share");
  if (state.id) params.set("id", state.id);
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

/** A copy of the current state with `changes`; any filter change goes back to page 1. */
function withChanges(changes, { keepPage = false } = {}) {
  const state = { ...readState(), id: "", ...changes };
  if (!keepPage && !("page" in changes)) state.page = 1;
  return state;
}

function go(state, { focus } = {}) {
  history.pushState(null, "", stateUrl(state));
  render({ focus });
}

/** A link that navigates within the page (and still works as a normal link). */
function pageLink(text, state, { className, label, focus } = {}) {
  const link = document.createElement("a");
  link.href = stateUrl(state);
  link.textContent = text;
  if (className) link.className = className;
  if (label) link.setAttribute("aria-label", label);
  link.addEventListener("click", (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    go(state, { focus });
  });
  return link;
}

// -- API -------------------------------------------------------------------------------

async function api(path, params) {
  const url = params ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = data.error ? data.error.message : `fout ${response.status}`;
    throw new Error(message);
  }
  return data;
}

function searchParams(state, { dates = true, limit = PAGE_SIZE, facets = 10, timeline = false } = {}) {
  // Near-duplicates (the same wire copy in several papers) show once, their copies listed,
  // and count once in the facets.
  const params = new URLSearchParams({ q: state.q, sort: state.sort, limit: String(limit),
    facets: String(facets), collapse: "true", count: "groups" });
  params.set("page", String(dates ? state.page : 1));
  if (timeline) params.set("timeline", state.interval);
  return withFilters(params, state, { dates });
}

/** `params` with the filters of `state`: names, and the period unless `dates` is false. */
function withFilters(params, state, { dates = true } = {}) {
  for (const [kind] of KINDS) for (const name of state[kind]) params.append(kind, name);
  if (dates) for (const key of ["month", "since", "until"]) if (state[key]) params.set(key, state[key]);
  return params;
}

/** The query and filters of `state` (no paging): what downloads and the KWIC view ask for. */
function filterParams(state) {
  return withFilters(new URLSearchParams({ q: state.q }), state);
}

/** `/api/compare` of `queries` under the filters of `state`, per interval of `state`. */
function compareParams(state, queries, { dates = true } = {}) {
  const params = new URLSearchParams({ interval: state.interval, count: "groups" });
  for (const text of queries) params.append("q", text);
  return withFilters(params, state, { dates });
}

function downloadUrl(path, state, extra) {
  const params = filterParams(state);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `${path}?${params}`;
}

// -- rendering -------------------------------------------------------------------------

function element(tag, { text, className, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

async function render({ focus } = {}) {
  const state = readState();
  const ticket = ++renderCount;
  $("q").value = state.q;
  $("sort").value = state.sort;
  document.title = state.q ? `${state.q} — Nieuwszoeker` : "Nieuwszoeker";
  renderActiveFilters(state);
  if (state.id) {
    await renderArticle(state, ticket);
    return;
  }
  $("artikel").hidden = true;
  $("resultaten").hidden = false;
  $("facetten").hidden = false;
  const compare = state.view === "compare";
  $("kwic").hidden = state.view !== "kwic";
  $("vergelijk").hidden = !compare;
  $("treffers").hidden = Boolean(state.view);
  $("paginering").hidden = Boolean(state.view);
  $("resultaten").setAttribute("aria-busy", "true");
  setStatus("Zoeken…");
  try {
    // The timeline spans every match, with the chosen period (if any) highlighted in it.
    const dated = Boolean(state.month || state.since || state.until);
    const queries = compare ? comparedQueries(state) : [];
    const [results, overall, comparison] = await Promise.all([
      api("/api/search", searchParams(state, { timeline: !compare && !dated })),
      dated && !compare ? api("/api/search", searchParams(state, { dates: false, limit: 1, facets: 0,
        timeline: true })) : null,
      queries.length ? api("/api/compare", compareParams(state, queries)).catch((error) => ({ error })) : null,
    ]);
    if (ticket !== renderCount) return; // a newer render started meanwhile
    renderResults(state, results);
    renderToolbar(state, results.total);
    renderFacets(state, results.facets);
    if (compare) renderCompareView(state, queries, comparison);
    else renderChart(state, { timeline: (overall || results).timeline, queries: [state.q.trim()] });
  } catch (error) {
    if (ticket !== renderCount) return;
    showError(error);
  } finally {
    $("resultaten").removeAttribute("aria-busy");
  }
  if (state.view === "kwic" && ticket === renderCount) await renderKwic(state, ticket);
  if (focus) $(focus).focus();
}

// -- downloads and keyword in context --------------------------------------------------

function renderToolbar(state, total) {
  $("werkbalk").hidden = false;
  const views = $("weergave");
  views.replaceChildren(
    viewLink("Artikelen", state, ""),
    viewLink("Woorden in context", state, "kwic"),
    viewLink("Vergelijken", state, "compare"),
  );
  const downloads = $("downloads");
  downloads.replaceChildren();
  if (!total || state.view === "compare") return; // the compared queries have their own CSV
  const all = total === 1 ? "de treffer" : `alle ${total.toLocaleString("nl-NL")} treffers`;
  const link = (text, extra, label) => element("a", { text, className: "download",
    attrs: { href: downloadUrl("/api/export", state, extra), download: "", "aria-label": label } });
  downloads.append(`Download ${all}: `,
    link("CSV", { format: "csv", sort: state.sort }, `Download ${all} als CSV`), " · ",
    link("CSV voor Excel (;)", { format: "csv", delimiter: ";", sort: state.sort },
      `Download ${all} als CSV voor Excel met puntkomma's`), " · ",
    link("JSON Lines", { format: "jsonl", sort: state.sort }, `Download ${all} als JSON Lines`));
}

function viewLink(text, state, view) {
  const link = pageLink(text, { ...state, view, page: 1 }, { className: "weergaveknop" });
  if ((state.view || "") === view) link.setAttribute("aria-current", "page");
  return link;
}

async function renderKwic(state, ticket) {
  $("treffers").replaceChildren();
  $("paginering").replaceChildren();
  $("kwic").hidden = false;
  $("kwic-sort").value = state.ksort;
  const list = $("kwic-regels");
  const download = $("kwic-download");
  if (!state.q.trim()) {
    $("kwic-status").textContent = "Geef zoekwoorden op om ze in hun context te zien.";
    list.replaceChildren();
    download.hidden = true;
    return;
  }
  $("kwic-status").textContent = "Regels zoeken…";
  const params = filterParams(state);
  params.set("sort", state.ksort);
  let found;
  try {
    params.set("width", String(KWIC_WIDTH));
    params.set("limit", String(KWIC_LINES));
    found = await api("/api/kwic", params);
  } catch (error) {
    if (ticket !== renderCount) return;
    $("kwic-status").textContent = `Dat lukte niet: ${error.message}`;
    list.replaceChildren();
    return;
  }
  if (ticket !== renderCount) return;
  const count = found.lines.length;
  const lines = count === 1 ? "1 regel" : `${count.toLocaleString("nl-NL")} regels`;
  $("kwic-status").textContent = found.complete ? `${lines}.`
    : `De eerste ${lines}; de CSV heeft er meer.`;
  download.hidden = count === 0;
  download.href = downloadUrl("/api/kwic", state, { format: "csv", sort: state.ksort,
    width: String(KWIC_WIDTH), limit: "10000" });
  list.replaceChildren(...found.lines.map((line) => kwicLine(line, state)));
}

function kwicLine(line, state) {
  const when = pageLink(formatDate(line.date, line.month), { ...state, id: line.id },
    { className: "kwic-bron", label: `${formatDate(line.date, line.month)}: ${line.title || "(zonder kop)"}`,
      focus: "artikel" });
  return element("li", { className: "kwic-regel" }, [
    when,
    element("span", { className: "links" }, [element("span", { text: line.left })]),
    element("mark", { text: line.match, className: "kern" }),
    element("span", { className: "rechts", text: line.right }),
  ]);
}

// -- the chart: the timeline of the query, or the compared queries ----------------------

/** The compared queries: those of the compare box, else the query of the search box. */
function comparedQueries(state) {
  if (state.cq.length) return state.cq.slice(0, MAX_COMPARED);
  return state.q.trim() ? [state.q.trim()] : [];
}

function renderCompareView(state, queries, comparison) {
  $("vergelijk-vragen").value = queries.join("\n");
  $("vergelijk-vragen").rows = Math.min(Math.max(3, queries.length + 1), MAX_COMPARED);
  $("vergelijk-fout").hidden = true;
  const failed = comparison && comparison.error;
  if (!queries.length || failed) {
    $("tijdlijn").hidden = true;
    if (failed) setStatus(`Dat lukte niet: ${comparison.error.message}`, { error: true });
    else setStatus("Geef hieronder een of meer zoekvragen op om ze te vergelijken.");
    return;
  }
  const dated = comparison.series[0].buckets.length > 0;
  const compared = queries.length === 1 ? "1 zoekvraag" : `${queries.length} zoekvragen`;
  setStatus(dated ? `${compared} vergeleken.` : `${compared}: geen treffers met een datum.`);
  renderChart(state, { comparison, queries });
}

function renderChart(state, { timeline, comparison, queries }) {
  // The numbers as tidy CSV (label,start,count,all) from /api/compare, which also counts the
  // one query of a timeline (over its whole span, without the chosen period, as drawn).
  const counted = queries.filter(Boolean);
  const csv = counted.length
    ? `/api/compare?${compareParams(state, counted, { dates: Boolean(comparison) })}&format=csv` : "";
  renderFigure({ state, timeline, comparison, csv, onPick: (changes) => go(withChanges(changes)) });
}

function setStatus(text, { error = false } = {}) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("fout", error);
  status.setAttribute("role", error ? "alert" : "status");
}

function showError(error) {
  setStatus(`Dat lukte niet: ${error.message}`, { error: true });
  $("werkbalk").hidden = true;
  $("kwic").hidden = true;
  $("treffers").replaceChildren();
  $("paginering").replaceChildren();
  $("suggestie").hidden = true;
  $("tijdlijn").hidden = true;
  $("facetten").replaceChildren();
}

function renderResults(state, results) {
  const { total, hits } = results;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (total === 0) setStatus("Geen artikelen gevonden.");
  else if (total === 1) setStatus("1 artikel gevonden.");
  else setStatus(`${total.toLocaleString("nl-NL")} artikelen gevonden` +
    (pages > 1 && state.view !== "kwic" ? `; pagina ${state.page} van ${pages}.` : "."));

  const suggestion = $("suggestie");
  suggestion.replaceChildren();
  suggestion.hidden = !results.suggestion;
  if (results.suggestion) {
    suggestion.append("Bedoelde je ",
      pageLink(results.suggestion, withChanges({ q: results.suggestion }), { className: "voorstel" }),
      "?");
  }

  $("treffers").replaceChildren(...hits.map((hit) => renderHit(hit, state)));
  $("treffers").start = (state.page - 1) * PAGE_SIZE + 1;
  renderPagination(state, pages);
}

function renderHit(hit, state) {
  const title = pageLink(hit.title || "(zonder kop)", { ...state, id: hit.id },
    { focus: "artikel" });
  const meta = element("p", { className: "meta" }, [
    element("time", { text: formatDate(hit.date, hit.month), attrs: { datetime: hit.date || hit.month || "" } }),
  ]);
  const snippet = element("p", { className: "fragment" });
  snippet.innerHTML = hit.snippet; // escaped by the server; only <mark> is markup
  const parts = [element("h2", {}, [title]), meta, snippet, entityChips(hit.entities, state)];
  const copies = hit.duplicates || [];
  if (copies.length) {
    const links = copies.slice(0, 3).flatMap((copy, index) => [index ? ", " : "",
      pageLink(copy.id, { ...state, id: copy.id }, { focus: "artikel" })]);
    const more = copies.length > 3 ? ` en ${copies.length - 3} meer` : "";
    const label = copies.length === 1 ? "Ook verschenen als bijna gelijke kopie: "
      : `Ook verschenen als ${copies.length} bijna gelijke kopieën: `;
    parts.push(element("p", { className: "kopieen" }, [label, ...links, more]));
  }
  return element("li", { className: "treffer" }, parts);
}

function entityChips(entities, state) {
  const list = element("ul", { className: "chips", attrs: { "aria-label": "Namen in dit artikel" } });
  for (const [kind, , singular] of KINDS) {
    for (const name of (entities[kind] || []).slice(0, CHIPS_PER_KIND)) {
      const active = state[kind].includes(name);
      const chip = active
        ? element("span", { text: name, className: `chip ${kind} actief` })
        : pageLink(name, withChanges({ [kind]: [...state[kind], name] }),
          { className: `chip ${kind}`, label: `Filter op ${singular.toLowerCase()} ${name}` });
      list.append(element("li", {}, [chip]));
    }
  }
  return list;
}

function renderPagination(state, pages) {
  const nav = $("paginering");
  nav.replaceChildren();
  if (pages <= 1) return;
  if (state.page > 1) {
    nav.append(pageLink("← Vorige", { ...state, page: state.page - 1 }, { className: "vorige", focus: "resultaten" }));
  }
  nav.append(element("span", { text: `Pagina ${state.page} van ${pages}`, attrs: { "aria-current": "page" } }));
  if (state.page < pages) {
    nav.append(pageLink("Volgende →", { ...state, page: state.page + 1 }, { className: "volgende", focus: "resultaten" }));
  }
}

function renderFacets(state, facets) {
  const aside = $("facetten");
  aside.replaceChildren();
  for (const [kind, plural, singular] of KINDS) {
    const counts = [...(facets[kind] || [])];
    for (const name of state[kind]) {
      if (!counts.some((c) => c.value === name)) counts.unshift({ value: name, count: null });
    }
    if (!counts.length && !SHOW_EMPTY.has(kind)) continue;
    const section = element("section", { className: "facet", attrs: { "aria-labelledby": `kop-${kind}` } });
    section.append(element("h2", { text: plural, attrs: { id: `kop-${kind}` } }));
    if (!counts.length) section.append(element("p", { text: "Geen namen.", className: "leeg" }));
    const list = element("ul");
    counts.forEach((count, index) => {
      const id = `facet-${kind}-${index}`;
      const box = element("input", { attrs: { type: "checkbox", id, "data-kind": kind } });
      box.checked = state[kind].includes(count.value);
      box.addEventListener("change", () => {
        const names = box.checked ? [...state[kind], count.value]
          : state[kind].filter((n) => n !== count.value);
        go(withChanges({ [kind]: names }));
      });
      const label = element("label", { attrs: { for: id } }, [
        element("span", { text: count.value, className: "naam" }),
        count.count === null ? null : element("span", { text: String(count.count), className: "aantal",
          attrs: { "aria-label": `${count.count} artikelen` } }),
      ]);
      label.title = `${singular}: ${count.value}`;
      list.append(element("li", {}, [box, label]));
    });
    section.append(list);
    aside.append(section);
  }
}

function renderActiveFilters(state) {
  const bar = $("actief");
  bar.replaceChildren();
  const chips = [];
  for (const [kind, , singular] of KINDS) {
    for (const name of state[kind]) {
      chips.push(removeChip(`${singular}: ${name}`, { [kind]: state[kind].filter((n) => n !== name) }));
    }
  }
  if (state.month || state.since || state.until) {
    chips.push(removeChip(`Periode: ${periodLabel(state)}`, { month: "", since: "", until: "" }));
  }
  if (!chips.length) return;
  bar.append(element("span", { text: "Filters:", className: "label" }), ...chips);
  if (chips.length > 1) {
    const clear = { month: "", since: "", until: "" };
    for (const [kind] of KINDS) clear[kind] = [];
    bar.append(pageLink("Alles wissen", withChanges(clear), { className: "wissen" }));
  }
}

function removeChip(text, changes) {
  const chip = element("button", { className: "filterchip", attrs: { type: "button",
    "aria-label": `${text} — filter verwijderen` } }, [
    element("span", { text }), element("span", { text: "×", attrs: { "aria-hidden": "true" } }),
  ]);
  chip.addEventListener("click", () => go(withChanges(changes)));
  return chip;
}

async function renderArticle(state, ticket) {
  const view = $("artikel");
  $("resultaten").hidden = true;
  $("facetten").hidden = true;
  view.hidden = false;
  view.replaceChildren(element("p", { text: "Artikel laden…", className: "status" }));
  let article;
  try {
    article = await api(`/api/article?id=${encodeURIComponent(state.id)}`);
  } catch (error) {
    if (ticket !== renderCount) return;
    view.replaceChildren(backLink(state), element("p", { text: `Dat lukte niet: ${error.message}`,
      className: "status fout", attrs: { role: "alert" } }));
    return;
  }
  if (ticket !== renderCount) return;
  document.title = `${article.title} — Nieuwszoeker`;
  const body = element("div", { className: "tekst" });
  for (const paragraph of article.body.split(/\n\s*\n/)) {
    if (paragraph.trim()) body.append(element("p", { text: paragraph.trim() }));
  }
  view.replaceChildren(
    backLink(state),
    element("h2", { text: article.title || "(zonder kop)", attrs: { id: "artikelkop" } }),
    element("p", { className: "meta" }, [
      element("time", { text: formatDate(article.date, article.month) }),
      element("span", { text: ` · ${article.id}`, className: "bron" }),
    ]),
    entityChips(article.entities, { ...state, id: "" }),
    body,
  );
  view.focus();
}

function backLink(state) {
  return pageLink("← Terug naar de resultaten", { ...state, id: "" }, { className: "terug" });
}

// -- events ----------------------------------------------------------------------------

$("zoekformulier").addEventListener("submit", (event) => {
  event.preventDefault();
  go(withChanges({ q: $("q").value.trim(), sort: $("sort").value }));
});
$("sort").addEventListener("change", () => go(withChanges({ sort: $("sort").value })));
$("kwic-sort").addEventListener("change", () => go(withChanges({ ksort: $("kwic-sort").value })));
wireFigure((changes) => go(withChanges(changes, { keepPage: true })));
$("vergelijkformulier").addEventListener("submit", (event) => {
  event.preventDefault();
  const queries = parseQueries($("vergelijk-vragen").value);
  const problem = !queries.length ? "Geef minstens één zoekvraag op."
    : queries.length > MAX_COMPARED ? `Hoogstens ${MAX_COMPARED} zoekvragen tegelijk.` : "";
  $("vergelijk-fout").textContent = problem;
  $("vergelijk-fout").hidden = !problem;
  if (!problem) go(withChanges({ view: "compare", cq: queries }));
});
$("vergelijk-vragen").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    $("vergelijkformulier").requestSubmit();
  }
});
$("thuis").addEventListener("click", (event) => {
  event.preventDefault();
  go(readState("?"));
  $("q").focus();
});
window.addEventListener("popstate", () => render());
document.addEventListener("keydown", (event) => {
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
  if (event.key === "/" && !typing) {
    event.preventDefault();
    $("q").focus();
  } else if (event.key === "Escape" && readState().id) {
    go({ ...readState(), id: "" });
  }
});

render();
