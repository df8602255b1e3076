import json

import pytest

from tests.helpers import EXAMPLES, FIXTURES, make_raw
from wirecoder.clean import clean_article
from wirecoder.errors import StageError

PAGES = sorted((FIXTURES / "articles").glob("*.html"))


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_clean_html_matches_expected(page, settings):
    expected = json.loads(page.with_suffix(".expected.json").read_text())
    article = clean_article(make_raw(page.read_bytes(), kind="html"), settings=settings)
    assert (article.title, article.published.isoformat(), list(article.authors), article.dateline) == (
        expected["title"], expected["published"], expected["authors"], expected["dateline"]
    )
    assert article.body[0] == expected["body_first"]
    assert article.body[-1] == expected["body_last"]
    for line in expected["not_in_body"]:
        assert line not in "\n".join(article.body)


def test_clean_html_publisher_from_title_suffix(settings):
    page = FIXTURES / "articles" / "ministry-statement.html"
    article = clean_article(make_raw(page.read_bytes(), kind="html"), settings=settings)
    assert article.publisher == "The Northern Ledger"


def test_clean_html_sets_navigation_aside(settings):
    page = FIXTURES / "articles" / "ministry-statement.html"
    article = clean_article(make_raw(page.read_bytes(), kind="html"), settings=settings)
    assert "Rail strike called off" in article.boilerplate


def test_clean_html_dateline_with_agency(settings):
    article = clean_article(make_raw((EXAMPLES / "market-protest.html").read_bytes(), kind="html"),
                            settings=settings)
    assert article.dateline == "LAGOS, Nigeria"
    assert article.body[0].startswith("Several hundred market traders marched")


def test_clean_html_page_without_article_is_rejected(settings):
    html = "<html><body><ul>" + "".join(f"<li><a href='/{i}'>Section {i}</a></li>" for i in range(20)) + \
        "</ul></body></html>"
    with pytest.raises(StageError) as info:
        clean_article(make_raw(html, kind="html"), settings=settings)
    assert info.value.code == "E201"
    assert info.value.message.startswith("no article text found in the HTML page")


def test_clean_html_from_json_record_uses_given_title(settings):
    html = (EXAMPLES / "market-protest.html").read_text()
    record = json.dumps({"html": html, "title": "Given title", "date": "2024-05-22", "id": "x1"})
    article = clean_article(make_raw(record, kind="jsonl", source="feed.jsonl:1"), settings=settings)
    assert (article.title, article.published.isoformat()) == ("Given title", "2024-05-22")


def test_clean_html_page_in_unspaced_script_is_kept(settings):
    sentence = "昨日、首都で数千人が政府の新しい税制に反対してデモ行進を行い、警察によると大きな混乱はなかった。"
    html = (f"<html><head><title>デモ行進</title></head><body><article><h1>デモ行進</h1><p>{sentence}</p>"
            f"<p>{sentence}</p><p>{sentence}</p></article></body></html>")
    article = clean_article(make_raw(html, kind="html"), settings=settings)
    assert article.body[0] == sentence
