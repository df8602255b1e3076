// wirecoder dashboard: map, timeline and table of coded events.
//
// Plain JavaScript, no build step. Leaflet, Leaflet.markercluster and topojson-client are
// classic scripts loaded (deferred) before this module, and provide the globals L and topojson.
//
// Everything the API returns is untrusted (article sentences, actor and place text, URLs,
// publisher names): the DOM is built with createElement + textContent only, and the only
// links made are to our own /events/, /actors/ and /places/ pages, from ids passed through
// encodeURIComponent.

/* global L, topojson */

const QUADS = {
  1: "Verbal cooperation",
  2: "Material cooperation",
  3: "Verbal conflict",
  4: "Material conflict",
};

const CAMEO_ROOTS = [
  ["01", "Make public statement"],
  ["02", "Appeal"],
  ["03", "Express intent to cooperate"],
  ["04", "Consult"],
  ["05", "Engage in diplomatic cooperation"],
  ["06", "Engage in material cooperation"],
  ["07", "Provide aid"],
  ["08", "Yield"],
  ["09", "Investigate"],
  ["10", "Demand"],
  ["11", "Disapprove"],
  ["12", "Reject"],
  ["13", "Threaten"],
  ["14", "Protest"],
  ["15", "Exhibit force posture"],
  ["16", "Reduce relations"],
  ["17", "Coerce"],
  ["18", "Assault"],
  ["19", "Fight"],
  ["20", "Use unconventional mass violence"],
];
const CAMEO_NAMES = new Map(CAMEO_ROOTS);

// Filters the form edits, and API filters a bookmarked URL may carry that the form does not show.
const FORM_FIELDS = ["since", "until", "country", "actor", "quad_class", "cameo", "min_sources"];
const EXTRA_FIELDS = ["plover", "acled", "near", "km", "bbox", "include_hypothetical"];
const SORTS = ["date", "num_sources", "num_mentions", "goldstein", "fatalities"];
const DEFAULT_SORT = "-date";
const PAGE_SIZE = 50;
const POINTS_LIMIT = 20000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86400000;

const $ = (sel) => document.querySelector(sel);

// ---------------------------------------------------------------- small DOM helpers

/** An element with attributes and children; children are nodes or plain text (as text nodes). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = String(value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const svgNS = "http://www.w3.org/2000/svg";
function s(tag, attrs) {
  const el = document.createElementNS(svgNS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    el.setAttribute(key, String(value));
  }
  return el;
}

const str = (v) => (v === null || v === undefined ? "" : String(v));
const eventHref = (id) => "/events/" + encodeURIComponent(str(id));
const actorHref = (code) => "/actors/" + encodeURIComponent(str(code));
const placeHref = (geonameid) => "/places/" + encodeURIComponent(str(geonameid));
const quadOf = (q) => (Number.isInteger(Number(q)) && QUADS[Number(q)] ? Number(q) : 0);
const fmtInt = (n) => (Number.isFinite(Number(n)) ? Number(n).toLocaleString("en-US") : "–");

// ---------------------------------------------------------------- state and the URL

const state = {
  filters: {}, // form fields, only those set
  extra: {}, // other API filters carried by the URL
  sort: DEFAULT_SORT,
  offset: 0,
};

const validators = {
  since: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
  until: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
  country: (v) => /^[A-Za-z]{3}$/.test(v),
  actor: (v) => v.length <= 200,
  quad_class: (v) => /^[1-4]$/.test(v),
  cameo: (v) => /^\d{2,4}$/.test(v),
  min_sources: (v) => /^[1-9]\d{0,5}$/.test(v),
};

function cleanFilters(source) {
  const out = {};
  for (const name of FORM_FIELDS) {
    let v = str(source.get(name)).trim();
    if (!v) continue;
    if (name === "country") v = v.toUpperCase();
    if (name !== "actor" && name !== "country" && !validators[name](v)) continue;
    out[name] = v;
  }
  return out;
}

function readStateFromURL() {
  const params = new URLSearchParams(window.location.search);
  state.filters = cleanFilters(params);
  state.extra = {};
  for (const name of EXTRA_FIELDS) {
    const v = str(params.get(name)).trim();
    if (v) state.extra[name] = v.slice(0, 200);
  }
  const sort = str(params.get("sort"));
  state.sort = SORTS.includes(sort.replace(/^-/, "")) ? sort : DEFAULT_SORT;
  const offset = Number(params.get("offset"));
  state.offset = Number.isInteger(offset) && offset > 0 ? offset : 0;
}

function stateToParams() {
  const params = new URLSearchParams();
  for (const name of FORM_FIELDS) if (state.filters[name]) params.set(name, state.filters[name]);
  for (const name of EXTRA_FIELDS) if (state.extra[name]) params.set(name, state.extra[name]);
  if (state.sort !== DEFAULT_SORT) params.set("sort", state.sort);
  if (state.offset > 0) params.set("offset", String(state.offset));
  return params;
}

function writeStateToURL(push) {
  const qs = stateToParams().toString();
  const url = window.location.pathname + (qs ? "?" + qs : "");
  if (url === window.location.pathname + window.location.search) return;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

/** The API filters: all of them, or all but the dates (for the timeline, which shows the brush). */
function filterParams({ withDates = true } = {}) {
  const params = new URLSearchParams();
  for (const name of FORM_FIELDS) {
    if (!withDates && (name === "since" || name === "until")) continue;
    if (state.filters[name]) params.set(name, state.filters[name]);
  }
  for (const name of EXTRA_FIELDS) if (state.extra[name]) params.set(name, state.extra[name]);
  return params;
}

// ---------------------------------------------------------------- API access, errors, readiness

class ApiError extends Error {}

async function api(path, params, signal) {
  const qs = params ? params.toString() : "";
  const res = await fetch(path + (qs ? "?" + qs : ""), { signal, headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    if (signal && signal.aborted) throw err;
  }
  if (!res.ok || !body || body.ok === false) {
    let message = `HTTP ${res.status}`;
    if (body && typeof body.error === "string") message = body.error;
    else if (body && typeof body.detail === "string") message = body.detail;
    else if (body && Array.isArray(body.detail)) {
      message = body.detail.map((d) => str(d && d.msg)).filter(Boolean).join("; ") || message;
    }
    throw new ApiError(message);
  }
  return body;
}

const errors = new Map(); // part -> message

function setError(part, message) {
  if (message) errors.set(part, message);
  else errors.delete(part);
  const box = $("#error");
  box.replaceChildren();
  if (!errors.size) {
    box.hidden = true;
    return;
  }
  const labels = { basemap: "Basemap", map: "Map", timeline: "Timeline", table: "Events", filters: "Filters" };
  const byMessage = new Map(); // one line per distinct message: "Map, Events: ..."
  for (const [key, msg] of errors) {
    if (!byMessage.has(msg)) byMessage.set(msg, []);
    byMessage.get(msg).push(labels[key] || key);
  }
  for (const [msg, parts] of byMessage) {
    box.append(h("div", { class: "error-line" }, h("strong", { text: parts.join(", ") + ": " }), msg));
  }
  box.hidden = false;
}

function isAbort(err) {
  return err && err.name === "AbortError";
}

// body[data-ready] is "0" while anything loads and "1" once everything has settled (even on error).
let pending = 0;
function beginLoad() {
  pending += 1;
  document.body.dataset.ready = "0";
}
function endLoad() {
  pending = Math.max(0, pending - 1);
  if (pending === 0) document.body.dataset.ready = "1";
}

/** Run one load of a part: abort the previous one, track readiness, show errors. */
const controllers = new Map();
async function runLoad(part, fn) {
  const previous = controllers.get(part);
  if (previous) previous.abort();
  const controller = new AbortController();
  controllers.set(part, controller);
  beginLoad();
  try {
    await fn(controller.signal);
    if (!controller.signal.aborted) setError(part, null);
  } catch (err) {
    if (!controller.signal.aborted && !isAbort(err)) {
      setError(part, err instanceof ApiError ? err.message : `could not load (${str(err && err.message) || err})`);
      if (!(err instanceof ApiError)) console.warn(part, err); // eslint-disable-line no-console
      return { failed: true };
    }
  } finally {
    if (controllers.get(part) === controller) controllers.delete(part);
    endLoad();
  }
  return { failed: false };
}

// ---------------------------------------------------------------- the map

let map = null;
let markers = null;
let fitOnNextPoints = true;
let legendCounts = null;

function setupMap() {
  map = L.map("map", {
    minZoom: 1,
    maxZoom: 14,
    zoomSnap: 0.5,
    worldCopyJump: false,
    attributionControl: false, // its default prefix links to an external site
    maxBounds: L.latLngBounds([-89, -250], [89, 250]),
    maxBoundsViscosity: 0.7,
  });
  map.setView([20, 10], 2);
  map.createPane("basemap");
  map.getPane("basemap").style.zIndex = "200";


  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => {
    const box = h("div", { class: "wc-legend", "data-testid": "legend" });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  legend.addTo(map);

  const fit = L.control({ position: "topleft" });
  fit.onAdd = () => {
    const button = h("button", { type: "button", class: "wc-fit", title: "Fit the map to the events", "aria-label": "Fit the map to the events", "data-testid": "map-fit" }, "⤢");
    L.DomEvent.disableClickPropagation(button);
    button.addEventListener("click", () => fitToPoints(lastPoints));
    return h("div", { class: "leaflet-bar" }, button);
  };
  fit.addTo(map);
  renderLegend();
}

async function loadBasemap(signal) {
  const res = await fetch("/static/vendor/world-atlas/countries-50m.json", { signal });
  if (!res.ok) throw new ApiError(`country outlines: HTTP ${res.status}`);
  const topo = await res.json();
  const countries = topojson.feature(topo, topo.objects.countries);
  countries.features = countries.features.flatMap(unwrapAntimeridian);
  L.geoJSON(countries, {
    pane: "basemap",
    renderer: L.canvas({ pane: "basemap", padding: 0.5 }),
    interactive: false,
    style: { color: "#9aa3ad", weight: 0.6, fillColor: "#f7f5f0", fillOpacity: 1 },
  }).addTo(map);
}

/**
 * Leaflet draws a ring that steps from 180° to -180° as a line across the whole world (Russia, Fiji).
 * Such rings are made continuous (running past 180°), and the country is drawn a second time one
 * world-width over so that both sides of the date line show it. Antarctica, whose ring runs along
 * the pole, is left as it is.
 */
function unwrapAntimeridian(feature) {
  const g = feature && feature.geometry;
  if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) return [feature];
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  if (polys.some((poly) => poly.some((ring) => ring.some((pt) => Math.abs(pt[1]) > 89.9)))) return [feature];
  let changed = false;
  let min = Infinity;
  let max = -Infinity;
  const fixed = polys.map((poly) =>
    poly.map((ring) => {
      let shift = 0;
      return ring.map((pt, i) => {
        if (i > 0) {
          const step = pt[0] - ring[i - 1][0];
          if (step > 180) shift -= 360;
          else if (step < -180) shift += 360;
        }
        if (shift) changed = true;
        const lon = pt[0] + shift;
        min = Math.min(min, lon);
        max = Math.max(max, lon);
        return [lon, pt[1]];
      });
    }),
  );
  if (!changed) return [feature];
  const moved = (dx) => fixed.map((poly) => poly.map((ring) => ring.map((pt) => [pt[0] + dx, pt[1]])));
  const copy = (coords) => ({ ...feature, geometry: { type: "MultiPolygon", coordinates: coords } });
  const dx = max > 180 ? -360 : min < -180 ? 360 : 0;
  return dx ? [copy(fixed), copy(moved(dx))] : [copy(fixed)];
}

function renderLegend() {
  const box = document.querySelector(".wc-legend");
  if (!box) return;
  box.replaceChildren(h("div", { class: "wc-legend-title" }, "Quad class"));
  const active = state.filters.quad_class || "";
  for (const q of [1, 2, 3, 4]) {
    const count = legendCounts ? legendCounts[q] || 0 : null;
    const item = h(
      "button",
      {
        type: "button",
        class: "wc-legend-item" + (active === String(q) ? " active" : ""),
        title: active === String(q) ? "Show every quad class" : `Show only: ${QUADS[q]}`,
        "aria-pressed": active === String(q) ? "true" : "false",
        dataset: { quad: String(q) },
      },
      h("span", { class: `wc-swatch wc-q${q}` }),
      h("span", { class: "wc-legend-name" }, `${q} · ${QUADS[q]}`),
      count === null ? null : h("span", { class: "wc-legend-count" }, fmtInt(count)),
    );
    item.addEventListener("click", () => {
      const f = { ...state.filters };
      if (f.quad_class === String(q)) delete f.quad_class;
      else f.quad_class = String(q);
      applyFilters(f, { push: true });
    });
    box.append(item);
  }
}

/** A new cluster group per load, so a chunked add still running from an older load cannot leak in. */
function newClusterGroup(onDone) {
  return L.markerClusterGroup({
    chunkedLoading: true,
    disableClusteringAtZoom: 9,
    maxClusterRadius: 48,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
    chunkProgress: (processed, total) => {
      if (processed >= total) onDone();
    },
  });
}

function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const counts = [0, 0, 0, 0, 0];
  for (const m of children) counts[m.options.quad || 0] += 1;
  let dominant = 0;
  for (const q of [4, 3, 2, 1]) if (counts[q] > counts[dominant]) dominant = q; // ties: the conflict side
  const total = children.length;
  const size = total < 10 ? 34 : total < 100 ? 40 : total < 1000 ? 46 : 52;
  // The outer ring shows every class's share; the middle is the dominant class.
  const stops = [];
  let at = 0;
  for (const q of [1, 2, 3, 4, 0]) {
    if (!counts[q]) continue;
    const end = at + (counts[q] / total) * 360;
    stops.push(`var(--q${q}) ${at.toFixed(2)}deg ${end.toFixed(2)}deg`);
    at = end;
  }
  const inner = h("div", {}, h("span", { text: String(total) }));
  const outer = h("div", { class: "wc-cluster-ring" }, inner);
  outer.style.background = `conic-gradient(${stops.join(", ")})`;
  return L.divIcon({
    html: outer,
    className: `marker-cluster wc-cluster wc-cq${dominant}`,
    iconSize: L.point(size, size),
  });
}

function popupContent(p) {
  const q = quadOf(p.quad);
  return h(
    "div",
    { class: "wc-popup", "data-testid": "popup" },
    h("div", { class: "wc-popup-label" }, p.label || "(no label)"),
    h(
      "div",
      { class: "wc-popup-meta" },
      h("span", { class: `wc-swatch wc-q${q}` }),
      " ",
      q ? QUADS[q] : "unknown class",
      p.cameoRoot && CAMEO_NAMES.has(p.cameoRoot) ? ` · ${CAMEO_NAMES.get(p.cameoRoot)}` : "",
    ),
    h("div", { class: "wc-popup-meta" }, p.date || "undated", ` · ${fmtInt(p.sources)} source${Number(p.sources) === 1 ? "" : "s"}`),
    h("a", { href: eventHref(p.id), class: "wc-popup-link" }, "Open event →"),
  );
}

let lastPoints = [];

function fitToPoints(points) {
  if (!points.length) {
    map.fitWorld({ animate: false });
    return;
  }
  const bounds = L.latLngBounds(points.map((p) => [p.lat, p.lon]));
  map.fitBounds(bounds.pad(0.05), { maxZoom: 7, animate: false, padding: [16, 16] });
}

async function loadPoints(signal) {
  $("#map-status").textContent = "Loading events…";
  $(".map-panel").classList.add("is-loading");
  const params = filterParams();
  params.set("limit", String(POINTS_LIMIT));
  let data;
  try {
    data = await api("/api/points", params, signal);
  } catch (err) {
    if (!signal.aborted) {
      $("#map-status").textContent = "Could not load the events (see the message above).";
      if (markers) markers.clearLayers();
      lastPoints = [];
    }
    throw err;
  } finally {
    if (!signal.aborted) $(".map-panel").classList.remove("is-loading");
  }
  if (signal.aborted) return;

  const points = [];
  for (const row of Array.isArray(data.points) ? data.points : []) {
    if (!Array.isArray(row)) continue;
    const [id, lat, lon, quad, cameoRoot, date, sources, label] = row;
    const la = Number(lat);
    const lo = Number(lon);
    if (!Number.isFinite(la) || !Number.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180) continue;
    points.push({ id: str(id), lat: la, lon: lo, quad: quadOf(quad), cameoRoot: str(cameoRoot), date: str(date), sources, label: str(label) });
  }
  lastPoints = points;

  // Events coded to the same place (a town's centre) would hide one another once clustering
  // stops: their icons are fanned out on a small spiral around the true point.
  const seen = new Map();
  const made = points.map((p) => {
    const key = p.lat.toFixed(4) + "," + p.lon.toFixed(4);
    const k = seen.get(key) || 0;
    seen.set(key, k + 1);
    const r = k ? 7 * Math.sqrt(k) : 0;
    const a = k * 2.39996;
    const icon = L.divIcon({
      className: `wc-marker wc-q${p.quad}`,
      iconSize: [14, 14],
      iconAnchor: [7 - r * Math.cos(a), 7 - r * Math.sin(a)],
      popupAnchor: [r * Math.cos(a), r * Math.sin(a) - 6],
    });
    const marker = L.marker([p.lat, p.lon], { icon, quad: p.quad, title: p.label, riseOnHover: true });
    marker.bindPopup(() => popupContent(p), { maxWidth: 320, minWidth: 200 });
    marker.on("add", () => {
      const el = marker.getElement();
      if (el) {
        el.dataset.eventId = p.id;
        el.dataset.quad = String(p.quad);
        el.dataset.testid = "marker";
      }
    });
    return marker;
  });

  if (markers) map.removeLayer(markers);
  await new Promise((resolve) => {
    markers = newClusterGroup(resolve); // resolved once every marker is in (chunkProgress)
    markers.addTo(map);
    if (made.length) markers.addLayers(made);
    else resolve();
  });
  if (signal.aborted) return;

  legendCounts = [0, 0, 0, 0, 0];
  for (const p of points) legendCounts[p.quad] += 1;
  renderLegend();

  if (fitOnNextPoints) {
    fitOnNextPoints = false;
    fitToPoints(points);
  }

  const total = Number(data.total) || 0;
  let text;
  if (!total) text = "No located events match these filters.";
  else if (data.truncated) text = `Showing ${fmtInt(points.length)} of ${fmtInt(total)} located events (the map is capped).`;
  else text = `${fmtInt(total)} located event${total === 1 ? "" : "s"} on the map.`;
  $("#map-status").textContent = text;
  $("#map").dataset.points = String(points.length);
}

// ---------------------------------------------------------------- the timeline

const timeline = {
  bins: [], // [{start, end, count}] in day numbers, end exclusive
  unit: "day",
  d0: 0,
  d1: 1,
  plot: { left: 36, right: 10, top: 10, bottom: 22 },
  width: 600,
  height: 130,
  drag: null,
};

const dayNum = (iso) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(iso));
  return m ? Math.floor(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS) : null;
};
const isoDay = (d) => new Date(d * DAY_MS).toISOString().slice(0, 10);
const weekStart = (d) => d - (((d + 3) % 7) + 7) % 7; // Monday (day 0 was a Thursday)
function monthStart(d) {
  const t = new Date(d * DAY_MS);
  return Math.floor(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / DAY_MS);
}
function addMonths(d, n) {
  const t = new Date(d * DAY_MS);
  return Math.floor(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + n, 1) / DAY_MS);
}
function binStart(d, unit = timeline.unit) {
  return unit === "day" ? d : unit === "week" ? weekStart(d) : monthStart(d);
}
function binEnd(d, unit = timeline.unit) {
  const start = binStart(d, unit);
  return unit === "day" ? start + 1 : unit === "week" ? start + 7 : addMonths(start, 1);
}

function buildBins(byDay) {
  const days = [];
  for (const row of Array.isArray(byDay) ? byDay : []) {
    if (!Array.isArray(row)) continue;
    const d = dayNum(row[0]);
    const n = Number(row[1]);
    if (d !== null && Number.isFinite(n) && n > 0) days.push([d, n]);
  }
  if (!days.length) return { bins: [], unit: "day" };
  days.sort((a, b) => a[0] - b[0]);
  const span = days[days.length - 1][0] - days[0][0] + 1;
  const unit = span <= 400 ? "day" : span <= 7 * 400 ? "week" : "month";
  const counts = new Map();
  for (const [d, n] of days) {
    const b = binStart(d, unit);
    counts.set(b, (counts.get(b) || 0) + n);
  }
  const bins = [];
  for (let b = binStart(days[0][0], unit); b <= days[days.length - 1][0]; b = binEnd(b, unit)) {
    bins.push({ start: b, end: binEnd(b, unit), count: counts.get(b) || 0 });
  }
  return { bins, unit };
}

const tx = (d) => {
  const { left, right } = timeline.plot;
  return left + ((d - timeline.d0) / (timeline.d1 - timeline.d0)) * (timeline.width - left - right);
};
const tday = (x) => {
  const { left, right } = timeline.plot;
  return timeline.d0 + ((x - left) / (timeline.width - left - right)) * (timeline.d1 - timeline.d0);
};

function fmtTick(d, stepUnit, first) {
  const t = new Date(d * DAY_MS);
  const y = t.getUTCFullYear();
  const mon = MONTHS[t.getUTCMonth()];
  if (stepUnit === "year") return String(y);
  if (stepUnit === "month") return t.getUTCMonth() === 0 || first ? `${mon} ${y}` : mon;
  return first || (t.getUTCMonth() === 0 && t.getUTCDate() === 1) ? `${t.getUTCDate()} ${mon} ${y}` : `${t.getUTCDate()} ${mon}`;
}

function ticks(maxTicks) {
  const span = timeline.d1 - timeline.d0;
  for (const step of [1, 2, 7, 14]) {
    if (span / step <= maxTicks) {
      const out = [];
      let d = step === 7 || step === 14 ? weekStart(timeline.d0) : timeline.d0;
      if (d < timeline.d0) d += 7;
      for (; d < timeline.d1; d += step) out.push(d);
      return { days: out, unit: "day" };
    }
  }
  for (const step of [1, 2, 3, 6, 12, 24, 60]) {
    if (span / (30.44 * step) <= maxTicks) {
      const out = [];
      let d = monthStart(timeline.d0);
      if (d < timeline.d0) d = addMonths(d, 1);
      for (; d < timeline.d1; d = addMonths(d, 1)) {
        const t = new Date(d * DAY_MS);
        const index = t.getUTCFullYear() * 12 + t.getUTCMonth();
        if (index % step === 0) out.push(d);
      }
      return { days: out, unit: step >= 12 ? "year" : "month" };
    }
  }
  return { days: [], unit: "year" };
}

function drawTimeline(emptyText = "No dated events match these filters.") {
  const svg = $("#timeline");
  const rect = svg.getBoundingClientRect();
  timeline.width = Math.max(200, Math.round(rect.width || 600));
  timeline.height = Math.max(80, Math.round(rect.height || 130));
  svg.setAttribute("viewBox", `0 0 ${timeline.width} ${timeline.height}`);
  svg.replaceChildren();
  const { left, right, top, bottom } = timeline.plot;
  const plotBottom = timeline.height - bottom;
  const plotWidth = timeline.width - left - right;
  svg.dataset.unit = timeline.unit;
  svg.dataset.bins = String(timeline.bins.length);

  if (!timeline.bins.length) {
    const t = s("text", { x: timeline.width / 2, y: timeline.height / 2, class: "empty-text", "text-anchor": "middle" });
    t.textContent = emptyText;
    svg.append(t);
    updateRangeLabel();
    return;
  }

  const max = Math.max(1, ...timeline.bins.map((b) => b.count));
  const y = (n) => plotBottom - (n / max) * (plotBottom - top);

  // grid + y labels
  for (const v of max > 1 ? [max, Math.round(max / 2)] : [max]) {
    svg.append(s("line", { class: "grid", x1: left, x2: timeline.width - right, y1: y(v), y2: y(v) }));
    const label = s("text", { class: "axis-label", x: left - 5, y: y(v) + 4, "text-anchor": "end" });
    label.textContent = fmtInt(v);
    svg.append(label);
  }
  svg.append(s("line", { class: "axis", x1: left, x2: timeline.width - right, y1: plotBottom, y2: plotBottom }));

  // bars
  const bars = s("g", { class: "bars" });
  const since = dayNum(state.filters.since);
  const until = dayNum(state.filters.until);
  const selecting = since !== null || until !== null;
  for (const b of timeline.bins) {
    const x0 = tx(b.start);
    const x1 = tx(b.end);
    const w = Math.max(1, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
    const inside = (since === null || b.end - 1 >= since) && (until === null || b.start <= until);
    const bar = s("rect", {
      class: "bar" + (selecting ? (inside ? " selected" : " dimmed") : ""),
      x: x0.toFixed(2),
      y: y(b.count).toFixed(2),
      width: w.toFixed(2),
      height: Math.max(0, plotBottom - y(b.count)).toFixed(2),
      "data-start": isoDay(b.start),
      "data-end": isoDay(b.end - 1),
      "data-count": b.count,
    });
    const title = s("title");
    const when = timeline.unit === "day" ? isoDay(b.start) : `${isoDay(b.start)} – ${isoDay(b.end - 1)}`;
    title.textContent = `${when}: ${fmtInt(b.count)} event${b.count === 1 ? "" : "s"}`;
    bar.append(title);
    bars.append(bar);
  }
  svg.append(bars);

  // x ticks
  const tk = ticks(Math.max(2, Math.floor(plotWidth / 80)));
  tk.days.forEach((d, i) => {
    const x = tx(d);
    svg.append(s("line", { class: "tick", x1: x, x2: x, y1: plotBottom, y2: plotBottom + 4 }));
    const label = s("text", { class: "axis-label", x, y: plotBottom + 15, "text-anchor": "middle" });
    label.textContent = fmtTick(d, tk.unit, i === 0);
    svg.append(label);
  });

  // brush selection (drawn from the since/until filters)
  const sel = s("rect", { class: "brush-selection", "data-testid": "brush-selection", y: top - 4, height: plotBottom - top + 4 });
  svg.append(sel);
  placeSelection(since, until === null ? null : until + 1);
  updateRangeLabel();
}

/** Show the brush rect over days [from, to) (either may be null = open); hide it if no range. */
function placeSelection(from, to, live = false) {
  const sel = document.querySelector("#timeline .brush-selection");
  if (!sel) return;
  if (from === null && to === null) {
    sel.setAttribute("visibility", "hidden");
    sel.setAttribute("width", "0");
    return;
  }
  const x0 = Math.max(timeline.plot.left, from === null ? timeline.plot.left : live ? from : tx(from));
  const x1 = Math.min(timeline.width - timeline.plot.right, to === null ? timeline.width - timeline.plot.right : live ? to : tx(to));
  if (x1 <= x0 && !live) {
    sel.setAttribute("visibility", "hidden");
    sel.setAttribute("width", "0");
    return;
  }
  sel.setAttribute("visibility", "visible");
  sel.setAttribute("x", x0.toFixed(2));
  sel.setAttribute("width", Math.max(1, x1 - x0).toFixed(2));
}

function updateRangeLabel(text) {
  const { since, until } = state.filters;
  const label = $("#timeline-range");
  if (text !== undefined) label.textContent = text;
  else if (since || until) label.textContent = `${since || "…"} → ${until || "…"}`;
  else if (timeline.bins.length) {
    const per = timeline.unit === "day" ? "per day" : timeline.unit === "week" ? "per week" : "per month";
    label.textContent = `events ${per}, ${isoDay(timeline.bins[0].start)} → ${isoDay(timeline.bins[timeline.bins.length - 1].end - 1)}`;
  } else label.textContent = "";
  $("#timeline-clear").disabled = !(since || until);
}

async function loadTimeline(signal) {
  $(".timeline-panel").classList.add("is-loading");
  let data;
  try {
    data = await api("/api/stats", filterParams({ withDates: false }), signal);
  } catch (err) {
    if (!signal.aborted) {
      timeline.bins = [];
      drawTimeline("Could not load the timeline.");
    }
    throw err;
  } finally {
    if (!signal.aborted) $(".timeline-panel").classList.remove("is-loading");
  }
  if (signal.aborted) return;
  const { bins, unit } = buildBins(data.by_day);
  timeline.bins = bins;
  timeline.unit = unit;
  if (bins.length) {
    timeline.d0 = bins[0].start;
    timeline.d1 = bins[bins.length - 1].end;
  }
  drawTimeline();
}

function svgX(evt) {
  const svg = $("#timeline");
  const rect = svg.getBoundingClientRect();
  const scale = rect.width ? timeline.width / rect.width : 1;
  return (evt.clientX - rect.left) * scale;
}

function setupBrush() {
  const svg = $("#timeline");
  const clampX = (x) => Math.min(timeline.width - timeline.plot.right, Math.max(timeline.plot.left, x));

  svg.addEventListener("pointerdown", (evt) => {
    if (evt.button !== 0 || !timeline.bins.length) return;
    evt.preventDefault();
    const x = clampX(svgX(evt));
    timeline.drag = { x0: x, x1: x, id: evt.pointerId };
    try {
      svg.setPointerCapture(evt.pointerId);
    } catch (_) {
      /* not capturable: moves outside the svg are simply missed */
    }
    svg.classList.add("brushing");
  });

  svg.addEventListener("pointermove", (evt) => {
    const drag = timeline.drag;
    if (!drag || evt.pointerId !== drag.id) return;
    drag.x1 = clampX(svgX(evt));
    const a = Math.min(drag.x0, drag.x1);
    const b = Math.max(drag.x0, drag.x1);
    placeSelection(a, b, true);
    const [from, to] = snapRange(a, b);
    updateRangeLabel(`${isoDay(from)} → ${isoDay(to - 1)}`);
  });

  const finish = (evt) => {
    const drag = timeline.drag;
    if (!drag || evt.pointerId !== drag.id) return;
    timeline.drag = null;
    svg.classList.remove("brushing");
    if (evt.type === "pointercancel") {
      drawTimeline();
      return;
    }
    drag.x1 = clampX(svgX(evt));
    let a = Math.min(drag.x0, drag.x1);
    let b = Math.max(drag.x0, drag.x1);
    if (b - a < 3) {
      // a click: pick the one bin under the pointer
      a = b = (a + b) / 2;
    }
    const [from, to] = snapRange(a, b);
    const f = { ...state.filters, since: isoDay(from), until: isoDay(to - 1) };
    applyFilters(f, { push: true });
  };
  svg.addEventListener("pointerup", finish);
  svg.addEventListener("pointercancel", finish);

  svg.addEventListener("dblclick", (evt) => {
    evt.preventDefault();
    clearDates();
  });
  $("#timeline-clear").addEventListener("click", clearDates);

  if (window.ResizeObserver) {
    let last = 0;
    new ResizeObserver((entries) => {
      const w = Math.round(entries[0].contentRect.width);
      if (w && w !== last) {
        last = w;
        if (!timeline.drag) drawTimeline();
      }
    }).observe(svg);
  }
}

/** Pixel range -> whole bins [from, to) in day numbers. */
function snapRange(a, b) {
  const first = timeline.bins[0].start;
  const last = timeline.bins[timeline.bins.length - 1].end;
  const da = Math.min(last - 1, Math.max(first, Math.floor(tday(a))));
  const db = Math.min(last - 1, Math.max(first, Math.ceil(tday(b)) - 1));
  return [binStart(da), binEnd(Math.max(da, db))];
}

function clearDates() {
  if (!state.filters.since && !state.filters.until) return;
  const f = { ...state.filters };
  delete f.since;
  delete f.until;
  applyFilters(f, { push: true });
}

// ---------------------------------------------------------------- the events table

function actorCell(actor) {
  const td = h("td", { class: "actor" });
  if (!actor || typeof actor !== "object") {
    td.append(h("span", { class: "muted" }, "—"));
    return td;
  }
  if (actor.code) td.append(h("a", { href: actorHref(actor.code), class: "code", title: str(actor.name) || null }, str(actor.code)));
  else td.append(h("span", { class: "code muted" }, "?"));
  const words = str(actor.text) || str(actor.name);
  if (words) td.append(h("div", { class: "sub" }, words));
  return td;
}

function actionCell(ev) {
  const q = quadOf(ev.quad_class);
  const td = h("td", { class: "action", title: str(ev.sentence) || null });
  const cameo = str(ev.cameo);
  const root = str(ev.cameo_root) || cameo.slice(0, 2);
  td.append(
    h("span", { class: `wc-swatch wc-q${q}`, title: q ? QUADS[q] : null }),
    " ",
    h("span", { class: "code" }, cameo || "?"),
  );
  const plover = ev.plover && typeof ev.plover === "object" ? str(ev.plover.type) : "";
  if (plover) td.append(" ", h("span", { class: "plover" }, plover));
  if (CAMEO_NAMES.has(root)) td.append(h("div", { class: "sub" }, CAMEO_NAMES.get(root)));
  return td;
}

function placeCell(loc) {
  const td = h("td", { class: "place" });
  if (!loc || typeof loc !== "object" || !(loc.name || loc.country)) {
    td.append(h("span", { class: "muted" }, "—"));
    return td;
  }
  const name = str(loc.name) || str(loc.text) || "?";
  if (loc.geonameid !== null && loc.geonameid !== undefined && str(loc.geonameid) !== "") {
    td.append(h("a", { href: placeHref(loc.geonameid) }, name));
  } else {
    td.append(h("span", {}, name));
  }
  const where = [str(loc.admin1), str(loc.country)].filter(Boolean).join(", ");
  if (where) td.append(h("div", { class: "sub" }, where));
  return td;
}

function eventRow(ev) {
  const id = str(ev.id);
  const precision = Number(ev.date_precision);
  const dateText = ev.date ? str(ev.date) : "undated";
  const dateCell = h(
    "td",
    { class: "date" },
    h("a", { href: eventHref(id), class: "event-link", "data-testid": "event-link" }, dateText),
    precision === 2 ? h("div", { class: "sub" }, "± week") : precision === 3 ? h("div", { class: "sub" }, "± month") : null,
  );
  return h(
    "tr",
    { dataset: { eventId: id, quad: String(quadOf(ev.quad_class)) } },
    dateCell,
    actorCell(ev.source),
    actionCell(ev),
    actorCell(ev.target),
    placeCell(ev.location),
    h("td", { class: "num" }, fmtInt(ev.num_sources)),
    h("td", { class: "num" }, fmtInt(ev.num_mentions)),
  );
}

function renderSortHeaders() {
  const key = state.sort.replace(/^-/, "");
  const desc = state.sort.startsWith("-");
  for (const th of document.querySelectorAll("#events-table th.sortable")) {
    const on = th.dataset.sort === key;
    th.classList.toggle("sorted", on);
    th.setAttribute("aria-sort", on ? (desc ? "descending" : "ascending") : "none");
    th.dataset.dir = on ? (desc ? "desc" : "asc") : "";
  }
}

async function loadTable(signal) {
  const panel = $(".table-panel");
  panel.classList.add("is-loading");
  renderSortHeaders();
  $("#events-count").textContent = "Loading…";
  const params = filterParams();
  params.set("limit", String(PAGE_SIZE));
  params.set("offset", String(state.offset));
  params.set("sort", state.sort);
  let data;
  try {
    data = await api("/api/events", params, signal);
  } catch (err) {
    if (!signal.aborted) {
      $("#events-count").textContent = "";
      $("#events-table tbody").replaceChildren();
      $("#events-empty").hidden = true;
      $("#prev-page").disabled = true;
      $("#next-page").disabled = true;
    }
    throw err;
  } finally {
    if (!signal.aborted) panel.classList.remove("is-loading");
  }
  if (signal.aborted) return;

  const total = Number(data.total) || 0;
  const events = Array.isArray(data.events) ? data.events.filter((e) => e && typeof e === "object") : [];
  if (!events.length && total > 0 && state.offset > 0) {
    // a bookmarked page past the end: go back to the first
    state.offset = 0;
    writeStateToURL(false);
    return loadTable(signal);
  }
  $("#events-table tbody").replaceChildren(...events.map(eventRow));
  $("#events-empty").hidden = events.length > 0;
  const from = events.length ? state.offset + 1 : 0;
  const to = state.offset + events.length;
  $("#events-count").textContent = total
    ? `${fmtInt(from)}–${fmtInt(to)} of ${fmtInt(total)} event${total === 1 ? "" : "s"}`
    : "0 events";
  $("#events-count").dataset.total = String(total);
  $("#prev-page").disabled = state.offset <= 0;
  $("#next-page").disabled = to >= total;
}

function setupTable() {
  for (const th of document.querySelectorAll("#events-table th.sortable")) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.sort;
      const current = state.sort.replace(/^-/, "");
      state.sort = current === key && state.sort.startsWith("-") ? key : "-" + key;
      state.offset = 0;
      writeStateToURL(true);
      reload({ table: true });
    });
  }
  $("#prev-page").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    writeStateToURL(true);
    reload({ table: true });
  });
  $("#next-page").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    writeStateToURL(true);
    reload({ table: true });
  });
}

// ---------------------------------------------------------------- filters form

function fillForm() {
  const form = $("#filters");
  for (const name of FORM_FIELDS) form.elements[name].value = state.filters[name] || "";
  const extra = $("#extra-filters");
  const keys = Object.keys(state.extra);
  extra.replaceChildren();
  if (keys.length) {
    extra.append("Also filtered by: ");
    keys.forEach((k, i) => {
      if (i) extra.append(", ");
      extra.append(h("code", {}, `${k}=${state.extra[k]}`));
    });
    extra.append(" ", h("small", {}, "(Reset clears these)"));
  }
  extra.hidden = !keys.length;
}

function readForm() {
  const data = new FormData($("#filters"));
  return cleanFilters({ get: (name) => data.get(name) });
}

function sameFilters(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] || "") !== (b[k] || "")) return false;
  return true;
}

/** Make `filters` the current filters and reload what they change. */
function applyFilters(filters, { push = true, force = false } = {}) {
  const before = state.filters;
  if (!force && sameFilters(before, filters)) {
    fillForm(); // normalise what was typed (e.g. lower-case country)
    return Promise.resolve();
  }
  const onlyDates = FORM_FIELDS.every((k) => k === "since" || k === "until" || (before[k] || "") === (filters[k] || ""));
  state.filters = filters;
  state.offset = 0;
  writeStateToURL(push);
  fillForm();
  renderLegend();
  if (onlyDates && !force) {
    drawTimeline(); // the histogram leaves the dates out; only the brush moves
    return reload({ map: true, table: true });
  }
  fitOnNextPoints = true;
  return reload({ map: true, table: true, timeline: true });
}

function setupForm() {
  const form = $("#filters");
  const cameo = form.elements.cameo;
  for (const [code, name] of CAMEO_ROOTS) cameo.append(h("option", { value: code }, `${code} · ${name}`));

  form.addEventListener("submit", (evt) => {
    evt.preventDefault();
    applyFilters(readForm(), { push: true });
  });
  form.addEventListener("change", (evt) => {
    // text fields apply on Enter (submit) or when left; selects, dates and numbers at once
    if (evt.target && evt.target.type === "text" && document.activeElement === evt.target) return;
    applyFilters(readForm(), { push: true });
  });
  $("#filters-reset").addEventListener("click", () => {
    state.extra = {};
    state.sort = DEFAULT_SORT;
    applyFilters({}, { push: true, force: true });
  });
  window.addEventListener("popstate", () => {
    readStateFromURL();
    fillForm();
    renderLegend();
    fitOnNextPoints = true;
    reload();
  });
}

// ---------------------------------------------------------------- reload

function reload(which = { map: true, table: true, timeline: true }) {
  const jobs = [];
  if (which.map) jobs.push(runLoad("map", loadPoints));
  if (which.timeline) jobs.push(runLoad("timeline", loadTimeline));
  if (which.table) jobs.push(runLoad("table", loadTable));
  return Promise.all(jobs);
}

function start() {
  document.body.dataset.ready = "0";
  beginLoad(); // held until the first round is under way
  readStateFromURL();
  writeStateToURL(false);
  setupForm();
  fillForm();
  setupTable();
  setupBrush();
  if (!window.L || !L.markerClusterGroup || !window.topojson) {
    setError("map", "the map libraries did not load (static/vendor/)");
    reload({ table: true, timeline: true });
  } else {
    setupMap();
    window.wirecoder = {
      map,
      get markers() {
        return markers; // the current L.markerClusterGroup
      },
      reload: () => reload(),
      state,
    };
    runLoad("basemap", loadBasemap);
    reload();
  }
  endLoad();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
