"""register_check passes the shipped registers and names the line of each broken rule."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

HERE = Path(__file__).parent / "registers"

# broken file -> (line, message it must print, "error" or "warning")
BROKEN = {
    "unknown-category": (36, "unknown category 'child.education.shoe-size' (not in the taxonomy)", "error"),
    "special-without-art9": (
        36,
        "purpose 'casework' touches special category 'child.special.ethnicity' but has no Art 9 condition",
        "error",
    ),
    "criminal-without-art10": (
        36,
        "purpose 'casework' touches criminal offence category 'child.criminal.offences' but has no Art 10 condition",
        "error",
    ),
    "consent-without-withdrawal": (56, "purpose 'mentoring' rests on consent but has no withdrawal route", "error"),
    "consent-without-form": (53, "purpose 'mentoring' rests on consent but names no consent form", "error"),
    "explicit-consent-without-form": (
        56,
        "purpose 'equality-monitoring' relies on explicit consent (Art 9(2)(a)) but names no consent form",
        "error",
    ),
    "recipient-without-agreement": (
        61,
        "recipient 'schools' has neither an information-sharing agreement nor a statute",
        "error",
    ),
    "agreement-past-review": (69, "warning: agreement 'TST-ISA-1' passed its review date on 31 March 2020", "warning"),
    "unknown-retention-class": (
        59,
        "purpose 'mentoring' names retention class 'forever', which is not defined",
        "error",
    ),
    "policy-document-missing": (
        38,
        "purpose 'health-support' relies on a DPA 2018 Schedule 1 condition that needs an appropriate policy document",
        "error",
    ),
    "unknown-field": (35, "services.0.purposes.0.lawfull_basis: unknown field", "error"),
    "unknown-lawful-basis": (34, "services.0.purposes.0.lawful_basis: Input should be 'consent'", "error"),
    "missing-field": (18, "services.0.automated_decisions: this field is required", "error"),
    "duplicate-purpose": (50, "purpose 'casework' is defined twice in service 'attendance'", "error"),
    "bad-period": (69, "services.0.retention.0.period: period must be an ISO 8601 duration", "error"),
    "unknown-data-subject": (26, "unknown data subject 'pupil'", "error"),
    "not-yaml": (22, "not valid YAML", "error"),
    "purpose-title-in-second-person": (
        53,
        "the title of purpose 'mentoring' reads as the notice's sentence: name the work",
        "error",
    ),
    "editorial-note": (
        62,
        "warning: 'in the notice' reads as a note about the original notice, and notices print this text",
        "warning",
    ),
}


def _check(*paths: Path) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("register_check", *map(str, paths), stdout=out)
    except CommandError as failed:
        return out.getvalue() + str(failed), failed.returncode
    return out.getvalue(), 0


def test_shipped_registers_pass():
    output, code = _check()
    assert code == 0, output
    assert " 0 error(s)" in output


def test_shipped_registers_print_no_editorial_notes():
    output, _code = _check()
    assert "reads as a note about the original notice" not in output, output


def test_the_test_set_covers_every_file():
    assert {path.stem for path in HERE.glob("*.yaml")} == {*BROKEN, "valid"}


def test_valid_register_passes():
    output, code = _check(HERE / "valid.yaml")
    assert code == 0, output
    assert "0 error(s), 0 warning(s)" in output


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_register_names_file_line_and_rule(name):
    line, message, severity = BROKEN[name]
    output, code = _check(HERE / f"{name}.yaml")
    assert f"registers/{name}.yaml:{line}: {message}" in output, output
    assert code == (1 if severity == "error" else 0)


def test_missing_file_is_a_clear_error():
    output, code = _check(HERE / "no-such-register.yaml")
    assert code == 2
    assert "no such file" in output


def test_register_dir_setting_points_at_the_shipped_registers():
    assert (Path(settings.REGISTER_DIR) / "taxonomy.yaml").exists()


def test_shipped_registers_give_every_purpose_a_title():
    output, _code = _check()
    assert "has no title" not in output, output
