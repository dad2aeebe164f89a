"""The apps' imports obey the layers of ARCHITECTURE.md: the import-linter contracts in pyproject.toml
hold, and they place every app under tutela/ (a new service app must be put in a layer)."""

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _apps() -> set[str]:
    return {path.parent.name for path in (ROOT / "tutela").glob("*/__init__.py")}


def test_the_import_contracts_hold():
    # Run as `make lint` does, in a fresh interpreter: the linter builds its own import graph.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_layers_name_every_app():
    (layers,) = [contract for contract in _contracts() if contract["type"] == "layers"]
    placed = [name.strip() for layer in layers["layers"] for name in layer.split("|")]
    assert sorted(placed) == sorted(_apps()), "place every app under tutela/ in one layer of [tool.importlinter]"


def test_every_service_app_is_independent_of_the_others_and_unknown_to_the_backbone():
    contracts = {contract["id"]: contract for contract in _contracts()}
    (services_layer,) = [layer for layer in contracts["layers"]["layers"] if "|" in layer]
    services = {f"tutela.{name.strip()}" for name in services_layer.split("|")}
    assert set(contracts["services-independent"]["modules"]) == services
    assert set(contracts["backbone-knows-no-service"]["forbidden_modules"]) == services
