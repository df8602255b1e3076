"""Helpers for tests (import as ``from tests.helpers import ...``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from wirecoder.records import InputKind, RawInput

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"


def make_raw(content: bytes | str, *, kind: InputKind = "text", source: str = "test-input",
             url: str | None = None) -> RawInput:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return RawInput(
        input_hash=hashlib.sha256(data).hexdigest(), source=source, kind=kind, content=data, size=len(data),
        received_at=dt.datetime(2024, 1, 1), url=url,
    )


# Canonical events, built from hand-made mentions (no spaCy, no gazetteer) -----------------------------------------


def make_mention(id_: str, sentence: str, *, source: tuple[str, str], target: tuple[str, str] | None, verb: str,
                 cameo: str, plover: str, place, day: dt.date | None, acled: tuple[str, str] | None = None,
                 modality: str = "asserted", confidence: float = 0.8):
    """An asserted-by-default event mention of one sentence; actors are (code, words in the sentence)."""
    from wirecoder.records import ActorRef, Event, EventDate, Span

    def actor(code: str, text: str) -> ActorRef:
        start = sentence.index(text)
        return ActorRef(code=code, name=None, country=code[:3], sector=code[3:], text=text, start=start,
                        end=start + len(text))

    start = sentence.index(verb)
    return Event(
        id=id_, article_id=f"art-{id_}", sentence_index=0, sentence=sentence, source=actor(*source),
        target=actor(*target) if target else None, associates=(),
        action=Span(text=verb, start=start, end=start + len(verb)), cameo=cameo, cameo_root=cameo[:2],
        quad_class=4 if cameo[:2] in ("18", "19", "20") else 3, goldstein=-9.0, plover_type=plover,
        plover_mode=None, acled_event_type=acled[0] if acled else None,
        acled_sub_event_type=acled[1] if acled else None, fatalities=None,
        modality=modality,  # type: ignore[arg-type]
        attribution=None, confidence=confidence, location=place,
        when=EventDate(date=day, precision=1) if day else None,
    )


def fill_store(store, mentions, publishers: dict[str, str] | None = None) -> None:
    """Write each mention as the only event of its own article (publisher from ``publishers``), then cluster."""
    from wirecoder.cluster import cluster_batch
    from wirecoder.records import Article, Result

    results = []
    for mention in mentions:
        raw = make_raw(mention.id, source=f"{mention.id}.txt", url=f"https://news.example/{mention.id}")
        article = Article(id=mention.article_id, source=f"{mention.id}.txt",
                          publisher=(publishers or {}).get(mention.id, "Example Daily"), title=None,
                          published=mention.when.date if mention.when else None, authors=(), dateline=None,
                          body=(mention.sentence,), boilerplate=(), language="en")
        store.add_raw_inputs([raw], keep_raw=False)
        results.append(Result(input_hash=raw.input_hash, source=raw.source, article=article, events=(mention,)))
    store.write_results(results)
    cluster_batch(store, results)


def downgrade_to_version3(path: Path) -> Path:
    """Turn a store file back into schema version 3: its mentions in a table called events, no event ids."""
    import duckdb

    con = duckdb.connect(str(path))
    try:
        con.execute("DROP TABLE events")
        con.execute("DROP INDEX mentions_event")
        con.execute("ALTER TABLE mentions DROP COLUMN event_id")
        con.execute("ALTER TABLE mentions RENAME TO events")
        con.execute("UPDATE schema_info SET value = '3' WHERE key = 'schema_version'")
    finally:
        con.close()
    return path
