"""Công văn: one letter model (model.py), two renderers (DOCX, PDF), and the outgoing register."""
