"""The exit codes of every `kinerja` command: 0 done, 1 refused (findings, a rule), 2 unreadable."""

EXIT_OK, EXIT_REJECTED, EXIT_UNREADABLE = 0, 1, 2
