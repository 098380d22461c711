from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from sakip.api import web as api_web
from sakip.core import exports as core_exports
from sakip.core import health as core_health
from sakip.core import views as core_views
from sakip.core.forms import AdminLoginForm

# The admin's login goes through the same lockout and shows its Indonesian message (sakip.core.lockout).
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz/", core_health.healthz, name="healthz"),
    path("readyz/", core_health.readyz, name="readyz"),
    path("masuk/", core_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/", core_views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/kata-sandi/selesai/", core_views.password_change_done, name="password_change_done"),
    path("akun/lupa-sandi/", core_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "akun/lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/sakip_password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "akun/atur-ulang/<uidb64>/<token>/",
        core_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/sakip_password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("bahasa/", set_language, name="set_language"),
    path("riwayat/<str:app_label>/<str:model>/<int:pk>/", core_views.object_history, name="object_history"),
    path("ekspor/<str:token>/", core_exports.job_view, name="export_job"),
    path("organisasi/", include("sakip.organization.urls")),
    path("perencanaan/", include("sakip.planning.urls")),
    path("pengukuran/", include("sakip.measurement.urls")),
    path("pelaporan/", include("sakip.reporting.urls")),
    path("evaluasi/", include("sakip.evaluation.urls")),
    path("sop/", include("sakip.sop.urls")),
    path("dokumen/", include("sakip.documents.urls")),
    path("verifikasi/", include("sakip.documents.public_urls")),
    path("akun/dua-langkah/", include("sakip.twofactor.urls")),
    path("publik/", include("sakip.portal.urls")),
    path("akun/token-api/", api_web.tokens, name="api_tokens"),
    path("akun/token-api/<int:pk>/cabut/", api_web.revoke, name="api_token_revoke"),
    path("api/", include("sakip.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sakip.core.views.error_403"
handler404 = "sakip.core.views.error_404"
handler500 = "sakip.core.views.error_500"
