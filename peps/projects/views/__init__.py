"""Views of projects, split by audience: the public side and what signed-in people do on
a project (public.py), and the coordinators' pipeline board and actions (pipeline.py)."""
