"""Logging filters of the platform (wired in config/settings.py LOGGING)."""

import logging

from django.core.exceptions import PermissionDenied


class PermissionDeniedAsInfo(logging.Filter):
    """A 403 is an expected answer (a crawler, a shared link to a members-only page), not a
    fault: Django logs it at WARNING with the whole traceback, tens of thousands of lines after
    a crawl. Keep one line, at INFO, without the traceback; other records pass unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc_info = record.exc_info
        if exc_info and isinstance(exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
            record.levelno = logging.INFO
            record.levelname = logging.getLevelName(logging.INFO)
        return True
