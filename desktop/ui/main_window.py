"""Cửa sổ chính: navigation between the screens, menus, toolbar and remembered layout."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core import access
from desktop.core.types import PetitionFilter
from desktop.ui import actions, ask, correction_actions, rights
from desktop.ui.context import UiContext
from desktop.ui.dialogs.chase_text import MENU_TEXT as CHASE
from desktop.ui.dialogs.legal_registers_text import MENU_TEXT as LEGAL_REGISTERS
from desktop.ui.main_screens import MainScreens
from desktop.ui.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QEventLoop,
    QKeySequence,
    QLabel,
    QMainWindow,
    QSettings,
    QShowEvent,
    QSplitter,
    Qt,
    QWidget,
)
from desktop.ui.reminders import Reminders
from desktop.ui.screen_stack import ScreenStack
from desktop.ui.screens.petitions import PetitionsScreen
from desktop.ui.widgets.elided_label import ElidedLabel
from desktop.ui.widgets.navigation import Navigation


class MainWindow(MainScreens, QMainWindow):
    """The shell: a navigation list on the left, the chosen screen on the right."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._started = False
        self.setWindowTitle("Sổ Kiến Nghị")
        self.nav = Navigation(ctx)  # icons, and counts beside the lists
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(240)
        # Each screen is built when first shown: the window opens on one, not nine.
        self.stack = ScreenStack()
        self.screens = self.stack.screens
        for key, title, factory in self._screens():
            self.add_screen(key, title, factory)
        self.nav.currentRowChanged.connect(self.stack.show_page)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._show_who_and_where()
        ctx.session.store.on_wait = self.waiting_for_writer
        self.restore_layout()
        self.reminders = Reminders(ctx, self)
        self.reminders.open_list.connect(self.show_petitions)
        self.reminders.open_agenda.connect(lambda: self.show_screen("dashboard"))
        self.reminders.open_tasks.connect(self.show_overdue_tasks)
        # A chuyên viên starts on their unit's work; everyone else on the register.
        self.show_screen("unit_work" if access.opens_on_unit_work(ctx.session) else "petitions")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reminders.show_startup_notice()

    def add_screen(self, key: str, title: str, factory: Callable[[], QWidget]) -> None:
        """Put a screen in the navigation, built by `factory` when first shown."""
        self.stack.add(key, factory)
        self.nav.add_entry(key, title)

    def show_overdue_tasks(self) -> None:
        """The Nhiệm vụ screen on the overdue tasks (the reminder's click)."""
        self.tasks.overdue_box.setChecked(True)
        self.show_screen("tasks")

    def show_screen(self, key: str) -> None:
        """Switch to a screen by key."""
        index = self.stack.index_of(key)
        self.stack.show_page(index)
        self.nav.setCurrentRow(index)

    def show_petitions(self, f: PetitionFilter) -> None:
        """Open the register under a filter (the dashboard's numbers and bars, a document),
        shown in its filter bar."""
        self.show_screen("petitions")
        self.petitions.show_filter(f)

    def show_petition(self, petition_id: int) -> None:
        """Open one petition in the register (from the due-soon list), its chip in the bar."""
        self.show_screen("petitions")
        self.petitions.show_petition_only(petition_id)

    # -- actions --------------------------------------------------------------------------------
    def _action(
        self, menu: str, text: str, shortcut: QKeySequence | str | None, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self._menus[menu].addAction(action)
        self.actions_by_text[text] = action
        return action

    def waiting_for_writer(self, waited: float) -> None:
        """Another process holds the write lock: say so while the save waits for it."""
        self.statusBar().showMessage(
            f"Đang chờ: một người khác đang ghi vào cơ sở dữ liệu ({waited:.0f} giây)…", 3000
        )
        # The save runs on this thread; let the message paint, but take no clicks meanwhile.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self._menus = {name: bar.addMenu(name) for name in ("&Tệp", "&Kiến nghị", "&Xem")}
        self.actions_by_text: dict[str, QAction] = {}
        self.toolbar = self.addToolBar("Công cụ")
        self.toolbar.setObjectName("toolbar")
        find = self._action("&Kiến nghị", "Tìm kiến nghị", QKeySequence.StandardKey.Find,
                            self.focus_search)  # fmt: skip
        assign = self._action("&Kiến nghị", "Giao xử lý…", QKeySequence("Ctrl+G"), self.assign)
        reply = self._action("&Kiến nghị", "Ghi trả lời…", QKeySequence("Ctrl+R"), self.reply)
        self._action("&Kiến nghị", "Đơn vị hoàn thành…", QKeySequence("Ctrl+H"),
                     lambda: self.current_petitions().complete_part())  # fmt: skip
        letter = self._action(
            "&Kiến nghị", "Soạn công văn trả lời…", QKeySequence("Ctrl+L"), self.compose_letter
        )
        self._action(
            "&Kiến nghị", "Công văn hàng loạt theo nơi kiến nghị…", None, self.batch_letters
        )
        self._action("&Kiến nghị", CHASE, None, self.chase)
        self._menus["&Kiến nghị"].addSeparator()
        self._action("&Kiến nghị", "Sửa…", QKeySequence("F2"), self.edit_entry)
        self._action("&Kiến nghị", correction_actions.WITHDRAW_PETITION, None, self.withdraw)
        self._action("&Kiến nghị", correction_actions.REINSTATE_PETITION, None,
                     lambda: correction_actions.reinstate_petition(self.ctx, self))  # fmt: skip
        refresh = self._action("&Xem", "Làm mới", QKeySequence("F5"), self.refresh)
        new = self._action("&Tệp", "Vào sổ văn bản đến…", QKeySequence.StandardKey.New,
                           self.register_document)  # fmt: skip
        imp = self._action("&Tệp", "Nhập từ tệp…", QKeySequence("Ctrl+I"), self.import_file)
        self._menus["&Tệp"].addSeparator()
        self._action("&Tệp", "Xuất sổ ra Excel…", QKeySequence("Ctrl+E"),  # what the list shows
                     lambda: actions.export_register(
                         self.ctx, self, self.current_petitions().export_filter()))  # fmt: skip
        self._action(
            "&Tệp", "Sao lưu…", QKeySequence("Ctrl+B"), lambda: actions.backup(self.ctx, self)
        )
        self._action(
            "&Tệp", "Tạo dữ liệu mẫu…", None, lambda: actions.generate_demo(self.ctx, self)
        )
        self._action("&Tệp", "In danh sách…", QKeySequence.StandardKey.Print, self.print_list)
        self._action("&Tệp", LEGAL_REGISTERS, None, self.legal_registers)
        self._menus["&Tệp"].addSeparator()
        self._action("&Tệp", "Thoát", QKeySequence("Ctrl+Q"), self.close)
        for action in (new, imp, find, assign, reply, letter, refresh):
            self.toolbar.addAction(action)
        self._gate_actions()

    # -- who works, and what their role may do ---------------------------------------------------
    def _show_who_and_where(self) -> None:
        """The signed-in user and the database (server or file), always in the status bar."""
        session = self.ctx.session
        self.user_label = QLabel(access.who(session))
        self.user_label.setToolTip("Người đang làm việc (tên đăng nhập — vai trò)")
        # Elided in the middle when the bar is crowded (a long server address), never cut off.
        self.database_label = ElidedLabel(access.database_line(session.store))
        self.database_label.setToolTip(f"Cơ sở dữ liệu đang mở: {self.database_label.text()}")
        for label in (self.user_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)  # two facts, not one run-on line
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.database_label)

    # The menu entries and the core action that each needs (desktop/core/permissions.py).
    GATED = {
        "Vào sổ văn bản đến…": "register",
        "Nhập từ tệp…": "import",
        "Giao xử lý…": "assign",
        "Ghi trả lời…": "reply",
        "Soạn công văn trả lời…": "draft_letter",
        "Công văn hàng loạt theo nơi kiến nghị…": "draft_letter",
        CHASE: "draft_letter",
        "Sửa…": "correct",
        correction_actions.WITHDRAW_PETITION: "correct",
        correction_actions.REINSTATE_PETITION: "correct",
        "Xuất sổ ra Excel…": "reports",
        "In danh sách…": "print_registers",
        LEGAL_REGISTERS: "print_registers",
        "Sao lưu…": "backup",
        "Tạo dữ liệu mẫu…": "demo",
        "Quản lý người dùng…": "manage_users",
    }
    # An officer may draft letters only for their unit's petitions: asked per selection.
    PER_PETITION = ("Soạn công văn trả lời…", "Công văn hàng loạt theo nơi kiến nghị…")

    def _gate_actions(self) -> None:
        users = QAction("Quản lý người dùng…", self)
        users.triggered.connect(self.manage_users)
        self._menus["&Tệp"].insertAction(self.actions_by_text["Thoát"], users)
        self.actions_by_text[users.text()] = users
        for menu in self._menus.values():
            menu.setToolTipsVisible(True)  # a disabled entry says why
        for text, action in self.GATED.items():
            rights.gate(self.actions_by_text[text], self.ctx.session, action)
        if access.opens_on_unit_work(self.ctx.session):  # the registers connect when built
            self.nav.currentRowChanged.connect(lambda _: self._gate_selection())

    def _gate_selection(self) -> None:
        ids = self.current_petitions().selected_ids()
        for text in self.PER_PETITION:
            rights.gate(self.actions_by_text[text], self.ctx.session, "draft_letter",
                        petition_ids=ids)  # fmt: skip

    def legal_registers(self) -> None:
        """Tệp → In sổ đăng ký, sổ theo dõi… (imported on use, as the other dialogs are)."""
        from desktop.ui.dialogs.legal_registers import open_legal_registers

        open_legal_registers(self.ctx, self)

    def manage_users(self) -> None:
        """Tệp → Quản lý người dùng… (admins)."""
        from desktop.ui.dialogs.users import open_users

        open_users(self.ctx, self)

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the register."""
        current = self.stack.currentWidget()
        screen = current if isinstance(current, PetitionsScreen) else self.petitions
        if screen is not current:
            self.show_screen("petitions")
        screen.search_box.setFocus()
        screen.search_box.selectAll()

    def current_petitions(self) -> PetitionsScreen:
        """The register on screen (the overdue list is one too), else the main register."""
        current = self.stack.currentWidget()
        return current if isinstance(current, PetitionsScreen) else self.petitions

    def register_document(self) -> None:
        """Ctrl+N: vào sổ một văn bản đến with its petitions."""
        from desktop.ui.dialogs.register_document import RegisterDocumentDialog

        RegisterDocumentDialog(self.ctx, self).exec()

    def chase(self) -> None:
        """Kiến nghị → the chase letters to late units."""
        from desktop.ui.dialogs.chase import open_chase

        open_chase(self.ctx, self)

    def import_file(self) -> None:
        """Ctrl+I: import a DOCX/XLSX table of petitions, after a preview."""
        # Imported on use: the DOCX/XLSX readers cost ~0.2 s the window need not pay at start.
        from desktop.ui.dialogs.import_file import ImportDialog

        ImportDialog(self.ctx, self).exec()

    def assign(self) -> None:
        """Ctrl+G: route the selected petitions."""
        ids = self.current_petitions().selected_ids()
        if not ids:
            self.statusBar().showMessage("Chọn kiến nghị cần giao trong danh sách trước.", 5000)
            return
        from desktop.ui.dialogs.assign import open_assign

        open_assign(self.ctx, self, ids)

    def reply(self) -> None:
        """Ctrl+R: record a reply to the selected petitions."""
        ids = self.current_petitions().selected_ids()
        if not ids:
            self.statusBar().showMessage("Chọn kiến nghị cần ghi trả lời trước.", 5000)
            return
        from desktop.ui.dialogs.reply import open_reply

        open_reply(self.ctx, self, ids)

    def edit_entry(self) -> None:
        """F2: sửa the selected văn bản đến on its screen, else the selected petition."""
        if self.stack.built().get("documents") is self.stack.currentWidget():
            doc_id = self.documents.selected_document_id()
            if doc_id is None:
                self.statusBar().showMessage("Chọn văn bản đến cần sửa trước.", 5000)
            correction_actions.edit_document(self.ctx, self, doc_id)
            return
        ids = self.current_petitions().selected_ids()
        if not ids:
            self.statusBar().showMessage("Chọn kiến nghị cần sửa trong danh sách trước.", 5000)
        correction_actions.edit_petition(self.ctx, self, ids)

    def withdraw(self) -> None:
        """Rút the selected petition out of the register (with a reason; reversible)."""
        ids = self.current_petitions().selected_ids()
        if not ids:
            self.statusBar().showMessage("Chọn kiến nghị cần rút trước.", 5000)
        correction_actions.withdraw_petition(self.ctx, self, ids)

    def print_list(self) -> None:
        """Ctrl+P: print the register rows on screen (the columns shown), masked and recorded."""
        screen = self.current_petitions()
        header = screen.table.horizontalHeader()
        hidden = {c for c in range(header.count()) if header.isSectionHidden(c)}
        overdue = screen is self.overdue
        title = "Sổ theo dõi kiến nghị" + (" quá hạn" if overdue else "")
        search = screen.search_box.text() if screen.model.searching else ""
        where = "overdue" if overdue else "petitions"
        from desktop.ui import printing  # Qt's printing module loads when first printing

        printing.print_rows(
            self.ctx.session, self, screen.model, title, hidden=hidden, screen=where, search=search
        )

    def compose_letter(self) -> None:
        """Ctrl+L: the reply letter (công văn) for the selected petitions."""
        ids = self.current_petitions().selected_ids()
        if not ids:
            self.statusBar().showMessage("Chọn kiến nghị cần soạn công văn trả lời trước.", 5000)
            return
        from desktop.ui.dialogs.letter_compose import open_letter

        open_letter(self.ctx, self, ids)

    def batch_letters(self) -> None:
        """Draft letters for every selected petition, one per origin, into a folder."""
        ids = self.current_petitions().selected_ids()
        if not ids:
            self.statusBar().showMessage("Chọn các kiến nghị cần soạn công văn trước.", 5000)
            return
        from desktop.ui.dialogs.letter_batch import batch_letters

        batch_letters(self.ctx, self, ids)

    def refresh(self) -> None:
        """F5: reload every screen."""
        self.ctx.changed()

    # -- remembered layout ----------------------------------------------------------------------
    def restore_layout(self) -> None:
        """Window size, splitters and columns as the clerk left them."""
        s = QSettings()
        geometry = s.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            self.restoreState(s.value("main/state"))
            self.splitter.restoreState(s.value("main/splitter"))
            self.petitions.splitter.restoreState(s.value("petitions/splitter"))
            self.petitions.restore_columns(s.value("petitions/columns"))
        else:
            self.resize(1360, 800)
            self.splitter.setSizes([170, 1190])

    def save_layout(self) -> None:
        """Remember the layout for the next run."""
        s = QSettings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        s.setValue("main/splitter", self.splitter.saveState())
        petitions = self.stack.built().get("petitions")
        if isinstance(petitions, PetitionsScreen):
            s.setValue("petitions/splitter", petitions.splitter.saveState())
            s.setValue("petitions/columns", petitions.table.horizontalHeader().saveState())

    def has_unsaved_changes(self) -> bool:
        """Typed but not saved in the catalogs or the settings (built only when opened)."""
        built = self.stack.built()
        return any(
            key in built and built[key].has_unsaved_changes()  # type: ignore[attr-defined]
            for key in ("catalogs", "settings")
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        from desktop.ui.quit_guard import may_quit

        if not may_quit(self):  # letter windows with unsaved edits: Lưu / Bỏ / Hủy
            event.ignore()
            return
        if self.has_unsaved_changes() and not ask.confirm(
            self, "Sổ Kiến Nghị", "Danh mục hoặc cài đặt có thay đổi chưa lưu. Vẫn thoát?"
        ):
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)
