"""The young people's notice is written for a reading age of about 12."""

import re

import pyphen
import pytest

from tutela.register.api import register
from tutela.register.notices import notice_build, notice_render
from tutela.register.tests.seed_items import SEEDS

SERVICES = [(controller, service) for controller, service, _items in SEEDS.values()]


_HYPHENATOR = pyphen.Pyphen(lang="en_GB")


def flesch_kincaid_grade(text: str) -> float:
    """0.39 x words per sentence + 11.8 x syllables per word - 15.59 (Kincaid et al., 1975)."""
    sentences = [s for s in re.split(r"[.!?]+", text) if s.strip()]
    words = re.findall(r"[A-Za-z']+", text)
    syllables = sum(len(_HYPHENATOR.positions(word)) + 1 for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59


def test_the_grade_formula_tells_easy_from_hard_text():
    assert flesch_kincaid_grade("We help you. You can ask us. We keep it safe.") < 3
    hard = (
        "Notwithstanding statutory obligations, organisational accountability necessitates comprehensive documentation."
    )
    assert flesch_kincaid_grade(hard) > 14


def _sentences(controller: str, service: str) -> list[str]:
    notice = notice_build(registers=register(), controller=controller, service=service)
    text = notice_render(notice=notice, format="md", young_people=True)
    # Only the register's own plain wording: drop headings and list markers.
    lines = [re.sub(r"^[-#\s]+", "", line) for line in text.splitlines()]
    return [line for line in lines if line and not line.endswith(": your information")]


@pytest.mark.parametrize(("controller", "service"), SERVICES)
def test_reading_grade_suits_a_twelve_year_old(controller, service):
    text = " ".join(
        sentence if sentence.endswith((".", "?", "!")) else sentence + "."
        for sentence in _sentences(controller, service)
    )
    # Flesch-Kincaid grade 7 is a reading age of about 12 to 13.
    assert flesch_kincaid_grade(text) <= 7.0, text


@pytest.mark.parametrize(("controller", "service"), SERVICES)
def test_no_long_sentences(controller, service):
    for line in _sentences(controller, service):
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            assert len(sentence.split()) <= 25, sentence
