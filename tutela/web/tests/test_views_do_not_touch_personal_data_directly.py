"""Views, forms, API code and commands reach personal data only through services and selectors.

The easy path is the gated one: this test fails if such a module queries a personal-data model
(``Person.objects``, ``Record.objects``, ...) itself.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PERSONAL_MODELS = {
    "Person",
    "Record",
    "Document",
    "Consent",
    "Objection",
    "OptOut",
    "Case",
    "Relationship",
    "CourtOrder",
    "FormerUPN",
    "CaseFlag",
}
# Modules that present data to people or programs; services, selectors and tasks are where queries live.
PRESENTATION = sorted(
    [
        *ROOT.glob("*/views.py"),
        *ROOT.glob("*/forms.py"),
        *ROOT.glob("*/api.py"),
        *ROOT.glob("*/serializers.py"),
        *ROOT.glob("web/*.py"),
    ]
)


def _direct_queries(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"objects", "_default_manager"}
            and isinstance(node.value, ast.Name)
            and node.value.id in PERSONAL_MODELS
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value.id}.{node.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "get_object_or_404":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Name) and first.id in PERSONAL_MODELS:
                found.append(f"{path.relative_to(root)}:{node.lineno}: get_object_or_404({first.id})")
    return found


def test_there_are_presentation_modules_to_check():
    assert any(path.name == "views.py" for path in PRESENTATION)


@pytest.mark.parametrize("path", PRESENTATION, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_direct_personal_data_queries(path):
    assert _direct_queries(path) == []


def test_the_check_catches_a_direct_query(tmp_path):
    sneaky = tmp_path / "views.py"
    sneaky.write_text("def view(request):\n    Person.objects.all()\n    get_object_or_404(Record, pk=1)\n")
    assert sorted(_direct_queries(sneaky, tmp_path)) == [
        "views.py:2: Person.objects",
        "views.py:3: get_object_or_404(Record)",
    ]
