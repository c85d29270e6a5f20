"""Control bytes in front matter (NUL, ESC, DEL, C1): `path:line: message`, never a traceback.

PyYAML refuses them with a ReaderError that names a character position, not a line; the
front matter reader finds them first and names the file line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import Cli, case_id, expectation, install, refused, sources


@pytest.mark.parametrize("fixture", sources("control-bytes"), ids=case_id)
def test_a_control_byte_in_front_matter_is_refused_at_its_line(
    project: Path, cli: Cli, fixture: Path
) -> None:
    assert refused(project, cli, lambda: install(project, fixture)) == expectation(fixture)
