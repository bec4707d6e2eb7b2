"""The engine is pure Python: standard library and its own policy only, no Django, no I/O."""

import ast
import sys
from pathlib import Path

import proficio.mastery

ENGINE = Path(proficio.mastery.__file__).parent


def test_the_engine_imports_only_the_standard_library_and_itself() -> None:
    for module in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                allowed = name.startswith("proficio.mastery") or (
                    name.split(".")[0] in sys.stdlib_module_names
                )
                assert allowed, f"{module.name} imports {name}"
