"""The Insights tab: the charts, each with its numbers as a table, and the weekly review."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mlcoach.coaching.content import load_builtin, theme_names
from mlcoach.ui import ops
from mlcoach.ui.charts.axis import LineChart, StackedBarChart
from mlcoach.ui.charts.bars import LabelledBarChart
from mlcoach.ui.charts.base import ChartCard
from mlcoach.ui.charts.calendar import CalendarChart
from mlcoach.ui.history.model import Clock, locale_name
from mlcoach.ui.i18n import error_message, qdate

if TYPE_CHECKING:  # they load SQLAlchemy: with the tab's first data, not with the window
    from mlcoach.coaching.weekly import WeeklyReview
    from mlcoach.store.core import Store
    from mlcoach.store.insights import Insights
from mlcoach.ui.names import kind_names
from mlcoach.ui.widgets.plain_text import Label, WordsLabel

logger = logging.getLogger(__name__)


logger = logging.getLogger(__name__)

translate = QCoreApplication.translate  # lupdate reads translate("History", "…") calls


def _decimal(value: float) -> str:
    """A number with one decimal, written the locale's way (3,5 in Turkish)."""
    return QLocale().toString(value, "f", 1)


def _percent(value: float) -> str:
    """A whole percentage, with the sign where the language puts it (%45 in Turkish)."""
    return translate("History", "%1%").replace("%1", QLocale().toString(round(value)))


def _counted(n: int, one: str, many: str) -> str:
    """`one` for 1 ("1 reflection"), else `many` with %1 as the locale writes `n`: Qt's
    plural forms need a translation of the English, which the app does not ship."""
    return one if n == 1 else many.replace("%1", QLocale().toString(n))


def _month_label(day: date) -> str:
    """An axis label: the month's short name, or the year in January."""
    return str(day.year) if day.month == 1 else QLocale().toString(qdate(day), "MMM")



class ReviewBanner(QFrame):
    """Last week in a few lines, with a button to take the suggested focus theme.

    Signals:
        accepted(str): the user took the theme as this week's focus.
        dismissed(): the user closed the review.
    """

    accepted = Signal(str)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAccessibleName(self.tr("Weekly review"))
        self.review: WeeklyReview | None = None
        self.recorded = False  # the store already knows this week's review was seen
        self.title = Label(self.tr("Your week in review"), self)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.text = WordsLabel(self)  # a win quoted may hold a link
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Made in the order they stand (and Tab visits them): Not now, then Accept.
        self.dismiss_button = QPushButton(self.tr("Not now"), self)
        self.dismiss_button.setAccessibleName(self.tr("Close the weekly review"))
        self.accept_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(self._accept)
        self.dismiss_button.clicked.connect(self.dismissed.emit)
        self.hide()

    def _accept(self) -> None:
        if self.review is not None:
            self.accepted.emit(self.review.suggested_theme)

    def show_review(self, review: WeeklyReview, names: dict[str, str]) -> None:
        """Fill in `review` and show it."""
        self.review, self.recorded = review, False
        theme = names.get(review.suggested_theme, review.suggested_theme)
        moments = _counted(review.moments, self.tr("1 moment"), self.tr("%1 moments"))
        wins = _counted(review.small_wins, self.tr("1 small win"), self.tr("%1 small wins"))
        lines = [self.tr("Last week: %1, %2.").replace("%1", moments).replace("%2", wins)]
        if review.attempted:
            lines.append(self.tr("%1 of %2 attempts were followed (%3%).")
                         .replace("%1", str(review.realized))
                         .replace("%2", str(review.attempted))
                         .replace("%3", str(round(100 * (review.ratio or 0)))))
        if review.influenced:
            people = ", ".join(f"{name} ({n})" for name, n in review.influenced)
            lines.append(self.tr("You influenced %1.").replace("%1", people))
        if review.win_examples:
            lines.append(self.tr("A win: “%1”").replace("%1", review.win_examples[-1]))
        if review.neglected_theme:
            lines.append(self.tr("Least practised: %1.").replace(
                "%1", names.get(review.neglected_theme, review.neglected_theme)))
        lines.append(self.tr("Suggested focus for this week: %1.").replace("%1", theme))
        self.text.setText("\n".join(lines))
        self.accept_button.setText(self.tr("Accept focus: %1").replace("%1", theme))
        self.accept_button.setAccessibleName(self.accept_button.text())
        self.accept_button.show()
        self.dismiss_button.setText(self.tr("Not now"))
        self.show()

    def show_accepted(self, theme: str, until: date) -> None:
        """Say the focus is set, and keep only a Close button."""
        self.recorded = True
        self.text.setText(self.tr("Focus set: %1 until %2. Prompts on it will come more "
                                  "often.").replace("%1", theme)
                          .replace("%2", QLocale().toString(qdate(until), "dddd d MMM")))
        self.accept_button.hide()
        self.dismiss_button.setText(self.tr("Close"))


class InsightsTab(QWidget):
    """The charts, each with its numbers as a table, and the weekly review on top.

    Signals:
        focus_accepted(str): the weekly review's theme became the focus.
    """

    focus_accepted = Signal(str)

    def __init__(self, store: Callable[[], Store], *, clock: Clock, tz: tzinfo,
                 parent: QWidget | None = None) -> None:
        """`store` gives the ORM store (opened on first use, on the GUI thread)."""
        super().__init__(parent)
        self._store, self._clock, self._tz = store, clock, tz
        self._loading = False
        self.data: Insights | None = None
        self.banner = ReviewBanner(self)
        self.weeks = ChartCard(self.tr("Moments per week by kind"),
                               StackedBarChart(self.tr("Moments per week by kind")), self)
        self.ratio = ChartCard(self.tr("Realized vs attempted"),
                               LineChart(self.tr("Realized vs attempted")), self)
        self.energy = ChartCard(self.tr("Energy"), LineChart(self.tr("Energy")), self)
        self.themes = ChartCard(self.tr("Theme balance: prompts acted on"),
                                LabelledBarChart(self.tr("Theme balance")), self)
        self.calendar = ChartCard(self.tr("Active days"),
                                  CalendarChart(self.tr("Active days")), self)
        self.status = Label(self.tr("Loading…"), self)
        self.status.setAccessibleDescription(self.tr("Insights status"))
        for card in self.cards():
            card.chart.set_empty_text(self.tr("Nothing to show yet"))
        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.weeks, 0, 0, 1, 2)
        grid.addWidget(self.ratio, 1, 0)
        grid.addWidget(self.energy, 1, 1)
        grid.addWidget(self.themes, 2, 0, 1, 2)
        grid.addWidget(self.calendar, 3, 0, 1, 2)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.addWidget(self.banner)
        column.addWidget(self.status)
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.banner.accepted.connect(self._accept_focus)
        self.banner.dismissed.connect(self._dismiss_review)

    def cards(self) -> list[ChartCard]:
        """Every chart card, top to bottom."""
        return [self.weeks, self.ratio, self.energy, self.themes, self.calendar]

    def loading(self) -> bool:
        """Whether the data is being read."""
        return self._loading

    def load(self) -> None:
        """Read every chart's data (and the weekly review when due) on the worker thread."""
        if self._loading:
            return
        self._loading = True
        from mlcoach.coaching.weekly import weekly_review
        from mlcoach.store.insights import compute_insights

        store_of, now, tz = self._store, self._clock(), self._tz

        def read() -> tuple[Insights, WeeklyReview | None]:
            store = store_of()  # the ORM store's first open (~0.3 s) here, not on the GUI
            prompts = [*load_builtin(), *store.custom_prompts()]
            return compute_insights(store, now, tz), weekly_review(store, now, tz, prompts)

        ops.run(read, self._loaded, self._failed, left_at_quit=True)

    def _failed(self, exc: BaseException) -> None:
        logger.error("insights failed: %s", exc)
        if shiboken6.isValid(self):
            self._loading = False
            self.status.setText(self.tr("Could not read the insights: %1").replace(
                "%1", error_message(exc)))
            self.status.show()

    def _loaded(self, result: tuple[Insights, WeeklyReview | None]) -> None:
        if not shiboken6.isValid(self):
            return
        self._loading = False
        data, review = result
        self.data = data
        self.status.hide()
        names = theme_names(locale_name())
        self._fill_weeks(data)
        self._fill_ratio(data)
        self._fill_energy(data)
        self._fill_themes(data, names)
        self._fill_calendar(data)
        if review is not None:
            self.banner.show_review(review, names)
        else:
            self.banner.hide()

    # -- charts ---------------------------------------------------------------------------

    def _fill_weeks(self, data: Insights) -> None:
        loc = QLocale()
        kinds = kind_names()
        order = list(kinds)
        labels, values, tips, rows = [], [], [], []
        previous_month = 0
        for week in data.weeks:
            label = ""
            if week.week.month != previous_month:
                label = _month_label(week.week)
                previous_month = week.week.month
            labels.append(label)
            counts = [week.counts.get(k.value, 0) for k in order]
            values.append(counts)
            when = self.tr("Week of %1").replace("%1", loc.toString(qdate(week.week),
                                                                     "d MMM yyyy"))
            parts = ", ".join(f"{kinds[k]} {n}" for k, n in zip(order, counts, strict=True) if n)
            moments = self.tr("1 moment") if week.total == 1 \
                else self.tr("%Ln moments", "", week.total)
            tips.append(f"{when}: {moments}" + (f"\n{parts}" if parts else ""))
            rows.append([loc.toString(qdate(week.week), "d MMM yyyy"), str(week.total),
                         *[str(n) for n in counts]])
        chart = self.weeks.chart
        assert isinstance(chart, StackedBarChart)
        total = sum(w.total for w in data.weeks)
        chart.set_data(labels, [kinds[k] for k in order], values, tips if total else [])
        self.weeks.summary.setText(self.tr("%1 in the last %2 weeks, %3 a week on average.")
                                   .replace("%1", _counted(total, self.tr("1 moment"),
                                                           self.tr("%1 moments")))
                                   .replace("%2", str(len(data.weeks)))
                                   .replace("%3", _decimal(total / max(1, len(data.weeks)))))
        self.weeks.set_table([self.tr("Week of"), self.tr("Total"),
                              *[kinds[k] for k in order]], rows)

    def _fill_ratio(self, data: Insights) -> None:
        loc = QLocale()
        labels, values, tips, rows = [], [], [], []
        for month in data.months:
            labels.append(_month_label(month.month) if month.month.month in (1, 4, 7, 10)
                          else "")
            ratio = month.ratio
            values.append(None if ratio is None else 100 * ratio)
            name = loc.toString(qdate(month.month), "MMMM yyyy")
            pct = "–" if ratio is None else _percent(100 * ratio)
            tips.append(self.tr("%1: %2 of %3 followed (%4)").replace("%1", name)
                        .replace("%2", str(month.realized)).replace("%3", str(month.attempted))
                        .replace("%4", pct))
            rows.append([name, str(month.realized), str(month.attempted), pct])
        realized = sum(m.realized for m in data.months)
        attempted = sum(m.attempted for m in data.months)
        chart = self.ratio.chart
        assert isinstance(chart, LineChart)
        chart.set_data(labels, [(self.tr("Followed"), values)], tips, y_range=(0, 100),
                       y_format=_percent)
        if attempted:
            self.ratio.summary.setText(
                self.tr("%1 of %2 attempts followed (%3%) in %4 months.")
                .replace("%1", loc.toString(realized)).replace("%2", loc.toString(attempted))
                .replace("%3", str(round(100 * realized / attempted)))
                .replace("%4", str(len(data.months))))
        else:
            self.ratio.summary.setText(self.tr("No outcomes recorded yet."))
        self.ratio.set_table([self.tr("Month"), self.tr("Followed"), self.tr("Attempted"),
                              self.tr("Ratio")], rows)

    def _fill_energy(self, data: Insights) -> None:
        loc = QLocale()
        weeks = data.energy_weeks
        labels, tips, rows = [], [], []
        previous_month = 0
        for w in weeks:
            label = ""
            if w.week.month != previous_month:
                label = _month_label(w.week)
                previous_month = w.week.month
            labels.append(label)
            day = loc.toString(qdate(w.week), "d MMM yyyy")
            tips.append(self.tr("Week of %1: %2 on average from %3")
                        .replace("%1", day).replace("%2", _decimal(w.mean))
                        .replace("%3", _counted(w.days, self.tr("1 reflection"),
                                                self.tr("%1 reflections"))))
            rows.append([day, _decimal(w.mean), str(w.days)])
        chart = self.energy.chart
        assert isinstance(chart, LineChart)
        chart.set_data(labels, [(self.tr("Energy"), [w.mean for w in weeks])], tips,
                       y_range=(1, 5), y_format=lambda v: f"{v:.0f}")
        if data.energy:
            mean = sum(p.energy for p in data.energy) / len(data.energy)
            recent = [p.energy for p in data.energy[-10:]]
            self.energy.summary.setText(
                self.tr("Average %1 over %2 reflections; lately %3.")
                .replace("%1", _decimal(mean)).replace("%2", str(len(data.energy)))
                .replace("%3", _decimal(sum(recent) / len(recent))))
        else:
            self.energy.summary.setText(self.tr("Note your energy in the evening reflection "
                                                "to see it here."))
        self.energy.set_table([self.tr("Week of"), self.tr("Average energy (1–5)"),
                               self.tr("Reflections")], rows)

    def _fill_themes(self, data: Insights, names: dict[str, str]) -> None:
        themes = data.themes
        labels = [names.get(t.theme, t.theme) for t in themes]
        texts = [self.tr("%1 of %2").replace("%1", str(t.done)).replace("%2", str(t.shown))
                 for t in themes]
        tips = [self.tr("%1: acted on %2 of %3").replace("%1", label)
                .replace("%2", str(t.done))
                .replace("%3", _counted(t.shown, self.tr("1 prompt shown"),
                                        self.tr("%1 prompts shown")))
                for label, t in zip(labels, themes, strict=True)]
        chart = self.themes.chart
        assert isinstance(chart, LabelledBarChart)
        shown = sum(t.shown for t in themes)
        chart.set_data(labels, [t.done for t in themes], [t.shown for t in themes], texts,
                       tips if shown else [])
        since = QLocale().toString(qdate(data.theme_since), "d MMM yyyy")
        least = [names.get(t.theme, t.theme) for t in themes if t.done == themes[-1].done]
        self.themes.summary.setText(
            self.tr("Prompts acted on (of those shown) since %1. Least practised: %2.")
            .replace("%1", since).replace("%2", ", ".join(least[:3])) if shown
            else self.tr("No prompts since %1.").replace("%1", since))
        self.themes.set_table([self.tr("Theme"), self.tr("Acted on"), self.tr("Shown")],
                              [[label, str(t.done), str(t.shown)]
                               for label, t in zip(labels, themes, strict=True)])

    def _fill_calendar(self, data: Insights) -> None:
        loc = QLocale()
        cal = data.calendar
        days = [cal.start + timedelta(days=i) for i in range((cal.end - cal.start).days + 1)]
        tips, rows = [], []
        for day in days:
            count = cal.counts.get(day, 0)
            moments = count - (1 if day in cal.reflected else 0)
            name = loc.toString(qdate(day), "ddd d MMM yyyy")
            parts = []
            if moments:
                parts.append(self.tr("1 moment") if moments == 1
                             else self.tr("%Ln moments", "", moments))
            if day in cal.reflected:
                parts.append(self.tr("reflection written"))
            if not parts:
                parts.append(self.tr("nothing captured"))
            tips.append(f"{name}: {', '.join(parts)}")
            if count:
                rows.append([name, str(moments), self.tr("yes") if day in cal.reflected
                             else ""])
        chart = self.calendar.chart
        assert isinstance(chart, CalendarChart)
        chart.set_data(cal.start, cal.end, cal.counts, tips,
                       month_names=[loc.monthName(m, QLocale.FormatType.ShortFormat)
                                    for m in range(1, 13)],
                       weekday_names=[loc.dayName(d, QLocale.FormatType.ShortFormat)
                                      for d in range(1, 8)],
                       less_more=(self.tr("Less"), self.tr("More")), today=data.today)
        self.calendar.summary.setText(
            self.tr("Current streak: %1 · longest: %2 · active on %3 of %4 days.")
            .replace("%1", _counted(cal.current_streak, self.tr("1 workday"),
                                    self.tr("%1 workdays"))).replace("%2", str(cal.longest_streak))
            .replace("%3", str(cal.active)).replace("%4", str(len(days))))
        self.calendar.set_table([self.tr("Day"), self.tr("Moments"), self.tr("Reflection")],
                                rows)

    # -- weekly review --------------------------------------------------------------------

    def _accept_focus(self, theme: str) -> None:
        from mlcoach.coaching.weekly import accept_focus, mark_shown

        review, store = self.banner.review, self._store()
        if review is None:
            return
        today = self._clock().astimezone(self._tz).date()

        def write() -> date | None:
            settings = accept_focus(store, theme, today)
            mark_shown(store, review)
            return settings.focus_until

        def done(until: date | None) -> None:
            if not shiboken6.isValid(self):
                return
            names = theme_names(locale_name())
            self.banner.show_accepted(names.get(theme, theme), until or today)
            self.focus_accepted.emit(theme)

        ops.run(write, done, self._failed)

    def _dismiss_review(self) -> None:
        from mlcoach.coaching.weekly import mark_shown

        review, store = self.banner.review, self._store()
        self.banner.hide()
        if review is not None and not self.banner.recorded:
            self.banner.recorded = True
            ops.run(lambda: mark_shown(store, review), lambda _r: None, self._failed)


# -- the window ---------------------------------------------------------------------------
