"""Bilan d'activité d'un pôle."""
