"""Ids from query strings and posts: only plain positive numbers count."""

from hypothesis import given
from hypothesis import strategies as st

from tutela.lib.params import object_id


def test_plain_numbers_are_ids():
    assert object_id("42") == 42


def test_anything_else_is_no_id():
    for value in ["²", "١٢", "-1", "0", "4 2", "", "1e3", "99999999999999999999999", None, 42]:
        assert object_id(value) is None, value


@given(st.text())
def test_no_text_makes_it_raise(value):
    found = object_id(value)
    assert found is None or found > 0
