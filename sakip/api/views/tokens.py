"""The user's own API tokens: list, create (signed in through the browser only), revoke."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .. import selectors, services
from ..base import LanguageMixin, Pagination
from ..models import ApiToken
from ..serializers import tokens as S

TAG = ["tokens"]


@extend_schema_view(
    list=extend_schema(tags=TAG),
    retrieve=extend_schema(tags=TAG),
    destroy=extend_schema(tags=TAG, summary="Revoke a token", responses={204: None}),
)
class TokenViewSet(
    LanguageMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = S.TokenSerializer
    pagination_class = Pagination
    filter_backends = []

    def get_queryset(self):
        return selectors.tokens_of(self.request.user)

    @extend_schema(
        tags=TAG,
        request=S.TokenCreateSerializer,
        responses={201: S.NewTokenSerializer},
        summary="Create a token (browser session only; the secret is returned once)",
        examples=[OpenApiExample("Dasbor", value={"name": "Dasbor Bupati", "scope": "read"})],
    )
    def create(self, request, *args, **kwargs):
        if isinstance(request.auth, ApiToken):
            raise PermissionDenied(_("Token baru hanya dapat dibuat dari sesi browser (halaman profil)."))
        data = S.TokenCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, raw = services.create_token(user=request.user, **data.validated_data)
        body = S.NewTokenSerializer(token).data | {"token": raw}
        return Response(body, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.revoke_token(user=self.request.user, token=instance)
