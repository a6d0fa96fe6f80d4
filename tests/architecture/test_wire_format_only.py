"""``sync.protocol`` is the wire format only: what records mean is imported from ``sync.domain``."""

from __future__ import annotations

import ast
from pathlib import Path

import sync.domain.fields
import sync.domain.review
import sync.domain.vocabulary

ROOT = Path(__file__).resolve().parents[2]


def _defined(module) -> set[str]:
    """The public names ``module`` defines itself (classes, functions, constants)."""
    return {name for name, value in vars(module).items() if not name.startswith("_")
            and (getattr(value, "__module__", None) == module.__name__ or name.isupper())}


DOMAIN_NAMES = set().union(*map(_defined, (sync.domain.vocabulary, sync.domain.review, sync.domain.fields)))


def test_the_shared_vocabulary_fields_and_review_steps_are_defined_in_sync_domain():
    assert {"RecordType", "Role", "ReviewState", "REVIEW_TRANSITIONS", "RECORD_FIELDS", "is_content_field"} <= DOMAIN_NAMES


def test_nothing_imports_a_domain_name_through_the_wire_format():
    wrong = []
    for folder in ("desktop", "sync", "tests", "tools", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "sync.protocol":
                    wrong += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names
                              if a.name in DOMAIN_NAMES]
    assert wrong == []
