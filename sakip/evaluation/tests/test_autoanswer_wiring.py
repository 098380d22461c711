"""The automatic answers are wired to the other apps by direct imports: a renamed or removed selector
breaks these tests instead of silently turning an LKE automatic answer off."""

import ast
import inspect

from sakip.evaluation import autoanswer
from sakip.evaluation.seed import AUTO_RULES

# The names autoanswer.py imports other apps' modules under.
MODULE_ALIASES = ("planning_selectors", "sop_selectors", "measurement_selectors")


def _attributes_used_on(alias: str) -> set[str]:
    tree = ast.parse(inspect.getsource(autoanswer))
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == alias
    }


def test_every_selector_a_rule_calls_exists():
    checked = 0
    for alias in MODULE_ALIASES:
        module = getattr(autoanswer, alias)
        used = _attributes_used_on(alias)
        assert used, f"autoanswer no longer uses {alias}: drop it from MODULE_ALIASES"
        for name in sorted(used):
            assert callable(getattr(module, name, None)), f"{module.__name__}.{name} is used by an LKE rule but missing"
            checked += 1
    assert checked >= 8


def test_every_seeded_auto_rule_has_a_registered_function():
    assert set(AUTO_RULES) <= set(autoanswer.REGISTRY), set(AUTO_RULES) - set(autoanswer.REGISTRY)
    for code, rule in autoanswer.REGISTRY.items():
        assert rule.code == code and callable(rule.func)


def test_no_guard_for_a_missing_app_is_left():
    source = inspect.getsource(autoanswer)
    assert "hasattr(" not in source and "import_module" not in source and "ImportError" not in source
