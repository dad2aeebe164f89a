"""Rendering a template to PDF with WeasyPrint: the one way Tutela makes PDFs."""

from typing import Any

from django.template.loader import render_to_string


def html_to_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]  # imported late: loading Pango is slow

    return bytes(HTML(string=render_to_string(template, context)).write_pdf())
