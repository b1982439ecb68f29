"""A 403 leaves one line in the logs, at INFO, without a traceback (a crawl used to write tens
of thousands of traceback lines); real errors keep theirs."""

import logging

from django.core.exceptions import PermissionDenied

from peps.core.log_filters import PermissionDeniedAsInfo

# A page that a plain member may not open: PermissionDenied in the view (403).
FORBIDDEN = "/p/pollens/agenda/nouveau/"


def test_a_403_is_logged_as_one_info_line(client, member, caplog):
    client.force_login(member)
    with caplog.at_level(logging.INFO, logger="django.request"):
        assert client.get(FORBIDDEN).status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    record = records[0]
    assert (record.levelno, record.exc_info, record.exc_text) == (logging.INFO, None, None)
    line = logging.Formatter("%(levelname)s %(name)s %(message)s").format(record)
    assert line == f"INFO django.request Forbidden (Permission denied): {FORBIDDEN}"


def _record(exception: Exception) -> logging.LogRecord:
    try:
        raise exception
    except Exception as raised:  # noqa: BLE001
        return logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), (type(raised), raised, None))


def test_other_errors_keep_their_level_and_traceback():
    record = _record(ValueError("bug"))
    assert PermissionDeniedAsInfo().filter(record) is True
    assert record.levelno == logging.ERROR and record.exc_info is not None
    denied = _record(PermissionDenied())
    assert PermissionDeniedAsInfo().filter(denied) is True
    assert denied.levelno == logging.INFO and denied.exc_info is None
