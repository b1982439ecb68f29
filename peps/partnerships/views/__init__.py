"""Views of partnerships, split by audience: the hub and one's own page, needs, offers,
a partnership's page, and the coordinators' dashboard."""
