"""Fixtures shared by the coding tests: code a one-paragraph text once per session and pick its events."""

from __future__ import annotations

import functools

import pytest

from wirecoder.pipeline import code_text
from wirecoder.records import Event


@pytest.fixture(scope="session")
def coded(settings):
    """``coded(text)`` -> the events of a one-paragraph text (cached: each text is parsed once)."""

    @functools.cache
    def run(text: str) -> tuple[Event, ...]:
        return code_text(text, settings=settings)

    return run


@pytest.fixture(scope="session")
def event(coded):
    """``event(text, action=WORD)`` or ``event(text, root=RR)``: the one event with that trigger or CAMEO root."""

    def run(text: str, *, action: str | None = None, root: str | None = None) -> Event:
        found = [e for e in coded(text)
                 if (action is None or e.action.text == action) and (root is None or e.cameo_root == root)]
        assert len(found) == 1, [(e.action.text, e.cameo, e.source, e.target) for e in coded(text)]
        return found[0]

    return run
