"""sakip.W002 (deploy): the demo's accounts are exempt from two-factor sign-in (SAKIP_2FA_DEMO_EXEMPT) while DEBUG
is off. sakip.W003: SAKIP_2FA_REQUIRED_ROLES names a role that does not exist."""

from django.conf import settings
from django.core import checks

from sakip.core.roles import ALL_ROLES


@checks.register(checks.Tags.security, deploy=True)
def demo_exemption_off(app_configs=None, **kwargs):
    if settings.DEBUG or not getattr(settings, "SAKIP_2FA_DEMO_EXEMPT", False):
        return []
    return [
        checks.Warning(
            "SAKIP_2FA_DEMO_EXEMPT is on: the demo's accounts sign in without a second factor.",
            hint="Unset SAKIP_2FA_DEMO_EXEMPT in production (docs/deployment.md).",
            id="sakip.W002",
        )
    ]


@checks.register(checks.Tags.security)
def required_roles_known(app_configs=None, **kwargs):
    unknown = sorted(set(getattr(settings, "SAKIP_2FA_REQUIRED_ROLES", []) or []) - set(ALL_ROLES))
    if not unknown:
        return []
    return [
        checks.Warning(
            "SAKIP_2FA_REQUIRED_ROLES names unknown roles: %s." % ", ".join(unknown),
            hint="Use the role (group) names: %s." % ", ".join(ALL_ROLES),
            id="sakip.W003",
        )
    ]
