"""Values in site.toml out of range or out of shape (a base URL with markup, credentials or
spaces; a threshold of nan, inf or 1e300): refused at their line before anything is built."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import Cli, case_id, configs, expectation, install, refused


@pytest.mark.parametrize("fixture", configs("config-values"), ids=case_id)
def test_a_value_out_of_range_or_shape_is_refused_at_its_line(
    project: Path, cli: Cli, fixture: Path
) -> None:
    assert refused(project, cli, lambda: install(project, fixture)) == expectation(fixture)
