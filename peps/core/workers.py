"""What a serving process (gunicorn's WSGI workers, an ASGI server) does once it has loaded."""

import gc
from collections.abc import Callable
from pathlib import Path

from django.core.signals import request_finished

# Requests after which a worker freezes what it has kept (see freeze_once_warm()): a few
# times, further apart each time, because the first ones may all be health checks.
WARM_AFTER_REQUESTS = (500, 5_000, 50_000)


def freeze_what_lives_forever() -> None:
    """Django, the apps, their models, URLs and views live as long as the worker: moved out of
    the garbage collector's reach (gc.freeze), a full collection no longer walks their
    200,000 objects, a pause of about 150 ms in the middle of some request (1 ms frozen).
    Nothing here is ever freed, so nothing leaks; what requests create is collected as
    before."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module now, before the freeze
    compile_templates()
    gc.collect()
    gc.freeze()


def compile_templates() -> int:
    """Every template of the platform (its apps' and templates/, both engines) compiled now,
    once per worker as it starts (1.6 s for about 400), rather than by the first request of
    each page in each worker, which waited 50–450 ms for its page's templates. Returns how
    many."""
    from django.conf import settings
    from django.template import engines

    roots = [Path(settings.BASE_DIR) / "peps", Path(settings.BASE_DIR) / "templates"]
    count = 0
    for engine in engines.all():
        for directory in map(Path, engine.template_dirs):
            if not any(directory.is_relative_to(root) for root in roots):
                continue
            for path in sorted(directory.rglob("*.html")):
                engine.get_template(path.relative_to(directory).as_posix())
                count += 1
    return count


def freeze_once_warm(after: tuple[int, ...] = WARM_AFTER_REQUESTS) -> Callable[..., None]:
    """The same once the worker is warm: its templates are compiled at start
    (compile_templates), but its first requests still fill the URL, translation and SQL-text
    caches and the templates' imported macros, kept for the worker's life, that every full
    collection walked again (3,000 requests of the mix after 300 of warm-up: full collections
    of at most 31 ms, 102 ms in all, against 12 ms and 41 ms once frozen). After each count of
    `after`, one collection then the freeze; in between and after, requests are collected as
    before. Only garbage in a cycle that was alive at a freeze stays: a few objects, three
    times at most."""
    served = 0
    remaining = sorted(after)

    def count(**kwargs) -> None:
        nonlocal served
        served += 1
        if served >= remaining[0]:
            remaining.pop(0)
            if not remaining:
                request_finished.disconnect(count)
            gc.collect()
            gc.freeze()

    if remaining:
        request_finished.connect(count, weak=False)
    return count
