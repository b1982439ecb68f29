"""Views of one's account, split by page family: the profile (profile.py) and one's
personal data, newsletters and account deletion (data.py)."""
