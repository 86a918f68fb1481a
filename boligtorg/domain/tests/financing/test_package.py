"""The financing package re-exports every public rule of its modules, so callers
write ``from boligtorg.domain.financing import X`` whatever module X lives in."""

import ast
import importlib
from pathlib import Path

import pytest

import boligtorg.domain.financing as financing

PACKAGE = Path(financing.__file__).parent
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def _public_definitions(module: str) -> list[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text())
    names = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return [name for name in names if not name.startswith("_")]


@pytest.mark.parametrize("module", MODULES)
def test_every_public_name_of_a_module_is_exported_by_the_package(module):
    submodule = importlib.import_module(f"boligtorg.domain.financing.{module}")
    for name in _public_definitions(module):
        assert name in financing.__all__, f"{module}.{name} is missing from __all__"
        assert getattr(financing, name) is getattr(submodule, name)


def test_the_package_exports_nothing_its_modules_do_not_define():
    defined = {name for module in MODULES for name in _public_definitions(module)}
    assert set(financing.__all__) == defined
    assert len(financing.__all__) == len(defined)


def test_no_two_modules_define_the_same_public_name():
    seen: dict[str, str] = {}
    for module in MODULES:
        for name in _public_definitions(module):
            assert name not in seen, f"{name} in both {seen[name]} and {module}"
            seen[name] = module
