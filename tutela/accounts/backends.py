"""Authentication backend that grants the permissions of a user's roles."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class RoleBackend(ModelBackend):
    """Django's password backend, with role permissions standing where group permissions would."""

    def _get_group_permissions(self, user_obj: Any) -> Any:
        return Permission.objects.filter(Q(group__user=user_obj) | Q(roles__users=user_obj)).distinct()
