"""Notifications: an inbox entry per user, and an e-mail when the user has an address
(EMAIL_BACKEND: console by default)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from sakip.organization.models import User

from .models import Notification

log = logging.getLogger(__name__)


def users_of_employees(employee_ids) -> list:
    ids = [e for e in employee_ids if e]
    if not ids:
        return []
    return list(User.objects.filter(employee_id__in=ids, is_active=True).select_related("employee"))


def address_of(user) -> str:
    if user.email:
        return user.email
    employee = getattr(user, "employee", None) if user.employee_id else None
    return (employee.email if employee else "") or ""


def absolute(url: str) -> str:
    if not url or url.startswith("http"):
        return url
    return settings.SITE_URL.rstrip("/") + url


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
) -> list[Notification]:
    """One inbox entry per distinct user; e-mails are sent after the transaction commits."""
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
        recipients = [(n, address_of(n.user)) for n in created]
        recipients = [(n, a) for n, a in recipients if a]
        if recipients:
            transaction.on_commit(lambda: _send([(n.pk, a) for n, a in recipients], title, body, url))
    return created


def _send(pairs, title, body, url):
    sent = []
    for pk, address in pairs:
        try:
            send_mail(
                f"[sakip] {title}",
                f"{body}\n\n{absolute(url)}".strip(),
                settings.DEFAULT_FROM_EMAIL,
                [address],
                fail_silently=False,
            )
        except Exception:  # a mail server down must not break the workflow
            log.warning("Gagal mengirim e-mail pemberitahuan ke %s", address, exc_info=True)
            continue
        sent.append(pk)
    if sent:
        Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
