"""No page view answers a refusal by the gate itself: ``RefusalMiddleware`` does, in one place.

A view may still catch ``GateDenied`` to carry on (a form shown again with the reason as an
error), but a handler that ends the page (returns a response or raises) is the refusal page
rebuilt by hand, and may drift from it: no break-glass offer, other words, no 403.
The API answers refusals in its own one place (``tutela.api.views._answer`` / ``tutela.api.errors``).
"""

import ast
from pathlib import Path

import tutela

ROOT = Path(tutela.__file__).parent
API = ROOT / "api"


def _view_modules() -> list[Path]:
    found = [*ROOT.glob("*/views.py"), *ROOT.glob("*/views/*.py")]
    return sorted(path for path in found if not path.is_relative_to(API))


def _catches_gate_denied(handler: ast.ExceptHandler) -> bool:
    return handler.type is not None and "GateDenied" in {
        node.id for node in ast.walk(handler.type) if isinstance(node, ast.Name)
    } | {node.attr for node in ast.walk(handler.type) if isinstance(node, ast.Attribute)}


def _ends_the_page(handler: ast.ExceptHandler) -> bool:
    return any(isinstance(node, ast.Return | ast.Raise) for stmt in handler.body for node in ast.walk(stmt))


def refusals_answered_by_hand(path: Path, root: Path = ROOT.parent) -> list[str]:
    """Each ``file:line`` where the module answers a refusal itself."""
    tree = ast.parse(path.read_text(), filename=str(path))
    where = path.relative_to(root)
    found = [
        f"{where}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ExceptHandler) and _catches_gate_denied(node) and _ends_the_page(node)
    ]
    source = path.read_text()
    if "refused.html" in source:
        found.append(f"{where}: renders the refusal page itself")
    return found


def test_the_check_sees_a_refusal_answered_by_hand(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "def page(request):\n"
        "    try:\n"
        "        case = case_for_actor()\n"
        "    except GateDenied as denied:\n"
        "        return _refused(request, denied)\n"
        "    try:\n"
        "        save()\n"
        "    except (InvalidInput, errors.GateDenied):\n"
        "        raise PermissionDenied\n"
        "    try:\n"
        "        save()\n"
        "    except GateDenied as denied:\n"
        "        form.add_error(None, str(denied))\n"
    )
    assert refusals_answered_by_hand(module, root=tmp_path) == ["views.py:4", "views.py:8"]


def test_no_page_view_answers_a_refusal_itself():
    modules = _view_modules()
    assert len(modules) >= 5  # the glob found the apps' views
    found = [where for path in modules for where in refusals_answered_by_hand(path)]
    assert not found, "let GateDenied reach RefusalMiddleware instead of answering it in the view:\n" + "\n".join(found)
