"""The site will not start on an invalid register, and says why with the same messages."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
BROKEN = Path(__file__).parent / "registers" / "special-without-art9.yaml"


def _with_broken_register(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(settings.REGISTER_DIR) / "taxonomy.yaml", tmp_path / "taxonomy.yaml")
    shutil.copy(BROKEN, tmp_path / "testshire.yaml")
    return tmp_path


def _run(args: list[str], register_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TUTELA_MODE": "demo", "REGISTER_DIR": str(register_dir), "TUTELA_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(  # noqa: S603 -- our own interpreter and fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_system_checks_refuse_with_the_register_message(tmp_path):
    result = _run(["manage.py", "check"], _with_broken_register(tmp_path / "registers"), tmp_path)
    assert result.returncode != 0
    assert "testshire.yaml:36: purpose 'casework' touches special category 'child.special.ethnicity'" in result.stderr


def test_wsgi_application_refuses_to_load(tmp_path):
    register_dir = _with_broken_register(tmp_path / "registers")
    result = _run(["-c", "import tutela.wsgi"], register_dir, tmp_path)
    assert result.returncode != 0
    assert "The register is invalid; Tutela will not start" in result.stderr
    assert "has no Art 9 condition" in result.stderr


def test_shipped_register_starts(tmp_path):
    result = _run(["manage.py", "check"], Path(settings.REGISTER_DIR), tmp_path)
    assert result.returncode == 0, result.stderr
