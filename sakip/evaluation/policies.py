"""Who may do what in an evaluation, on top of sakip.core.permissions.

- Reading follows the OPD scope (an OPD's users see only their OPD; Inspektorat and Pemda
  viewers see every OPD of their Pemda; another OPD sees nothing → 404).
- The OPD side (Kepala OPD, Sekretaris, Tim SAKIP of the evaluated OPD) writes the
  self-assessment, the responses and the follow-up; a Kepala Unit/Operator follows up the
  recommendations whose person in charge sits in his unit's subtree.
- The evaluator side (Inspektorat of the same Pemda) writes the evaluator's answers, findings,
  recommendations and verifications, and never the OPD's answers.
- The evaluator's answers, notes and findings are hidden from everyone but the evaluators until
  the draft is sent to the OPD.
- The Administrator may do everything, including editing LKE templates (as new versions).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from sakip.core import permissions as P
from sakip.core import roles as R


def _authenticated(user):
    return bool(getattr(user, "is_authenticated", False))


def _pemda_id(evaluation):
    opd = evaluation.opd
    return opd.pemda_id


def is_evaluator(user, evaluation=None):
    """Inspektorat of the evaluated OPD's Pemda (or the Administrator)."""
    if P.is_admin(user):
        return True
    if not _authenticated(user) or R.INSPEKTORAT not in user.role_names:
        return False
    if evaluation is None:
        return True
    return user.pemda_id is not None and user.pemda_id == _pemda_id(evaluation)


def is_opd_side(user, opd_id):
    """Kepala OPD, Sekretaris or Tim SAKIP of the OPD (or the Administrator)."""
    if P.is_admin(user):
        return True
    return _authenticated(user) and user.opd_id == opd_id and bool(user.role_names & R.OPD_MANAGERS)


def can_view(user, evaluation):
    return P.can_read_opd(user, evaluation.opd_id)


def can_see_evaluator_side(user, evaluation):
    """The evaluator's draft is visible to the OPD (and Pemda viewers) only once it is sent."""
    return is_evaluator(user, evaluation) or (can_view(user, evaluation) and evaluation.is_sent)


def can_create(user, opd):
    return is_evaluator(user) and (P.is_admin(user) or user.pemda_id == opd.pemda_id) or is_opd_side(user, opd.pk)


def can_self_assess(user, evaluation):
    return evaluation.state == evaluation.State.DRAFT_MANDIRI and is_opd_side(user, evaluation.opd_id)


def can_submit(user, evaluation):
    return can_self_assess(user, evaluation)


def can_evaluate(user, evaluation):
    """Write the evaluator's answers and findings (during review and while the OPD responds)."""
    S = evaluation.State
    return is_evaluator(user, evaluation) and evaluation.state in (S.REVIU, S.DRAFT_DIKIRIM, S.TANGGAPAN_PD)


def can_start_review(user, evaluation):
    S = evaluation.State
    return is_evaluator(user, evaluation) and evaluation.state in (S.DRAFT_MANDIRI, S.DIAJUKAN)


def can_respond(user, evaluation):
    S = evaluation.State
    return evaluation.state in (S.DRAFT_DIKIRIM, S.TANGGAPAN_PD) and is_opd_side(user, evaluation.opd_id)


def can_finalize(user, evaluation):
    S = evaluation.State
    return is_evaluator(user, evaluation) and evaluation.state in (S.DRAFT_DIKIRIM, S.TANGGAPAN_PD)


def can_prepare_lhe(user, evaluation):
    """The evaluators of a final evaluation prepare its LHE (preview); only the Inspektur issues it."""
    return is_evaluator(user, evaluation) and evaluation.state == evaluation.State.FINAL


def can_issue_lhe(user, evaluation):
    """Issuing is signing: the Inspektur (the holder of the Inspektorat's head position today) or the
    Administrator, once the evaluation is final. The auditors prepare it."""
    if not can_prepare_lhe(user, evaluation):
        return False
    if P.is_admin(user):
        return True
    from . import documents as docs  # documents.py reads selectors, which read these policies

    try:
        signer = docs.lhe_signer(evaluation, timezone.localdate())
    except ValidationError:
        return False
    return signer is not None and user.employee_id == signer.pk


def can_follow_up(user, recommendation):
    evaluation = recommendation.finding.evaluation
    if not evaluation.is_closed or not recommendation.is_open:
        return False
    if is_opd_side(user, evaluation.opd_id):
        return True
    if (
        _authenticated(user)
        and user.opd_id == evaluation.opd_id
        and user.role_names & R.UNIT_ROLES
        and recommendation.pic_id
    ):
        unit = recommendation.pic.unit
        return unit is not None and user.unit_id is not None and P.unit_in_subtree(unit, user.unit)
    return False


def can_verify(user, recommendation):
    evaluation = recommendation.finding.evaluation
    return evaluation.is_closed and is_evaluator(user, evaluation)


def can_write_statement(user, evaluation):
    return evaluation.is_closed and is_opd_side(user, evaluation.opd_id)


def can_attempt_statement_signing(user, statement):
    """Who reaches the signing service (the signer check there explains who signs): the OPD's own users."""
    return P.is_admin(user) or (_authenticated(user) and user.opd_id == statement.evaluation.opd_id)


def can_sign_statement(user, statement):
    """The head of the OPD (the holder of its head position today: definitif, Plt. or Plh.) signs; the
    Administrator may too (with the head's certificate)."""
    if P.is_admin(user):
        return True
    if not (_authenticated(user) and user.opd_id == statement.evaluation.opd_id and user.employee_id):
        return False
    from . import documents as docs  # documents.py reads selectors, which read these policies

    signer = docs.statement_signer(statement, timezone.localdate())
    return signer is not None and user.employee_id == signer.pk


def can_manage_templates(user):
    return P.is_admin(user)


def can_view_recap(user):
    return P.is_admin(user) or (_authenticated(user) and bool(user.role_names & R.PEMDA_READERS))
