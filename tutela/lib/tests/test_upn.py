"""UPN check letters: the DfE guide's worked examples, and properties over all UPNs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutela.lib.identifiers import upn_build, upn_check_letter, upn_problem


@pytest.mark.parametrize(
    ("body", "letter"),
    [("801200005001", "B"), ("80120000500A", "M"), ("93512345678C", "H")],
)
def test_worked_examples(body, letter):
    assert upn_check_letter(body) == letter
    assert upn_problem(letter + body) is None


def test_wrong_check_letter_is_named():
    assert upn_problem("A801200005001") == "The UPN's check letter does not match its digits"


@pytest.mark.parametrize("value", ["B80120000500", "B8012000050011", "I801200005001", "B80120000500O", "b801200005001"])
def test_malformed_upns_are_refused(value):
    assert upn_problem(value) is not None


def test_new_la_codes_are_accepted():
    # stdnum's validate() rejects these authorities (Cumberland 942); ours must not.
    assert upn_problem(upn_build(la_code="942", establishment="2001", year=2020, serial=7)) is None


@given(
    la=st.integers(100, 999),
    establishment=st.integers(0, 9999),
    year=st.integers(2000, 2099),
    serial=st.integers(0, 999),
)
def test_built_upns_are_valid(la, establishment, year, serial):
    upn = upn_build(la_code=str(la), establishment=str(establishment), year=year, serial=serial)
    assert upn_problem(upn) is None


@given(
    body=st.text(alphabet="0123456789", min_size=12, max_size=12), position=st.integers(1, 12), delta=st.integers(1, 9)
)
def test_changing_one_digit_breaks_the_check_letter(body, position, delta):
    upn = upn_check_letter(body) + body
    digit = (int(upn[position]) + delta) % 10
    changed = upn[:position] + str(digit) + upn[position + 1 :]
    assert upn_problem(changed) is not None
