"""The architecture's import rules (pyproject.toml, import-linter) hold in every test run."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_import_contracts_are_kept() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 -- the project's own tool from its own venv
        [str(lint_imports)], capture_output=True, text=True, check=False, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(contracts) >= 4
    assert f"Contracts: {len(contracts)} kept, 0 broken." in result.stdout
