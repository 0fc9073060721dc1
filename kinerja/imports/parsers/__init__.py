"""Readers of the files planners bring: pure functions from bytes to source records.

Each module reads one kind of file (`read(content, source)`) and returns the records of
`kinerja/evaluation/source.py`, every printed number kept as printed, with the findings
the reader itself made (a row it could not place, a layout it did not recognise). No
Django, no database: mapping to plan data and the checks come after.
"""
