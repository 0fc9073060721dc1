"""Fixtures of the evaluation page tests: the demo inside the personas' pemda, a small plan.

`demo_renja` loads the embedded demo into OPD A of the personas' pemda (the demo's pemda
name and OPD code are those of the personas' pemda and OPD A, so the import updates them):
every persona sees the demo as it sees OPD A. Load it before signing anyone in: the demo
resets the passwords of its users, which share names with some personas.
"""

import pytest

from kinerja.demo import load_demo
from kinerja.imports.actions import import_plan
from kinerja.imports.tests.conftest import SMALL_PLAN
from kinerja.renja.models import Renja


@pytest.fixture
def demo_renja(planner_a, verifier, admin) -> Renja:
    """The demo's Renja 2024, belonging to OPD A.

    The personas `verifier` and `admin` come first: the demo's users `verifikator` and
    `admin` then update them (and make `admin` a superuser) instead of clashing.
    """
    result, _ = load_demo()
    assert result.perangkat_daerah is not None
    return result.perangkat_daerah.renja.get()


@pytest.fixture
def small_renja(db) -> Renja:
    """The import tests' small plan: another pemda, one program, two sub kegiatan."""
    result = import_plan(SMALL_PLAN.encode(), source="kecil.yaml", acting_user=None)
    assert result.written, result.errors
    assert result.perangkat_daerah is not None
    return result.perangkat_daerah.renja.get()
