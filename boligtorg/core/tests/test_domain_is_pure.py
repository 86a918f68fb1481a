"""ARCHITECTURE.md: boligtorg/domain is pure Python; it must never import Django or
the Django apps, so that the rules can be tested and reused without a database."""

import ast
from pathlib import Path

import boligtorg.domain

DOMAIN = Path(boligtorg.domain.__file__).parent
FORBIDDEN = ("django", "boligtorg.core", "boligtorg.cases", "boligtorg.housing", "rest_framework")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_no_module_in_domain_imports_django_or_an_app():
    offenders = {
        f"{path.relative_to(DOMAIN)}: {name}"
        for path in DOMAIN.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == "django"
        or any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
        or (name.startswith("boligtorg.") and not name.startswith("boligtorg.domain"))
    }
    assert not offenders, f"domain/ must stay pure Python: {sorted(offenders)}"


def test_the_purity_check_sees_the_domain_modules():
    # Guards the test above against passing because it found no files.
    assert any(path.name == "identity.py" for path in DOMAIN.rglob("*.py"))
