"""Dates that do not exist (year 1 east of UTC, year 9999 west of it, 30 February, hour 25):
`path:line: message` at the line of the value, never an OverflowError or ValueError."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import Cli, case_id, expectation, install, refused, sources


@pytest.mark.parametrize("fixture", sources("dates"), ids=case_id)
def test_a_date_that_does_not_exist_is_refused_at_its_line(
    project: Path, cli: Cli, fixture: Path
) -> None:
    assert refused(project, cli, lambda: install(project, fixture)) == expectation(fixture)
