"""/mood: the person's own last 30 days — a chart (PNG) with the same figures as text under it,
and the text alone when a chart cannot be drawn."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, Message

from bot.filters import PRIVATE
from bot.i18n import Texts
from bot.services.checkins import MOODS, CheckinService, History, history
from bot.services.mood_chart import ChartLabels, render_png
from bot.texts import format_day, utf16_len
from bot.views.checkins import sparkline

log = logging.getLogger(__name__)

CAPTION_LIMIT = 1024


def router() -> Router:
    r = Router(name="checkin-history")
    r.message.register(mood_history, Command("mood"), PRIVATE)
    return r


def summary(t: Texts, found: History) -> str:
    lines = [t("mood-title"), t("mood-line", line=sparkline(found)), ""]
    for first, last, average, answers in found.weeks:
        lines.append(
            t(
                "mood-week",
                first=format_day(first, t.lang, "d MMM"),
                last=format_day(last, t.lang, "d MMM"),
                average=round(average, 1),
                answers=answers,
            )
        )
    if found.top_tags:
        names = ", ".join(t(f"checkin-tag-{tag}") for tag in found.top_tags)
        lines.append("")
        lines.append(t("mood-tags", tags=names))
    return "\n".join(lines)


async def chart(t: Texts, found: History) -> bytes | None:
    labels = ChartLabels(
        title=t("mood-chart-title"),
        # The chart's font has no emoji: the words only.
        mood_names=tuple(t(f"checkin-mood-{m}").split(" ", 1)[-1] for m in MOODS),
        ticks=tuple((day, format_day(day, t.lang, "d MMM")) for day, _ in found.days[::7]),
    )
    try:
        return await asyncio.to_thread(render_png, found.days, labels)
    except Exception:  # a chart is a nicety: the text below says the same
        log.warning("mood chart could not be drawn", exc_info=True)
        return None


async def mood_history(message: Message, t: Texts, checkin_service: CheckinService) -> None:
    assert message.from_user is not None
    found = await history(checkin_service, message.from_user.id)
    if found is None:
        await message.answer(t("mood-empty"))
        return
    text = summary(t, found)
    png = await chart(t, found)
    if png is None:
        await message.answer(text)
        return
    photo = BufferedInputFile(png, filename="mood.png")
    if utf16_len(text) <= CAPTION_LIMIT:  # a little conservative: tags count too
        await message.answer_photo(photo, caption=text)
    else:
        await message.answer_photo(photo)
        await message.answer(text)
