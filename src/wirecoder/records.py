"""Typed records passed between stages: the only vocabulary the stages share.

Data flows one way::

    ingest  -> RawInput | Rejection
    clean   -> Article            (or raises StageError -> Rejection)
    nlp     -> Sentence           (tokens with their parse; spaCy Docs never leave the nlp stage)
    coding  -> Event              (who did what to whom, with provenance)
    geo     -> Place              (toponyms resolved against the gazetteer; each event's own location)
    dates   -> EventDate          (each event's own date, resolved against the publication date)
    store   <- Result             (one per raw input)

Records are frozen; stages build new ones instead of mutating.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 6

InputKind = Literal["text", "html", "jsonl", "json", "warc"]
"""How a raw input's bytes are to be read. ``jsonl`` is one JSON object (one line of a JSON Lines file)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RawInput:
    """One unit of input exactly as received: a file, a JSON Lines record or a WARC record."""

    input_hash: str
    """sha256 (hex) of ``content``: the identity used to skip inputs already ingested."""
    source: str
    """Where it came from: a path, ``path:LINE`` for JSON Lines, ``path@OFFSET`` for WARC, ``<stdin>``."""
    kind: InputKind
    content: bytes
    size: int
    received_at: dt.datetime
    url: str | None = None
    """The page's URL when the container says it (WARC target URI)."""
    schema_version: int = SCHEMA_VERSION


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejection:
    """An input that could not be turned into an article, with the reason."""

    input_hash: str
    source: str
    stage: str
    """``read`` (the bytes could not be had), ``decode``, ``parse`` or ``clean``."""
    code: str
    """Stable error code, e.g. ``E101``; see :mod:`wirecoder.errors`."""
    message: str
    size: int | None = None
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "input_hash": self.input_hash,
            "source": self.source,
            "stage": self.stage,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A cleaned news article. ``to_dict`` gives the public JSON shape (exactly these field names)."""

    id: str
    """Stable content hash (16 hex digits) of the normalised title and body."""
    source: str
    publisher: str | None
    title: str | None
    published: dt.date | None
    authors: tuple[str, ...]
    dateline: str | None
    """Where the reporter filed from, e.g. ``CAIRO``; not where the event happened."""
    body: tuple[str, ...]
    """Paragraphs of article text."""
    boilerplate: tuple[str, ...]
    """Lines set aside (navigation, byline line, related headlines, footer), kept for audit."""
    language: str | None
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "publisher": self.publisher,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "authors": list(self.authors),
            "dateline": self.dateline,
            "body": list(self.body),
            "boilerplate": list(self.boilerplate),
            "language": self.language,
        }

    @property
    def text(self) -> str:
        """The body as one string, paragraphs joined by a blank line: every character offset refers to it."""
        return PARAGRAPH_SEPARATOR.join(self.body)


PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """One token of a parsed sentence. Indices are within the sentence; ``start`` is in :attr:`Article.text`."""

    i: int
    text: str
    lemma: str
    pos: str
    """Universal POS tag (``VERB``, ``NOUN``, ``PROPN``...)."""
    tag: str
    """Penn Treebank tag (``VBD``, ``NNS``...)."""
    dep: str
    """Dependency label (spaCy's ClearNLP-style labels: ``nsubj``, ``dobj``, ``pobj``, ``agent``...)."""
    head: int
    """Index of the syntactic head within the sentence; the root points to itself."""
    start: int
    ent_type: str = ""
    """Named-entity label (``GPE``, ``ORG``, ``PERSON``...) or empty."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of an article body with its parse."""

    index: int
    """Position among the article's sentences, from 0."""
    start: int
    end: int
    """Character span in :attr:`Article.text`."""
    text: str
    tokens: tuple[Token, ...]
    parsed: bool = True
    """False for a sentence the NLP stage's pre-filter left unparsed: its tokens have words and offsets only (no
    tags, dependencies or entities; each token is its own head), so no event is coded in it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRef:
    """An actor as the text names it, with its code when the lexicon knows it (``code`` None otherwise)."""

    code: str | None
    """CAMEO-style code: country alpha-3 + sector (``SYRMIL``), ``IGO`` + body (``IGOUNO``), or None."""
    name: str | None
    country: str | None
    sector: str | None
    text: str
    start: int
    end: int
    """Character span of the actor's words in :attr:`Article.text`."""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "country": self.country, "sector": self.sector,
                "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


PRECISION_TOWN, PRECISION_NEAR, PRECISION_REGION = 1, 2, 3
"""ACLED-style geo precision: the named town; near it or part of a small area; a region (its centroid/capital)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A toponym resolved to a gazetteer entry, with the words that name it.

    ``text``/``start``/``end`` are the span in :attr:`Article.text` (None when the place was not named
    in the text, e.g. an article's focus country inferred from demonyms).
    """

    name: str
    """The gazetteer's name for the place (``Al Qusayr``), not the text's spelling (``Qusair``)."""
    text: str | None
    start: int | None
    end: int | None
    geonameid: int | None
    """GeoNames id when the place comes from GeoNames; None for the team's own regions and water bodies."""
    lat: float
    lon: float
    country: str | None
    """ISO 3166 alpha-3 (``SYR``); None for places in no single country (a sea, a continent)."""
    admin1: str | None
    """Name of the first-level division (``Homs``) when known."""
    feature: str
    """GeoNames feature code: ``PPL`` (populated place), ``PPLC`` (capital), ``ADM1``, ``PCLI`` (country),
    ``RGN`` (region), ``SEA``, ``CONT``..."""
    precision: int
    """1 town, 2 near a town / part of a small area, 3 region or country (see ``PRECISION_*``)."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "text": self.text, "start": self.start, "end": self.end,
                "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon, "country": self.country,
                "admin1": self.admin1, "feature": self.feature, "precision": self.precision}


DATE_DAY, DATE_WEEK, DATE_MONTH = 1, 2, 3
"""Date precision, as ACLED's time_precision: the day is known; only the week; only the month."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDate:
    """When an event happened, with the words that say so (``text`` None: taken from the publication date)."""

    date: dt.date
    precision: int
    """1 day, 2 week, 3 month (see ``DATE_*``)."""
    text: str | None = None
    start: int | None = None
    end: int | None = None
    """Span of the date words in :attr:`Article.text` (or in the text given to :mod:`wirecoder.dates`)."""


Modality = Literal["asserted", "negated", "hypothetical", "future", "claimed"]
UNASSERTED: frozenset[str] = frozenset({"negated", "hypothetical"})
"""Modalities of events that did not happen: kept and flagged, but left out of default output and scoring."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One coded event mention: a sentence says ``source`` did ``action`` to ``target``.

    ``to_dict`` gives the public JSON shape. Events whose modality is ``negated`` or ``hypothetical`` are kept
    but are not events that happened: queries and scoring leave them out unless asked.
    """

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    source: ActorRef | None
    target: ActorRef | None
    associates: tuple[ActorRef, ...]
    action: Span
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    fatalities: int | None
    modality: Modality
    attribution: ActorRef | None
    """Who the sentence says reported it ("state TV reported that..."), or None."""
    confidence: float
    location: Place | None = None
    """Where the event happened (set by the geo stage); None when the text does not say and no place fits."""
    when: EventDate | None = None
    """When it happened (set by the dates stage); None when neither the text nor a publication date says."""
    background: bool = False
    """The sentence gives this act as background to the article's news of the same kind (QuadClass): an earlier
    act it is dated from ("a week after a missile strike killed 11 people") or one told in the past perfect ("the
    two men had first met in May"). Such a mention is kept but joins no canonical event: the article does not
    report the act anew."""
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        acled = None
        if self.acled_event_type:
            acled = {"event_type": self.acled_event_type, "sub_event_type": self.acled_sub_event_type}
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "associates": [a.to_dict() for a in self.associates],
            "action": self.action.to_dict(),
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "acled": acled,
            "fatalities": self.fatalities,
            "modality": self.modality,
            "background": self.background,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "confidence": self.confidence,
            "date": self.when.date.isoformat() if self.when else None,
            "date_precision": self.when.precision if self.when else None,
            "location": self.location.to_dict() if self.location else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """What the pipeline made of one raw input: an article, or a rejection."""

    input_hash: str
    source: str
    article: Article | None = None
    events: tuple[Event, ...] = field(default=())
    rejection: Rejection | None = None

    @property
    def ok(self) -> bool:
        return self.rejection is None
