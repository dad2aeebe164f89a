from django.urls import URLPattern, path

from tutela.casework.views import case, dashboards, flags, intake

app_name = "casework"

# Each area's helpers add their patterns here: intake (referrals), case (cases, steps, tasks), flags.
urlpatterns: list[URLPattern] = [
    path("refer/", intake.refer, name="refer"),
    path("services/<slug:service>/refer/<slug:form>/", intake.referral_new, name="referral_new"),
    path("referrals/", intake.referrals, name="referrals"),
    path("referrals/<int:referral_id>/", intake.referral_detail, name="referral"),
    path("cases/<int:case_id>/", case.case_detail, name="case"),
    path("cases/<int:case_id>/steps/<slug:step_key>/", case.step_new, name="step"),
    path("cases/<int:case_id>/stage/", case.case_move_view, name="case_move"),
    path("cases/<int:case_id>/letters/<slug:letter_key>/", case.letter_new, name="letter"),
    path("cases/<int:case_id>/tasks/new/", case.task_new, name="task_new"),
    path("tasks/<int:task_id>/done/", case.task_done, name="task_done"),
    path("cases/<int:case_id>/close/", case.case_close_view, name="case_close"),
    path("flags/<int:flag_id>/", flags.flag_detail, name="flag"),
    path("services/<slug:service>/", dashboards.service, name="service"),
    path("services/<slug:service>/cases/", dashboards.cases, name="service_cases"),
]
