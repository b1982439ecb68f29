"""Governance pages, split by audience and object: bodies, meetings, motions, decisions."""
