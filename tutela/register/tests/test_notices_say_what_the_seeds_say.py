"""Each generated notice names every item its published original names (lists in seed_items.py)."""

import functools
import html
import re

import pytest

from tutela.register.api import register
from tutela.register.notices import notice_build, notice_render
from tutela.register.tests.seed_items import SEEDS


@functools.cache
def _notice_text(controller: str, service: str) -> str:
    notice = notice_build(registers=register(), controller=controller, service=service)
    rendered = notice_render(notice=notice, format="html")
    text = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).lower()


CASES = [
    (seed, controller, service, group, phrase)
    for seed, (controller, service, groups) in SEEDS.items()
    for group, phrases in groups.items()
    for phrase in phrases
]


@pytest.mark.parametrize(
    ("seed", "controller", "service", "group", "phrase"),
    CASES,
    ids=[f"{case[0][:3]}-{case[3]}-{case[4]}" for case in CASES],
)
def test_notice_names_what_the_seed_names(seed, controller, service, group, phrase):
    assert phrase.lower() in _notice_text(controller, service), f"{seed}: {group} '{phrase}' missing from the notice"
