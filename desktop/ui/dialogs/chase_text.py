"""The chase dialog's title and menu entry, without importing the dialog (or its imports)."""

TITLE = "Đôn đốc đơn vị quá hạn"
MENU_TEXT = f"{TITLE}…"  # Kiến nghị menu of the main window
