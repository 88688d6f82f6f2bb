"""The document engine: fonts, text fitting, QR symbols, PDF and XLSX writing and the
table paginator. Plain data in, bytes out; no Flask and no database here. Each feature's
own documents live beside it (badges/layout.py, rolls/pdf.py, logistics/documents/).

Nothing is imported here: reportlab and openpyxl load only when a document is made.
"""


def __getattr__(name: str):
    if name == "MissingGlyphError":
        from .fonts import MissingGlyphError

        return MissingGlyphError
    raise AttributeError(name)
