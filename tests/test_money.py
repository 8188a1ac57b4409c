"""planner.money: rupiah, head-counts and shares as people read them, in Indonesian and English."""

from __future__ import annotations

import pytest

from planner.money import count, number, percent, rupiah, rupiah_short


@pytest.mark.parametrize(
    ("amount", "id_text", "en_text"),
    [
        (201_600, "Rp201.600", "Rp201,600"),
        (16_800, "Rp16.800", "Rp16,800"),
        (30_240_000_000, "Rp30.240.000.000", "Rp30,240,000,000"),
        (999, "Rp999", "Rp999"),
        (1_000, "Rp1.000", "Rp1,000"),
        (0, "Rp0", "Rp0"),
        (-201_600, "-Rp201.600", "-Rp201,600"),
        (201_600.4, "Rp201.600", "Rp201,600"),
        (201_599.6, "Rp201.600", "Rp201,600"),
        (-0.4, "Rp0", "Rp0"),
    ],
)
def test_rupiah_in_full(amount, id_text, en_text):
    assert rupiah(amount) == id_text
    assert rupiah(amount, "id") == id_text
    assert rupiah(amount, "en") == en_text


@pytest.mark.parametrize(
    ("amount", "id_text", "en_text"),
    [
        (30_240_000_000, "Rp30,24 miliar", "Rp30.24 billion"),
        (3_024_000_000, "Rp3,02 miliar", "Rp3.02 billion"),
        (7_212_643_200, "Rp7,21 miliar", "Rp7.21 billion"),
        (1_000_000_000, "Rp1,00 miliar", "Rp1.00 billion"),
        (3_020_000_000_000, "Rp3,02 triliun", "Rp3.02 trillion"),
        (306_690_000_000_000, "Rp306,69 triliun", "Rp306.69 trillion"),
        (1_000_000_000_000, "Rp1,00 triliun", "Rp1.00 trillion"),
        (457_300_000, "Rp457,30 juta", "Rp457.30 million"),
        (1_000_000, "Rp1,00 juta", "Rp1.00 million"),
        (1_008_000, "Rp1,01 juta", "Rp1.01 million"),
        (999_999, "Rp999.999", "Rp999,999"),
        (201_600, "Rp201.600", "Rp201,600"),
        (0, "Rp0", "Rp0"),
        (-30_240_000_000, "-Rp30,24 miliar", "-Rp30.24 billion"),
        (-457_300_000, "-Rp457,30 juta", "-Rp457.30 million"),
        (-500, "-Rp500", "-Rp500"),
    ],
)
def test_rupiah_short(amount, id_text, en_text):
    assert rupiah_short(amount) == id_text
    assert rupiah_short(amount, "en") == en_text


@pytest.mark.parametrize(
    ("amount", "id_text", "en_text"),
    [
        (999_999_999, "Rp1,00 miliar", "Rp1.00 billion"),
        (999_995_000, "Rp1,00 miliar", "Rp1.00 billion"),
        (996_000_000, "Rp1,00 miliar", "Rp1.00 billion"),
        (994_999_999, "Rp995,00 juta", "Rp995.00 million"),
        (999_999_999_999, "Rp1,00 triliun", "Rp1.00 trillion"),
        (-999_999_999, "-Rp1,00 miliar", "-Rp1.00 billion"),
    ],
)
def test_rupiah_short_rounding_up_to_the_next_scale(amount, id_text, en_text):
    assert rupiah_short(amount) == id_text
    assert rupiah_short(amount, "en") == en_text


@pytest.mark.parametrize(
    ("amount", "id_text", "en_text"),
    [
        (999_999, "Rp999.999", "Rp999,999"),
        (999_995, "Rp999.995", "Rp999,995"),
        (-999_999, "-Rp999.999", "-Rp999,999"),
    ],
)
def test_rupiah_short_below_a_million_is_always_in_full(amount, id_text, en_text):
    assert rupiah_short(amount) == id_text
    assert rupiah_short(amount, "en") == en_text


@pytest.mark.parametrize(
    ("share", "id_text", "en_text"),
    [
        (0.95, "95,0%", "95.0%"),
        (1.0, "100,0%", "100.0%"),
        (0.0, "0,0%", "0.0%"),
        (0.3568, "35,7%", "35.7%"),
        (1.5, "150,0%", "150.0%"),
        (12.5, "1.250,0%", "1,250.0%"),
        (-0.05, "-5,0%", "-5.0%"),
    ],
)
def test_percent(share, id_text, en_text):
    assert percent(share) == id_text
    assert percent(share, "en") == en_text


@pytest.mark.parametrize("share", [None, float("nan")])
def test_percent_without_a_share_is_a_dash(share):
    assert percent(share) == "-"
    assert percent(share, "en") == "-"


def test_percent_decimals():
    assert percent(0.4392, decimals=2) == "43,92%"
    assert percent(0.4392, "en", decimals=0) == "44%"


@pytest.mark.parametrize(
    ("value", "id_text", "en_text"),
    [
        (150_000, "150.000", "150,000"),
        (3_847, "3.847", "3,847"),
        (999, "999", "999"),
        (0, "0", "0"),
        (1_234_567, "1.234.567", "1,234,567"),
        (2.4, "2", "2"),
        (1_234.5, "1.235", "1,235"),
        (-3, "-3", "-3"),
    ],
)
def test_count(value, id_text, en_text):
    assert count(value) == id_text
    assert count(value, "en") == en_text


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [
        (1234.5, "id", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (1234567.891, "id", 2, "1.234.567,89"),
        (-1234.5, "en", 0, "-1,234"),
        (-0.001, "id", 2, "0,00"),
        (100, "id", 0, "100"),
        (100_000, "id", 0, "100.000"),
    ],
)
def test_number(value, lang, decimals, text):
    assert number(value, lang, decimals) == text
