"""Views of the shared resources, split by audience: the catalogue and booking (public.py),
the coordinators' pages (manage.py) and the permanences with their appointments
(permanences.py)."""
