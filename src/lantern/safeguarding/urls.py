from django.urls import path

from lantern.safeguarding import views

app_name = "safeguarding"

urlpatterns = [
    path("signs/", views.signs, name="signs"),
    path("encounter/", views.encounter, name="encounter"),
    path("tasks/", views.tasks, name="tasks"),
    path("victims/<int:involvement_id>/", views.victim, name="victim"),
    path("victims/<int:involvement_id>/route/", views.route, name="route"),
    path("victims/<int:involvement_id>/safety/new/", views.safety_new, name="safety-new"),
    path("victims/<int:involvement_id>/support/new/", views.support_new, name="support-new"),
    path("victims/<int:involvement_id>/interpreter/", views.interpreter, name="interpreter"),
    path("victims/<int:involvement_id>/updates/new/", views.update_owed_new, name="update-new"),
    path("victims/<int:involvement_id>/contacts/new/", views.contact_new, name="contact-new"),
    path("victims/<int:involvement_id>/disclosures/new/", views.disclosure_new, name="disclosure-new"),
    path("updates/<int:update_id>/given/", views.update_given, name="update-given"),
    path("disclosures/", views.disclosure_register, name="disclosures"),
    path("disclosures/<int:disclosure_id>/decide/", views.disclosure_decide, name="disclosure-decide"),
    path("referrals/<int:referral_id>/", views.referral, name="referral"),
    path("referrals/<int:referral_id>/edit/", views.referral_edit, name="referral-edit"),
    path("referrals/<int:referral_id>/submit/", views.referral_submit, name="referral-submit"),
    path("referrals/<int:referral_id>/download/", views.referral_download, name="referral-download"),
    path("referrals/<int:referral_id>/decisions/new/", views.decision_new, name="decision-new"),
    path("referrals/<int:referral_id>/requests/new/", views.information_request_new,
         name="request-new"),
    path("requests/<int:request_id>/answer/", views.information_request_answer, name="request-answer"),
    path("referrals/<int:referral_id>/further-recovery/new/", views.further_recovery_new,
         name="further-recovery-new"),
    path("referrals/<int:referral_id>/disqualification/new/", views.disqualification_new,
         name="disqualification-new"),
]
