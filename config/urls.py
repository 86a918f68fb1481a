from django.contrib import admin
from django.urls import include, path

from boligtorg.api.api import api
from boligtorg.core import views as core_views

urlpatterns = [
    path("", core_views.dashboard, name="dashboard"),
    path("healthz", core_views.healthz, name="healthz"),
    path("login/", core_views.LoginView.as_view(), name="login"),
    path("logout/", core_views.LogoutView.as_view(), name="logout"),
    path("password/", core_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", core_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        core_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        core_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        core_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("boligtorg.core.urls")),
    path("cases/", include("boligtorg.cases.urls")),
    path("housing/", include("boligtorg.housing.urls")),
    path("allocation/", include("boligtorg.allocation.urls")),
    path("followup/", include("boligtorg.followup.urls")),
    path("planning/", include("boligtorg.planning.urls")),
    path("finance/", include("boligtorg.finance.urls")),
    path("settlement/", include("boligtorg.settlement.urls")),
    path("accommodation/", include("boligtorg.accommodation.urls")),
    path("rental/", include("boligtorg.rental.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
