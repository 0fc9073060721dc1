"""Template tags of the dashboards and history pages."""
