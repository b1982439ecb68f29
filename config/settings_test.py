"""Settings for the test suite: the main settings with PEPS_TESTING on (see its last block)."""

import os

os.environ["PEPS_TESTING"] = "1"

from config.settings import *  # noqa: E402,F403
