"""The copies stage: near-duplicate articles are linked to the first stored, and only those."""

from __future__ import annotations

import datetime as dt

import pytest

from wirecoder.copies import MIN_SHINGLES, link_copies, shingles, signature
from wirecoder.records import Article, Result
from wirecoder.store import Store

# Team-written wire story (invented) and variants of it.
WIRE = (
    "Flood waters rose across the river valley on Tuesday after three days of heavy rain, forcing the evacuation of "
    "about 4,000 residents from low-lying districts, the regional emergency office said.",
    "Rescue crews in boats reached families stranded on rooftops in two villages, and a bridge on the main road "
    "north was closed after the water undermined one of its supports.",
    "Forecasters expect the rain to ease by Thursday, but officials warned that the river would keep rising for "
    "another day as water flows down from the hills.",
    "Schools in the district will stay closed for the rest of the week, the education office added.",
)
OTHER = (
    "The city council approved a new budget on Monday that raises spending on public transport by a fifth and "
    "freezes the salaries of senior officials for two years.",
    "Opposition members voted against the plan, saying it relied on optimistic forecasts of tax revenue from a "
    "property market that has slowed since the spring.",
    "The mayor said the first new bus lines would open in March.",
)


def article(id_: str, body: tuple[str, ...], title: str = "Floods force thousands from homes") -> Article:
    return Article(id=id_, source=f"test:{id_}", publisher=None, title=title, published=dt.date(2024, 5, 7),
                   authors=(), dateline=None, body=body, boilerplate=(), language="en")


def stored(tmp_path, *articles: Article) -> Store:
    store = Store(tmp_path / "copies.duckdb")
    store.write_results([Result(input_hash=a.id, source=a.source, article=a) for a in articles])
    return store


def links(store: Store) -> dict[str, str | None]:
    return dict(store.con.execute("SELECT article_id, copy_of FROM article_signatures").fetchall())


def test_a_copy_without_its_last_paragraph_is_similar_enough():
    assert signature(article("a", WIRE)).similarity(signature(article("b", WIRE[:3]))) >= 0.8


def test_unrelated_articles_are_not_similar():
    assert signature(article("a", WIRE)).similarity(signature(article("b", OTHER))) < 0.2


def test_shingles_ignore_case_and_punctuation():
    assert shingles(("Flood waters rose, across the valley.",)) == shingles(("flood waters rose across THE valley",))


def test_a_syndicated_copy_links_to_the_first_stored_article(tmp_path):
    original, copy = article("orig", WIRE), article("copy", WIRE[:3], title="Thousands flee rising river")
    with stored(tmp_path, original, copy) as store:
        assert link_copies(store, [original, copy], min_containment=0.8) == 1
        assert links(store) == {"orig": None, "copy": "orig"}


def test_a_copy_stored_in_a_later_batch_links_to_the_earlier_one(tmp_path):
    original, copy = article("orig", WIRE), article("copy", WIRE[1:])
    with stored(tmp_path, original, copy) as store:
        link_copies(store, [original], min_containment=0.8)
        link_copies(store, [copy], min_containment=0.8)
        assert links(store)["copy"] == "orig"


def test_a_copy_of_a_copy_links_to_the_original(tmp_path):
    first, second, third = article("first", WIRE), article("second", WIRE[:3]), article("third", (*WIRE[:3], "x"))
    with stored(tmp_path, first, second, third) as store:
        link_copies(store, [first, second], min_containment=0.8)
        link_copies(store, [third], min_containment=0.8)
        assert links(store)["third"] == "first"


def test_different_articles_are_not_linked(tmp_path):
    a, b = article("a", WIRE), article("b", OTHER, title="Council passes budget")
    with stored(tmp_path, a, b) as store:
        assert link_copies(store, [a, b], min_containment=0.8) == 0
        assert links(store) == {"a": None, "b": None}


def test_an_article_too_short_to_judge_is_never_a_copy(tmp_path):
    brief = ("Flood waters rose across the river valley on Tuesday.",)
    assert len(shingles(brief)) < MIN_SHINGLES
    a, b = article("a", brief), article("b", brief, title="River floods")
    with stored(tmp_path, a, b) as store:
        link_copies(store, [a, b], min_containment=0.8)
        assert links(store)["b"] is None


def test_signing_twice_changes_nothing(tmp_path):
    original, copy = article("orig", WIRE), article("copy", WIRE[:3])
    with stored(tmp_path, original, copy) as store:
        link_copies(store, [original, copy], min_containment=0.8)
        assert link_copies(store, [original, copy], min_containment=0.8) == 0
        assert store.con.execute("SELECT count(*) FROM article_signatures").fetchone()[0] == 2


@pytest.mark.parametrize("bad", [0, 1.5])
def test_copy_containment_must_be_a_share(bad):
    from wirecoder.errors import WirecoderError
    from wirecoder.settings import Settings

    with pytest.raises(WirecoderError, match="copy_containment"):
        Settings.load(copy_containment=bad)


def test_an_article_given_twice_is_signed_once(tmp_path):
    original = article("orig", WIRE)
    with stored(tmp_path, original) as store:
        link_copies(store, [original, original], min_containment=0.8)
        assert links(store) == {"orig": None}
        assert store.con.execute("SELECT count(*) FROM article_bands").fetchone()[0] == 32
