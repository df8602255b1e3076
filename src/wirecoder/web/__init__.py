"""``wirecoder serve``: the store in a browser — a JSON API and a dashboard, served from this machine.

=====================  ==========================================================================================
module                 what it holds
=====================  ==========================================================================================
:mod:`.app`            the FastAPI application: ``/api/...`` (JSON, OpenAPI at ``/docs``), the dashboard at ``/``,
                       static assets, JSON errors and the security headers
:mod:`.pages`          the server-rendered pages: ``/events/{id}``, ``/articles/{id}``, ``/actors/{code}``,
                       ``/places/{geonameid}``, with every coded span highlighted
``templates/``         Jinja2 templates of those pages (autoescaped)
``static/``            the dashboard (``index.html``, ``app.js``, ``app.css``) and the vendored libraries it uses
                       (``vendor/``: Leaflet, Leaflet.markercluster, topojson-client, world-atlas; see ``web/`` at
                       the repository root for how they are refreshed)
=====================  ==========================================================================================

The app only reads the store (opened read-only, one DuckDB cursor per request). Article text comes from the web,
so it is never trusted: templates escape it, the dashboard sets it with ``textContent``, a strict
Content-Security-Policy forbids inline and foreign scripts, only ``http(s)`` article URLs become links, every
filter reaches SQL as a bound parameter, and static files are served from a table read at start-up, so no URL
maps to a path on disk. Docs: ``docs/stages/web.md``.
"""

from .app import create_app

__all__ = ["create_app"]
