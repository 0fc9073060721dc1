"""Browser tests: Playwright (Python, sync API) driving Debian's Chromium against a live server
with the demo loaded (ADR 0008)."""
