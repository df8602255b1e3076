from tests.helpers import make_raw
from wirecoder.clean import article_id, clean_article

TEXT = ("Talks resume in Geneva\n\nMay 4, 2022|By Ann Lee\n\nGENEVA -- Delegations from both sides resumed talks on "
        "Wednesday after a two-week pause, the mediators said.")


def test_article_id_is_stable_across_whitespace():
    assert article_id("A title", ("One  paragraph.",)) == article_id("A title", ("One paragraph.",))


def test_article_id_differs_when_body_differs():
    assert article_id("A title", ("One paragraph.",)) != article_id("A title", ("Another paragraph.",))


def test_same_article_from_text_and_gzip_free_copy_has_same_id(settings):
    first = clean_article(make_raw(TEXT, source="a.txt"), settings=settings)
    second = clean_article(make_raw(TEXT + "\n\n", source="b.txt"), settings=settings)
    assert first.id == second.id and len(first.id) == 16


def test_clean_article_detects_language(settings):
    article = clean_article(make_raw(TEXT), settings=settings)
    assert article.language == "en"
