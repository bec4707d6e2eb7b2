"""The dependency map of docs/architecture.md, read from every module's imports.

Dependencies run one way: the faces (api, web, cli) may use anything below them; the apps
below never import a face, and each layer imports only the layers under it. An app is entered
only through its door: its `api` module (the engine: its package), its `data` types and its
`models`. A module importing across the map, or past a door, fails here, naming the file and
the import.
"""

import ast
from pathlib import Path

import proficio

SOURCE = Path(proficio.__file__).parent

# Helpers of the whole project that import nothing of ours: any module may use them.
SHARED = {"bounds", "sql_times"}
BELOW_THE_FACES = {"classroom", "reports", "accounts", "learning", "content", "mastery", *SHARED}
# Who may import whom: the package (or top-level module) on the left, what it may import.
MAY_IMPORT: dict[str, set[str]] = {
    "mastery": set(),
    "content": {"mastery"},
    "learning": {"content", "mastery", *SHARED},  # a learner is settings.AUTH_USER_MODEL
    "accounts": {*SHARED},
    "classroom": {"accounts", "learning", "content", "mastery", *SHARED},
    "reports": {"classroom", "accounts", "learning", "content", "mastery", *SHARED},
    "bounds": set(),
    "sql_times": set(),
    "demo": {"classroom", "accounts", "learning", "content", "mastery", *SHARED},
    # The faces, and what serves them.
    "api": BELOW_THE_FACES,
    "web": BELOW_THE_FACES,
    "request_bounds": {"bounds", "web"},  # middleware: refuses before either face runs
    "cli": {*BELOW_THE_FACES, "demo", "server"},
    "urls": {"api", "web"},
    "server": {"wsgi"},
    "settings": set(),
    "wsgi": set(),
    "sqlite_backend": set(),
    "courses": set(),
}


# The apps with one door, and the modules of theirs any other package may import.
DOORS = {"api", "data", "models"}
WITH_A_DOOR = {"accounts", "content", "learning", "reports", "mastery"}


def owner(module: Path) -> str:
    """The package (or top-level module) a source file belongs to."""
    parts = module.relative_to(SOURCE).parts
    return parts[0] if len(parts) > 1 else module.stem


def imported_owners(module: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        found |= {name.split(".")[1] for name in names if name.startswith("proficio.")}
    return found


def test_every_package_is_on_the_map() -> None:
    owners = {owner(module) for module in SOURCE.rglob("*.py")} - {"__init__"}
    assert owners <= set(MAY_IMPORT), f"not on the map: {sorted(owners - set(MAY_IMPORT))}"


def test_every_import_follows_the_map() -> None:
    crossings = []
    for module in SOURCE.rglob("*.py"):
        if "migrations" in module.parts or module == SOURCE / "__init__.py":
            continue
        mine = owner(module)
        for other in imported_owners(module) - {mine} - MAY_IMPORT[mine]:
            crossings.append(f"{module.relative_to(SOURCE)} imports proficio.{other}")
    assert crossings == []


def test_the_map_sends_dependencies_one_way() -> None:
    # No cycle: follow the map from each package; it never comes back to where it began.
    def reaches(start: str, seen: frozenset[str]) -> set[str]:
        found: set[str] = set()
        for other in MAY_IMPORT[start]:
            assert other not in seen, f"a cycle through {start} and {other}"
            found |= {other, *reaches(other, seen | {other})}
        return found

    for package in MAY_IMPORT:
        assert package not in reaches(package, frozenset({package}))


def past_a_door(module: Path) -> set[str]:
    """The modules of other apps this module imports without going through their door."""
    found = set()
    mine = owner(module)
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.Import):
            paths = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            base = node.module.split(".")
            if base[:2] == ["proficio", "mastery"] and len(base) == 2:
                continue  # the engine's package is its door: what it names is public
            # `from proficio.learning import api` names a module of the app.
            paths = [[*base, alias.name] if len(base) == 2 else base for alias in node.names]
        else:
            continue
        for path in paths:
            if path[0] != "proficio" or len(path) < 3 or path[1] == mine:
                continue
            app, inner = path[1], path[2]
            if app in WITH_A_DOOR and inner not in DOORS:
                found.add(".".join(path[:3]))
    return found


def test_every_app_is_entered_through_its_door() -> None:
    crossings = []
    for module in SOURCE.rglob("*.py"):
        if "migrations" in module.parts:
            continue
        for other in sorted(past_a_door(module)):
            crossings.append(f"{module.relative_to(SOURCE)} imports {other}")
    assert crossings == []
