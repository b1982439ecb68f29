"""Campagnes d'autoévaluation."""
