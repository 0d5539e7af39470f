"""The menu entry of the legal registers, without importing their dialog (or its imports)."""

MENU_TEXT = "In sổ đăng ký, sổ theo dõi…"
