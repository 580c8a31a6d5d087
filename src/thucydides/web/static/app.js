"use strict";
// The thucydides web page: map, timeline, filters, list, downloads, and evidence in the report.
// The view (filters, dates, map extent, open event) lives in the URL: a URL reopens it, and
// back and forward walk the views.
const COLORS = {
  "Battles": "#b42318", "Explosions/Remote violence": "#c4320a", "Violence against civilians": "#6941c6",
  "Protests": "#1570ef", "Riots": "#b54708", "Strategic developments": "#475467",
};
const OTHER_COLOR = "#344054";
const FILTERS = ["event_type", "country", "actor", "q", "min_fatalities", "start", "end"];
const FILTER_NAMES = {
  event_type: "Type", country: "Country", actor: "Actor", q: "Text", min_fatalities: "Min. deaths",
};
const PAGE = 500;  // the API's largest page: the page shows and downloads at most this many
const DAY = 86400000;
const state = { events: [], total: 0, open: null, metric: "events", perDay: [], span: null };
const form = document.getElementById("filters");
let restoring = false;

// No tile server: the base map is the world-atlas countries, so the zoom range is ours to set.
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([20, 20], 2);
const clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
map.addLayer(clusters);
const markers = new Map();

// A ring that crosses the antimeridian jumps from +180 to -180; drawn as it is, that jump is a
// line across the whole map. Longitudes are unwrapped to run on past 180; a ring that goes
// round a pole (Antarctica) is closed along the pole instead of straight across.
function unwrapRing(ring) {
  const out = [ring[0]];
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) shift -= 360;
    else if (step < -180) shift += 360;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  if (shift !== 0) {
    const pole = ring.reduce((sum, p) => sum + p[1], 0) < 0 ? -90 : 90;
    out.push([out[out.length - 1][0], pole], [out[0][0], pole], out[0]);
  }
  return out;
}

function unwrapGeometry(geometry) {
  if (geometry.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  if (geometry.type === "MultiPolygon")
    return { ...geometry, coordinates: geometry.coordinates.map(p => p.map(unwrapRing)) };
  return geometry;
}

fetch("/static/vendor/countries-50m.json").then(r => r.json()).then(world => {
  const countries = topojson.feature(world, world.objects.countries);
  countries.features = countries.features.map(f => ({ ...f, geometry: f.geometry && unwrapGeometry(f.geometry) }));
  L.geoJSON(countries, { style: { color: "#9aa4b2", weight: 0.6, fillColor: "#ffffff", fillOpacity: 1 }, interactive: false })
    .addTo(map).bringToBack();
});

// The legend names the colour of each event type the current results hold, with its count.
const legend = L.control({ position: "bottomleft" });
legend.onAdd = () => {
  const div = L.DomUtil.create("div", "legend");
  div.setAttribute("role", "list");
  div.setAttribute("aria-label", "Event types on the map");
  return div;
};
legend.addTo(map);

function drawLegend(features) {
  const counts = {};
  for (const f of features) counts[f.properties.event_type] = (counts[f.properties.event_type] || 0) + 1;
  legend.getContainer().innerHTML = Object.keys(COLORS).filter(t => counts[t]).map(t =>
    `<div role="listitem" data-type="${escapeHtml(t)}"><span class="swatch" style="background:${COLORS[t]}"></span>` +
    `${escapeHtml(t)} (${counts[t]})</div>`).join("");
}

// When the data last changed, and the feeds `thucydides watch` follows.
fetch("/feeds").then(r => r.json()).then(({ last_updated, feeds }) => {
  const when = last_updated ? `Data last updated ${last_updated.slice(0, 16).replace("T", " ")} UTC` : "No data yet";
  const failing = feeds.filter(f => f.last_error).length;
  const followed = feeds.length ? ` · ${feeds.length} feed(s) followed` + (failing ? `, ${failing} failing` : "") : "";
  document.getElementById("updated").textContent = when + followed;
});

function escapeHtml(s) {
  return String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function filters() {
  const p = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value !== "") p.set(name, value);
  }
  return p;
}

// ---- The view in the URL -------------------------------------------------------------------

function viewUrl() {
  const p = filters();
  if (state.open) p.set("event", state.open);
  const c = map.getCenter();
  const view = `map=${map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`;
  const chosen = p.toString();
  return "?" + (chosen ? `${chosen}&` : "") + view;
}

// A new history entry for what a person chose (filters, dates, an event); the map's pans and
// zooms only update the entry they happen in, so back goes to the previous choice.
function remember(push) {
  if (restoring) return;
  const url = viewUrl();
  if (url === location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

async function restore() {
  restoring = true;
  try {
    const p = new URLSearchParams(location.search);
    for (const name of FILTERS) form.elements[name].value = p.get(name) ?? "";
    const view = (p.get("map") || "").split("/").map(Number);
    const placed = view.length === 3 && view.every(Number.isFinite);
    if (placed) map.setView([view[1], view[2]], view[0], { animate: false });
    await load({ fit: !placed });
    const open = p.get("event");
    if (open) await show(open, { move: !placed });
    else closeDetail(false);
  } finally {
    restoring = false;
  }
}

window.addEventListener("popstate", restore);
map.on("moveend", () => remember(false));

// ---- Events: map, list, summary, downloads --------------------------------------------------

async function load({ fit = true } = {}) {
  const p = filters();
  p.set("limit", String(PAGE));
  p.set("format", "geojson");
  const collection = await (await fetch("/events?" + p)).json();
  state.events = collection.features;
  state.total = collection.total;
  clusters.clearLayers();
  markers.clear();
  const bounds = [];
  for (const f of state.events) {
    if (!f.geometry) continue;
    const [lon, lat] = f.geometry.coordinates;
    const color = COLORS[f.properties.event_type] || OTHER_COLOR;
    const marker = L.circleMarker([lat, lon], { radius: 7, color: "#fff", weight: 1.5, fillColor: color, fillOpacity: 0.9 });
    marker.bindTooltip(`${escapeHtml(f.properties.event_date || "date unknown")} · ${escapeHtml(f.properties.sub_event_type)}`);
    marker.on("click", () => show(f.id));
    marker.options.eventId = f.id;
    markers.set(f.id, marker);
    clusters.addLayer(marker);
    bounds.push([lat, lon]);
  }
  if (fit && bounds.length) map.fitBounds(bounds, { maxZoom: 5, padding: [30, 30], animate: false });
  const shown = state.events.length;
  document.getElementById("summary").textContent =
    `${state.total} event(s)` + (state.total > shown ? `, the first ${shown} shown` : "");
  renderList();
  renderChips();
  renderDownloads();
  drawLegend(state.events);
  await explainEmpty();
  await drawTimeline();
}

// An empty map says why: nothing stored yet, or nothing matching the filters.
async function explainEmpty() {
  const notice = document.getElementById("notice");
  if (state.total > 0) { notice.hidden = true; return; }
  const all = await (await fetch("/events?limit=1")).json();
  notice.innerHTML = all.total === 0
    ? "The database holds no events yet. Add reports with <code>thucydides run FILES</code> or follow feeds with <code>thucydides watch FEEDS</code>."
    : `No event matches these filters (${all.total} in the database). <button type="button" class="link" id="notice-reset">Clear the filters</button>`;
  notice.hidden = false;
  document.getElementById("notice-reset")?.addEventListener("click", resetFilters);
}

function renderList() {
  const list = document.getElementById("list");
  list.innerHTML = "";
  for (const f of state.events) {
    const e = f.properties;
    const li = document.createElement("li");
    li.dataset.eventId = f.id;
    li.tabIndex = -1;
    // A missing field says so: never an empty separator, never a name the record lacks.
    const meta = [
      e.event_date || "date unknown",
      [e.location, e.country].filter(Boolean).join(", ") || "place unknown",
      e.actor1 || "actor unknown",
      `${e.fatalities ?? 0} dead`,
      `${e.source_count} source(s)`,
    ];
    li.innerHTML = `<span class="swatch" style="background:${COLORS[e.event_type] || OTHER_COLOR}"></span>` +
      `<strong>${escapeHtml(e.sub_event_type)}</strong><br><span class="meta">${meta.map(escapeHtml).join(" · ")}</span>`;
    li.addEventListener("click", () => show(f.id));
    list.appendChild(li);
  }
  const first = list.firstElementChild;
  if (first) first.tabIndex = 0;
}

// The list is one tab stop; arrow keys, Home and End walk it, Enter or Space opens an event.
function focusItem(item) {
  document.querySelectorAll("#list li").forEach(li => { li.tabIndex = -1; });
  item.tabIndex = 0;
  item.focus();
}

document.getElementById("list").addEventListener("keydown", ev => {
  const items = [...document.querySelectorAll("#list li")];
  const at = items.indexOf(document.activeElement);
  if (at < 0) return;
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[ev.key];
  if (to !== undefined) {
    ev.preventDefault();
    focusItem(items[Math.max(0, Math.min(items.length - 1, to))]);
  } else if (ev.key === "Enter" || ev.key === " ") {
    ev.preventDefault();
    show(items[at].dataset.eventId);
  }
});

function renderChips() {
  const chips = document.getElementById("chips");
  const p = filters();
  const active = [];
  if (p.has("start") || p.has("end"))
    active.push({ names: ["start", "end"], label: `Dates: ${p.get("start") || "…"} to ${p.get("end") || "…"}` });
  for (const [name, label] of Object.entries(FILTER_NAMES))
    if (p.has(name)) active.push({ names: [name], label: `${label}: ${p.get(name)}` });
  chips.innerHTML = "";
  for (const chip of active) {
    const li = document.createElement("li");
    li.className = "chip";
    li.dataset.filter = chip.names.join(",");
    li.innerHTML = `<span>${escapeHtml(chip.label)}</span><button type="button" aria-label="Clear ${escapeHtml(chip.label)}">×</button>`;
    li.querySelector("button").addEventListener("click", () => {
      for (const name of chip.names) form.elements[name].value = "";
      applyFilters();
    });
    chips.appendChild(li);
  }
}

function renderDownloads() {
  const box = document.getElementById("downloads");
  if (!state.total) { box.innerHTML = ""; return; }
  const rows = Math.min(state.total, PAGE);
  const links = [["csv", "ACLED CSV", "csv"], ["geojson", "GeoJSON", "geojson"], ["jsonl", "JSON Lines", "jsonl"]]
    .map(([format, label, ext]) => {
      const p = filters();
      p.set("limit", String(PAGE));
      p.set("format", format);
      return `<a class="download" data-format="${format}" href="/events?${escapeHtml(p.toString())}" download="thucydides-events.${ext}">${label}</a>`;
    });
  box.innerHTML = `Download ${rows} row(s): ${links.join(" · ")}` +
    (state.total > PAGE ? ` <span class="meta">(the first ${PAGE} of ${state.total}: the API serves at most ${PAGE} a request; narrow the filters, or page with <code>offset</code>)</span>` : "");
}

// ---- One event: its fields, each with its evidence marked in the reports --------------------

// The rows of the detail and the evidence fields each row is read from.
const DETAIL_ROWS = [
  ["Date", e => `${e.event_date || "date unknown"} (precision ${e.time_precision})`, ["event_date"]],
  ["Type", e => `${e.event_type} / ${e.sub_event_type}`, ["sub_event_type", "event_type"]],
  ["Actor 1", e => e.actor1 || "actor unknown", ["actor1"]],
  ["Actor 2", e => e.actor2 || "none", ["actor2"]],
  ["Where", e => ([e.location, e.admin1, e.country].filter(Boolean).join(", ") || "place unknown") +
    (e.geo_precision ? ` (geo precision ${e.geo_precision})` : ""), ["location", "admin1", "country"]],
  ["Fatalities", e => e.fatalities, ["fatalities"]],
  ["Injured", e => e.injured, ["injured"]],
  ["Weapons", e => e.weapons.join(", ") || "none named", ["weapons"]],
  ["People", e => (e.people || []).join(", ") || "none named", ["people"]],
  ["Confidence", e => e.confidence, []],
];

function highlight(text, marks) {
  // Evidence spans as <mark>s in the raw report; overlapping spans keep the first.
  const spans = marks.filter(m => m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end);
  let html = "", at = 0;
  for (const m of spans) {
    if (m.start < at) continue;
    html += escapeHtml(text.slice(at, m.start));
    html += `<mark data-field="${escapeHtml(m.field)}" title="${escapeHtml(m.field)}">${escapeHtml(text.slice(m.start, m.end))}</mark>`;
    at = m.end;
  }
  return html + escapeHtml(text.slice(at));
}

function toClean(runs, mark) {
  // An HTML report's evidence offsets point into the page's source; its clean text is what is
  // shown, so each offset goes through the stored (clean start, raw start, length) runs. An
  // offset between runs (inside markup) takes the nearest run inward.
  let start = null, end = null, after = Infinity, before = -Infinity, startNear = 0, endNear = 0;
  for (const [c, r, n] of runs) {
    if (r <= mark.start && mark.start < r + n) start = c + mark.start - r;
    else if (r > mark.start && r < after) { after = r; startNear = c; }
    if (r < mark.end && mark.end <= r + n) end = c + mark.end - r;
    else if (r + n <= mark.end && r + n > before) { before = r + n; endNear = c + n; }
  }
  return { field: mark.field, start: start ?? startNear, end: end ?? endNear };
}

function sourceLine(article, source) {
  const outlet = article.outlet || source.outlet || article.source;
  const published = source.published || article.published;
  const title = article.title ? ` — ${escapeHtml(article.title)}` : "";
  const link = article.url || source.url;
  const name = link ? `<a href="${escapeHtml(link)}" target="_blank" rel="noopener noreferrer">${escapeHtml(outlet)}</a>` : escapeHtml(outlet);
  return `${name}, ${escapeHtml(published || "date unknown")}${title}`;
}

function historyHtml(versions) {
  if (!versions.length) return "<p class=\"meta\">No corrections or updates since it was first stored.</p>";
  return "<ol class=\"history\">" + versions.map(v =>
    `<li>${escapeHtml(v.replaced_at.slice(0, 16).replace("T", " "))} UTC: ${escapeHtml(v.changed.join(", "))} changed` +
    ` (before: ${escapeHtml(v.record.fatalities)} dead, ${escapeHtml((v.record.sources || []).length)} source(s))</li>`).join("") + "</ol>";
}

async function show(id, { move = true } = {}) {
  const response = await fetch("/events/" + encodeURIComponent(id));
  if (!response.ok) { closeDetail(false); return; }
  const event = await response.json();
  state.open = id;
  remember(true);  // before the map moves to the event: its move belongs to this entry
  document.querySelectorAll("#list li").forEach(li => li.classList.toggle("selected", li.dataset.eventId === id));
  markOpen(id, move);
  const detail = document.getElementById("detail");
  const rows = DETAIL_ROWS.map(([label, value, fields]) => {
    const field = fields.find(f => (event.evidence[f] || []).length);
    const shown = escapeHtml(value(event));
    return `<dt>${label}</dt><dd>${field
      ? `<button type="button" class="evidence-link" data-field="${field}" title="Show the evidence">${shown}</button>`
      : shown}</dd>`;
  });
  let html = `<button class="back" type="button">← all events</button><h2>${escapeHtml(event.notes)}</h2>` +
    `<dl>${rows.join("")}</dl><h3>Sources (${event.sources.length})</h3><ol class="sources">`;
  const reports = [];
  for (const source of event.sources) {
    const article = await (await fetch("/articles/" + encodeURIComponent(source.article_id))).json();
    const marks = [];
    for (const [field, items] of Object.entries(event.evidence))
      for (const item of items) if (item.article_id === source.article_id) marks.push({ field, start: item.start, end: item.end });
    html += `<li>${sourceLine(article, source)}</li>`;
    reports.push(`<h4 class="meta">${escapeHtml(article.title || article.outlet || article.source)}</h4>` +
      `<div class="report">${article.offset_runs
        ? highlight(article.clean_text || "", marks.map(m => toClean(article.offset_runs, m)))
        : highlight(article.raw_text || "", marks)}</div>`);
  }
  const history = await (await fetch(`/events/${encodeURIComponent(id)}/history`)).json();
  html += `</ol><h3>History</h3>${historyHtml(history.versions)}<h3>Evidence in the reports</h3>${reports.join("")}`;
  detail.innerHTML = html;
  detail.hidden = false;
  document.getElementById("list").hidden = true;
  detail.querySelector(".back").addEventListener("click", () => closeDetail(true));
  detail.querySelectorAll(".evidence-link").forEach(b => b.addEventListener("click", () => scrollToEvidence(b.dataset.field)));
  detail.focus({ preventScroll: true });
}

function scrollToEvidence(field) {
  const mark = document.querySelector(`#detail mark[data-field="${CSS.escape(field)}"]`);
  if (!mark) return;
  document.querySelectorAll("#detail mark.current").forEach(m => m.classList.remove("current"));
  mark.classList.add("current");
  mark.scrollIntoView({ block: "center" });
}

function markOpen(id, move) {
  for (const [markerId, marker] of markers) {
    const open = markerId === id;
    marker.setStyle(open ? { radius: 10, weight: 3, color: "#101828" } : { radius: 7, weight: 1.5, color: "#fff" });
    // A marker inside a cluster has no element yet: the class is taken when it is drawn.
    marker.options.className = open ? "open" : "";
    marker.getElement()?.classList.toggle("open", open);
  }
  const marker = markers.get(id);
  // The cluster opens after an animation: by then another event may be open, or none.
  if (marker && move) clusters.zoomToShowLayer(marker, () => marker.getElement()?.classList.toggle("open", state.open === id));
}

function closeDetail(push) {
  const detail = document.getElementById("detail");
  const was = state.open;
  state.open = null;
  markOpen(null, false);
  detail.hidden = true;
  document.getElementById("list").hidden = false;
  document.querySelectorAll("#list li").forEach(li => li.classList.remove("selected"));
  if (push && was) {
    const item = document.querySelector(`#list li[data-event-id="${CSS.escape(was)}"]`);
    if (item) focusItem(item);
    remember(true);
  }
}

document.getElementById("detail").addEventListener("keydown", ev => { if (ev.key === "Escape") closeDetail(true); });

// ---- Timeline: events (or deaths) per day, stacked by type, with a date axis ----------------

const SVG = "http://www.w3.org/2000/svg";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function svgElement(name, attributes, parent) {
  const element = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
  parent.appendChild(element);
  return element;
}

// Ticks at days, weeks (Mondays), months or years, as the range needs, at most one per 70 px;
// a label names the year on the first tick and where the year changes.
function ticks(t0, t1, width) {
  const days = (t1 - t0) / DAY, most = Math.max(2, Math.floor(width / 70));
  const begin = new Date(t0);
  const out = [];
  let year = null;
  const push = (d, text) => {
    const y = d.getUTCFullYear();
    out.push([d.getTime(), y !== year ? `${text} ${y}`.trim() : text]);
    year = y;
  };
  if (days / 7 <= most) {
    const every = days <= most ? 1 : 7;
    const d = new Date(Date.UTC(begin.getUTCFullYear(), begin.getUTCMonth(), begin.getUTCDate() + 1));
    if (every === 7) while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
    for (; d.getTime() <= t1; d.setUTCDate(d.getUTCDate() + every)) push(d, `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`);
    return out;
  }
  const step = [1, 2, 3, 6, 12, 24, 60, 120].find(s => days / 30.4 / s <= most) || 240;
  const d = new Date(Date.UTC(begin.getUTCFullYear(), begin.getUTCMonth() + 1, 1));
  while (d.getUTCMonth() % Math.min(step, 12)) d.setUTCMonth(d.getUTCMonth() + 1);
  while (step > 12 && d.getUTCFullYear() % (step / 12)) d.setUTCFullYear(d.getUTCFullYear() + 1);
  for (; d.getTime() <= t1; d.setUTCMonth(d.getUTCMonth() + step)) push(d, step >= 12 ? "" : MONTHS[d.getUTCMonth()]);
  return out;
}

async function drawTimeline() {
  const p = filters();
  p.delete("start"); p.delete("end");
  const stats = await (await fetch("/stats?" + p)).json();
  state.perDay = stats.per_day_type;
  renderTimeline();
}

function renderTimeline() {
  const svg = document.getElementById("timeline-svg");
  const width = svg.clientWidth || 600, height = svg.clientHeight || 100, axis = 18, top = 12;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.innerHTML = "";
  const metric = state.metric;
  document.getElementById("timeline-title").textContent = metric === "events" ? "Events per day, by type" : "Deaths per day, by type";
  const rows = state.perDay;
  if (!rows.length) { state.span = null; return; }
  const times = rows.map(r => Date.parse(r.key));
  // A few days either side, so a single day reads as a day, not as the whole axis.
  const t0 = Math.min(...times) - 3 * DAY, t1 = Math.max(...times) + 4 * DAY;
  state.span = { t0, t1, width };
  const x = t => ((t - t0) / (t1 - t0)) * width;
  const totals = {};
  for (const r of rows) totals[r.key] = (totals[r.key] || 0) + r[metric];
  const max = Math.max(1, ...Object.values(totals));
  const plot = height - axis - top;
  const barWidth = Math.max(2, width / ((t1 - t0) / DAY) - 1);
  const order = Object.keys(COLORS);
  const stacked = {};
  const sorted = [...rows].sort((a, b) => a.key.localeCompare(b.key) || order.indexOf(a.event_type) - order.indexOf(b.event_type));
  const bars = svgElement("g", { class: "bars" }, svg);
  for (const r of sorted) {
    if (!r[metric]) continue;
    const below = stacked[r.key] || 0;
    const h = (r[metric] / max) * plot;
    const rect = svgElement("rect", {
      class: "bar", x: x(Date.parse(r.key)), y: top + plot - below - h, width: barWidth, height: h,
      fill: COLORS[r.event_type] || OTHER_COLOR, "data-day": r.key, "data-type": r.event_type,
    }, bars);
    svgElement("title", {}, rect).textContent = `${r.key} · ${r.event_type}: ${r.events} event(s), ${r.fatalities} dead`;
    stacked[r.key] = below + h;
  }
  svgElement("text", { class: "scale", x: 2, y: 10 }, svg).textContent = `${max} ${metric === "events" ? "event(s)" : "dead"} a day at most`;
  const axisGroup = svgElement("g", { class: "axis" }, svg);
  svgElement("line", { x1: 0, x2: width, y1: height - axis + 0.5, y2: height - axis + 0.5 }, axisGroup);
  for (const [t, label] of ticks(t0, t1, width)) {
    svgElement("line", { x1: x(t), x2: x(t), y1: height - axis, y2: height - axis + 4 }, axisGroup);
    svgElement("text", { x: x(t) + 2, y: height - 4, class: "tick" }, axisGroup).textContent = label;
  }
  markRange();
}

function markRange() {
  const start = form.elements.start.value, end = form.elements.end.value;
  const svg = document.getElementById("timeline-svg");
  svg.querySelectorAll(".bar").forEach(r => r.classList.toggle("out",
    Boolean(start || end) && ((start && r.dataset.day < start) || (end && r.dataset.day > end))));
  svg.querySelector(".brush")?.remove();
  if (!state.span || !(start || end)) return;
  const { t0, t1, width } = state.span;
  const x = t => Math.max(0, Math.min(width, ((t - t0) / (t1 - t0)) * width));
  const a = start ? x(Date.parse(start)) : 0, b = end ? x(Date.parse(end) + DAY) : width;
  brushRect(svg, a, Math.max(1, b - a));
}

function brushRect(svg, x, width) {
  return svgElement("rect", { class: "brush", x, y: 0, width, height: svg.clientHeight || 100 }, svg);
}

(() => {
  const svg = document.getElementById("timeline-svg");
  let from = null, brush = null;
  const localX = ev => {
    const box = svg.getBoundingClientRect();
    return (ev.clientX - box.left) * ((state.span?.width || box.width) / box.width);
  };
  const toDay = px => new Date(state.span.t0 + (px / state.span.width) * (state.span.t1 - state.span.t0)).toISOString().slice(0, 10);
  svg.addEventListener("pointerdown", ev => {
    if (!state.span) return;
    from = localX(ev);
    svg.setPointerCapture(ev.pointerId);
    svg.querySelector(".brush")?.remove();
    brush = brushRect(svg, from, 0);
  });
  svg.addEventListener("pointermove", ev => {
    if (from === null) return;
    const to = localX(ev);
    brush.setAttribute("x", Math.min(from, to));
    brush.setAttribute("width", Math.abs(to - from));
  });
  svg.addEventListener("pointerup", ev => {
    if (from === null) return;
    const to = localX(ev);
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    from = null;
    if (b - a < 3) { form.elements.start.value = ""; form.elements.end.value = ""; }
    else { form.elements.start.value = toDay(a); form.elements.end.value = toDay(b); }
    applyFilters();
  });
})();

document.querySelectorAll("button.metric").forEach(button => button.addEventListener("click", () => {
  state.metric = button.dataset.metric;
  document.querySelectorAll("button.metric").forEach(b => b.setAttribute("aria-pressed", String(b === button)));
  renderTimeline();
}));

// ---- Filters ---------------------------------------------------------------------------------

async function applyFilters() {
  state.open = null;
  closeDetail(false);
  remember(true);
  await load();
  remember(false);
}

function resetFilters() {
  form.reset();
  applyFilters();
}

form.addEventListener("submit", ev => { ev.preventDefault(); applyFilters(); });
document.getElementById("clear-filters").addEventListener("click", resetFilters);
window.addEventListener("resize", () => renderTimeline());
restore().then(() => performance.mark("thucydides:ready"));
