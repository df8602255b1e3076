"""The quality gate: each eval command on the team's own gold set stays above its pinned floor."""

import json
from pathlib import Path

from click.testing import CliRunner

from wirecoder.cli import main

ROOT = Path(__file__).parent.parent.parent
BASELINE = json.loads((ROOT / "eval" / "baseline.json").read_text())


def test_extraction_gate():
    gate = BASELINE["extract"]
    result = CliRunner().invoke(main, ["eval", "extract", "--gold", str(ROOT / gate["gold"]), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    for metric, floor in gate["floor"].items():
        assert scores[metric] >= floor, f"{metric} {scores[metric]} fell below its floor {floor}"
