"""The one form renderer (settings.FORM_RENDERER): every form of sakip — model forms, plain forms, filter
forms, step-action forms — is drawn by Django's form templates through this renderer (docs/ui.md).

- `{{ form }}` renders `core/forms/form.html`: errors, hidden fields, one Bootstrap grid column per field
  (`widget.attrs["col"]`, default `col-12`), label with the required mark, widget, errors, help text.
- Every widget gets its Bootstrap class when it is drawn (`form-control`, `form-select`, `form-check-input`),
  and `is-invalid` when its field has an error (Django marks it `aria-invalid="true"`). A form that wants a
  size or another variant names it on the widget (`form-control-sm`, `form-select-sm`): the base class is
  added, never a second one.
"""

from django.forms.renderers import DjangoTemplates

BASE_CLASSES = ("form-control", "form-select", "form-check-input", "form-range", "btn-check", "form-control-plaintext")
# Widgets drawn as a group of other widgets (their options or parts carry the class) or never seen.
UNSTYLED = {
    "hidden.html",
    "multiple_hidden.html",
    "radio.html",
    "checkbox_select.html",
    "multiwidget.html",
    "splitdatetime.html",
    "splithiddendatetime.html",
    "select_date.html",
}


def bootstrap_class(template_name: str, widget: dict) -> str | None:
    """The Bootstrap base class of the widget drawn with `template_name` (None: leave it as it is)."""
    name = template_name.rsplit("/", 1)[-1]
    if name in UNSTYLED or widget.get("type") == "hidden":
        return None
    if name == "select.html":
        return "form-select"
    if name in ("checkbox.html", "radio_option.html", "checkbox_option.html") or widget.get("type") in (
        "checkbox",
        "radio",
    ):
        return "form-check-input"
    return "form-control"


def style_widget(template_name: str, widget: dict) -> None:
    attrs = widget.setdefault("attrs", {})
    classes = (attrs.get("class") or "").split()
    base = bootstrap_class(template_name, widget)
    if base and not any(c in BASE_CLASSES for c in classes):
        classes.insert(0, base)
    if attrs.get("aria-invalid") == "true" and "is-invalid" not in classes:
        classes.append("is-invalid")
    if classes:
        attrs["class"] = " ".join(classes)


class FormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict) and template_name.startswith("django/forms/widgets/"):
            style_widget(template_name, widget)
        return super().render(template_name, context, request=request)
