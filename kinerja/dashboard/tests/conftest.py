"""Fixtures of the dashboard and history tests: the demo inside the personas' pemda.

`demo_renja` loads the embedded demo into OPD A of the personas' pemda, as in
`kinerja/monitoring/tests/conftest.py`: every persona sees the demo as it sees OPD A.
Load it before signing anyone in: the demo resets the passwords of its users, which
share names with some personas.
"""

import pytest

from kinerja.demo import load_demo
from kinerja.renja.models import Renja


@pytest.fixture
def demo_renja(planner_a, verifier, admin) -> Renja:
    """The demo's Renja 2024, belonging to OPD A (`verifier` and `admin` come first, so
    the demo's users of those names update them instead of clashing)."""
    result, _ = load_demo()
    assert result.perangkat_daerah is not None
    return result.perangkat_daerah.renja.get()
