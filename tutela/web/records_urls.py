from django.urls import path

from tutela.web import records_views as views
from tutela.web.relatives_views import relative_add_page

app_name = "records"

urlpatterns = [
    path("people/", views.people_list, name="people"),
    path("people/new/", views.person_add, name="person_add"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:person_id>/relatives/new/", relative_add_page, name="relative_add"),
    path("people/<int:person_id>/break-glass/", views.break_glass, name="break_glass"),
    path("cases/<int:case_id>/records/new/", views.record_add, name="record_add"),
    path("records/<int:record_id>/", views.record_detail, name="record"),
    path("records/<int:record_id>/file/", views.record_document, name="record_document"),
    path("break-glass/", views.break_glass_reviews, name="break_glass_queue"),
    path("break-glass/<int:grant_id>/", views.break_glass_review_one, name="break_glass_review"),
]
