"""Dashboards: an OPD's standing and the pemda's ranking, with charts served locally."""
