"""Fixtures of this app's tests."""
