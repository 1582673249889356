"""Records keep precision and refuse impossible values."""
from datetime import date

import pytest

from lull.records import DateSpan


@pytest.mark.parametrize("span, text", [
    (DateSpan(date(2024, 2, 1), date(2024, 2, 29), "month"), "2024-02"),
    (DateSpan(date(2020, 1, 1), date(2020, 12, 31), "year"), "2020"),
    (DateSpan(date(2009, 1, 1), date(2010, 12, 31), "year"), "2009-01-01/2010-12-31"),
    (DateSpan(date(2023, 11, 2), date(2024, 1, 8), "day"), "2023-11-02/2024-01-08"),
    (DateSpan.day(date(2023, 4, 29), "dateline"), "2023-04-29"),
    (DateSpan(date(2024, 12, 8), None, "day", "reference-events"), ">=2024-12-08"),
])
def test_records_datespan_iso_keeps_precision(span, text):
    assert span.iso() == text


@pytest.mark.parametrize("args", [
    (date(2024, 2, 2), date(2024, 2, 1), "day"),
    (date(2024, 2, 2), date(2024, 2, 2), "fortnight"),
])
def test_records_datespan_rejects_impossible_spans(args):
    with pytest.raises(ValueError):
        DateSpan(*args)


def test_records_lower_bound():
    assert DateSpan(date(2024, 12, 8), None, "day").is_lower_bound
    assert not DateSpan.day(date(2024, 12, 8)).is_lower_bound
