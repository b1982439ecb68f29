"""The directory's filters written by its own macro (jinja2/directory/_filters.html) are
what core's form macros write through Django's widgets, for every kind of value."""

import pytest
from django.http import QueryDict
from django.template import engines
from django.utils import translation

from peps.core.testing import factories as f
from peps.directory.forms import DirectoryFilterForm
from peps.directory.selectors import colleges_of, communes_with_structures, sector_options

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_filters_are_written_as_django_writes_them(pole, commune, language):
    f.StructureFactory(pole=pole, commune=commune)
    f.StructureFactory(pole=pole, commune=f.CommuneFactory(code="42011", name="Ambierle « & »"))
    college = f.CollegeFactory(pole=pole, name="Acteurs <de> l’ESS")
    env = engines["jinja2"].env
    django = env.from_string('{%- import "core/_forms.html" as forms %}{{ forms.fields(form) }}')
    ours = env.from_string('{%- import "directory/_filters.html" as filters %}{{ filters.fields(form) }}')
    choices = {
        "sectors": sector_options(),
        "communes": communes_with_structures(pole=pole),
        "colleges": colleges_of(pole=pole),
    }
    queries = [
        "",
        "legal_form=association",
        "legal_form=",
        "legal_form=bogus",
        "commune=42011",
        "commune=99999",
        f"college={college.pk}",
        "college=abc",
        "sector=culture&q=%3Cb%3E",
        "legal_form=association&legal_form=scop",
    ]
    with translation.override(language):
        for query in queries:
            written = []
            for template in (django, ours):
                form = DirectoryFilterForm(QueryDict(query), **choices)
                form.filters()
                written.append(template.render(form=form))
            assert written[0] == written[1], query
        chosen = DirectoryFilterForm(QueryDict("commune=42011"), **choices)
        chosen.filters()
        assert '<option value="42011" selected>Ambierle « &amp; » (42)</option>' in ours.render(form=chosen)
    without_colleges = DirectoryFilterForm(QueryDict(""), **{**choices, "colleges": []})
    assert ours.render(form=without_colleges) == django.render(form=without_colleges)
