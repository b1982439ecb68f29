"""The Jinja2 environment: a template's globals copied once, and the apps' globals seen."""

from django.template import engines

from peps.core import jinja
from peps.core.jinja import add_global


def test_a_template_reads_the_environment_globals_from_a_plain_dict():
    template = engines["jinja2"].env.from_string("{{ url('home') }}")

    assert type(template.globals) is dict
    assert template.render() == "/"


def test_a_global_added_after_a_template_was_loaded_is_seen_when_it_is_loaded_again():
    env = engines["jinja2"].env
    env.get_template("core/_pagination.html")
    try:
        add_global("core_test_late_global", lambda: "late")

        assert env.get_template("core/_pagination.html").globals["core_test_late_global"]() == "late"
    finally:
        jinja._app_globals.pop("core_test_late_global")
        env.globals.pop("core_test_late_global")
        env.cache.clear()


def test_paragraphs_are_django_s_linebreaks():
    from django.utils.html import linebreaks as django_linebreaks
    from django.utils.safestring import mark_safe

    from peps.core.jinja import linebreaks

    texts = [
        "",
        None,
        "Une ligne",
        "Deux\nlignes",
        "Un paragraphe\n\nUn autre\n\n\n\nEt un dernier\n",
        "Fins Windows\r\net Mac\rici\r\n\r\nParagraphe",
        "\n\nDébut vide",
        "<script>alert('x')</script> & « guillemets » \"doubles\"",
        mark_safe("<b>déjà sûr</b>\n<i>?</i>"),
        42,
    ]
    for text in texts:
        assert str(linebreaks(text)) == django_linebreaks(text or "", autoescape=True), repr(text)
