"""Sector names, marked for translation: the rows come from migration 0004 (in French)
and templates show them with {% translate sector.name %}, so English needs this list."""

from django.utils.translation import gettext_noop

SECTOR_NAMES = [
    gettext_noop("Culture et patrimoine"),
    gettext_noop("Alimentation"),
    gettext_noop("Insertion"),
    gettext_noop("Environnement"),
    gettext_noop("Numérique"),
    gettext_noop("Formation"),
    gettext_noop("Tourisme"),
    gettext_noop("Services à la personne"),
    gettext_noop("Habitat"),
    gettext_noop("Mobilité"),
    gettext_noop("Énergie"),
    gettext_noop("Agriculture et circuits courts"),
    gettext_noop("Commerce"),
    gettext_noop("Santé et action sociale"),
    gettext_noop("Sport et loisirs"),
    gettext_noop("Finance solidaire"),
    gettext_noop("Autre"),
]
