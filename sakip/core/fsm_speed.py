"""Fast migrations: django-fsm-2 connects a `class_prepared` receiver for every FSM field of every
model class it sees, including the throw-away models that `migrate` renders for each operation.
The receivers pile up (one per rendered model) and every later model class calls all of them, so
a fresh `migrate` spent most of its time in the signal dispatcher. Migration models (module
``__fake__``) never use transitions, so for them the field is set up as a plain field.
"""

from django_fsm import FSMFieldMixin

_original = FSMFieldMixin.contribute_to_class


def _contribute_to_class(self, cls, name, private_only=False, **kwargs):
    if cls.__module__ == "__fake__":
        self.base_cls = cls
        super(FSMFieldMixin, self).contribute_to_class(cls, name, private_only=private_only, **kwargs)
        return
    _original(self, cls, name, private_only=private_only, **kwargs)


def install():
    if FSMFieldMixin.contribute_to_class is not _contribute_to_class:
        FSMFieldMixin.contribute_to_class = _contribute_to_class
