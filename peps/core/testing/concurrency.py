"""Run a function in many threads at once, each with its own database connection.

The SQLite test database lives in shared-cache memory, where a busy table answers "database
table is locked" at once instead of waiting like the file database does in production
(busy_timeout=5000 with BEGIN IMMEDIATE). Here that answer is retried after a short sleep,
which is what the busy timeout does; any other error is returned to the test."""

import random
import threading
import time

from django.db import OperationalError, connection


def run_concurrently(function, arguments: list) -> list:
    """Call function(argument) in one thread per argument, started together; returns the
    results (or the exceptions raised), in the order of `arguments`."""
    results: list = [None] * len(arguments)
    barrier = threading.Barrier(len(arguments))

    def worker(index, argument):
        try:
            barrier.wait()
            for _attempt in range(200):
                try:
                    results[index] = function(argument)
                    return
                except OperationalError as error:
                    if "locked" not in str(error):
                        raise
                    time.sleep(random.uniform(0.001, 0.02))
            raise RuntimeError("still locked after 200 attempts")
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
