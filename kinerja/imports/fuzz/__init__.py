"""The fuzz harness over the readers `kinerja check` uses, the number and the code parsers.

`targets.py` names each target and how it is called (below the safety net of
`check.check_file`, so a reader's own exception counts as a crash), `seeds.py` the seed
inputs (the project's own fixtures, `../shared/corpus` and `../shared/seed` when present,
and `corpus/`), `mutate.py` how inputs are derived from them, `__main__.py` the long run
(`python -m kinerja.imports.fuzz --target csv-renstra --inputs 100000`). The short run is
`tests/test_fuzz.py`; README.md says how to run, read and extend it.
"""
