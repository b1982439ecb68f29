"""Views of the newsletter: the coordination's pages (manage) and the subscribers' (public)."""
