"""The one form renderer (sakip.core.renderers, docs/ui.md): every widget of every form is drawn with its
Bootstrap class and marked invalid when its field has an error; a size named on the widget stays."""

import re

import pytest
from django import forms

from sakip.core.forms import date_inputs


class Sample(forms.Form):
    name = forms.CharField(label="Nama")
    amount = forms.DecimalField(label="Jumlah", required=False)
    kind = forms.ChoiceField(label="Jenis", choices=[("", "— Pilih —"), ("a", "A")])
    note = forms.CharField(label="Catatan", widget=forms.Textarea, required=False)
    on = forms.DateField(label="Tanggal", required=False)
    agree = forms.BooleanField(label="Setuju", required=False)
    small = forms.CharField(label="Kecil", required=False, widget=forms.TextInput(attrs={"class": "form-control-sm"}))
    sized = forms.CharField(
        label="Ukur", required=False, widget=forms.TextInput(attrs={"class": "form-control form-control-sm"})
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    many = forms.MultipleChoiceField(
        label="Pilihan", choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_inputs(self)


def _tag(html, name):
    match = re.search(rf'<(input|select|textarea)\b[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def test_every_widget_gets_its_bootstrap_class():
    html = str(Sample())
    assert 'class="form-control"' in _tag(html, "name")
    assert 'class="form-control"' in _tag(html, "amount")
    assert 'class="form-select"' in _tag(html, "kind")
    assert 'class="form-control"' in _tag(html, "note")
    assert 'type="date"' in _tag(html, "on") and 'class="form-control"' in _tag(html, "on")
    assert 'class="form-check-input"' in _tag(html, "agree")
    assert 'class="form-control form-control-sm"' in _tag(html, "small")  # the base class added to the size
    assert 'class="form-control form-control-sm"' in _tag(html, "sized")  # never twice
    assert "class=" not in _tag(html, "secret")
    assert 'class="row g-3"' in html and '<label class="form-label" for="id_name">Nama <span' in html


def test_a_field_with_an_error_is_marked_and_its_message_shown_under_it():
    form = Sample(data={"name": "", "kind": "a", "amount": "abc"})
    assert not form.is_valid()
    html = str(form)
    assert "is-invalid" in _tag(html, "name") and "is-invalid" in _tag(html, "amount")
    assert "is-invalid" not in _tag(html, "kind")
    assert 'data-field-error="name"' in html and 'data-field-error="amount"' in html
    assert "is-invalid" in str(form["name"])  # a field drawn alone in a template too


@pytest.mark.django_db
def test_forms_of_the_apps_use_it(client_for):
    """A model form (ScopedFormView), a plain form and a filter form, as their pages draw them."""
    for url in ("/organisasi/pegawai/tambah/", "/pengukuran/mulai/", "/organisasi/pegawai/"):
        response = client_for("sekretaris").get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        controls = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
        visible = [c for c in controls if not re.search(r'type="(hidden|checkbox|radio|submit|button)"', c)]
        assert visible, url
        unstyled = [c for c in visible if not re.search(r'class="[^"]*\b(form-control|form-select)\b', c)]
        assert not unstyled, (url, unstyled[:3])
