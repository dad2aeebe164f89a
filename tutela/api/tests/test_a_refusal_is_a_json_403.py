"""A refusal by the gate that reaches the API's exception handler is a JSON 403 with its reasons,
never the HTML refusal page meant for a browser (or a server error)."""

from tutela.api.errors import exception_handler
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Decision


def test_the_api_answers_a_refusal_with_its_reasons_as_json() -> None:
    response = exception_handler(GateDenied(Decision(False, ("no need to know this person",), subject_id=1)), {})
    assert response is not None
    assert response.status_code == 403
    assert response.data == {"detail": ["no need to know this person"], "codes": []}
