"""Static files in production mode: the manifest storage (hashed names, so whitenoise lets browsers cache
them for ever). Not whitenoise's compressed variant: compressing every vendored file took about a minute of
CPU on a fresh `make run`; on one machine the transfer saving is not worth that.

The vendored minified files end with a ``sourceMappingURL`` comment for a ``.map`` that is not shipped;
the manifest storage would refuse them, so source-map references are left as they are.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage


def _without_source_maps(patterns):
    out = []
    for extension, rules in patterns:
        kept = tuple(rule for rule in rules if "sourceMappingURL" not in (rule if isinstance(rule, str) else rule[0]))
        out.append((extension, kept))
    return tuple(out)


class StaticStorage(ManifestStaticFilesStorage):
    patterns = _without_source_maps(ManifestStaticFilesStorage.patterns)
