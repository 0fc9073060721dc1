"""Tests of the pure evaluation engine: no database, no Django, inputs as text tables."""
