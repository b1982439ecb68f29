"""The WSGI and ASGI entry points: what lives as long as a worker is frozen out of the collector."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("entry", ["wsgi", "asgi"])
def test_the_worker_freezes_what_it_loads_at_start(entry):
    # In a process of its own: the freeze would otherwise apply to the test run itself.
    code = (
        f"import gc, config.{entry} as w; "
        "assert callable(w.application); "
        "print(gc.get_freeze_count(), len(gc.get_objects()))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)  # noqa: S603 - this interpreter, our code
    frozen, tracked = map(int, out.stdout.split())
    assert frozen > 50_000
    assert tracked < frozen / 10
