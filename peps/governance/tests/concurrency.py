"""The shared helper, kept under its old name for the governance tests."""

from peps.core.testing.concurrency import run_concurrently

__all__ = ["run_concurrently"]
