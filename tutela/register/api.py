"""The register as the rest of Tutela asks it: one typed, cached, in-process interface.

The gate, consent, sharing, retention, rights, notices and statistics all read the register
through ``register()``; nothing re-states a purpose, basis, category, recipient or period.
The files are read once and cached; a worker notices changed files (by modification time and
size, checked at most once a second) and reloads them, keeping the old register if the new one
is invalid, so no worker is left enforcing a stale version after a publication.
"""

import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from tutela.register.loader import Problem, read_located, validate_model
from tutela.register.rules import register_problems, taxonomy_problems
from tutela.register.schema import Category, LawfulBasis, Purpose, Recipient, Register, Service, Taxonomy

TAXONOMY_FILE = "taxonomy.yaml"


class RegisterInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class RegisterSet:
    """Every controller's register with the shared taxonomy, as loaded at one moment."""

    taxonomy: Taxonomy
    registers: dict[str, Register]
    fingerprint: str
    warnings: list[Problem] = field(default_factory=list)

    def controller(self, key: str) -> Register:
        try:
            return self.registers[key]
        except KeyError:
            raise LookupError(f"no register for controller '{key}'") from None

    def service(self, controller: str, service: str) -> Service:
        for candidate in self.controller(controller).services:
            if candidate.key == service:
                return candidate
        raise LookupError(f"controller '{controller}' has no service '{service}'")

    def category(self, key: str) -> Category:
        for category in self.taxonomy.categories:
            if category.key == key:
                return category
        raise LookupError(f"unknown category '{key}'")

    def categories(self, keys: list[str]) -> list[Category]:
        return [self.category(key) for key in keys]

    def purpose(self, controller: str, service: str, purpose: str) -> Purpose:
        for candidate in self.service(controller, service).purposes:
            if candidate.key == purpose:
                return candidate
        raise LookupError(f"service '{service}' has no purpose '{purpose}'")

    def purposes_touching(self, controller: str, service: str, category: str) -> list[Purpose]:
        """Which purposes of a service may touch a category (each carries its lawful basis)."""
        return [p for p in self.service(controller, service).purposes if category in p.categories and not p.retired]

    def consent_purposes(self, controller: str, service: str) -> list[Purpose]:
        """The purposes that stop when consent is withdrawn."""
        return [p for p in self.service(controller, service).purposes if p.lawful_basis == LawfulBasis.CONSENT]

    def recipient(self, controller: str, service: str, recipient: str) -> Recipient:
        for candidate in self.service(controller, service).recipients:
            if candidate.key == recipient:
                return candidate
        raise LookupError(f"service '{service}' has no recipient '{recipient}'")


def register_dir() -> Path:
    return Path(settings.REGISTER_DIR)


def load_taxonomy(path: Path, display: str | None = None) -> tuple[Taxonomy | None, list[Problem]]:
    located, problems = read_located(path, display)
    if located is None:
        return None, problems
    taxonomy, problems = validate_model(located, Taxonomy)
    if taxonomy is not None:
        problems = taxonomy_problems(taxonomy, located)
    return taxonomy, problems


def load_register(
    path: Path, taxonomy: Taxonomy, *, today: date, display: str | None = None
) -> tuple[Register | None, list[Problem]]:
    located, problems = read_located(path, display)
    if located is None:
        return None, problems
    register, problems = validate_model(located, Register)
    if register is None:
        return None, problems
    return register, register_problems(register, taxonomy, located, today=today)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR)))
    except ValueError:
        return str(path)


def check_files(paths: list[Path], *, today: date | None = None) -> list[Problem]:
    """Validate register files (and taxonomy files) and return every problem found."""
    today = today or timezone.localdate()
    problems: list[Problem] = []
    for path in paths:
        taxonomy_path = path.parent / TAXONOMY_FILE
        if not taxonomy_path.exists():
            taxonomy_path = register_dir() / TAXONOMY_FILE
        taxonomy, taxonomy_issues = load_taxonomy(taxonomy_path, _display(taxonomy_path))
        if path.name == TAXONOMY_FILE or taxonomy is None:
            problems += taxonomy_issues
            continue
        problems += load_register(path, taxonomy, today=today, display=_display(path))[1]
    return sorted(set(problems), key=lambda problem: (problem.file, problem.line, problem.message))


def _fingerprint(directory: Path) -> str:
    files = sorted(directory.glob("*.yaml"))
    return ";".join(f"{path.name}:{path.stat().st_mtime_ns}:{path.stat().st_size}" for path in files)


def load_register_set(directory: Path | None = None, *, today: date | None = None) -> RegisterSet:
    """Load the taxonomy and every controller's register; raise RegisterInvalid on any error."""
    directory = directory or register_dir()
    today = today or timezone.localdate()
    fingerprint = _fingerprint(directory)
    taxonomy, problems = load_taxonomy(directory / TAXONOMY_FILE, _display(directory / TAXONOMY_FILE))
    registers: dict[str, Register] = {}
    if taxonomy is not None:
        for path in sorted(directory.glob("*.yaml")):
            if path.name == TAXONOMY_FILE:
                continue
            loaded, issues = load_register(path, taxonomy, today=today, display=_display(path))
            problems += issues
            if loaded is not None:
                registers[loaded.controller.key] = loaded
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors or taxonomy is None:
        raise RegisterInvalid(errors)
    warnings = [problem for problem in problems if problem.severity == "warning"]
    return RegisterSet(taxonomy=taxonomy, registers=registers, fingerprint=fingerprint, warnings=warnings)


class _Store:
    """The process's cached register, reloaded when its files change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: RegisterSet | None = None
        self._checked_at = 0.0

    def get(self) -> RegisterSet:
        now = time.monotonic()
        current = self._current
        if current is not None and now - self._checked_at < settings.REGISTER_RECHECK_SECONDS:
            return current
        with self._lock:
            self._checked_at = now
            if self._current is None or _fingerprint(register_dir()) != self._current.fingerprint:
                self._current = self._reload()
            return self._current

    def _reload(self) -> RegisterSet:
        try:
            return load_register_set()
        except RegisterInvalid:
            if self._current is None:
                raise
            # Keep enforcing the last valid register; register_check shows what is wrong.
            return self._current

    def clear(self) -> None:
        with self._lock:
            self._current = None


_store = _Store()


def register() -> RegisterSet:
    """The current register of every controller."""
    return _store.get()


def register_cache_clear() -> None:
    _store.clear()
