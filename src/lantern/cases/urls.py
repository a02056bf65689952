from django.urls import path

from lantern.cases import group_views, views

app_name = "cases"

urlpatterns = [
    path("", views.investigation_list, name="list"),
    path("new/", views.investigation_record, name="record"),
    path("<int:investigation_id>/", views.investigation_detail, name="investigation"),
    path("<int:investigation_id>/edit/", views.investigation_edit, name="edit"),
    path("<int:investigation_id>/move/", views.investigation_move, name="move"),
    path("<int:investigation_id>/close/", views.investigation_close, name="close"),
    path("<int:investigation_id>/people/new/", views.person_add, name="person-add"),
    path("<int:investigation_id>/lines/new/", views.line_raise, name="line-raise"),
    path("<int:investigation_id>/review/", views.review_record, name="review"),
    path("lines/<int:line_id>/close/", views.line_close, name="line-close"),
    path("involvements/<int:involvement_id>/spoken-to/", views.involvement_date,
         {"what": "spoken-to"}, name="spoken-to"),
    path("involvements/<int:involvement_id>/told-of-closure/", views.involvement_date,
         {"what": "told-of-closure"}, name="told-of-closure"),
    path("<int:investigation_id>/groups/link/", group_views.group_link, name="group-link"),
    path("groups/", group_views.group_list, name="groups"),
    path("groups/new/", group_views.group_new, name="group-new"),
    path("groups/<int:group_id>/", group_views.group_detail, name="group"),
    path("groups/<int:group_id>/members/new/", group_views.group_member_add, name="group-member-add"),
    path("people/", views.person_search, name="person-search"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:person_id>/identifiers/new/", views.identifier_add, name="identifier-add"),
]
