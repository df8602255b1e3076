"""The dashboard's files: everything local (no CDN, no tile server), no HTML built from strings, the vendored
libraries the ones web/package.json pins."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "wirecoder" / "web" / "static"
TEMPLATES = ROOT / "src" / "wirecoder" / "web" / "templates"
OWN_SCRIPTS = sorted(STATIC.glob("*.js"))
PAGES = [STATIC / "index.html", *sorted(TEMPLATES.glob("*.html"))]
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_load_nothing_from_elsewhere(page):
    for address in re.findall(r'(?:src|href)="([^"{]*)"', page.read_text()):
        assert address.startswith(("/", "#")), f"{page.name}: {address}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_have_no_inline_scripts_or_handlers(page):
    text = page.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), page.name
    assert not re.search(r"\son[a-z]+\s*=", text), page.name


@pytest.mark.parametrize("script", OWN_SCRIPTS, ids=lambda p: p.name)
def test_own_scripts_reach_no_other_server(script):
    text = script.read_text().replace(SVG_NAMESPACE, "")
    assert not re.search(r"https?://", text), script.name


@pytest.mark.parametrize("script", OWN_SCRIPTS, ids=lambda p: p.name)
def test_own_scripts_never_parse_strings_as_html(script):
    text = script.read_text()
    for construct in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert construct not in text, f"{script.name}: {construct}"


def test_vendored_libraries_are_the_pinned_versions():
    pinned = json.loads((ROOT / "web" / "package.json").read_text())["dependencies"]
    copied = dict(line.split() for line in (STATIC / "vendor" / "VERSIONS.txt").read_text().splitlines() if line)
    assert copied == pinned
    assert all(not version.startswith(("^", "~")) for version in pinned.values())


def test_every_vendored_library_carries_its_licence():
    for folder in (STATIC / "vendor").iterdir():
        if folder.is_dir():
            assert (folder / "LICENSE").exists(), folder.name
