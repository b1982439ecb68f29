"""Views of deliberation, split by page family: debates (debates.py), consultations
(consultations.py) and moderation (moderation.py)."""
