"""API REST."""
