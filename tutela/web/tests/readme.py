"""What README.md tells a reader to type: its shell commands, its set-up lines, its URLs and paths.

Shared by the tests that hold the README to the code (test_readme_*.py), so that each reads the
README the same way a new developer does: the ```sh blocks and the inline `python ...` and
`make ...` mentions are commands; `source` and `export` lines in a block are the set-up the reader
is told to do once per terminal.
"""

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
README = ROOT / "README.md"

_FENCE = re.compile(r"^ *```(\w*)\n(.*?)^ *```", re.MULTILINE | re.DOTALL)
_INLINE = re.compile(r"`([^`\n]+)`")
_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")
_COMMAND_START = re.compile(r"^(?:[A-Z_][A-Z0-9_]*=\S+\s+)*(?:python|make)\s+\S")
_SHELL_LANGUAGES = {"sh", "bash", "shell", "console"}


@dataclass(frozen=True)
class Command:
    """One command as the README prints it, split as a shell would."""

    text: str
    environment: dict[str, str]  # the VAR=value written before it
    argv: list[str]

    @property
    def kind(self) -> str:
        if self.argv[:2] == ["python", "manage.py"] and len(self.argv) > 2:
            return "manage"
        if self.argv[0] == "python" and len(self.argv) > 1 and self.argv[1].startswith("bench/"):
            return "bench"
        if self.argv[0] == "make":
            return "make"
        return "unknown"

    @property
    def words(self) -> list[str]:
        """The arguments with the README's [optional] brackets taken off."""
        return [word.strip("[]") for word in self.argv if word.strip("[]")]


def readme_text() -> str:
    return README.read_text(encoding="utf-8")


def _shell_block_lines(text: str) -> list[str]:
    lines = []
    for language, body in _FENCE.findall(text):
        if language not in _SHELL_LANGUAGES:
            continue
        for line in body.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line:
                lines.append(line)
    return lines


def readme_setup_lines() -> list[str]:
    """The `source` and `export` lines the README tells a reader to run before the commands."""
    return [line for line in _shell_block_lines(readme_text()) if line.split()[0] in {"source", "export", "."}]


def _parse(text: str) -> Command:
    words = shlex.split(text)
    environment = {}
    while words and _ASSIGNMENT.match(words[0]):
        name, _, value = words.pop(0).partition("=")
        environment[name] = value
    return Command(text=text, environment=environment, argv=words)


def readme_commands() -> list[Command]:
    """Every command the README shows, from its shell blocks and its inline code, in order."""
    text = readme_text()
    found = [line for line in _shell_block_lines(text) if line.split()[0] not in {"source", "export", "."}]
    found += [span for span in readme_inline_code() if _COMMAND_START.match(span)]
    return [_parse(line) for line in found]


def readme_prose() -> str:
    """The README without its fenced blocks."""
    return _FENCE.sub("", readme_text())


def readme_inline_code() -> list[str]:
    """Every inline code span outside the fenced blocks."""
    return [span.strip() for span in _INLINE.findall(readme_prose())]


def readme_code_tour() -> str:
    """The fenced block that starts with `tutela/`: the tour of the code."""
    for _language, body in _FENCE.findall(readme_text()):
        if body.startswith("tutela/\n"):
            return str(body)
    raise AssertionError("README.md has no tour of the code (a block starting with 'tutela/')")
