"""Bringing plans in and out: the YAML interchange format (and, later, agency files)."""
