from peps.core.markdown import render_markdown


def test_markdown_is_rendered():
    assert "<strong>solidaire</strong>" in render_markdown("**solidaire**")


def test_scripts_and_event_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))')
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_links_get_nofollow():
    assert 'rel="nofollow noopener"' in render_markdown("[PEPS](https://example.org)")
