// The small map of an event or place page: country outlines (no tile server) and one marker.
// Reads its point from the data attributes of #place-map; never touches article text.
(function () {
  "use strict";
  const QUAD_COLOURS = { "1": "#2e9e5b", "2": "#2b6cb0", "3": "#dd8a1c", "4": "#c53030", "": "#4a5568" };

  function start() {
    const box = document.getElementById("place-map");
    if (!box || typeof L === "undefined") return;
    const lat = Number(box.dataset.lat);
    const lon = Number(box.dataset.lon);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
    const map = L.map(box, { attributionControl: false, zoomControl: true, worldCopyJump: true })
      .setView([lat, lon], 7);
    fetch("/static/vendor/world-atlas/countries-50m.json")
      .then((r) => r.json())
      .then((atlas) => {
        L.geoJSON(topojson.feature(atlas, atlas.objects.countries), {
          style: { color: "#8a94a6", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
          interactive: false,
        }).addTo(map).bringToBack();
      })
      .catch(() => {});
    const marker = L.circleMarker([lat, lon], {
      radius: 9, color: "#1a202c", weight: 1.5, fillColor: QUAD_COLOURS[box.dataset.quad] || QUAD_COLOURS[""],
      fillOpacity: 0.9,
    }).addTo(map);
    const label = document.createElement("span");
    label.textContent = box.dataset.label || "";
    marker.bindTooltip(label, { permanent: true, direction: "right", offset: [10, 0] });
    box.dataset.ready = "1";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
