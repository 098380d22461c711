"""Login by user name or by NIP (with or without spaces)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from sakip.organization.nip import normalize


class UsernameOrNipBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        user = User.objects.filter(username__iexact=username.strip()).first()
        if user is None:
            digits = normalize(username)
            if len(digits) == 18:
                user = User.objects.filter(employee__nip=digits).first()
        if user is None:
            User().set_password(password)  # same cost as a real check (timing)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
