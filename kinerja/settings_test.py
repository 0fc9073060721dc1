"""Settings of the test suite and of the type checker: `kinerja.settings` with a test-only
secret key and plain HTTP (the test client and the live server speak HTTP).

Set as defaults before the settings are read, so a variable already exported wins, and
subprocesses started by a test inherit them. Tests of the production settings start
Django in a subprocess with an environment of their own (kinerja/tests/test_settings.py).
"""

import os

os.environ.setdefault("SECRET_KEY", "kinerja-tests-only-" + "k" * 40)
os.environ.setdefault("KINERJA_HTTPS", "false")

from kinerja.settings import *  # noqa: E402, F403
