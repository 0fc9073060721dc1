"""Fixtures of the documents tests: the demo Renja (BKPSDM Tanjung Jabung Barat 2024)."""

import pytest

from kinerja.demo import load_demo
from kinerja.renja.models import Renja


@pytest.fixture
def demo_renja(db: None) -> Renja:
    """The demo's Renja 2024, loaded as `make demo` loads it."""
    result, _ = load_demo()
    assert result.perangkat_daerah is not None
    return result.perangkat_daerah.renja.get()
