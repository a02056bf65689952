"""Settings fail fast: production refuses to start unsafely, and passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD_KEY = "k3Y-for-the-deploy-check-only-" + "x9Q#mZ2!pL7@vR4$" * 3


def _run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "LANTERN_ENV", "DATABASE_URL",
                          "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    clean.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", **env})
    return subprocess.run(  # noqa: S603 -- our own interpreter and console script
        [sys.executable, "-m", "lantern", *args], env=clean, capture_output=True, text=True,
        timeout=120, check=False,
    )


@pytest.mark.parametrize(("env", "message"), [
    ({"LANTERN_ENV": "production", "ALLOWED_HOSTS": "lantern.example"},
     "SECRET_KEY must be set when LANTERN_ENV=production"),
    ({}, "SECRET_KEY must be set when LANTERN_ENV=production"),
    ({"LANTERN_ENV": "production", "SECRET_KEY": GOOD_KEY, "DEBUG": "true",
      "ALLOWED_HOSTS": "lantern.example"}, "DEBUG must be off"),
    ({"LANTERN_ENV": "production", "SECRET_KEY": GOOD_KEY},
     "ALLOWED_HOSTS must name this server"),
    ({"LANTERN_ENV": "production", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"},
     "ALLOWED_HOSTS may not be '*'"),
    ({"LANTERN_ENV": "staging"}, "LANTERN_ENV must be demo, test or production"),
])
def test_production_refuses_to_start_unsafely(env: dict[str, str], message: str,
                                              tmp_path: Path) -> None:
    result = _run(["check"], env, tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_pass_the_deploy_check_with_no_warnings(tmp_path: Path) -> None:
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {"LANTERN_ENV": "production", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "lantern.example"},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
