"""Logistics lists, manifests and place cards: plain data and translated labels in, PDF
and XLSX bytes out (no Flask), over the engine in seminar_reg/documents."""
