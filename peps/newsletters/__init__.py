"""Lettres d'information d'un pôle."""
