"""Payments are pounds and pence only, and a payment of more than is outstanding needs confirming.

By hand on 12 January 2026: £80 to 1 February, £160 to 8 February (today is 15 January).
"""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tutela.enforcement import rules
from tutela.enforcement.models import PenaltyPayment
from tutela.enforcement.services import notice_terms, penalty_notice_issue, penalty_payment_record
from tutela.lib.errors import InvalidInput


@pytest.fixture
def notice(ess):
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="Threshold met.",
    )


def _post(client, notice, amount, **extra):
    return client.post(
        f"/enforcement/penalty-notices/{notice.pk}/",
        {
            "reference": notice.reference,
            "kind": "payment",
            "amount": amount,
            "received_on_0": "14",
            "received_on_1": "1",
            "received_on_2": "2026",
            "method": "Card",
            "record_payment": "1",
            **extra,
        },
    )


@pytest.mark.parametrize("amount", ["1e5", "0.999", "NaN", "Infinity", "1e400", "-80", "eighty"])
def test_the_form_refuses_anything_but_pounds_and_pence(ess, sign_in, notice, amount):
    response = _post(sign_in(ess.officer), notice, amount)
    assert response.status_code == 200
    assert "Enter an amount in pounds and pence" in response.content.decode()
    assert not PenaltyPayment.objects.exists()


@pytest.mark.parametrize(("amount", "pence"), [("80", 8000), ("12.5", 1250), ("£40.00", 4000)])
def test_the_form_records_whole_pence(ess, sign_in, notice, amount, pence):
    response = _post(sign_in(ess.officer), notice, amount)
    assert response.status_code == 302
    assert PenaltyPayment.objects.get().amount_pence == pence


def test_an_overpayment_on_the_form_needs_the_box_ticked(ess, sign_in, notice):
    client = sign_in(ess.officer)
    response = _post(client, notice, "100")
    assert response.status_code == 200
    assert "£100.00 is more than the £80.00 outstanding on this notice" in response.content.decode()
    assert not PenaltyPayment.objects.exists()
    assert _post(client, notice, "100", confirm_overpayment="on").status_code == 302
    assert PenaltyPayment.objects.get().amount_pence == 10000


def test_the_service_refuses_an_unconfirmed_overpayment_after_a_part_payment(ess, notice):
    penalty_payment_record(
        actor=ess.officer, reference=notice.reference, amount_pence=5000, received_on=date(2026, 1, 13)
    )
    with pytest.raises(InvalidInput, match=r"£40\.00 is more than the £30\.00 outstanding"):
        penalty_payment_record(
            actor=ess.officer, reference=notice.reference, amount_pence=4000, received_on=date(2026, 1, 14)
        )
    assert PenaltyPayment.objects.count() == 1


@pytest.mark.parametrize(
    ("paid", "on", "outstanding"),
    [
        ([], date(2026, 1, 20), 8000),  # within the 21 days: the discounted £80
        ([(date(2026, 1, 13), 5000)], date(2026, 2, 1), 3000),
        ([(date(2026, 1, 13), 5000)], date(2026, 2, 2), 11000),  # after the 21 days: £160 less what was paid
        ([(date(2026, 1, 13), 8000)], date(2026, 2, 5), 0),  # discharged by the discounted amount
        ([(date(2026, 1, 13), 8000), (date(2026, 1, 14), -8000)], date(2026, 1, 15), 8000),  # refunded
    ],
)
def test_what_is_outstanding_follows_the_discount(notice, paid, on, outstanding):
    terms = notice_terms(notice)
    assert rules.outstanding_pence(terms=terms, payments=paid, withdrawn=False, on=on) == outstanding
    assert rules.outstanding_pence(terms=terms, payments=paid, withdrawn=True, on=on) == 0


def _import(tmp_path, ess, lines, *flags):
    path = tmp_path / "payments.csv"
    path.write_text("reference,amount,received_on,method\n" + "".join(f"{line}\n" for line in lines))
    call_command("penalty_payments_import", str(path), "--user", ess.officer.username, *flags, stdout=StringIO())


@pytest.mark.parametrize("amount", ["1e5", "0.999", "NaN", "Infinity", "1e400"])
def test_the_import_refuses_anything_but_pounds_and_pence(ess, notice, tmp_path, amount):
    with pytest.raises(CommandError, match=f"line 2: '{amount}' is not an amount in pounds and pence"):
        _import(tmp_path, ess, [f"{notice.reference},{amount},2026-01-13,card"])
    assert not PenaltyPayment.objects.exists()


def test_duplicate_lines_are_refused_naming_the_first(ess, notice, tmp_path):
    line = f"{notice.reference},40.00,2026-01-13,card"
    with pytest.raises(CommandError) as refused:
        _import(tmp_path, ess, [line, f"{notice.reference},40,2026-01-14,card", line.lower()])
    assert str(refused.value) == "line 4: duplicate of line 2"
    assert not PenaltyPayment.objects.exists()


def test_an_overpayment_in_the_import_is_refused_counting_the_files_earlier_lines(ess, notice, tmp_path):
    lines = [f"{notice.reference},80,2026-01-13,card", f"{notice.reference},80,2026-01-14,cheque"]
    with pytest.raises(CommandError) as refused:
        _import(tmp_path, ess, lines)
    assert str(refused.value) == (
        "line 3: £80.00 is more than the £0.00 outstanding on this notice: "
        "run the import with --allow-overpayments to record it"
    )
    assert not PenaltyPayment.objects.exists()
    _import(tmp_path, ess, lines, "--allow-overpayments")
    assert sorted(PenaltyPayment.objects.values_list("amount_pence", flat=True)) == [8000, 8000]


def test_every_line_problem_of_the_file_is_listed_with_nothing_recorded(ess, notice, tmp_path):
    with pytest.raises(CommandError) as refused:
        _import(
            tmp_path,
            ess,
            [f"{notice.reference},10,2026-01-02,card", f"{notice.reference},10,2026-01-13,{'x' * 51}"],
        )
    assert str(refused.value) == (
        "line 2: the payment is dated before the notice was issued\nline 3: the method must be 50 characters or fewer"
    )
    assert not PenaltyPayment.objects.exists()


@pytest.mark.parametrize(("fine", "stored"), [("1e5", None), ("220", 22000), ("1,000.50", 100050)])
def test_a_courts_fine_is_pounds_and_pence_too(ess, sign_in, fine, stored):
    from tutela.enforcement.services import prosecution_start

    prosecution = prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 12, 12),
        offence="s444(1)",
        rationale="Two notices unpaid; attendance unchanged.",
    )
    response = sign_in(ess.officer).post(
        f"/enforcement/prosecutions/{prosecution.pk}/", {"action": "update", "fine": fine, "costs": ""}
    )
    assert response.status_code == (200 if stored is None else 302)
    prosecution.refresh_from_db()
    assert prosecution.fine_pence == stored
