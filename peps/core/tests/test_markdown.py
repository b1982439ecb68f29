from django.utils.safestring import SafeString

from peps.core.markdown import REMEMBERED_LENGTH, _render, render_markdown


def test_markdown_is_rendered():
    assert "<strong>solidaire</strong>" in render_markdown("**solidaire**")


def test_scripts_and_event_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))')
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_links_get_nofollow():
    assert 'rel="nofollow noopener"' in render_markdown("[PEPS](https://example.org)")


def test_a_text_renders_the_same_the_second_time_and_long_texts_too():
    short = "Une **charte** :\n\n- coopérer\n- partager"
    long = "Un paragraphe *long*. " * (REMEMBERED_LENGTH // 10)
    for text in (short, short, long, long, "", None):
        html = render_markdown(text)
        assert isinstance(html, SafeString)
        assert html == _render(text or "")
    assert render_markdown(short) != render_markdown(short + " Modifiée.")
