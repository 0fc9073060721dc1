"""The pure evaluation engine: capaian, roll-ups, tables and checks over frozen dataclasses."""
