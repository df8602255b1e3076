"""Docs are tested: every command is in the README, every setting and error code is documented."""

import re
from pathlib import Path

import click
import pytest

from wirecoder import errors
from wirecoder.cli import main
from wirecoder.settings import Settings

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()
DOCS = "\n".join(p.read_text() for p in (ROOT / "docs").rglob("*.md"))


def _commands(group: click.Group, prefix: str = "wirecoder") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in group.commands.items():
        out.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            out.extend(_commands(command, f"{prefix} {name}"))
    return out


@pytest.mark.parametrize(("name", "command"), _commands(main), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_is_documented_in_readme(name, command):
    assert f"`{name}" in README
    assert command.help


@pytest.mark.parametrize("setting", [s["name"] for s in Settings.describe()])
def test_every_setting_is_documented(setting):
    assert f"`{setting}`" in (ROOT / "docs" / "settings.md").read_text()


@pytest.mark.parametrize("code", sorted(n for n in vars(errors) if re.fullmatch(r"E\d{3}", n)))
def test_every_error_code_is_documented(code):
    assert f"| {code} |" in DOCS


def test_readme_quick_start_has_exactly_two_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert quick.count("```sh") == 2


def test_ci_runs_the_readme_test_command():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    test_command = re.findall(r"```sh\n(.*?)\n```", quick, re.S)[1]
    assert test_command in (ROOT / ".ci" / "run").read_text()
