"""Server-rendered pages: an event with its evidence, an article with its coded spans, actors and places.

Pages are Jinja2 templates (``templates/``) with autoescaping on: article text, actor words and URLs are
escaped wherever they land. Highlighting is computed here, as a list of ``(text, kinds, title)`` pieces
(:func:`segments`), so templates never assemble markup from article text.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Iterable, Sequence
from typing import Annotated, Any
from urllib.parse import urlsplit

import jinja2
from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from ..coding.ontology import UnknownCameoCode, cameo
from ..export import country
from ..store.query import EventQuery
from .deps import StoreDep

router = APIRouter(include_in_schema=False)

KINDS = ("source", "associate", "target", "action", "place", "date", "attribution")
"""What a highlighted span can be, in the order its CSS classes are listed."""
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
PRECISION = {1: "town", 2: "district", 3: "province", 4: "country"}
DATE_PRECISION = {1: "day", 2: "week", 3: "month"}
LIST_LIMIT = 200
"""The most events an actor or place page lists."""


@dataclasses.dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of text: character offsets into the text it is drawn on."""

    kind: str
    start: int
    end: int
    label: str


# ---- highlighting -----------------------------------------------------------------------------------


def mention_spans(mention: dict[str, Any]) -> list[Span]:
    """The coded spans of one mention (offsets into its article's text)."""
    spans = []
    for kind in ("source", "target"):
        actor = mention.get(kind)
        if actor and actor.get("start") is not None:
            spans.append(Span(kind, actor["start"], actor["end"], f"{kind}: {actor.get('code') or 'uncoded'}"))
    for associate in mention.get("associates") or ():
        if associate.get("start") is not None:
            spans.append(Span("associate", associate["start"], associate["end"],
                              f"with the source: {associate.get('code') or 'uncoded'}"))
    said = mention.get("attribution")
    if said and said.get("start") is not None:
        spans.append(Span("attribution", said["start"], said["end"], f"reported by: {said.get('code') or 'uncoded'}"))
    action = mention["action"]
    spans.append(Span("action", action["start"], action["end"], f"action: CAMEO {mention['cameo']}"))
    place = mention.get("location")
    if place and place.get("start") is not None:
        spans.append(Span("place", place["start"], place["end"], f"place: {place.get('name') or '?'}"))
    when = mention.get("date_span")
    if when and when.get("start") is not None:
        spans.append(Span("date", when["start"], when["end"], f"date: {mention.get('date') or '?'}"))
    return spans


def article_spans(mentions: Iterable[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Every coded span of an article's mentions (``text`` is the article's text), for ``/api/articles/{id}``."""
    out = []
    for mention in mentions:
        for span in mention_spans(mention):
            out.append({"kind": span.kind, "start": span.start, "end": span.end, "text": text[span.start:span.end],
                        "label": span.label, "mention_id": mention["id"], "event_id": mention.get("event_id")})
    return out


def segments(text: str, spans: Sequence[Span], offset: int = 0) -> list[tuple[str, tuple[str, ...], str]]:
    """``text`` (which starts at ``offset`` of the text the spans refer to) cut at every span boundary:
    ``(piece, kinds, title)`` for each piece, ``kinds`` empty where no span covers it. Spans may overlap and
    may reach outside ``text``; they are clipped."""
    end_of_text = offset + len(text)
    inside = [s for s in spans if s.start < end_of_text and s.end > offset and s.end > s.start]
    cuts = {offset, end_of_text}
    for span in inside:
        cuts.add(max(span.start, offset))
        cuts.add(min(span.end, end_of_text))
    points = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(points):
        covering = [s for s in inside if s.start <= a and s.end >= b]
        kinds = tuple(k for k in KINDS if any(s.kind == k for s in covering))
        title = "; ".join(dict.fromkeys(s.label for s in covering))
        out.append((text[a - offset:b - offset], kinds, title))
    return out


def sentence_offset(text: str, sentence: str, action_start: int) -> int | None:
    """Where ``sentence`` starts in its article's ``text``: the occurrence that holds the action."""
    found = text.rfind(sentence, 0, action_start + len(sentence))
    return found if found >= 0 and found <= action_start <= found + len(sentence) else None


def paragraphs(text: str, spans: Sequence[Span]) -> list[list[tuple[str, tuple[str, ...], str]]]:
    """The article's paragraphs (split at blank lines, as :attr:`Article.text` joins them), each cut into
    highlighted pieces."""
    out, start = [], 0
    for paragraph in text.split("\n\n"):
        out.append(segments(paragraph, spans, start))
        start += len(paragraph) + 2
    return out


# ---- labels -------------------------------------------------------------------------------------------


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address that may become a link, else None (``javascript:`` and the like
    stay text)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


@functools.lru_cache(maxsize=512)
def cameo_name(code: str) -> str:
    try:
        return cameo(code).name
    except UnknownCameoCode:
        return ""


def country_name(iso3: str | None) -> str:
    found = country(iso3)
    return found.name if found else (iso3 or "")


# ---- rendering -----------------------------------------------------------------------------------------


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("wirecoder.web", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(QUAD_CLASSES=QUAD_CLASSES, PRECISION=PRECISION, DATE_PRECISION=DATE_PRECISION)
    env.filters.update(cameo_name=cameo_name, country_name=country_name, safe_url=safe_url)
    return env


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_environment().get_template(template).render(**context), status_code=status_code)


def api_docs(spec: dict[str, Any]) -> HTMLResponse:
    """The API reference page: every operation of the OpenAPI description with its parameters."""
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = []
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                kinds = [option.get("type", "") for option in schema.get("anyOf", [schema])]
                parameters.append({"name": parameter["name"], "in": parameter["in"],
                                   "type": " or ".join(k for k in kinds if k and k != "null"),
                                   "required": parameter.get("required", False),
                                   "default": schema.get("default"), "description": parameter.get("description")
                                   or schema.get("description") or ""})
            operations.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                               "description": operation.get("description", ""), "tag": (operation.get("tags")
                               or [""])[0], "parameters": parameters})
    return render("docs.html", info=spec.get("info", {}), operations=operations)


def error_page(status: int, message: str) -> HTMLResponse:
    return render("error.html", status, status=status, message=message)


# ---- routes --------------------------------------------------------------------------------------------


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(event_id: str, store: StoreDep) -> HTMLResponse:
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    articles = {a["id"]: a for a in store.article_summaries(event_id=event_id)}
    texts: dict[str, str] = {}
    evidence = []
    for mention in store.mentions_of(event_id=event_id):
        article_id = mention["article_id"]
        if article_id not in texts:
            record = store.article_record(article_id)
            texts[article_id] = "\n\n".join(record["body"]) if record else ""
        start = sentence_offset(texts[article_id], mention["sentence"], mention["action"]["start"])
        pieces = ([(mention["sentence"], (), "")] if start is None
                  else segments(mention["sentence"], mention_spans(mention), start))
        evidence.append({"mention": mention, "article": articles.get(article_id), "pieces": pieces})
    return render("event.html", event=event, evidence=evidence, articles=list(articles.values()))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, store: StoreDep) -> HTMLResponse:
    article = store.article_record(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    mentions = store.mentions_of(article_id=article_id)
    spans = [span for mention in mentions for span in mention_spans(mention)]
    return render("article.html", article=article, paragraphs=paragraphs("\n\n".join(article["body"]), spans),
                  mentions=mentions)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(store: StoreDep, q: Annotated[str | None, Query(max_length=200)] = None,
                offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    return _collection("actors", store.actors, q, offset)


@router.get("/places", response_class=HTMLResponse)
def places_page(store: StoreDep, q: Annotated[str | None, Query(max_length=200)] = None,
                offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    return _collection("places", store.places, q, offset)


def _collection(kind: str, lister: Any, q: str | None, offset: int) -> HTMLResponse:
    total, rows = lister(text=q, limit=LIST_LIMIT, offset=offset)
    return render("collection.html", kind=kind, q=q or "", total=total, offset=offset, limit=LIST_LIMIT, rows=rows)


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(code: str, store: StoreDep) -> HTMLResponse:
    _, found = store.actors(code=code, limit=1)
    actor = found[0] if found else None
    if actor is None:
        raise HTTPException(404, f"no events with actor {code!r}")
    return _collection_member(store, "actor.html", actor, actor_code=code)


@router.get("/places/{geonameid}", response_class=HTMLResponse)
def place_page(geonameid: int, store: StoreDep) -> HTMLResponse:
    query = _member_query(geonameid=geonameid)
    events = list(store.iter_events(query))
    if not events:
        raise HTTPException(404, f"no events at place {geonameid}")
    return _collection_member(store, "place.html", events[0]["location"], geonameid=geonameid)


def _member_query(**exact: Any) -> EventQuery:
    return EventQuery(include_future=True, limit=LIST_LIMIT, **exact)


def _collection_member(store: Any, template: str, item: dict[str, Any], **exact: Any) -> HTMLResponse:
    query = _member_query(**exact)
    return render(template, item=item, events=list(store.iter_events(query)),
                  total=store.count_events(dataclasses.replace(query, limit=None)),
                  articles=store.article_summaries(query, limit=LIST_LIMIT))
