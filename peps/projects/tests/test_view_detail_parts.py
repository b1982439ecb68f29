"""The project's page as Jinja2 writes it (jinja2/projects/_page_*.html): the needs and
partnerships read only when the project has some, dates as Django's date filter writes them,
the sentences translated, the htmx sections the same as in the page."""

import datetime
import re

import pytest
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from peps.core.testing import factories as f
from peps.core.typography import french_text
from peps.partnerships.models import Category, Need, Partnership, PartnershipStatus
from peps.projects import labels

from .factories import StageChangeFactory, SupportLogEntryFactory

HX = {"HTTP_HX_REQUEST": "true"}


def url(project):
    return reverse("projects:detail", kwargs={"pole": project.pole.slug, "pk": project.pk})


def reads_of(queries, table: str) -> list[str]:
    """The queries that read `table` itself (not those that only ask EXISTS of it)."""
    return [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"].split("EXISTS")[0]
    ]


def test_a_project_without_needs_or_partnerships_does_not_read_them(client, project):
    with CaptureQueriesContext(connection) as queries:
        content = client.get(url(project)).content.decode()
    assert "Pas encore de besoin publié." in content
    assert "Aucun partenariat pour le moment." in content
    assert reads_of(queries.captured_queries, "partnerships_need") == []
    assert reads_of(queries.captured_queries, "partnerships_partnership") == []


def test_needs_and_visible_partnerships_are_listed(client, pole, project):
    Need.objects.create(pole=pole, project=project, category=Category.PREMISES, title="Un local", description="20 m²")
    partner = f.StructureFactory(pole=pole, name="La Ressourcerie")
    hidden = f.StructureFactory(pole=pole, name="Pas encore d’accord")
    Partnership.objects.create(pole=pole, project=project, partner_structure=partner, status=PartnershipStatus.ACCEPTED)
    Partnership.objects.create(pole=pole, project=project, partner_structure=hidden, status=PartnershipStatus.PROPOSED)
    content = client.get(url(project)).content.decode()
    assert "Un local" in content
    assert "La Ressourcerie" in content
    # A proposal not yet answered stays between the two sides.
    assert "Pas encore d’accord" not in content


def test_page_dates_are_those_of_the_date_filter(settings):
    moment = timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 30, 5, 120))  # the 2nd of March in Paris
    day = datetime.date(2026, 12, 7)
    for language in ("fr", "en"):
        with translation.override(language):
            assert labels.long_date(day) == date_filter(day, "j F Y")
            assert labels.long_date(moment) == date_filter(moment, "j F Y")
            assert labels.date_time(moment) == date_filter(moment, "j F Y, H:i")
            assert labels.moment(moment) == (date_filter(moment, "c"), date_filter(moment, "j F Y, H:i"))
    assert labels.long_date(None) == labels.date_time(None) == ""


def test_the_page_sentences_are_translated(client, project, coordinator):
    StageChangeFactory(project=project, by=coordinator, from_stage="submitted", to_stage="structuring")
    SupportLogEntryFactory(project=project, author=coordinator)
    client.force_login(coordinator)
    french = client.get(url(project)).content.decode()
    assert french_text("Étape actuelle : <strong>") in french
    client.cookies["django_language"] = "en"
    english = client.get(url(project)).content.decode()
    assert "Current stage: <strong>" in english
    assert "From “" in english
    assert f"by {coordinator.public_name}" in english
    assert "0 supporters" in english


def test_values_in_sentences_are_escaped(client, pole, coordinator):
    evil = '<b id="x">'
    person = f.UserFactory(display_name=evil)
    project = f.ProjectFactory(pole=pole, holder=person, title=evil)
    StageChangeFactory(project=project, by=person, from_stage="submitted", to_stage="structuring")
    SupportLogEntryFactory(project=project, author=person)
    client.force_login(coordinator)
    content = client.get(url(project)).content.decode()
    assert '<b id="x">' not in content
    assert "&lt;b id=" in content


@pytest.mark.parametrize(("name", "box"), [("projects:follow", "follow-box"), ("projects:support", "support-box")])
def test_the_htmx_boxes_are_those_of_the_page(client, project, citizen, name, box):
    client.force_login(citizen)
    action = reverse(name, kwargs={"pole": project.pole.slug, "pk": project.pk})
    swapped = client.post(action, {"action": "add"}, **HX).content.decode()
    page = client.get(url(project)).content.decode()
    start = page.index(f'<div id="{box}">')
    in_page = page[start : page.index("</div>", start) + len("</div>")]

    def same(html: str) -> str:  # the CSRF token is masked anew on each response
        return " ".join(re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html).split())

    assert same(swapped) == same(in_page)


def test_the_page_does_not_read_the_search_text(client, project):
    with CaptureQueriesContext(connection) as queries:
        client.get(url(project))
    project_reads = [q["sql"] for q in queries.captured_queries if 'FROM "projects_project"' in q["sql"]]
    assert project_reads
    assert all("search_text" not in sql for sql in project_reads)


def test_the_page_words_follow_the_language():
    from django.utils.translation import gettext

    for language in ("fr", "en"):
        with translation.override(language):
            assert labels.word("Historique des étapes") == gettext("Historique des étapes")
    with translation.override("en"):
        assert labels.word("Historique des étapes") != "Historique des étapes"


@pytest.mark.parametrize("text", ["", "Une ligne", "l’« idée » & <b>'x'</b> \"y\"", "deux\nlignes", "a\r\n\r\nb", None])
def test_comment_paragraphs_are_those_of_linebreaks(text):
    from django.template.defaultfilters import linebreaks_filter

    assert str(labels.paragraphs(text)) == linebreaks_filter(text or "", autoescape=True)


def test_the_steps_follow_the_language_and_the_stage():
    with translation.override("fr"):
        french = labels.steps("structuring")
    with translation.override("en"):
        english = labels.steps("structuring")
    assert [s["state"] for s in french] == [s["state"] for s in english]
    assert "current" in [s["state"] for s in french]
    assert french[0]["label"] != english[0]["label"]
