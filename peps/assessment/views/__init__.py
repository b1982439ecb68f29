"""Views of the self-assessment, split by audience: the network administrators' pages of
the campaigns (network.py) and a pole's pages, its answer and its results (pole.py)."""
