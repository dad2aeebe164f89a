from django.urls import path

from tutela.sharing import views

app_name = "sharing"

urlpatterns = [
    path("agreements/", views.agreements, name="agreements"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:disclosure_id>/", views.review, name="review"),
    path("cases/<int:case_id>/share/", views.share, name="share"),
    path("disclosures/<int:disclosure_id>/", views.disclosure_page, name="disclosure"),
    path("disclosures/<int:disclosure_id>/package.zip", views.package, name="package"),
]
