"""Run the `kinerja` command line as `python -m kinerja`."""

from kinerja.cli import main

main()
