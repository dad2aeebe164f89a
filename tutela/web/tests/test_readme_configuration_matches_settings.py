"""README.md's configuration table names every environment variable the settings read, and no other."""

import re

from tutela.web.tests.readme import ROOT, readme_text

SETTINGS = (ROOT / "tutela" / "settings.py").read_text(encoding="utf-8")


def _read_by_settings() -> set[str]:
    return set(
        re.findall(r"""(?:environ\.get\(|environ\[|_env_bool\(|_env_list\()\s*["']([A-Z][A-Z0-9_]*)["']""", SETTINGS)
    )


def _in_the_table() -> set[str]:
    section = readme_text().split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split("|")[1])}


def test_every_environment_variable_the_settings_read_is_in_the_readme_table():
    assert "SECRET_KEY" in _read_by_settings()
    assert sorted(_read_by_settings() - _in_the_table()) == []


def test_the_readme_table_names_only_variables_the_settings_read():
    assert sorted(_in_the_table() - _read_by_settings()) == []
