"""The harness itself: axe-core really runs and a violation really fails the journey, so a
green journey means something."""

import pytest


def test_check_a11y_fails_on_a_page_with_violations(journey, db):
    journey.visit("/")
    # No lang, an unlabelled field, an image without text alternative.
    journey.page.set_content(
        "<html><body><main><h2>Skipped h1</h2><h4>Skipped h3</h4>"
        "<input type='text'><img src='/static/none.png'></main></body></html>"
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        journey.check_a11y()
    message = str(failure.value)
    assert "html-has-lang" in message
    assert "label" in message
    assert "image-alt" in message
    # The house rules, beyond WCAG's tags.
    assert "page-has-heading-one" in message
    assert "heading-order" in message


def test_visit_fails_on_an_unexpected_error_status(journey, db):
    with pytest.raises(AssertionError, match="answered 404"):
        journey.visit("/n-existe-pas/")
