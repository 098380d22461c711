"""The one notification service (docs/architecture.md "Notifications"): whoever tells a person something —
a form sent, a task assigned, a return, a reminder, a follow-up due — calls this module.

- `notify(users, title=…, body=…, url=…)`: one inbox entry per distinct user (the model
  `measurement.Notification`, shown on the inbox page and the home page) and, when the user has an address, an
  e-mail sent after the transaction commits (nothing is mailed about a change that was rolled back).
- `email(addresses, subject=…, body=…, url=…)`: one e-mail to a list of addresses without an inbox entry, for
  people who may have no account (a follow-up's person in charge).

Every message: subject "[sakip] …", the link as an absolute address (SITE_URL), DEFAULT_FROM_EMAIL, and a mail
server that is down never breaks the work that sent it (logged, not raised). EMAIL_BACKEND: console by default.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

log = logging.getLogger(__name__)


def _inbox():
    return apps.get_model("measurement", "Notification")


def users_of_employees(employee_ids) -> list:
    """The active accounts of these employees (an employee without an account is not notified)."""
    ids = [e for e in employee_ids if e]
    if not ids:
        return []
    return list(get_user_model().objects.filter(employee_id__in=ids, is_active=True).select_related("employee"))


def address_of(user) -> str:
    """The user's e-mail address, else their employee record's, else ""."""
    if user.email:
        return user.email
    employee = getattr(user, "employee", None) if user.employee_id else None
    return (employee.email if employee else "") or ""


def absolute(url: str) -> str:
    if not url or url.startswith("http"):
        return url
    return settings.SITE_URL.rstrip("/") + url


def _deliver(addresses, subject: str, body: str, url: str) -> bool:
    try:
        send_mail(
            f"[sakip] {subject}",
            f"{body}\n\n{absolute(url)}".strip(),
            settings.DEFAULT_FROM_EMAIL,
            list(addresses),
            fail_silently=False,
        )
    except Exception:  # a mail server down must not break the workflow
        log.warning("Gagal mengirim e-mail pemberitahuan ke %s", ", ".join(addresses), exc_info=True)
        return False
    return True


def email(addresses, *, subject: str, body: str = "", url: str = "", at_commit: bool = True) -> None:
    """One e-mail to all `addresses` (empty ones dropped); after the commit unless `at_commit=False` (a command
    that runs outside a transaction and records what it sent right after)."""
    addresses = sorted({a for a in addresses if a})
    if not addresses:
        return
    if at_commit:
        transaction.on_commit(lambda: _deliver(addresses, subject, body, url))
    else:
        _deliver(addresses, subject, body, url)


def notify(
    users,
    *,
    title: str,
    body: str = "",
    url: str = "",
    period=None,
    task=None,
    kind: str = "info",
    now=None,
    email: bool = True,
) -> list:
    """One inbox entry per distinct user; e-mails are sent after the transaction commits."""
    Notification = _inbox()
    now = now or timezone.now()
    seen, created = set(), []
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        created.append(
            Notification(
                user=user, period=period, task=task, kind=kind, title=title[:300], body=body, url=url, created_at=now
            )
        )
    Notification.objects.bulk_create(created)
    if email and created:
        recipients = [(n.pk, address_of(n.user)) for n in created]
        recipients = [(pk, a) for pk, a in recipients if a]
        if recipients:
            transaction.on_commit(lambda: _send_each(recipients, title, body, url))
    return created


def _send_each(pairs, title, body, url):
    sent = [pk for pk, address in pairs if _deliver([address], title, body, url)]
    if sent:
        _inbox().objects.filter(pk__in=sent).update(emailed_at=timezone.now())
