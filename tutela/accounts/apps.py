from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tutela.accounts"
    verbose_name = "Accounts: controllers, teams, roles and users"
