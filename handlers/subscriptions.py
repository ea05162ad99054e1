"""/subscribe and /subscriptions: saved searches over vacancies. /subscribe python saves the
words; "Subscribe" under /jobs saves the words with the filters; each search tells at once or
in a morning digest, and can be removed."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import JobSubAction, JobSubCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Markup, Texts
from bot.keyboards import update_menu
from bot.repos.job_alerts import Subscription
from bot.repos.jobs_search import JobFilters
from bot.services.job_alerts import SUBSCRIPTIONS_LIMIT, JobAlerts, Subscribed, query_words
from bot.views.job_alerts import describe


def router() -> Router:
    r = Router(name="subscriptions")
    r.message.register(subscribe_command, Command("subscribe"), PRIVATE)
    r.message.register(subscriptions_command, Command("subscriptions"), PRIVATE)
    r.callback_query.register(delete, JobSubCB.filter(F.action == JobSubAction.DELETE))
    r.callback_query.register(switch_mode, JobSubCB.filter(F.action == JobSubAction.MODE))
    return r


async def subscribe(
    user_id: int, query: str, filters: JobFilters, t: Texts, alerts: JobAlerts
) -> str:
    """Save the search; the answer to show."""
    outcome = await alerts.subscribe(user_id, query, filters)
    if outcome is Subscribed.TOO_MANY:
        return t("subs-too-many", count=SUBSCRIPTIONS_LIMIT)
    if outcome is Subscribed.ALREADY:
        return t("subs-already")
    return t("subs-done", search=Markup(describe(t, query, filters)))


async def subscribe_command(
    message: Message, command: CommandObject, t: Texts, job_alerts: JobAlerts
) -> None:
    assert message.from_user is not None
    query = " ".join((command.args or "").split())
    if not query_words(query):  # "/subscribe ???" would match every vacancy
        await message.answer(t("subs-usage"))
        return
    await message.answer(await subscribe(message.from_user.id, query, JobFilters(), t, job_alerts))


async def render(user_id: int, t: Texts, alerts: JobAlerts) -> tuple[str, InlineKeyboardMarkup]:
    mine = await alerts.of_user(user_id)
    if not mine:
        return t("subs-list-empty"), InlineKeyboardMarkup(inline_keyboard=[])
    lines = [t("subs-list-title", count=len(mine), limit=SUBSCRIPTIONS_LIMIT)]
    rows = []
    for number, subscription in enumerate(mine, 1):
        mode = t("subs-daily") if subscription.daily else t("subs-instant")
        switch = t("subs-to-instant") if subscription.daily else t("subs-to-daily")
        lines.append(f"{number}. {describe(t, subscription.query, subscription.filters)} — {mode}")
        rows.append(
            [
                InlineKeyboardButton(
                    text=f"{number}. {switch}",
                    callback_data=JobSubCB(action=JobSubAction.MODE, id=subscription.id).pack(),
                ),
                InlineKeyboardButton(
                    text=f"{number}. {t('subs-delete')}",
                    callback_data=JobSubCB(action=JobSubAction.DELETE, id=subscription.id).pack(),
                ),
            ]
        )
    lines.append("")
    lines.append(t("subs-list-hint"))
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def subscriptions_command(message: Message, t: Texts, job_alerts: JobAlerts) -> None:
    assert message.from_user is not None
    text, keyboard = await render(message.from_user.id, t, job_alerts)
    await message.answer(text, reply_markup=keyboard)


async def _own(
    query: CallbackQuery, callback_data: JobSubCB, t: Texts, alerts: JobAlerts
) -> tuple[Message, Subscription] | None:
    """The private message pressed under and the saved search, if it is the presser's."""
    message = await pressed_privately(query, t)
    if message is None:
        return None
    subscription = await alerts.own(callback_data.id, query.from_user.id)
    if subscription is None:
        await query.answer(t("button-outdated"), show_alert=True)
        return None
    return message, subscription


async def delete(
    query: CallbackQuery, callback_data: JobSubCB, t: Texts, job_alerts: JobAlerts
) -> None:
    if (found := await _own(query, callback_data, t, job_alerts)) is None:
        return
    message, subscription = found
    await job_alerts.remove(subscription.id)
    await query.answer(t("subs-deleted"))
    await update_menu(message, *await render(query.from_user.id, t, job_alerts))


async def switch_mode(
    query: CallbackQuery, callback_data: JobSubCB, t: Texts, job_alerts: JobAlerts
) -> None:
    if (found := await _own(query, callback_data, t, job_alerts)) is None:
        return
    message, subscription = found
    await job_alerts.switch_mode(subscription)
    await query.answer(t("settings-saved"))
    await update_menu(message, *await render(query.from_user.id, t, job_alerts))
