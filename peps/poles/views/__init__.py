"""Pole pages, split by audience: public pages, joining, the coordination's pages."""
