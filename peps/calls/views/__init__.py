"""Views of the calls for projects, split by audience: the public and the applicants
(public.py), the network administrators (manage.py) and the reviewers (review.py)."""
