"use strict";
// The thucydides web page: map, timeline, filters, list, and evidence in the report.
const COLORS = {
  "Battles": "#b42318", "Explosions/Remote violence": "#c4320a", "Violence against civilians": "#6941c6",
  "Protests": "#1570ef", "Riots": "#b54708", "Strategic developments": "#475467",
};
const state = { start: null, end: null, events: [], selected: null };
// No tile server: the base map is the world-atlas countries, so the zoom range is ours to set.
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([20, 20], 2);
const clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
map.addLayer(clusters);

fetch("/static/vendor/countries-50m.json").then(r => r.json()).then(world => {
  const countries = topojson.feature(world, world.objects.countries);
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

function params() {
  const form = new FormData(document.getElementById("filters"));
  const p = new URLSearchParams();
  for (const [k, v] of form.entries()) if (v !== "") p.set(k, v);
  if (state.start) p.set("start", state.start);
  if (state.end) p.set("end", state.end);
  return p;
}

function escapeHtml(s) {
  return String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function load() {
  const p = params();
  p.set("limit", "500");
  p.set("format", "geojson");
  const collection = await (await fetch("/events?" + p)).json();
  state.events = collection.features;
  clusters.clearLayers();
  const bounds = [];
  for (const f of state.events) {
    if (!f.geometry) continue;
    const [lon, lat] = f.geometry.coordinates;
    const color = COLORS[f.properties.event_type] || "#344054";
    const marker = L.circleMarker([lat, lon], { radius: 7, color: "#fff", weight: 1.5, fillColor: color, fillOpacity: 0.9 });
    marker.bindTooltip(`${escapeHtml(f.properties.event_date)} · ${escapeHtml(f.properties.sub_event_type)}`);
    marker.on("click", () => show(f.id));
    marker.options.eventId = f.id;
    clusters.addLayer(marker);
    bounds.push([lat, lon]);
  }
  if (bounds.length && !state.start) map.fitBounds(bounds, { maxZoom: 5, padding: [30, 30] });
  document.getElementById("summary").textContent =
    `${collection.total} event(s)` + (collection.total > state.events.length ? `, first ${state.events.length} shown` : "");
  renderList();
  drawLegend(state.events);
  if (!state.start && !state.end) drawTimeline();
}

function renderList() {
  const list = document.getElementById("list");
  list.innerHTML = "";
  for (const f of state.events) {
    const e = f.properties;
    const li = document.createElement("li");
    li.dataset.eventId = f.id;
    li.tabIndex = 0;
    // A missing field says so: never an empty separator, never a name the record lacks.
    const meta = [
      e.event_date || "date unknown",
      [e.location, e.country].filter(Boolean).join(", ") || "place unknown",
      e.actor1 || "actor unknown",
      `${e.fatalities ?? 0} dead`,
      `${e.source_count} source(s)`,
    ];
    li.innerHTML = `<span class="swatch" style="background:${COLORS[e.event_type] || "#344054"}"></span>` +
      `<strong>${escapeHtml(e.sub_event_type)}</strong><br><span class="meta">${meta.map(escapeHtml).join(" · ")}</span>`;
    li.addEventListener("click", () => show(f.id));
    li.addEventListener("keydown", ev => { if (ev.key === "Enter") show(f.id); });
    list.appendChild(li);
  }
}

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

async function show(id) {
  const event = await (await fetch("/events/" + encodeURIComponent(id))).json();
  document.querySelectorAll("#list li").forEach(li => li.classList.toggle("selected", li.dataset.eventId === id));
  const detail = document.getElementById("detail");
  const rows = [
    ["Date", `${event.event_date} (precision ${event.time_precision})`],
    ["Type", `${event.event_type} / ${event.sub_event_type}`],
    ["Actor 1", event.actor1], ["Actor 2", event.actor2],
    ["Where", [event.location, event.admin1, event.country].filter(Boolean).join(", ") + ` (geo precision ${event.geo_precision})`],
    ["Fatalities", event.fatalities], ["Weapons", event.weapons.join(", ")],
    ["Sources", event.sources.map(s => s.outlet || s.url || s.article_id).join("; ")],
    ["Confidence", event.confidence],
  ];
  let html = `<button class="back" type="button">← all events</button><h2>${escapeHtml(event.notes)}</h2><dl>` +
    rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join("") + "</dl>";
  for (const source of event.sources) {
    const article = await (await fetch("/articles/" + encodeURIComponent(source.article_id))).json();
    const marks = [];
    for (const [field, items] of Object.entries(event.evidence))
      for (const item of items) if (item.article_id === source.article_id) marks.push({ field, start: item.start, end: item.end });
    html += `<h3 class="meta">${escapeHtml(article.title || article.outlet || article.source)}</h3>` +
      `<div class="report">${article.offset_runs
        ? highlight(article.clean_text || "", marks.map(m => toClean(article.offset_runs, m)))
        : highlight(article.raw_text || "", marks)}</div>`;
  }
  detail.innerHTML = html;
  detail.hidden = false;
  document.getElementById("list").hidden = true;
  detail.querySelector(".back").addEventListener("click", () => { detail.hidden = true; document.getElementById("list").hidden = false; });
  if (event.latitude != null) map.setView([event.latitude, event.longitude], Math.max(map.getZoom(), 6));
}

async function drawTimeline() {
  const p = params();
  p.delete("start"); p.delete("end");
  const stats = await (await fetch("/stats?" + p)).json();
  const days = stats.per_day.filter(d => d.key);
  const svg = document.getElementById("timeline-svg");
  const width = svg.clientWidth || 600, height = 85;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.innerHTML = "";
  if (!days.length) return;
  // A few days either side, so a single day reads as a day, not as the whole axis.
  const t0 = Date.parse(days[0].key) - 3 * 86400000, t1 = Date.parse(days[days.length - 1].key) + 4 * 86400000;
  const x = t => ((t - t0) / (t1 - t0)) * width;
  const max = Math.max(...days.map(d => d.events));
  const barWidth = Math.max(2, width / ((t1 - t0) / 86400000) - 1);
  for (const d of days) {
    const h = (d.events / max) * (height - 14);
    const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    rect.setAttribute("class", "bar");
    rect.setAttribute("x", x(Date.parse(d.key)));
    rect.setAttribute("y", height - h);
    rect.setAttribute("width", barWidth);
    rect.setAttribute("height", h);
    rect.dataset.day = d.key;
    rect.innerHTML = `<title>${d.key}: ${d.events} event(s), ${d.fatalities} dead</title>`;
    svg.appendChild(rect);
  }
  let brush = null, from = null;
  const toDay = px => new Date(t0 + (px / width) * (t1 - t0)).toISOString().slice(0, 10);
  const localX = ev => (ev.clientX - svg.getBoundingClientRect().left) * (width / svg.getBoundingClientRect().width);
  svg.onmousedown = ev => {
    from = localX(ev);
    brush?.remove();
    brush = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    brush.setAttribute("class", "brush");
    brush.setAttribute("y", 0); brush.setAttribute("height", height);
    svg.appendChild(brush);
  };
  svg.onmousemove = ev => {
    if (from === null) return;
    const to = localX(ev);
    brush.setAttribute("x", Math.min(from, to)); brush.setAttribute("width", Math.abs(to - from));
  };
  svg.onmouseup = ev => {
    if (from === null) return;
    const to = localX(ev);
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    from = null;
    if (b - a < 3) { state.start = state.end = null; brush.remove(); }
    else { state.start = toDay(a); state.end = toDay(b); }
    svg.querySelectorAll(".bar").forEach(r => r.classList.toggle("in", !!state.start && r.dataset.day >= state.start && r.dataset.day <= state.end));
    document.getElementById("range").textContent = state.start ? `${state.start} to ${state.end} (click to clear)` : "";
    load();
  };
}

document.getElementById("filters").addEventListener("submit", ev => { ev.preventDefault(); state.start = state.end = null; document.getElementById("range").textContent = ""; load(); });
document.getElementById("reset").addEventListener("click", () => { document.getElementById("filters").reset(); state.start = state.end = null; document.getElementById("range").textContent = ""; load(); });
load();
