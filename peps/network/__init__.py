"""Annuaire, carte, fiches et comparaison des pôles."""
