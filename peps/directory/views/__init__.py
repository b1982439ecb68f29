"""Views of the directory, split by audience: browsing, people, editing, claims."""

from .browse import structure_choices, structure_detail, structure_list
from .claims import claim, claim_decide, claims
from .edit import structure_create, structure_edit
from .people import people, person

__all__ = [
    "claim",
    "claim_decide",
    "claims",
    "people",
    "person",
    "structure_choices",
    "structure_create",
    "structure_detail",
    "structure_edit",
    "structure_list",
]
