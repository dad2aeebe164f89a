from django.http import HttpRequest

from tutela.accounts.models import User
from tutela.web.break_glass_banner import break_glass_banners
from tutela.web.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    items = navigation_for(user=user, path=request.path) if isinstance(user, User) else []
    return {"navigation_items": items}


def break_glass(request: HttpRequest) -> dict[str, object]:
    return {"break_glass_banners": break_glass_banners(request)}
