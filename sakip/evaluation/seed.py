"""Seed the LKE template of PermenPAN-RB 88/2021 into the database (idempotent).

Used by the data migration (with the migration's historical models) and by the demo loader
(after a test flush). The 88/2021 template is seeded as "active" and is never edited in place:
an administrator copies it to a new version (services.copy_template).
"""

from django.apps import apps

from . import lke_reference as ref

# Criteria that sakip's data can judge: the rule code is the criterion code (see autoanswer.py).
AUTO_RULES = {
    "1.a.1",
    "1.a.3",
    "1.a.4",
    "1.b.1",
    "1.b.5",
    "1.b.8",
    "1.b.9",
    "1.b.10",
    "1.b.11",
    "2.a.1",
    "2.b.4",
    "2.b.5",
    "2.b.6",
    "2.b.7",
    "3.a.1",
    "3.a.3",
    "3.a.4",
    "4.c.1",
}


def seed_88_2021(get_model):
    """get_model(name) → model class (apps.get_model in migrations, real models otherwise)."""
    Template = get_model("LkeTemplate")
    Component = get_model("LkeComponent")
    Sub = get_model("LkeSubComponent")
    Criterion = get_model("LkeCriterion")
    Answer = get_model("LkeAnswerOption")
    Band = get_model("LkePredicateBand")

    template, _ = Template.objects.get_or_create(
        key=ref.KEY_88_2021,
        defaults={
            "name": ref.NAME_88_2021,
            "regulation": ref.REGULATION_88_2021,
            "version": 1,
            "status": "active",
            "comparator": "gt",
            "notes": "Bobot, skala jawaban dan predikat: docs/rules.md §4 [C]. Kriteria diparafrasekan dari "
            "Lampiran I.",
        },
    )
    components, subcomponents = ref.load_structure()
    comp_objs = {}
    for order, (code, name, weight) in enumerate(components, start=1):
        comp_objs[code], _ = Component.objects.get_or_create(
            template=template, code=code, defaults={"name": name, "weight": weight, "order": order}
        )
    for order, (code, comp, kind, name, weight) in enumerate(subcomponents, start=1):
        sub, _ = Sub.objects.get_or_create(
            template=template,
            code=code,
            defaults={"component": comp_objs[comp], "kind": kind, "name": name, "weight": weight, "order": order},
        )
        for number, (text, hint) in enumerate(ref.CRITERIA[code], start=1):
            ccode = f"{code}.{number}"
            Criterion.objects.get_or_create(
                template=template,
                code=ccode,
                defaults={
                    "subcomponent": sub,
                    "number": number,
                    "text": text,
                    "evidence_hint": hint,
                    "auto_rule": ccode if ccode in AUTO_RULES else "",
                },
            )
    for order, (code, value, desc_a, desc_bc) in enumerate(ref.ANSWER_SCALE, start=1):
        Answer.objects.get_or_create(
            template=template,
            code=code,
            defaults={"value": value, "description_a": desc_a, "description_bc": desc_bc, "order": order},
        )
    for code, lower, upper, label, interpretation in ref.PREDICATE_BANDS:
        Band.objects.get_or_create(
            template=template,
            code=code,
            defaults={"lower": lower, "upper": upper, "label": label, "interpretation": interpretation},
        )
    return template


def ensure_88_2021():
    return seed_88_2021(lambda name: apps.get_model("evaluation", name))
