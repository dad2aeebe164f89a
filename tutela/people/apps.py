from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tutela.people"
    verbose_name = "People and schools"
