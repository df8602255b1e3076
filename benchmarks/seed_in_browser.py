"""Check the seed article end to end in a browser: ingest it, serve the store, find its main event on the
dashboard's map and its evidence highlighted on the event page, and save screenshots.

    python benchmarks/seed_in_browser.py --seed ../shared/seed/000_1926bfc82871ab16.txt [--out test-artifacts/seed]

The expected event (a CAMEO 19x fight on 2013-06-05) must be a marker within ``--km`` (default 10) of
``--expect LAT,LON`` (default Qusair, Syria: 34.5092,36.5794), and its page must show its evidence with the
source, action, target and place highlighted (the place may be named in another of the event's sentences).
Prints one JSON object; exits 1 when a check fails. Needs Debian's Chromium (``/usr/bin/chromium`` or
``$WIRECODER_CHROMIUM``), as the browser tests do.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("WIRECODER_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=Path, required=True, help="the seed article (a scraped text page)")
    parser.add_argument("--expect", default="34.5092,36.5794", help="LAT,LON the event must be near")
    parser.add_argument("--km", type=float, default=10.0)
    parser.add_argument("--date", default="2013-06-05", help="the event's expected date")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "seed", help="screenshots folder")
    args = parser.parse_args()
    lat, lon = (float(v) for v in args.expect.split(","))
    wirecoder = str(Path(sys.executable).with_name("wirecoder"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seed.duckdb"
        subprocess.run([wirecoder, "ingest", "-q", "--db", str(db), str(args.seed)], check=True,
                       stdout=subprocess.DEVNULL)
        port = _free_port()
        server = subprocess.Popen([wirecoder, "serve", "--db", str(db), "--port", str(port), "--log-level",
                                   "warning"], stderr=subprocess.DEVNULL)
        try:
            report = _check(f"http://127.0.0.1:{port}", lat, lon, args)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(json.dumps(report, ensure_ascii=False))
    sys.exit(0 if report["ok"] else 1)


def _check(base: str, lat: float, lon: float, args: argparse.Namespace) -> dict:
    from playwright.sync_api import sync_playwright

    _wait(base)
    events = json.load(urllib.request.urlopen(f"{base}/api/events?cameo=19&limit=100"))["events"]
    chosen = [e for e in events if e["date"] == args.date and e["location"]]
    if not chosen:
        return {"ok": False, "error": f"no located CAMEO 19 event on {args.date}", "events": len(events)}
    event = min(chosen, key=lambda e: _km(lat, lon, e["location"]["lat"], e["location"]["lon"]))
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/?cameo=19")
        page.wait_for_selector("body[data-ready='1']")
        page.evaluate(f"void window.wirecoder.map.setView([{lat}, {lon}], 10, {{animate: false}})")
        marker = page.locator(f".wc-marker[data-event-id='{event['id']}']")
        marker.wait_for()
        marker.click()
        page.wait_for_selector(f".leaflet-popup a[href='/events/{event['id']}']")
        markers = page.evaluate(
            "(() => { const m = []; window.wirecoder.markers.eachLayer(l => m.push(l.getLatLng())); return m; })()")
        page.screenshot(path=str(args.out / "dashboard.png"))
        page.goto(f"{base}/events/{event['id']}")
        evidence = page.locator("[data-testid=mention] blockquote")
        highlighted = {kind: evidence.locator(f"mark.hl-{kind}").count() > 0
                       for kind in ("source", "action", "target", "place")}
        page.screenshot(path=str(args.out / "event.png"), full_page=True)
        browser.close()
    km = min((_km(lat, lon, m["lat"], m["lng"]) for m in markers), default=math.inf)
    return {"ok": km <= args.km and all(highlighted.values()), "event": event["id"], "date": event["date"],
            "source": (event["source"] or {}).get("code"), "cameo": event["cameo"],
            "target": (event["target"] or {}).get("code"), "place": event["location"]["name"],
            "marker_km_from_expected": round(km, 2), "highlighted": highlighted, "screenshots": str(args.out)}


def _wait(base: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/stats")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


if __name__ == "__main__":
    main()
