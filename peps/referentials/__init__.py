"""Référentiels du réseau."""
