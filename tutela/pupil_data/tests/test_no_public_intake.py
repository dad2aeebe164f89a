"""The register names only schools and the council's services as sources of pupil data: no public form."""

from dataclasses import replace

from tutela.casework.kit import Submitter
from tutela.casework.tests.kit_register import kit_register_problems
from tutela.pupil_data.kit import KIT


def test_no_form_takes_requests_from_the_public():
    assert all(Submitter.PUBLIC not in form.submitters for form in KIT.intake)


def test_a_public_form_would_be_found_by_the_kit_check():
    form = replace(KIT.intake[0], submitters=frozenset({Submitter.PUBLIC}))
    assert any("the public may submit" in problem for problem in kit_register_problems(replace(KIT, intake=(form,))))
