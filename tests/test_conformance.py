"""The shared conformance check (`../shared/conformance/smoke.py`) against a real server."""

import subprocess
import sys
from collections.abc import Callable

from tests.samples import CONFORMANCE_PACK


def test_a_running_server_passes_the_conformance_smoke_check(
    serve: Callable[..., tuple[str, str]],
) -> None:
    url, _ = serve(packs=[CONFORMANCE_PACK], demo=False)
    smoke = CONFORMANCE_PACK.parent / "smoke.py"
    result = subprocess.run(
        [sys.executable, str(smoke), url], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: the learner API matches the spec's shapes" in result.stdout
