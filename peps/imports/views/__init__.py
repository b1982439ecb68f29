"""Views of the imports, split by audience: a pole's coordination importing its members
and structures (pole.py) and the network administration's official registers (registers.py)."""
