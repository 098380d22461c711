"""The one helper views use to call a service: errors land on the form or in messages, PermissionDenied
keeps answering 403 unless the page asks for a message."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from sakip.core.service_calls import FAILED, add_errors, call_service, run_action


class NameForm(forms.Form):
    name = forms.CharField()


def _form():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    return form


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_call_service_returns_the_result():
    form = _form()
    assert call_service(form, lambda a, b=0: a + b, 2, b=3) == 5
    assert form.errors == {}


def test_call_service_puts_a_field_error_at_the_field_and_the_rest_non_field():
    def service():
        raise ValidationError({"name": "Nama sudah dipakai.", "other": "Lain.", "__all__": "Umum."})

    form = _form()
    assert call_service(form, service) is FAILED
    assert form.errors["name"] == ["Nama sudah dipakai."]
    assert form.non_field_errors() == ["Lain.", "Umum."]


def test_call_service_with_a_plain_error_is_non_field():
    form = _form()
    result = call_service(form, lambda: (_ for _ in ()).throw(ValidationError(["Satu.", "Dua."])))
    assert result is FAILED
    assert not result
    assert form.non_field_errors() == ["Satu.", "Dua."]


def test_add_errors_keeps_parameters_and_codes():
    form = _form()
    add_errors(form, ValidationError("Paling banyak %(n)s.", code="max", params={"n": 3}))
    assert form.non_field_errors() == ["Paling banyak 3."]
    assert form.has_error("__all__", code="max")


def test_call_service_lets_permission_denied_through():
    def service():
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        call_service(_form(), service)


def test_run_action_turns_each_message_into_an_error_message():
    request = _request()

    def service(**kwargs):
        raise ValidationError({"a": ["Pertama."], "b": ["Kedua."]})

    assert run_action(request, service, user=None) is FAILED
    assert [str(m) for m in get_messages(request)] == ["Pertama.", "Kedua."]


def test_run_action_returns_a_falsy_result_unchanged():
    request = _request()
    assert run_action(request, lambda: 0) == 0
    assert run_action(request, lambda: 0) is not FAILED
    assert list(get_messages(request)) == []


def test_run_action_permission_denied_is_403_unless_asked():
    def service():
        raise PermissionDenied("Hanya Kepala.")

    with pytest.raises(PermissionDenied):
        run_action(_request(), service)
    request = _request()
    assert run_action(request, service, denied_as_message=True) is FAILED
    assert [str(m) for m in get_messages(request)] == ["Hanya Kepala."]
