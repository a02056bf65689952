from django.urls import path

from lantern.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/two-factor/", views.two_factor, name="two-factor"),
    path("sign-in/set-up-two-factor/", views.set_up_two_factor, name="set-up-two-factor"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("organisations/", views.organisation_directory, name="directory"),
    path("organisations/<slug:code>/", views.organisation_detail, name="organisation"),
    path("people/new/", views.person_new, name="person-new"),
    path("people/<int:user_id>/", views.person_detail, name="person"),
    path("people/<int:user_id>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:user_id>/reset-two-factor/", views.person_mfa_reset, name="person-mfa-reset"),
]
