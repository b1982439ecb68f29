from django.utils import translation

from peps.core.dates import month_names, weekday_names


def test_names_follow_the_active_language():
    with translation.override("fr"):
        assert month_names()[12] == "décembre" and weekday_names()[0] == "lundi"
    with translation.override("en"):
        assert month_names()[12] == "December" and weekday_names()[0] == "Monday"
