"""What changed between two published versions of a controller's register.

The change log of each notice lists categories, purposes, recipients and retention classes
added or removed, per service, in words.
"""

from typing import Any

from tutela.register.notices import period_words
from tutela.register.schema import RetentionClass

Snapshot = dict[str, Any]


def _service_items(service: dict[str, Any]) -> dict[str, dict[str, str]]:
    categories: dict[str, str] = {}
    for purpose in service["purposes"]:
        if not purpose.get("retired"):
            categories.update({key: key for key in purpose["categories"]})
    return {
        "category": categories,
        "purpose": {p["key"]: p["description"] for p in service["purposes"] if not p.get("retired")},
        "recipient": {r["key"]: r["name"] for r in service["recipients"] if not r.get("retired")},
        # The period in words: the change log is printed in the public notice.
        "retention class": {
            r["key"]: f"{r['records']}: {period_words(RetentionClass.model_validate(r))}" for r in service["retention"]
        },
    }


def register_changes(before: Snapshot | None, after: Snapshot) -> list[dict[str, str]]:
    """Each added or removed item as {service, kind, change, key, label}."""
    if before is None:
        return []
    old = {service["key"]: service for service in before["services"]}
    new = {service["key"]: service for service in after["services"]}
    changes: list[dict[str, str]] = []
    for key in sorted(new.keys() - old.keys()):
        changes.append({"service": key, "kind": "service", "change": "added", "key": key, "label": new[key]["name"]})
    for key in sorted(old.keys() - new.keys()):
        changes.append({"service": key, "kind": "service", "change": "removed", "key": key, "label": old[key]["name"]})
    for key in sorted(new.keys() & old.keys()):
        before_items, after_items = _service_items(old[key]), _service_items(new[key])
        for kind, items in after_items.items():
            previous = before_items[kind]
            for item in sorted(items.keys() - previous.keys()):
                changes.append({"service": key, "kind": kind, "change": "added", "key": item, "label": items[item]})
            for item in sorted(previous.keys() - items.keys()):
                changes.append(
                    {"service": key, "kind": kind, "change": "removed", "key": item, "label": previous[item]}
                )
    return changes


def change_words(change: dict[str, str], category_labels: dict[str, str]) -> str:
    label = category_labels.get(change["key"], change["label"]) if change["kind"] == "category" else change["label"]
    return f"{change['kind'].capitalize()} {change['change']}: {label}"
