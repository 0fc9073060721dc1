"""Generic helpers that know no project model: periods, numbers."""
