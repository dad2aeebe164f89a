"""``mapping|get:key``: a value by key in a template, for names kept beside codes (a service's name
by its register key), so pages never show the code itself."""

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def get(mapping: Mapping[str, object], key: str) -> object:
    return mapping.get(key, key)
