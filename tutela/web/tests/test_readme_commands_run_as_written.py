"""Every command README.md shows works as written, after the set-up the README itself tells a reader to do.

A new developer copies commands from the README into a fresh terminal. Each `python manage.py`
command it names must exist and accept the options it is shown with; each `make` target and
variable must be in the Makefile; each benchmark script must exist and take its options; and the
cheap commands are run for real, in a subprocess, with only the README's set-up lines (and a
private var/ directory, so the test never touches a developer's demo database).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

from tutela.web.tests.readme import ROOT, Command, readme_commands, readme_prose, readme_setup_lines, readme_text

COMMANDS = readme_commands()
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def _of_kind(kind: str) -> list[Command]:
    return [command for command in COMMANDS if command.kind == kind]


def test_the_readme_commands_are_found_and_each_is_a_kind_the_tests_check():
    assert {"register_check", "notice_render", "audit_verify"} <= {c.argv[2] for c in _of_kind("manage")}
    assert _of_kind("make") and _of_kind("bench")
    assert [c.text for c in COMMANDS if c.kind == "unknown"] == []


def test_the_readme_tells_the_reader_to_use_the_virtualenv_and_the_demo_settings():
    setup = readme_setup_lines()
    assert "source .venv/bin/activate" in setup
    assert "export TUTELA_MODE=demo" in setup


def test_the_set_up_comes_before_the_first_command_that_needs_it():
    # A reader copies commands from the top down: a `python ...` shown above the set-up runs without
    # TUTELA_MODE and stops with "SECRET_KEY is not set" (make sets it itself).
    text = readme_text()
    set_up = text.index("export TUTELA_MODE=demo")
    shown_at = {c.text: text.find(c.text) for c in COMMANDS if c.argv[0] == "python"}
    assert {command: at for command, at in shown_at.items() if 0 <= at < set_up} == {}


@pytest.mark.parametrize("command", _of_kind("manage"), ids=lambda c: c.text)
def test_every_manage_py_command_in_the_readme_exists_and_takes_the_options_shown(command):
    name = command.argv[2]
    registry = get_commands()
    assert name in registry, f"README: `{command.text}`: manage.py has no command {name!r}"
    parser = load_command_class(registry[name], name).create_parser("manage.py", name)
    known = parser._option_string_actions
    shown = {word.split("=")[0] for word in command.words[3:] if word.startswith("-")}
    assert sorted(shown - set(known)) == [], f"README: `{command.text}`: options {name} does not take"
    required = [a.option_strings[0] for a in parser._actions if a.required and a.option_strings]
    assert [o for o in required if o not in shown] == [], f"README: `{command.text}` leaves out required options"


def _makefile_targets() -> set[str]:
    targets = set()
    for line in MAKEFILE.splitlines():
        head, colon, rest = line.partition(":")
        if colon and not line.startswith(("\t", "#", " ")) and not rest.startswith("=") and "=" not in head:
            targets.update(head.split())
    return targets


@pytest.mark.parametrize("command", _of_kind("make"), ids=lambda c: c.text)
def test_every_make_target_and_variable_in_the_readme_is_in_the_makefile(command):
    targets = [word for word in command.argv[1:] if "=" not in word]
    variables = [word.split("=")[0] for word in command.argv[1:] if "=" in word]
    assert targets, f"README: `{command.text}` names no target"
    assert [t for t in targets if t not in _makefile_targets()] == []
    for variable in variables:
        assert f"$({variable})" in MAKEFILE, f"README: `{command.text}`: the Makefile does not use {variable}"


@pytest.mark.parametrize("command", _of_kind("bench"), ids=lambda c: c.text)
def test_every_benchmark_in_the_readme_exists_and_takes_the_options_shown(command):
    script = ROOT / command.argv[1]
    assert script.is_file(), f"README: `{command.text}`: no {command.argv[1]}"
    result = subprocess.run(  # noqa: S603 -- our own interpreter and a script of this repository
        [sys.executable, str(script), "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    for option in (word for word in command.words[2:] if word.startswith("-")):
        assert option in result.stdout, f"README: `{command.text}`: {command.argv[1]} has no {option}"


# --- Run for real, as a reader would ------------------------------------------------------------

# What a fresh terminal does not have: anything that would choose the settings for the reader.
_NOT_IN_A_FRESH_TERMINAL = {
    "DJANGO_SETTINGS_MODULE",
    "TUTELA_MODE",
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "TUTELA_MASTER_KEY",
    "TUTELA_MASTER_KEY_FILE",
    "KEYSTORE_PATH",
    "AUDIT_CHECKPOINT_PATH",
    "DOCUMENT_STORE_DIR",
    "DISCLOSURE_PACKAGE_DIR",
    "ALLOWED_HOSTS",
    "VIRTUAL_ENV",
}
RUN_FOR_REAL = {"register_check", "register_publish", "notice_render", "audit_verify", "audit_checkpoint"}


def _fresh_terminal(var_dir: Path) -> dict[str, str]:
    venv_bin = str((ROOT / ".venv" / "bin").resolve())
    environment = {k: v for k, v in os.environ.items() if k not in _NOT_IN_A_FRESH_TERMINAL}
    path = [p for p in environment.get("PATH", "").split(os.pathsep) if p and str(Path(p).resolve()) != venv_bin]
    environment["PATH"] = os.pathsep.join(path)
    environment["TUTELA_VAR_DIR"] = str(var_dir)  # the test's own var/, not the developer's
    return environment


def _as_the_reader(command_line: str, var_dir: Path) -> subprocess.CompletedProcess[str]:
    script = "set -e\n" + "\n".join([*readme_setup_lines(), command_line]) + "\n"
    return subprocess.run(  # noqa: S603 -- bash running the README's own lines
        ["bash", "-c", script],  # noqa: S607
        cwd=ROOT,
        env=_fresh_terminal(var_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def migrated_var_dir(tmp_path_factory):
    if not (ROOT / ".venv" / "bin" / "activate").is_file() or shutil.which("bash") is None:
        pytest.skip("needs bash and the .venv that make install creates")
    var_dir = tmp_path_factory.mktemp("readme-var")
    result = _as_the_reader("python manage.py migrate --no-input -v 0", var_dir)
    assert result.returncode == 0, result.stderr
    return var_dir


def _run_for_real() -> list[Command]:
    seen: dict[str, Command] = {}
    for command in _of_kind("manage"):
        if command.argv[2] in RUN_FOR_REAL:
            seen.setdefault(command.text, command)
    return list(seen.values())


def test_the_cheap_commands_the_tests_run_are_all_in_the_readme():
    assert {c.argv[2] for c in _run_for_real()} == RUN_FOR_REAL


@pytest.mark.parametrize("command", _run_for_real(), ids=lambda c: c.text)
def test_the_cheap_commands_run_as_written_in_a_fresh_terminal(command, migrated_var_dir):
    # Only where a command writes a file is the file put in the test's directory, not the checkout.
    argv = list(command.argv)
    if "--out" in argv:
        position = argv.index("--out") + 1
        argv[position] = str(migrated_var_dir / argv[position])
    result = _as_the_reader(" ".join(argv), migrated_var_dir)
    assert result.returncode == 0, f"README: `{command.text}` failed:\n{result.stderr[-2000:]}"
    if "--out" in argv:
        assert Path(argv[argv.index("--out") + 1]).stat().st_size > 0


def test_without_the_readme_set_up_a_command_refuses_to_start_rather_than_run_insecurely(tmp_path):
    # Production stays the default: the set-up line is what makes the demo settings apply.
    result = subprocess.run(
        [sys.executable, "manage.py", "register_check"],
        cwd=ROOT,
        env=_fresh_terminal(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_no_inline_code_in_the_readme_is_broken_across_lines():
    # A `make\ndemo` broken by reflowing is still a command to the reader, but not to these tests.
    odd = [line for line in readme_prose().splitlines() if line.count("`") % 2]
    assert odd == []
