"""Settings of the accounts' tests (see peps/poles/tests/conftest.py for why)."""
