from django.urls import path

from lantern.justice import views

app_name = "justice"

urlpatterns = [
    path("", views.figures, name="figures"),
    path("suspects/<int:involvement_id>/s45/", views.s45_consider, name="s45"),
    path("suspects/<int:involvement_id>/cps/", views.cps_referral_new, name="cps-referral"),
    path("cps-referrals/<int:referral_id>/decision/", views.charging_decision, name="charging-decision"),
    path("prosecutions/<int:prosecution_id>/verdict/", views.verdict, name="verdict"),
    path("orders/", views.order_register, name="orders"),
    path("orders/<int:order_id>/", views.order_detail, name="order"),
    path("orders/<int:order_id>/granted/", views.order_grant, name="order-grant"),
    path("orders/<int:order_id>/refused/", views.order_refuse, name="order-refuse"),
    path("orders/<int:order_id>/breaches/new/", views.order_breach, name="order-breach"),
    path("people/<int:person_id>/orders/new/", views.order_apply, name="order-apply"),
    path("disruptions/", views.disruption_list, name="disruptions"),
    path("investigations/<int:investigation_id>/disruptions/new/", views.disruption_new,
         name="disruption-new"),
]
