"""Renderers of the engine's format-neutral tables: terminal text, JSON and XLSX."""
