"""The dashboard and pages in a real browser: Debian's Chromium driven by Playwright.

Skipped when Chromium is missing, unless WIRECODER_BROWSER_TESTS=required (.ci/run sets it and installs
Chromium). Every request the page makes must go to the test server: the dashboard works offline. Screenshots go
to test-artifacts/browser/ (git-ignored).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("WIRECODER_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def server(web_db: Path):
    """The app on a free loopback port, in a thread of this process; yields its base URL."""
    import uvicorn

    from wirecoder.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set WIRECODER_CHROMIUM)"
        if os.environ.get("WIRECODER_BROWSER_TESTS") == "required":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: str, request: pytest.FixtureRequest):
    """A fresh page that records script errors and aborts (and records) any request leaving the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.errors, tab.external, tab.dialogs = [], [], []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))

    def route(handle):
        if handle.request.url.startswith(server):
            handle.continue_()
        else:
            tab.external.append(handle.request.url)
            handle.abort()

    tab.route("**/*", route)
    tab.base = server
    yield tab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert tab.external == [], f"requests left the server: {tab.external}"
    assert tab.dialogs == [], f"a script opened dialogs: {tab.dialogs}"


def _dashboard(page, query: str = ""):
    page.goto(f"{page.base}/{query}")
    page.wait_for_selector("body[data-ready='1']")
    return page


def _rows(page) -> int:
    return page.locator("#events-table tbody tr").count()


def test_dashboard_shows_markers_on_the_map(page):
    _dashboard(page)
    assert page.locator("#map .wc-marker, #map .marker-cluster").count() > 0
    assert page.errors == []


def test_dashboard_draws_country_outlines_without_tiles(page):
    outlines = []
    page.on("response", lambda r: outlines.append(r.status) if r.url.endswith("/countries-50m.json") else None)
    _dashboard(page)
    assert outlines == [200]
    assert page.locator("#map canvas").count() >= 1
    assert page.locator("#map img.leaflet-tile").count() == 0


def test_dashboard_lists_every_event_in_the_table(page, client):
    _dashboard(page)
    total = client.get("/api/events").json()["total"]
    assert _rows(page) == min(total, 50)
    assert page.get_attribute("#events-count", "data-total") == str(total)


def test_brushing_the_timeline_narrows_the_table(page):
    from playwright.sync_api import expect

    _dashboard(page)
    before = _rows(page)
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.02, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.2, y, steps=8)
    page.mouse.up()
    page.wait_for_selector("#timeline .brush-selection")
    # (not wait_for_function: the page's Content-Security-Policy forbids evaluating strings)
    expect(page.locator("#events-table tbody tr")).not_to_have_count(before, timeout=TIMEOUT_MS)
    page.wait_for_selector("body[data-ready='1']")
    assert 0 < _rows(page) < before
    assert page.input_value("#filters [name=since]") != ""
    assert page.input_value("#filters [name=until]") != ""


def test_filters_in_the_url_are_applied(page, client, event_ids):
    _dashboard(page, "?country=SYR&quad_class=4")
    expected = client.get("/api/events", params={"country": "SYR", "quad_class": 4}).json()["total"]
    assert _rows(page) == expected
    assert page.input_value("#filters [name=country]") == "SYR"


def test_qusair_battle_is_a_marker_at_qusair(page, event_ids):
    _dashboard(page, "?country=SYR&cameo=19")
    marker = page.locator("#map .wc-marker").first
    if marker.count() == 0:  # still clustered at this zoom: zoom in on the one event
        page.evaluate("void window.wirecoder.map.setView([34.51, 36.58], 12, {animate: false})")
        marker = page.locator("#map .wc-marker").first
    marker.click()
    link = page.locator(f".leaflet-popup a[href='/events/{event_ids['qusair']}']")
    link.wait_for()
    position = page.evaluate(
        "(() => { const m = []; window.wirecoder.markers.eachLayer(l => m.push(l.getLatLng())); return m; })()")
    assert any(abs(p["lat"] - 34.51) < 0.05 and abs(p["lng"] - 36.58) < 0.05 for p in position)


def test_event_page_highlights_the_evidence(page, event_ids):
    page.goto(f"{page.base}/events/{event_ids['qusair']}")
    sentence = page.locator("[data-testid=mention] blockquote").first
    for kind in ("source", "action", "target", "place"):
        assert sentence.locator(f"mark.hl-{kind}").count() >= 1, kind
    assert "Qusair" in sentence.locator("mark.hl-place").first.inner_text()
    page.wait_for_selector("#place-map[data-ready='1']")
    assert page.errors == []


def test_event_page_links_to_the_full_article(page, event_ids):
    page.goto(f"{page.base}/events/{event_ids['qusair']}")
    page.locator("[data-testid=mention] a[href^='/articles/']").first.click()
    page.wait_for_selector("[data-testid=article] .body mark.hl-action")
    assert "recaptured" in page.inner_text("[data-testid=article] .body")


def test_markup_in_an_article_runs_nothing(page, client, event_ids):
    event = client.get(f"/api/events/{event_ids['xss']}").json()["event"]
    actor = event["source"]["code"]
    geonameid = event["location"]["geonameid"]
    urls = ["/", f"/events/{event['id']}", f"/articles/{event['article_id']}", f"/actors/{actor}",
            f"/places/{geonameid}", "/actors", "/places"]
    for url in urls:
        page.goto(page.base + url)
        page.wait_for_load_state("load")
        if url == "/":
            page.wait_for_selector("body[data-ready='1']")
        assert page.evaluate("window.__xss") is None, url
        assert page.locator("a[href^='javascript:' i]").count() == 0, url
        assert page.locator("main img[src='x'], #events-table img").count() == 0, url
    page.goto(f"{page.base}/articles/{event['article_id']}")
    assert "<script>window.__xss" in page.inner_text("h1")
    assert "onerror=" in page.inner_text("[data-testid=article] .body")
