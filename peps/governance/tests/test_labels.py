"""The body page's seats translate their words once per list (their dates: peps.core.dates)."""

from django.utils import translation

from peps.governance.labels import seat_names


def test_the_seat_sentences_take_their_values():
    with translation.override("fr"):
        names = seat_names()
        assert names["since"] % {"date": "3 mars 2025"} == "depuis le 3 mars 2025"
        assert names["end"] % {"name": "Alice Martin"} == "Mettre fin au mandat de Alice Martin"
