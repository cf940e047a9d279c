"""CSV and XLSX downloads of a table definition (reporting.tables), as German spreadsheet users expect them.

CSV: UTF-8 with a byte-order mark (so Excel detects the encoding), semicolons, decimal commas, dates as
DD.MM.YYYY, no thousands separators. XLSX: real numbers and dates with German number formats, a bold,
frozen header row.

No text a user typed can become a formula (kiz.spreadsheets): in CSV a formula-like text gets an apostrophe in
front; in XLSX every text cell is written with the string type, a formula-like one also with the quote prefix
that keeps it text when the cell is edited.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kiz.spreadsheets import inert_text, is_formula_like

from .tables import DATE, DECIMAL, EURO, INTEGER, Table

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EURO_FORMAT = "#,##0.00 €"
DATE_FORMAT = "DD.MM.YYYY"


def _csv_cell(column, value) -> str:
    if value is None or value == "":
        return ""
    if column.type in (EURO, DECIMAL):
        places = 2 if column.type == EURO else column.places
        return f"{Decimal(value):.{places}f}".replace(".", ",")
    if column.type == INTEGER:
        return str(int(value))
    if column.type == DATE and isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return inert_text(str(value))


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([inert_text(str(column.header)) for column in table.columns])
    for row in [*table.rows, *([table.footer] if table.footer else [])]:
        writer.writerow([_csv_cell(column, row.get(column.key)) for column in table.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_value(column, value):
    if value is None or value == "":
        return None
    if column.type in (EURO, DECIMAL):
        return Decimal(value)
    if column.type == INTEGER:
        return int(value)
    if column.type == DATE and isinstance(value, datetime):
        return value.date()
    if column.type == DATE and isinstance(value, date):
        return value
    return str(value)


def _append_row(sheet, values) -> None:
    """Append a row; text is stored as a string cell, never parsed as a formula."""
    sheet.append(values)
    row = sheet.max_row
    for index, value in enumerate(values, start=1):
        if isinstance(value, str):
            cell = sheet.cell(row=row, column=index)
            cell.value = value
            cell.data_type = "s"
            if is_formula_like(value):
                cell.quotePrefix = True


def _number_format(column) -> str | None:
    if column.type == EURO:
        return EURO_FORMAT
    if column.type == DECIMAL:
        return "#,##0." + "0" * column.places if column.places else "#,##0"
    if column.type == INTEGER:
        return "#,##0"
    if column.type == DATE:
        return DATE_FORMAT
    return None


def table_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    # Sheet titles are limited to 31 characters and some punctuation.
    sheet.title = "".join(c for c in table.title if c not in "[]:*?/\\")[:31] or "Tabelle"
    _append_row(sheet, [str(column.header) for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    rows = [*table.rows, *([table.footer] if table.footer else [])]
    for row in rows:
        _append_row(sheet, [_xlsx_value(column, row.get(column.key)) for column in table.columns])
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        number_format = _number_format(column)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
        widest = max([len(column.header), *(len(column.display(row.get(column.key))) for row in rows)])
        sheet.column_dimensions[letter].width = min(max(10, widest + 2), 60)
    if table.footer:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(table: Table, *, filename_stem: str, fmt: str) -> HttpResponse:
    """The table as an attachment; fmt is "csv" or "xlsx"."""
    if fmt == "xlsx":
        response = HttpResponse(table_xlsx(table), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(table_csv(table), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{filename_stem}.{fmt}")
    return response
