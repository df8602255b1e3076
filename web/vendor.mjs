// Copies the built browser files the dashboard needs from web/node_modules/
// into src/wirecoder/web/static/vendor/, so the Python package works without Node.
// Usage: cd web && npm ci && node vendor.mjs
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const dest = join(here, "..", "src", "wirecoder", "web", "static", "vendor");

// [package, [[from (inside the package), to (inside vendor/<folder>)], ...], folder]
const plan = [
  ["leaflet", "leaflet", [
    ["dist/leaflet.js", "leaflet.js"],
    ["dist/leaflet.css", "leaflet.css"],
    ["dist/images/layers.png", "images/layers.png"],
    ["dist/images/layers-2x.png", "images/layers-2x.png"],
    ["dist/images/marker-icon.png", "images/marker-icon.png"],
    ["dist/images/marker-icon-2x.png", "images/marker-icon-2x.png"],
    ["dist/images/marker-shadow.png", "images/marker-shadow.png"],
    ["LICENSE", "LICENSE"],
  ]],
  ["leaflet.markercluster", "leaflet.markercluster", [
    ["dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
    ["dist/MarkerCluster.css", "MarkerCluster.css"],
    ["dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
    ["MIT-LICENCE.txt", "LICENSE"],
  ]],
  ["topojson-client", "topojson-client", [
    ["dist/topojson-client.min.js", "topojson-client.min.js"],
    ["LICENSE", "LICENSE"],
  ]],
  ["world-atlas", "world-atlas", [
    ["countries-50m.json", "countries-50m.json"],
    ["LICENSE", "LICENSE"],
  ]],
];

if (!existsSync(modules)) {
  console.error("web/node_modules is missing: run `npm ci` in web/ first");
  process.exit(1);
}
const versions = [];
for (const [pkg, folder, files] of plan) {
  // only the folders this script makes are replaced: others under vendor/ are left alone
  rmSync(join(dest, folder), { recursive: true, force: true });
  const root = join(modules, pkg);
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  versions.push(`${pkg} ${version}`);
  for (const [from, to] of files) {
    const target = join(dest, folder, to);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root, from), target); // byte for byte, so it can be checked against the package
    chmodSync(target, 0o644); // some packages ship their files executable
    console.log(`${pkg}/${from} -> vendor/${folder}/${to}`);
  }
}
writeFileSync(join(dest, "VERSIONS.txt"), versions.join("\n") + "\n");
console.log(`vendored: ${versions.join(", ")}`);
