"""The README documents every command and every setting, and its two commands exist."""

from __future__ import annotations

from pathlib import Path

import re

from polybius.cli import main
from polybius.settings import SETTINGS

REPO = Path(__file__).resolve().parents[1]

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    for name in main.commands:
        assert f"polybius {name}" in README, f"README does not document `polybius {name}`"


def test_every_setting_is_documented():
    for setting in SETTINGS:
        name = setting.name
        documented = f"`{name}`" in README or (name.startswith("csv_") and "`csv_*_column`"
                                                in README)
        assert documented, f"README settings table lacks `{name}`"


def test_front_door_commands_point_at_real_files():
    block = re.search(r"```bash\n(.*?)```", README, re.S).group(1)
    assert "bash scripts/setup.sh && .venv/bin/polybius run examples/" in block
    assert "bash scripts/test.sh" in block
    assert (REPO / "scripts" / "setup.sh").exists() and (REPO / "scripts" / "test.sh").exists()
    assert "scripts/test.sh" in (REPO / ".ci" / "run").read_text()
