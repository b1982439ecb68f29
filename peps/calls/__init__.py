"""Appels à projets nationaux."""
