"""Financements d'un pôle."""
