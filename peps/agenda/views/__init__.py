"""Views of the agenda, split by audience: the public side and one's registrations
(public.py), the organisers (manage.py) and the Bourse aux projets (bourse.py)."""
