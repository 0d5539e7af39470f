"""The main window's screens: how each is built when first shown, and its name on the window."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from desktop.core import access
from desktop.core.types import PetitionFilter
from desktop.ui.context import UiContext
from desktop.ui.qt import QWidget
from desktop.ui.screen_stack import ScreenStack
from desktop.ui.screens.petitions import PetitionsScreen


class MainScreens:
    """Mixed into MainWindow: the nine screens, built lazily by ScreenStack."""

    # MainWindow gives these, and the slots show_petitions, show_petition, _gate_selection.
    ctx: UiContext
    stack: ScreenStack
    screens: Mapping[str, QWidget]

    def _screens(self) -> list[tuple[str, str, Callable[[], QWidget]]]:
        return [
            ("dashboard", "Tổng quan", self._make_dashboard),
            ("unit_work", "Việc của đơn vị", self._make_unit_work),
            ("documents", "Văn bản đến", self._make_documents),
            ("petitions", "Kiến nghị", lambda: self._make_register(overdue_only=False)),
            ("overdue", "Quá hạn", lambda: self._make_register(overdue_only=True)),
            ("tasks", "Nhiệm vụ", self._make_tasks),
            ("outgoing", "Văn bản đi", self._make_outgoing),
            ("catalogs", "Danh mục", self._make_catalogs),
            ("settings", "Cài đặt", self._make_settings),
        ]

    # The screens' modules are imported when the screen is first built, not at start.
    def _make_dashboard(self) -> QWidget:
        from desktop.ui.screens.dashboard import DashboardScreen

        screen = DashboardScreen(self.ctx)
        screen.open_list.connect(self.show_petitions)
        screen.open_petition.connect(self.show_petition)
        return screen

    def _make_unit_work(self) -> QWidget:
        from desktop.ui.screens.unit_work import UnitWorkScreen

        screen = UnitWorkScreen(self.ctx)
        screen.open_petition.connect(self.show_petition)
        return screen

    def _make_documents(self) -> QWidget:
        from desktop.ui.screens.registers import DocumentsScreen

        screen = DocumentsScreen(self.ctx)
        screen.open_document.connect(
            lambda document_id: self.show_petitions(PetitionFilter(document_id=document_id))
        )
        return screen

    def _make_register(self, *, overdue_only: bool) -> QWidget:
        screen = PetitionsScreen(self.ctx, overdue_only=overdue_only)
        if access.opens_on_unit_work(self.ctx.session):
            screen.table.selectionModel().selectionChanged.connect(self._gate_selection)
        return screen

    def _make_tasks(self) -> QWidget:
        from desktop.ui.screens.tasks import TasksScreen

        return TasksScreen(self.ctx)

    def _make_outgoing(self) -> QWidget:
        from desktop.ui.screens.registers import OutgoingScreen

        return OutgoingScreen(self.ctx)

    def _make_catalogs(self) -> QWidget:
        from desktop.ui.screens.catalogs import CatalogsScreen

        return CatalogsScreen(self.ctx)

    def _make_settings(self) -> QWidget:
        from desktop.ui.screens.settings import SettingsScreen

        return SettingsScreen(self.ctx)

    # The screens by name (built on first use; the tests and the menus reach them so).
    dashboard = property(lambda self: self.screens["dashboard"])
    unit_work = property(lambda self: self.screens["unit_work"])
    documents = property(lambda self: self.screens["documents"])
    petitions = property(lambda self: self.screens["petitions"])
    overdue = property(lambda self: self.screens["overdue"])
    tasks = property(lambda self: self.screens["tasks"])
    outgoing = property(lambda self: self.screens["outgoing"])
    catalogs = property(lambda self: self.screens["catalogs"])
    settings = property(lambda self: self.screens["settings"])
