"""The server-rendered pages: highlighted evidence, articles, actors and places, escaped wherever untrusted text
lands (tests/fixtures/web/xss.jsonl carries markup in its title, publisher, url, body and boilerplate); and the
highlighting functions of ``wirecoder.web.pages``."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from wirecoder.web.pages import Span, paragraphs, safe_url, segments, sentence_offset

HTML = {"Accept": "text/html"}
RAW_PAYLOADS = ["<script>window.__xss", "<img src=x onerror=", '<a href="javascript:', "<script>"]
XSS_TITLE = "<script>window.__xss = 'title'</script>Police detain protesters"
XSS_PUBLISHER = "<img src=x onerror=\"window.__xss='publisher'\">Evil Wire"
XSS_URL = "javascript:window.__xss='url'"


def _page(client, path: str, status: int = 200, **params) -> str:
    response = client.get(path, params=params, headers=HTML)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def _api(client, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _assert_inert(html: str) -> None:
    for payload in RAW_PAYLOADS:
        assert payload not in html, payload
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", html, flags=re.IGNORECASE)
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, flags=re.IGNORECASE)  # no event handler attribute


def _marked(html: str, kind: str, words: str) -> bool:
    pattern = rf'<mark class="hl(?: hl-[a-z]+)*? hl-{kind}(?: hl-[a-z]+)*"[^>]*>{re.escape(words)}</mark>'
    return re.search(pattern, html) is not None


@pytest.fixture(scope="module")
def qusair(client, event_ids) -> dict:
    return _api(client, f"/api/events/{event_ids['qusair']}")["event"]


@pytest.fixture(scope="module")
def xss(client, event_ids) -> dict:
    return _api(client, f"/api/events/{event_ids['xss']}")["event"]


@pytest.fixture(scope="module")
def xss_pages(client, xss) -> dict[str, str]:
    """Every page that shows something of the markup article."""
    paths = {"event": f"/events/{xss['id']}", "article": f"/articles/{xss['article_id']}",
             "source actor": f"/actors/{xss['source']['code']}", "target actor": f"/actors/{xss['target']['code']}",
             "place": f"/places/{xss['location']['geonameid']}", "actors": "/actors", "places": "/places"}
    return {name: _page(client, path) for name, path in paths.items()}


# the event page ---------------------------------------------------------------------------------------------


def _evidence(html: str) -> str:
    found = re.findall(r'<blockquote class="sentence">(.*?)</blockquote>', html, flags=re.DOTALL)
    assert found
    return "\n".join(found)


def test_the_event_page_is_html(client, event_ids):
    assert "<!doctype html>" in _page(client, f"/events/{event_ids['qusair']}").lower()


@pytest.mark.parametrize(("kind", "words"), [("source", "Syrian government troops"), ("action", "recaptured"),
                                             ("target", "rebels"), ("place", "Qusair")])
def test_the_event_page_highlights_the_coded_words_of_the_sentence(client, event_ids, kind, words):
    assert _marked(_evidence(_page(client, f"/events/{event_ids['qusair']}")), kind, words)


def test_the_event_page_highlights_with_mark_classes(client, event_ids):
    evidence = _evidence(_page(client, f"/events/{event_ids['qusair']}"))
    for kind in ("source", "action", "target", "place"):
        assert f'<mark class="hl hl-{kind}"' in evidence, kind


def test_the_event_page_keeps_the_whole_sentence(client, event_ids, qusair):
    evidence = _evidence(_page(client, f"/events/{event_ids['qusair']}"))
    assert re.sub(r"<[^>]+>", "", evidence) == str(escape(qusair["sentence"]))


def test_the_event_page_names_the_gazetteer_place(client, event_ids, qusair):
    assert qusair["location"]["name"] == "Al Quşayr"
    html = _page(client, f"/events/{event_ids['qusair']}")
    assert "Al Quşayr" in html
    assert f'href="/places/{qusair["location"]["geonameid"]}"' in html


def test_the_event_page_links_to_its_article(client, event_ids, qusair):
    assert f'href="/articles/{qusair["article_id"]}"' in _page(client, f"/events/{event_ids['qusair']}")


def test_the_event_page_links_to_its_actors(client, event_ids):
    html = _page(client, f"/events/{event_ids['qusair']}")
    assert 'href="/actors/SYRMIL"' in html and 'href="/actors/SYRREB"' in html


def test_an_unknown_event_page_is_an_html_404(client):
    html = _page(client, "/events/no-such-event", status=404)
    assert "no-such-event" in html
    assert "<!doctype html>" in html.lower()


def test_an_unknown_event_page_without_html_accepted_is_json(client):
    response = client.get("/events/no-such-event", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json()["ok"] is False


def test_the_error_page_escapes_the_address(client):
    html = _page(client, "/events/<script>window.__xss=1</script>", status=404)
    _assert_inert(html)
    assert "&lt;script&gt;window.__xss" in html


# escaping -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["event", "article", "source actor", "target actor", "place", "actors", "places"])
def test_no_page_carries_the_markup_unescaped(xss_pages, name):
    _assert_inert(xss_pages[name])


def test_the_event_page_shows_the_sentence_markup_as_text(xss_pages):
    assert "&lt;img src=x onerror=" in xss_pages["event"]


@pytest.mark.parametrize("name", ["event", "article", "source actor", "target actor", "place"])
def test_pages_show_the_article_title_and_publisher_as_text(xss_pages, name):
    assert str(escape(XSS_TITLE)) in xss_pages[name]
    assert str(escape(XSS_PUBLISHER)) in xss_pages[name]


def test_the_article_page_shows_body_and_boilerplate_markup_as_text(xss_pages):
    html = xss_pages["article"]
    assert "&lt;img src=x onerror=" in html  # body
    assert "&lt;a href=&#34;javascript:" in html  # boilerplate
    assert "&lt;script&gt;window.__xss = &#39;script&#39;" in html  # boilerplate


def test_a_javascript_url_is_shown_as_text_not_as_a_link(xss_pages):
    html = xss_pages["article"]
    assert str(escape(XSS_URL)) in html
    assert not re.search(r"<a\b[^>]*javascript", html, flags=re.IGNORECASE)


def test_an_https_url_of_an_article_is_a_link_that_opens_no_window_reference(client, qusair):
    assert qusair["url"] == "https://wire.example.org/2013/06/06/border-town"
    html = _page(client, f"/articles/{qusair['article_id']}")
    link = re.search(r'<a href="https://wire\.example\.org/2013/06/06/border-town"[^>]*>', html)
    assert link, "the article's https address is not a link"
    assert "noopener" in re.search(r'rel="([^"]*)"', link.group(0)).group(1)


@pytest.mark.parametrize("path", ["/actors", "/places"])
def test_a_search_echoed_into_a_collection_page_is_escaped(client, path):
    html = _page(client, path, q='"><script>window.__xss=1</script>')
    _assert_inert(html)
    assert "&#34;&gt;&lt;script&gt;window.__xss=1" in html


# the article page -------------------------------------------------------------------------------------------


def test_the_article_page_highlights_every_coded_kind(client, qusair):
    html = _page(client, f"/articles/{qusair['article_id']}")
    assert _marked(html, "source", "Syrian government troops")
    assert _marked(html, "action", "recaptured")
    assert _marked(html, "target", "rebels")
    assert _marked(html, "place", "Qusair")


def test_the_article_page_shows_every_paragraph(client, qusair):
    article = _api(client, f"/api/articles/{qusair['article_id']}")["article"]
    html = _page(client, f"/articles/{qusair['article_id']}")
    body = re.search(r'<div class="body">(.*?)</div>', html, flags=re.DOTALL).group(1)
    shown = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", body, flags=re.DOTALL)]
    assert shown == [str(escape(paragraph)) for paragraph in article["body"]]


def test_the_article_page_links_to_its_events(client, qusair):
    assert f'href="/events/{qusair["id"]}"' in _page(client, f"/articles/{qusair['article_id']}")


def test_an_unknown_article_page_is_an_html_404(client):
    _page(client, "/articles/no-such-article", status=404)


# actor and place pages --------------------------------------------------------------------------------------


def test_an_actor_page_lists_the_actors_events(client, qusair):
    html = _page(client, "/actors/SYRMIL")
    assert f'href="/events/{qusair["id"]}"' in html
    assert "SYRMIL" in html


def test_an_actor_page_lists_only_events_with_that_actor(client):
    html = _page(client, "/actors/KENCOP")
    listed = set(re.findall(r'href="/events/([^"]+)"', html))
    expected = {e["id"] for e in _api(client, "/api/events", actor="KENCOP", include_hypothetical="true")["events"]}
    assert listed == expected


def test_the_actor_page_of_the_markup_article_lists_its_event(xss_pages, xss):
    assert f'href="/events/{xss["id"]}"' in xss_pages["source actor"]


def test_a_place_page_lists_the_places_events(client, qusair):
    html = _page(client, f"/places/{qusair['location']['geonameid']}")
    assert f'href="/events/{qusair["id"]}"' in html
    assert "Al Quşayr" in html


def test_a_place_page_lists_only_events_at_that_place(client, qusair):
    geonameid = qusair["location"]["geonameid"]
    listed = set(re.findall(r'href="/events/([^"]+)"', _page(client, f"/places/{geonameid}")))
    events = _api(client, "/api/events", include_hypothetical="true", limit=1000)["events"]
    assert listed == {e["id"] for e in events if e["location"] and e["location"]["geonameid"] == geonameid}


@pytest.mark.parametrize("path", ["/actors/ZZZMIL", "/actors/SYR", "/places/999999999"])
def test_an_unknown_actor_or_place_is_an_html_404(client, path):
    _page(client, path, status=404)


def test_the_actors_page_links_every_actor(client):
    html = _page(client, "/actors")
    for actor in _api(client, "/api/actors")["actors"]:
        assert f'href="/actors/{actor["code"]}"' in html


def test_the_places_page_links_every_place(client):
    html = _page(client, "/places")
    for place in _api(client, "/api/places")["places"]:
        assert f'href="/places/{place["geonameid"]}"' in html


# segments, paragraphs, sentence_offset, safe_url ----------------------------------------------------------------


def test_segments_cut_the_text_at_span_edges():
    text = "Police arrested protesters"
    spans = [Span("source", 0, 6, "s"), Span("action", 7, 15, "a"), Span("target", 16, 26, "t")]
    assert segments(text, spans) == [("Police", ("source",), "s"), (" ", (), ""), ("arrested", ("action",), "a"),
                                     (" ", (), ""), ("protesters", ("target",), "t")]


def test_overlapping_spans_give_a_piece_with_both_kinds():
    text = "Syrian troops in Qusair"
    spans = [Span("source", 0, 13, "source: SYRMIL"), Span("place", 7, 23, "place: Qusair")]
    assert segments(text, spans) == [("Syrian ", ("source",), "source: SYRMIL"),
                                     ("troops", ("source", "place"), "source: SYRMIL; place: Qusair"),
                                     (" in Qusair", ("place",), "place: Qusair")]


def test_segments_clip_spans_reaching_outside_the_text():
    text = "troops attacked"  # offsets 10..25 of the article
    spans = [Span("source", 5, 16, "s"), Span("action", 17, 40, "a"), Span("place", 0, 5, "p"),
             Span("date", 30, 40, "d")]
    assert segments(text, spans, offset=10) == [("troops", ("source",), "s"), (" ", (), ""),
                                                ("attacked", ("action",), "a")]


def test_segments_ignore_empty_spans():
    assert segments("abc", [Span("action", 1, 1, "a")]) == [("abc", (), "")]


def test_segments_without_spans_is_the_whole_text():
    assert segments("plain text", []) == [("plain text", (), "")]


@pytest.mark.parametrize("spans", [
    [],
    [Span("source", 0, 4, "s")],
    [Span("source", 0, 12, "s"), Span("target", 3, 8, "t"), Span("action", 8, 30, "a")],
    [Span("place", -5, 100, "p"), Span("date", 2, 3, "d")],
])
def test_segments_concatenate_back_to_the_text(spans):
    text = "Troops shelled the <b>town</b>."
    assert "".join(piece for piece, _, _ in segments(text, spans)) == text
    assert "".join(piece for piece, _, _ in segments(text, spans, offset=4)) == text


def test_paragraphs_split_at_blank_lines_with_article_offsets():
    text = "Troops attacked.\n\nRebels fled."
    spans = [Span("source", 18, 24, "s"), Span("action", 25, 29, "a")]
    assert paragraphs(text, spans) == [[("Troops attacked.", (), "")],
                                       [("Rebels", ("source",), "s"), (" ", (), ""), ("fled", ("action",), "a"),
                                        (".", (), "")]]


def test_paragraphs_rebuild_the_text():
    text = "One.\n\nTwo two.\n\n\n\nThree."
    spans = [Span("action", 0, len(text), "a")]
    assert "\n\n".join("".join(p for p, _, _ in pieces) for pieces in paragraphs(text, spans)) == text


def test_sentence_offset_finds_the_sentence():
    text = "Calm returned. Troops attacked the town. Officials said."
    assert sentence_offset(text, "Troops attacked the town.", text.index("attacked")) == text.index("Troops")


def test_sentence_offset_picks_the_occurrence_that_holds_the_action():
    sentence = "Troops attacked the town."
    text = f"{sentence} Calm returned. {sentence}"
    second = text.rindex(sentence)
    assert sentence_offset(text, sentence, second + sentence.index("attacked")) == second
    assert sentence_offset(text, sentence, sentence.index("attacked")) == 0


def test_sentence_offset_of_a_sentence_not_in_the_text_is_none():
    assert sentence_offset("Calm returned.", "Troops attacked.", 3) is None


def test_sentence_offset_of_an_action_outside_the_sentence_is_none():
    text = "Troops attacked. " + "x" * 50
    assert sentence_offset(text, "Troops attacked.", 40) is None


@pytest.mark.parametrize("url", ["https://wire.example.org/a?b=c", "http://example.com", "HTTPS://EXAMPLE.COM/x",
                                 "  https://example.com/x  "])
def test_safe_url_keeps_http_and_https(url):
    assert safe_url(url) == url.strip()


@pytest.mark.parametrize("url", [None, "", "   ", "javascript:alert(1)", " JavaScript:alert(1)",
                                 "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "vbscript:msgbox", "/articles/abc", "articles/abc", "//evil.example/x",
                                 "ftp://example.com/file", "http://", "https:/example.com", "mailto:a@example.com"])
def test_safe_url_refuses_anything_but_an_http_address(url):
    assert safe_url(url) is None
