"""Keep the SOP similarity cache honest: any change to an SOP's text starts a new generation.

Connected in sop/apps.py for Sop, SopVersion and Step; no query is made (the generation is global).
"""

from .selectors import similarity_changed


def sop_text_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        similarity_changed()
