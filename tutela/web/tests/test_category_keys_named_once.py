"""Purposes and categories are named once: a register key appears as a literal only in an app's
``categories.py`` (``tutela.register.declared``), where the start-up check finds it in the register.

A literal such as ``"child.identity.name"`` elsewhere is a second statement of the register that no
check keeps true: rename the category and the code quietly asks the gate about one that no longer
exists. The scan reads every module under ``tutela/`` except tests and migrations.
"""

import ast
from pathlib import Path

import yaml

import tutela
from tutela.register.api import load_register_set
from tutela.register.declared import missing_from

ROOT = Path(tutela.__file__).parent
TAXONOMY = Path(tutela.__file__).parent.parent / "registers" / "taxonomy.yaml"


def _category_keys() -> set[str]:
    taxonomy = yaml.safe_load(TAXONOMY.read_text())
    return {category["key"] for category in taxonomy["categories"]}


def _purpose_keys() -> set[str]:
    """Purpose keys that read as nothing else: several words (a one-word key such as 'safeguarding'
    is also an ordinary word in code and text), and not also a service or recipient key."""
    registers = load_register_set()
    others = {
        key
        for register in registers.registers.values()
        for service in register.services
        for key in (service.key, *(recipient.key for recipient in service.recipients))
    }
    purposes = {
        purpose.key
        for register in registers.registers.values()
        for service in register.services
        for purpose in service.purposes
    }
    return {key for key in purposes if "-" in key} - others


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def literals_of(path: Path, keys: set[str], root: Path = ROOT.parent) -> list[str]:
    """Each ``file:line: 'key'`` where the module writes one of these keys as a string literal."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skip = _docstrings(tree)
    return [
        f"{path.relative_to(root)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and id(node) not in skip and node.value in keys
    ]


def _scanned() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and path.name != "categories.py"
    )


def test_the_scan_finds_a_literal_but_not_a_docstring(tmp_path):
    module = tmp_path / "steps.py"
    module.write_text(
        '"""Reads child.identity.name."""\n'
        'CATEGORIES = ("child.identity.name",)\n'
        'PURPOSE = "school-attendance-orders"\n'
    )
    assert literals_of(module, _category_keys(), tmp_path) == ["steps.py:2: 'child.identity.name'"]
    assert literals_of(module, _purpose_keys(), tmp_path) == ["steps.py:3: 'school-attendance-orders'"]


def test_no_category_key_is_written_outside_a_categories_module():
    keys = _category_keys()
    found = [hit for path in _scanned() for hit in literals_of(path, keys)]
    assert not found, "name these in the app's categories.py (tutela.register.declared.category):\n" + "\n".join(found)


def test_no_purpose_key_is_written_outside_a_categories_module():
    keys = _purpose_keys()
    found = [hit for path in _scanned() for hit in literals_of(path, keys)]
    assert not found, "name these in the app's categories.py (tutela.register.declared.purpose):\n" + "\n".join(found)


def test_every_declared_key_is_in_the_register():
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("categories")
    assert not [str(missing) for missing in missing_from(load_register_set())]
