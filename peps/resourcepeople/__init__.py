"""Personnes ressources du réseau."""
