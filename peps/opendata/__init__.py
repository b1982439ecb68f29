"""Données ouvertes."""
