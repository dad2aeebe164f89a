from django.urls import path

from tutela.enforcement import views

app_name = "enforcement"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("manager/", views.manager_dashboard, name="manager"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/steps/<slug:step_key>/", views.step_new, name="step_new"),
    path("cases/<int:case_id>/penalty-notices/new/", views.penalty_notice_new, name="penalty_notice_new"),
    path("cases/<int:case_id>/prosecutions/new/", views.prosecution_new, name="prosecution_new"),
    path("penalty-notices/<int:notice_id>/", views.penalty_notice_detail, name="penalty_notice"),
    path("penalty-notices/<int:notice_id>/receipt/", views.penalty_notice_receipt, name="penalty_notice_receipt"),
    path("prosecutions/<int:prosecution_id>/", views.prosecution_detail, name="prosecution"),
    path("cases/<int:case_id>/tasks/new/", views.task_new, name="task_new"),
    path("cases/<int:case_id>/close/", views.case_close_view, name="case_close"),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
    path("penalty-notice-records.pdf", views.reg20_report, name="reg20"),
]
