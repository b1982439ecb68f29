"""A serving worker freezes what lives as long as it does: at start, and once warm. The
receiver is called directly: sending request_finished would also close the test's connection."""

import gc

from django.core.signals import request_finished

from peps.core.workers import freeze_once_warm


def test_a_worker_freezes_after_each_count_of_requests_then_no_more():
    gc.unfreeze()
    receivers = len(request_finished.receivers)
    try:
        served = freeze_once_warm(after=(3, 5))
        assert len(request_finished.receivers) == receivers + 1
        for _ in range(2):
            served()
        assert gc.get_freeze_count() == 0
        served()
        first = gc.get_freeze_count()
        assert first > 0
        served()
        assert gc.get_freeze_count() == first
        kept = [[object()] for _ in range(100)]  # lives on, as a compiled template would
        served()
        assert gc.get_freeze_count() >= first + len(kept)
        # The last count passed: the receiver is gone, the next requests change nothing.
        assert len(request_finished.receivers) == receivers
    finally:
        gc.unfreeze()


def test_every_template_of_the_platform_compiles_when_a_worker_starts():
    from peps.core.workers import compile_templates

    assert compile_templates() > 300
