from decimal import Decimal

import pytest

from sakip.sop import durations


def test_seed_total_is_795_minutes_13_hours_15():
    minutes = [15, 60, 25, 30, 120, 120, 240, 40, 60, 25, 10, 15, 25, 10]
    total = durations.total_minutes((m, "menit") for m in minutes)
    assert total == 795
    assert durations.format_minutes(total) == "13 jam 15 menit"


@pytest.mark.parametrize(
    "text,unit,expected",
    [
        ("15", "menit", (Decimal(15), "menit")),
        ("2 jam", "menit", (Decimal(2), "jam")),
        ("1,5", "jam", (Decimal("1.5"), "jam")),
        ("1 hari", "menit", (Decimal(1), "hari")),
        ("", "menit", (None, "menit")),
        ("-", "menit", (None, "menit")),
        (30, "menit", (Decimal(30), "menit")),
    ],
)
def test_parse(text, unit, expected):
    assert durations.parse(text, unit) == expected


@pytest.mark.parametrize("text", ["lima belas", "15-20", "15 detik", "abc"])
def test_parse_rejects_non_numbers(text):
    with pytest.raises(durations.DurationError):
        durations.parse(text)


def test_units_to_minutes(settings):
    settings.SAKIP_SOP_MINUTES_PER_DAY = 450
    assert durations.to_minutes(2, "jam") == 120
    assert durations.to_minutes(1, "hari") == 450
    assert durations.to_minutes(None, "menit") == 0


@pytest.mark.parametrize(
    "total,text", [(45, "45 menit"), (120, "2 jam"), (0, "0 menit"), (Decimal("90.5"), "1 jam 30,5 menit")]
)
def test_format_minutes(total, text):
    assert durations.format_minutes(total) == text


def test_unit_from_header():
    assert durations.unit_from_header("Waktu (menit)") == "menit"
    assert durations.unit_from_header("Waktu (Jam)") == "jam"
    assert durations.unit_from_header("Waktu") is None
