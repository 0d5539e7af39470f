"""The screens on the right of the main window, each built the first time it is wanted.

Building all nine at start cost the window its first second: their modules (charts, the notice
and Excel readers behind Cài đặt) and their first queries, which queued on the two query
workers ahead of the register's first page."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from desktop.ui.qt import QStackedWidget, QWidget

Factory = Callable[[], QWidget]


class ScreenStack(QStackedWidget):
    """A stacked widget whose pages are placeholders until shown (or asked for by key)."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[str] = []
        self._factories: dict[str, Factory] = {}
        self._built: dict[str, QWidget] = {}
        self.screens = _Screens(self)

    def add(self, key: str, factory: Factory) -> None:
        """A screen under `key`, made by `factory` when first needed."""
        self._keys.append(key)
        self._factories[key] = factory
        self.addWidget(QWidget())

    def order(self) -> list[str]:
        """The screens' keys in navigation order."""
        return list(self._keys)

    def index_of(self, key: str) -> int:
        """The page number of a screen."""
        return self._keys.index(key)

    def screen(self, key: str) -> QWidget:
        """The screen under `key`, built now if it was not yet."""
        built = self._built.get(key)
        if built is not None:
            return built
        widget = self._factories[key]()
        index = self._keys.index(key)
        placeholder = self.widget(index)
        current = self.currentIndex()
        self.insertWidget(index, widget)
        self.removeWidget(placeholder)
        placeholder.deleteLater()
        self._built[key] = widget
        if current == index:
            self.setCurrentIndex(index)
        return widget

    def built(self) -> dict[str, QWidget]:
        """The screens built so far (the others have nothing to save or refresh)."""
        return dict(self._built)

    def show_page(self, index: int) -> None:
        """Show page `index`, building its screen first (the navigation's slot)."""
        if 0 <= index < len(self._keys):
            self.screen(self._keys[index])
            self.setCurrentIndex(index)


class _Screens(Mapping[str, QWidget]):
    """`window.screens[key]`: the screen, built on first access."""

    def __init__(self, stack: ScreenStack) -> None:
        self._stack = stack

    def __getitem__(self, key: str) -> QWidget:
        if key not in self._stack.order():
            raise KeyError(key)
        return self._stack.screen(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._stack.order())

    def __len__(self) -> int:
        return len(self._stack.order())
