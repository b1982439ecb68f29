"""The log's row sentences, translated once per page (their dates: peps.core.dates)."""

from django.utils import translation

from peps.activity.labels import row_names


def test_row_sentences_follow_the_active_language():
    with translation.override("fr"):
        assert row_names()["described"] % {"topic": "Cantine", "date": "7 décembre 2026"} == (
            "le contact « Cantine » du 7 décembre 2026"
        )
