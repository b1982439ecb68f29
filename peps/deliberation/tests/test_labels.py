"""The debate page's Jinja2 partials write dates and plurals as the Django templates did."""

import datetime

import pytest
from django.template.defaultfilters import date as django_date
from django.utils import timezone, translation

from peps.deliberation import labels


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 12, 7, 2, 5, tzinfo=datetime.UTC),
        datetime.datetime(2026, 7, 14, 22, 45, 30, 123456, tzinfo=datetime.UTC),  # next day in Paris
        datetime.datetime(2027, 3, 28, 1, 30, tzinfo=datetime.UTC),  # the night the clocks change
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_posted_reads_like_django_date_filter(moment, language):
    with translation.override(language):
        local = timezone.localtime(moment)
        assert labels.posted(moment) == (django_date(local, "c"), django_date(local, "j F Y, H:i"))


def test_plurals_are_french():
    with translation.override("fr"):
        assert labels.replies_count(1) == "1 réponse"
        assert labels.replies_count(3) == "3 réponses"
        assert labels.see_replies(1) == "Voir la réponse"
        assert labels.see_replies(7) == "Voir les 7 réponses"
        assert labels.found_useful(1) == "1 personne l’a trouvé utile"
        assert labels.found_useful(2) == "2 personnes l’ont trouvé utile"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_counts_read_once_are_the_plural_labels(language):
    """The page's counts (labels.argument_counts()) are the plural labels, in the language
    active when the page asked, whatever language asked first."""
    with translation.override("en" if language == "fr" else "fr"):
        labels.argument_counts()[2](2)
    with translation.override(language):
        replies_count, see_replies, found_useful = labels.argument_counts()
        for n in (0, 1, 2, 1234):
            assert replies_count(n) == labels.replies_count(n)
            assert see_replies(n) == labels.see_replies(n)
            assert found_useful(n) == labels.found_useful(n)
