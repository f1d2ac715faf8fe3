"""The prompt, pace and meeting preparation cards at large fonts and to a screen reader."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from mlcoach.domain.model import Person, Style, Suggestion
from tests.ui.conftest import NOW, TZ

pytestmark = pytest.mark.gui

QM = Path(__file__).resolve().parents[2] / "resources" / "translations" / "mlcoach_tr.qm"

PROMPTS = {
    "en": ("Handing over and trusting",
           "The next time a meeting question comes up that you would usually answer, hold "
           "back and let a colleague who knows it answer first.",
           '"You worked on that part. Do you want to take this one?"',
           "You skipped the last 5 prompts, so for the next week I'll show 2 a day instead "
           "of 4. You can bring them back any time."),
    "tr": ("Devretmek ve güvenmek",
           "Toplantıda normalde sizin yanıtlayacağınız bir soru bir dahaki sefere "
           "geldiğinde hemen atılmayın; konuyu bilen bir iş arkadaşınızın önce cevap "
           "vermesine fırsat tanıyın.",
           '"O kısım üzerinde siz çalışmıştınız, bunu siz yanıtlamak ister misiniz?"',
           "Son 5 hatırlatmayı geçtiniz; bu yüzden önümüzdeki hafta günde 4 yerine 2 "
           "hatırlatma göstereceğim. İstediğiniz zaman geri getirebilirsiniz."),
}


@pytest.fixture(params=["en", "tr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """Cards built after this are in the language (Turkish through the real catalogue)."""
    translator = QTranslator()
    if request.param == "tr":
        assert translator.load(str(QM))
        qapp.installTranslator(translator)
        QLocale.setDefault(QLocale("tr_TR"))
    yield request.param
    qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())


@pytest.fixture
def big_font(qapp: QApplication) -> Iterator[None]:
    """A 20 pt application font, as a person with low vision sets it."""
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(20)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


def cut_off(card: QWidget) -> list[str]:
    """Buttons narrower or lower than their words need, wrapped labels shorter than their
    lines at their width, and a card wider than its screen."""
    QApplication.processEvents()
    problems = []
    for button in card.findChildren(QPushButton):
        if button.isVisibleTo(card) and (button.width() < button.sizeHint().width()
                                         or button.height() < button.sizeHint().height()):
            problems.append(f"button {button.text()!r} {button.size().toTuple()} < "
                            f"{button.sizeHint().toTuple()}")
    for label in card.findChildren(QLabel):
        if label.isVisibleTo(card) and label.wordWrap() and label.text() and \
                label.height() < label.heightForWidth(label.width()):
            problems.append(f"label {label.text()[:30]!r} {label.height()} < "
                            f"{label.heightForWidth(label.width())}")
    area = QGuiApplication.primaryScreen().availableGeometry()
    if card.width() > area.width():
        problems.append(f"card {card.width()} wider than the screen's {area.width()}")
    return problems


def test_the_prompt_card_grows_to_show_all_its_words(qtbot: Any, big_font: None,
                                                     language: str) -> None:
    from mlcoach.ui.prompt_card import CARD_WIDTH, PromptCard

    theme, text, try_this, _ = PROMPTS[language]
    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt(theme, text, try_this, "Yesterday you said: ask Bo first.")
    assert cut_off(card) == []
    assert card.width() >= CARD_WIDTH
    card.show_prompt(theme, "Short.", "Once.")  # a shorter prompt after it: still whole
    assert cut_off(card) == []


def test_at_a_large_font_the_prompt_card_grows_wider_rather_than_wrap_its_buttons(
        qtbot: Any, big_font: None, language: str) -> None:
    """At 20 pt in Turkish the card stayed 480 px wide on a screen with room: Skip and
    Not for me each went onto a row of their own under Done, Later and Capture…."""
    from mlcoach.ui.prompt_card import PromptCard

    theme, text, try_this, _ = PROMPTS[language]
    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt(theme, text, try_this)
    QApplication.processEvents()
    area = QGuiApplication.primaryScreen().availableGeometry()
    row = sum(button.sizeHint().width() for button in card.buttons.values()) + 4 * 6
    assert row + 40 < area.width() - 24  # the screen has room for them in one row
    tops = {key: button.y() for key, button in card.buttons.items()}
    assert len(set(tops.values())) == 1, tops
    assert cut_off(card) == []


@pytest.mark.parametrize("text", [
    "Birebir görüşmenizde o iş arkadaşınızla, iki haftada bir on dakika bile olsa, sabit "
    "bir saat belirleyin ve bunun kaymasına izin vermeyin.", None])
def test_a_prompt_the_screen_has_room_for_is_shown_whole_without_a_scroll_bar(
        qtbot: Any, language: str, text: str | None) -> None:
    """The card was sized for its words at its full width, but its words' area then put
    up a scroll bar all the same: narrower by the bar, the words wrapped onto one more
    line and the last line of "Try this" was cut (docs/screenshots/prompt-card-tr.png)."""
    from mlcoach.ui.prompt_card import PromptCard

    theme, long_text, _, _ = PROMPTS[language]
    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt(theme, text or long_text,
                     '"Perşembe saat 10\'u kısa bir sohbet için sabitleyelim mi?"')
    QApplication.processEvents()
    assert not card.words.verticalScrollBar().isVisible()
    words = card.words.widget()
    assert words is not None
    assert words.height() >= words.heightForWidth(words.width())
    assert cut_off(card) == []


def test_each_prompt_is_sized_for_its_own_words_not_the_last_ones(qtbot: Any) -> None:
    """A three-line prompt after a two-line one on the same card kept the two lines'
    height (its last line cut, behind a scroll bar); the next two-line prompt then kept
    three lines' height, one of them empty (docs/screenshots/prompt-card-dark.png)."""
    from mlcoach.ui.prompt_card import PromptCard

    short = ("Proactive communication", "Post a three-line status before anyone asks for "
             "it: what you finished, what you are on, and where you could use help.",
             'Use the pattern "Done / Doing / Could use a hand with".')
    long = ("Small acts, repeated", "Use your next one-to-one to agree on a standing slot "
            "with that colleague, even ten minutes every other week, and protect it from "
            "being moved. " * 2, '"Shall we keep Thursdays at 10 for a quick catch-up?"')
    card = PromptCard()
    qtbot.addWidget(card)
    heights = {}
    for name, prompt in (("short", short), ("long", long), ("short again", short)):
        card.show_prompt(*prompt)
        QApplication.processEvents()
        words = card.words.widget()
        assert words is not None
        assert not card.words.verticalScrollBar().isVisible(), name
        assert card.words.height() >= words.heightForWidth(card.words.width()), name
        heights[name] = card.height()
    assert heights["short"] < heights["long"]
    assert heights["short again"] == heights["short"]


def test_a_card_built_before_the_desktops_font_grew_still_shows_all_its_words(
        qtbot: Any, qapp: QApplication, language: str) -> None:
    """The card is built at the first prompt; the person then sets a larger font in the
    desktop's settings. The next prompt cut its buttons ("ot for m") and kept the prompt
    at the old size."""
    from mlcoach.ui.prompt_card import PromptCard

    theme, text, try_this, _ = PROMPTS[language]
    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt(theme, text, try_this)
    card.hide()
    before = QFont(qapp.font())
    large = QFont(before)
    large.setPointSizeF(20)
    qapp.setFont(large)
    try:
        card.show_prompt(theme, text, try_this)
        assert cut_off(card) == []
        assert card.text.font().pointSizeF() > 20  # the prompt stays the larger line
        qapp.setFont(before)
        card.show_prompt(theme, text, try_this)
        qapp.setFont(large)  # while the card is shown: it follows at once
        assert cut_off(card) == []
    finally:
        qapp.setFont(before)


def test_the_capture_button_says_what_it_does(qtbot: Any) -> None:
    from mlcoach.ui.prompt_card import PromptCard

    card = PromptCard()
    qtbot.addWidget(card)
    assert card.buttons["capture"].toolTip()


def test_the_pace_card_grows_to_show_all_its_words(qtbot: Any, big_font: None,
                                                   language: str) -> None:
    from mlcoach.ui.pace_card import PaceCard

    card = PaceCard()
    qtbot.addWidget(card)
    card.show_offer(PROMPTS[language][3], 4)
    assert cut_off(card) == []


def _prep() -> Any:
    from mlcoach.coaching.meeting_prep import Prep, PrepPerson
    from mlcoach.domain.model import ChangeKind, Size

    suggestion = Suggestion("s", NOW, Style.FACTS, "a written agenda before every review",
                            ChangeKind.START, Size.SMALL, "Try it once")
    people = (PrepPerson(Person("1", "Ana Lima", Style.FACTS), suggestion,
                         "Would a written agenda a day before help you prepare?"),
              PrepPerson(Person("2", "Bo Chen", Style.REASSURANCE), None, ""))
    return Prep("k", "Quarterly release review with the platform team",
                NOW + timedelta(minutes=10), NOW, people)


def test_the_prep_card_grows_to_show_all_its_words(qtbot: Any, big_font: None,
                                                   language: str) -> None:
    from mlcoach.ui.prep_card import PrepCard

    card = PrepCard()
    qtbot.addWidget(card)
    card.show_prep(_prep(), NOW, TZ)
    assert cut_off(card) == []


# -- what a screen reader says ---------------------------------------------------------------


@pytest.fixture
def announced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages announced to a screen reader (QAccessibleAnnouncementEvent)."""
    from PySide6.QtGui import QAccessible

    said: list[str] = []

    def record(event: Any) -> None:
        if hasattr(event, "message"):
            said.append(event.message())
    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(record))
    return said


def spoken(label: QLabel) -> str:
    from PySide6.QtGui import QAccessible

    face = QAccessible.queryAccessibleInterface(label)
    assert face is not None
    return " ".join(face.text(QAccessible.Text.Name).split())


def test_a_screen_reader_reads_the_prompt_cards_words(qtbot: Any, language: str,
                                                      announced: list[str]) -> None:
    from mlcoach.ui.prompt_card import PromptCard

    theme, text, try_this, _ = PROMPTS[language]
    card = PromptCard()
    qtbot.addWidget(card)
    card.show_prompt(theme, text, try_this, "Yesterday you said: ask Bo first.")
    assert spoken(card.theme) == theme  # the words, not the capitals drawn
    assert text in spoken(card.text)
    assert try_this in spoken(card.try_label)
    assert "ask Bo first" in spoken(card.note)
    # It appears without the focus: the reader is told, with the prompt's words.
    assert len(announced) == 1 and text in announced[0] and try_this in announced[0]


def test_a_screen_reader_reads_the_prep_cards_words(qtbot: Any, announced: list[str]) -> None:
    from mlcoach.ui.prep_card import PrepCard

    card = PrepCard()
    qtbot.addWidget(card)
    card.show_prep(_prep(), NOW, TZ)
    assert "Quarterly release review" in spoken(card.title)
    assert "Ana Lima" in spoken(card.people) and "written agenda" in spoken(card.people)
    assert len(announced) == 1 and "Quarterly release review" in announced[0]


def test_a_screen_reader_hears_the_pace_offer(qtbot: Any, announced: list[str]) -> None:
    from mlcoach.ui.pace_card import PaceCard

    card = PaceCard()
    qtbot.addWidget(card)
    card.show_offer(PROMPTS["en"][3], 4)
    assert PROMPTS["en"][3] in spoken(card.text)
    assert announced == [PROMPTS["en"][3]]
