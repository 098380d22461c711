# Loaded by rules.apps.AutodiscoverRulesConfig: registers sakip's permissions.
from . import permissions  # noqa: F401
