"""Every step action an SOP can name has its action in the registry, whichever app contributes it: a missing
or renamed one fails here instead of silently running the step as a plain task."""

import ast
import inspect

from sakip.measurement import step_actions
from sakip.reporting import step_actions as reporting_steps
from sakip.sop import actions as A


def test_every_sop_step_action_has_an_action():
    codes = {code for code, _label in A.CHOICES}
    assert codes == set(step_actions.REGISTRY), codes ^ set(step_actions.REGISTRY)
    for code, action in step_actions.REGISTRY.items():
        assert action.code == code
        assert callable(action.perform) and callable(action.ready)


def test_the_dokumen_pengukuran_kinerja_steps_are_reportings():
    for code, cls in (
        (A.SUBMIT, reporting_steps.Submit),
        (A.REQUEST_APPROVAL, reporting_steps.RequestApproval),
        (A.SIGN, reporting_steps.Sign),
        (A.NUMBER_COVER_LETTER, reporting_steps.CoverLetter),
    ):
        assert type(step_actions.REGISTRY[code]) is cls


def test_measurement_step_actions_do_not_import_reporting():
    tree = ast.parse(inspect.getsource(step_actions))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert imported, "no imports found"
    assert not {m for m in imported if m.startswith("sakip.reporting")}
