"""The architecture's import rules (pyproject.toml, import-linter) hold in every test run."""

import subprocess
import sys
from pathlib import Path


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 -- the project's own tool from its own venv
        [str(lint_imports)], capture_output=True, text=True, check=False, timeout=300,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout
