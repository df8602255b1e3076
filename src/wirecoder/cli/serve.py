"""``wirecoder serve``: the store's JSON API and dashboard on this machine (see wirecoder.web)."""

from __future__ import annotations

import ipaddress
import threading
import webbrowser
from pathlib import Path

import click

from ..errors import StoreError
from .common import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. The default answers only this machine; 0.0.0.0 lets anyone who "
                   "can reach it read the store.")
@click.option("--port", type=click.IntRange(0, 65535), default=8700, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the dashboard in the default web browser.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True)
def serve_command(db: Path, host: str, port: int, open_browser: bool, log_level: str) -> None:
    """Serve the store read-only in a browser: a dashboard at / (map, timeline, filters, events table), event,
    article, actor and place pages, and the JSON API under /api (OpenAPI docs at /docs). Works offline. Stop
    it with Ctrl-C; `wirecoder ingest` cannot write the store while it is served."""
    import uvicorn

    from ..web import create_app

    try:
        app = create_app(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if not _loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the store", err=True)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    click.echo(f"wirecoder: serving {db} at {url} (Ctrl-C stops)", err=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [url]).start()
    # Idle connections are kept 30 s: longer than clients keep theirs (httpx 5 s), so a client never reuses a
    # connection at the moment the server drops it.
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level in ("info", "debug"),
                timeout_keep_alive=30)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
