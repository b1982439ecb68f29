"""A serving worker freezes what lives as long as it does: at start, and once warm."""

import gc

from django.core.signals import request_finished

from peps.core.workers import freeze_once_warm


def test_a_worker_freezes_once_after_its_first_requests_then_no_more():
    gc.unfreeze()
    receivers = len(request_finished.receivers)
    try:
        freeze_once_warm(after=3)
        assert len(request_finished.receivers) == receivers + 1
        for _ in range(2):
            request_finished.send(sender=None)
        assert gc.get_freeze_count() == 0
        kept = [object()]  # lives on, as a compiled template would
        request_finished.send(sender=None)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        # Frozen once: the next requests leave the collector as it is, and the receiver is gone.
        request_finished.send(sender=None)
        assert gc.get_freeze_count() == frozen
        assert len(request_finished.receivers) == receivers
        assert kept
    finally:
        gc.unfreeze()
