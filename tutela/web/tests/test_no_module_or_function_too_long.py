"""Small pieces (STYLE.md, "Small pieces"; issue 12 item 6): no module of Tutela over 600 lines and
no function or method over 60, tests included and migrations (generated) excluded.

A function's length runs from its ``def`` line to its last line: decorators are not counted, its
docstring is. A declarative table is exempt however long it grows, and is recognised by its shape,
not by a list of names: a function whose body, after an optional docstring, is one ``return`` of a
literal list, tuple, set or dict (the elements may be calls, as in a table of form fields). Anything
that branches, loops or assigns is logic, and is split along what it does instead.
"""

import ast
from pathlib import Path

import tutela

MODULE_LIMIT = 600
FUNCTION_LIMIT = 60
ROOT = Path(tutela.__file__).parent
LITERALS = (ast.List, ast.Tuple, ast.Set, ast.Dict)


def _modules() -> list[Path]:
    return sorted(path for path in ROOT.rglob("*.py") if "migrations" not in path.relative_to(ROOT).parts)


def _where(path: Path) -> str:
    return str(path.relative_to(ROOT.parent))


def _is_declarative_table(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(body[0].value, LITERALS)


def _long_functions(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            if length > FUNCTION_LIMIT and not _is_declarative_table(node):
                found.append(f"{_where(path)}:{node.lineno} {node.name}: {length} lines")
    return found


def test_the_walk_finds_the_modules():
    names = {_where(path) for path in _modules()}
    assert "tutela/governance/gate.py" in names
    assert not any("/migrations/" in name for name in names)


def test_no_module_is_over_600_lines():
    long = [
        f"{_where(path)}: {length} lines"
        for path in _modules()
        if (length := len(path.read_text().splitlines())) > MODULE_LIMIT
    ]
    assert not long, f"split these modules by what they do (at most {MODULE_LIMIT} lines):\n" + "\n".join(long)


def test_no_function_is_over_60_lines_outside_declarative_tables():
    long = [entry for path in _modules() for entry in _long_functions(path)]
    assert not long, (
        f"split these functions into named helpers (at most {FUNCTION_LIMIT} lines; a declarative table, "
        "one return of a literal, is exempt):\n" + "\n".join(long)
    )


def test_a_literal_table_is_exempt_and_logic_is_not():
    table = ast.parse('def fields():\n    """The form\'s fields."""\n    return [\n' + "    1,\n" * 70 + "    ]\n")
    logic = ast.parse("def steps():\n    rows = []\n    return [\n" + "    1,\n" * 70 + "    ]\n")
    assert _is_declarative_table(table.body[0])
    assert not _is_declarative_table(logic.body[0])
