import pytest

from cscperf.indicators import calc
from tests.indicators.authority import Authority


@pytest.fixture
def authority(con) -> Authority:
    """An empty authority (883) in a fresh store, ready for indicators."""
    calc.prepare(con)
    return Authority(con)
