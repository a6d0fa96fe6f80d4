"""Exports of figures and records: XLSX workbooks and PDF reports, the texts they share."""
