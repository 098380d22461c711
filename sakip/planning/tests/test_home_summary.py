"""The planning card of the home page reads a summary in bounded queries that agrees with the full checks."""

from datetime import date

import pytest

from sakip.organization.models import User
from sakip.planning import selectors

ROLES = ["kepala", "sekretaris", "timsakip", "kabid", "kasi", "operator", "bappeda"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ROLES)
def test_home_summary_agrees_with_the_full_selectors(username):
    user = User.objects.select_related("employee", "opd").get(username=username)
    year = date.today().year
    summary = selectors.home_summary(user.opd, user.employee, year)

    rows = selectors.my_iki(user.employee, year)
    assert summary["iki_count"] == sum(len(n["indicators"]) for r in rows for n in r["nodes"])
    assert summary["coverage"].as_dict() == selectors.cascade_coverage(user.opd, year).as_dict()
    assert summary["pk"] == selectors.pk_signed_for_every_official(user.opd, year)


@pytest.mark.django_db
def test_home_summary_counts_the_demo_cascade():
    kepala = User.objects.select_related("employee", "opd").get(username="kepala")
    summary = selectors.home_summary(kepala.opd, kepala.employee, date.today().year)
    assert summary["coverage"].holders_total > 0
    assert 0 < summary["coverage"].holders_with_iki <= summary["coverage"].holders_total
    assert summary["pk"]["total"] > 0


@pytest.mark.django_db
def test_home_summary_runs_a_bounded_number_of_queries(django_assert_max_num_queries):
    kepala = User.objects.select_related("employee", "opd").get(username="kepala")
    with django_assert_max_num_queries(6):
        selectors.home_summary(kepala.opd, kepala.employee, date.today().year)


@pytest.mark.django_db
def test_home_summary_without_an_opd_or_employee():
    summary = selectors.home_summary(None, None, date.today().year)
    assert summary == {"iki_count": None, "coverage": None, "pk": None}
