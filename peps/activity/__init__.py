"""Journal des contacts d'un pôle."""
