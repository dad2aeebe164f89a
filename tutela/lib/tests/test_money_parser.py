"""Amounts of money: pounds and pence only, so 1e5, 0.999, NaN and Infinity never become payments."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutela.lib.money import MAX_PENCE, pence_from_pounds, pounds_from_pence


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("12.50", 1250),
        ("0.99", 99),
        (" £80.00 ", 8000),
        ("1,250.00", 125000),
        ("1,000,000", 100_000_000),
        ("007", 700),
    ],
)
def test_pounds_and_pence_are_read_as_whole_pence(text, pence):
    assert pence_from_pounds(text) == pence


@pytest.mark.parametrize(
    "text",
    [
        "1e5",
        "1E2",
        "0.999",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "1e400",
        "-5",
        "+5",
        "",
        "£",
        ".5",
        "12.",
        "1,25.00",
        "12,50",
        "1 000",
        "٣",  # an Arabic-Indic digit, which int() would accept
        "²",
        "0x10",
        "1_000",
        "£10,000,000",
        "9" * 5000,
    ],
)
def test_anything_else_is_refused_with_a_sentence(text):
    with pytest.raises(ValueError, match=r"^Enter an amount"):
        pence_from_pounds(text)


@given(st.integers(0, MAX_PENCE), st.sampled_from(["", "£"]), st.booleans())
def test_every_amount_written_in_pounds_reads_back_to_its_pence(pence, symbol, commas):
    pounds = f"{pence // 100:,}" if commas else str(pence // 100)
    assert pence_from_pounds(f"{symbol}{pounds}.{pence % 100:02d}") == pence


@given(st.integers(0, MAX_PENCE))
def test_the_written_form_reads_back(pence):
    assert pence_from_pounds(pounds_from_pence(pence)) == pence


@given(st.text())
def test_any_text_is_either_an_amount_or_a_value_error(text):
    try:
        pence = pence_from_pounds(text)
    except ValueError:
        return
    assert isinstance(pence, int) and 0 <= pence <= MAX_PENCE


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_no_float_spelling_is_read_with_more_than_two_decimal_places(number):
    text = repr(number)
    try:
        pence = pence_from_pounds(text)
    except ValueError:
        return
    # Only plain decimals with at most two places get through, and they mean exactly what they say.
    assert "e" not in text.lower() and len(text.partition(".")[2]) <= 2
    assert pence == round(number * 100)
