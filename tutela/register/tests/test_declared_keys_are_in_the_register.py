"""The site does not start while code names a purpose or category the register does not hold
(``tutela.register.declared``, checked by the system check ``register.E002``)."""

import pytest

from tutela.register import declared
from tutela.register.checks import declared_keys_exist


@pytest.fixture
def forget_declarations():
    categories, purposes = dict(declared._CATEGORIES), dict(declared._PURPOSES)
    yield
    declared._CATEGORIES.clear()
    declared._CATEGORIES.update(categories)
    declared._PURPOSES.clear()
    declared._PURPOSES.update(purposes)


def test_the_shipped_declarations_are_all_in_the_register():
    assert declared_keys_exist() == []


def test_a_category_not_in_the_taxonomy_stops_the_site(forget_declarations):
    declared.category("child.education.shoe-size")
    messages = declared_keys_exist()
    assert [message.id for message in messages] == ["register.E002"]
    assert "category 'child.education.shoe-size', which the register does not hold" in messages[0].msg
    assert __name__ in messages[0].msg


def test_a_purpose_not_in_the_service_stops_the_site(forget_declarations):
    declared.purpose("education-support", "shoe-inspection")
    assert "purpose 'education-support/shoe-inspection'" in declared_keys_exist()[0].msg


def test_a_service_no_register_holds_stops_the_site(forget_declarations):
    declared.service("shoe-service")
    assert "service 'shoe-service'" in declared_keys_exist()[0].msg


def test_every_app_that_names_keys_declares_them_in_one_module():
    declared_keys_exist()
    modules = {module for names in declared.declared_categories().values() for module in names}
    assert modules == {
        "tutela.attendance.categories",
        "tutela.casework.categories",
        "tutela.enforcement.categories",
        "tutela.engagement.categories",
        "tutela.pupil_data.categories",
        "tutela.records.categories",
        "tutela.safeguarding.categories",
        "tutela.sharing.categories",
        "tutela.targeted.categories",
    }
