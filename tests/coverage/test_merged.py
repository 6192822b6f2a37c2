"""How a merged commune's status combines those of its former parts."""

import pytest

from dashboard.coverage.merged import combine_part_statuses
from dashboard.coverage.model import Status as S


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([S.OWN_CELL, S.OWN_CELL], (S.OWN_CELL, False)),
        ([S.OWN_CELL, S.SHARED_CELL], (S.SHARED_CELL, False)),  # all covered
        ([S.OWN_CELL, S.NONE], (S.OWN_CELL, True)),  # partly covered
        ([S.SHARED_CELL, S.UNKNOWN, S.NONE], (S.SHARED_CELL, True)),
        ([S.NONE, S.NONE], (S.NONE, False)),  # none covered
        ([S.NONE, S.PLANNED], (S.PLANNED, True)),
        ([S.NONE, S.UNKNOWN], (S.UNKNOWN, True)),
        ([S.UNKNOWN], (S.UNKNOWN, False)),
    ],
)
def test_combine_part_statuses(parts, expected):
    assert combine_part_statuses(parts) == expected


def test_combine_needs_parts():
    with pytest.raises(ValueError, match="at least one part"):
        combine_part_statuses([])
