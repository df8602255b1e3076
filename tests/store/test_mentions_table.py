"""The ``events`` table of the store: written with results, read back by ``Store.iter_mentions``.

Events are built with the dataclass (no spaCy).
"""

from __future__ import annotations

import datetime as dt

from tests.helpers import make_raw
from wirecoder.records import ActorRef, Article, Event, Result, Span

ARTICLE_ID = "00112233aabbccdd"
SENTENCE = "Syrian troops, backed by Hezbollah fighters, attacked rebels near Homs, state TV said."


def _article(id_: str = ARTICLE_ID) -> Article:
    return Article(id=id_, source="a.txt", publisher=None, title="T", published=dt.date(2024, 3, 5), authors=(),
                   dateline=None, body=(SENTENCE,), boilerplate=(), language="en")


def _actor(code: str | None, text: str) -> ActorRef:
    start = SENTENCE.index(text)
    return ActorRef(code=code, name="Syria" if code and code.startswith("SYR") else None,
                    country=code[:3] if code else None, sector=code[3:] if code else None, text=text, start=start,
                    end=start + len(text))


def _event(id_: str, *, article_id: str = ARTICLE_ID, modality: str = "asserted") -> Event:
    action = SENTENCE.index("attacked")
    return Event(
        id=id_, article_id=article_id, sentence_index=0, sentence=SENTENCE,
        source=_actor("SYRMIL", "Syrian troops"), target=_actor("SYRREB", "rebels"),
        associates=(_actor("LBNREB", "Hezbollah fighters"),),
        action=Span(text="attacked", start=action, end=action + len("attacked")),
        cameo="190", cameo_root="19", quad_class=4, goldstein=-10.0, plover_type="ASSAULT", plover_mode=None,
        acled_event_type="Battles", acled_sub_event_type="Armed clash", fatalities=6,
        modality=modality,  # type: ignore[arg-type]
        attribution=_actor(None, "state TV"), confidence=0.75,
    )


def _write(store, *events: Event, content: str = "x", article: Article | None = None) -> None:
    raw = make_raw(content)
    store.add_raw_inputs([raw], keep_raw=True)
    store.write_results([Result(input_hash=raw.input_hash, source=raw.source, article=article or _article(),
                                events=events)])


def test_mentions_table_round_trips_the_public_json_shape(fresh_store):
    event = _event("e1")
    _write(fresh_store, event)
    assert list(fresh_store.iter_mentions()) == [event.to_dict()]


def test_mentions_table_event_without_target_or_acled_round_trips(fresh_store):
    bare = Event(
        id="e2", article_id=ARTICLE_ID, sentence_index=0, sentence=SENTENCE,
        source=_actor("SYRMIL", "Syrian troops"), target=None, associates=(),
        action=Span(text="attacked", start=45, end=53), cameo="120", cameo_root="12", quad_class=3,
        goldstein=-4.0, plover_type="REJECT", plover_mode=None, acled_event_type=None, acled_sub_event_type=None,
        fatalities=None, modality="asserted", attribution=None, confidence=0.5,
    )
    _write(fresh_store, bare)
    assert list(fresh_store.iter_mentions()) == [bare.to_dict()]


def test_mentions_table_rows_are_counted(fresh_store):
    _write(fresh_store, _event("e1"), _event("e2"))
    assert fresh_store.con.execute("SELECT count(*) FROM mentions").fetchall() == [(2,)]


def test_mentions_table_same_event_written_twice_is_one_row(fresh_store):
    _write(fresh_store, _event("e1"), content="first")
    _write(fresh_store, _event("e1"), content="second")
    assert fresh_store.counts()["mentions"] == 1


def test_iter_mentions_leaves_out_negated_and_hypothetical_by_default(fresh_store):
    _write(fresh_store, _event("a", modality="asserted"), _event("n", modality="negated"),
           _event("h", modality="hypothetical"))
    assert [e["id"] for e in fresh_store.iter_mentions()] == ["a"]


def test_iter_mentions_keeps_future_and_claimed_by_default(fresh_store):
    _write(fresh_store, _event("f", modality="future"), _event("c", modality="claimed"))
    assert sorted(e["id"] for e in fresh_store.iter_mentions()) == ["c", "f"]


def test_iter_mentions_include_unasserted_gives_every_event(fresh_store):
    _write(fresh_store, _event("a", modality="asserted"), _event("n", modality="negated"),
           _event("h", modality="hypothetical"))
    assert sorted(e["id"] for e in fresh_store.iter_mentions(include_unasserted=True)) == ["a", "h", "n"]


def test_iter_mentions_unasserted_events_keep_their_modality(fresh_store):
    _write(fresh_store, _event("n", modality="negated"))
    assert [e["modality"] for e in fresh_store.iter_mentions(include_unasserted=True)] == ["negated"]


def test_iter_mentions_filters_by_article(fresh_store):
    other = "ffeeddccbbaa9988"
    _write(fresh_store, _event("mine"), content="first")
    _write(fresh_store, _event("theirs", article_id=other), content="second", article=_article(other))
    assert [e["id"] for e in fresh_store.iter_mentions(article_id=other)] == ["theirs"]
