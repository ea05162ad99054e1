"""/mentor: find a mentor by topic in my communities and write them a short request, or offer
mentoring myself (topics, how many new mentees a month, pause). The mentor answers from the
request itself; an accepted pair is introduced and asked two weeks later if they met."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MentorCB
from bot.filters import PRIVATE, TYPED, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.mentoring import Mentor
from bot.services.mentoring import (
    CAPACITIES,
    MESSAGE_LIMIT,
    PENDING_LIMIT,
    TOPICS_LIMIT,
    Mentoring,
    MentoringService,
)
from bot.texts import clip, utf16_len

SHOWN = 10  # mentors listed at once: the best few, not a directory


class MentorForm(StatesGroup):
    topic = State()  # what the mentee wants help with
    message = State()  # the mentee's request to the chosen mentor
    topics = State()  # what the mentor offers


def router() -> Router:
    r = Router(name="mentoring")
    r.message.register(mentor_command, Command("mentor"), PRIVATE)
    text = TYPED
    r.message.register(typed_topic, StateFilter(MentorForm.topic), PRIVATE, text)
    r.message.register(typed_message, StateFilter(MentorForm.message), PRIVATE, text)
    r.message.register(typed_topics, StateFilter(MentorForm.topics), PRIVATE, text)
    r.callback_query.register(pressed, MentorCB.filter())
    return r


def _button(text: str, action: str, item: int = 0, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=MentorCB(action=action, id=item, value=value).pack()
    )


async def mentor_command(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Texts,
    mentoring: MentoringService,
) -> None:
    assert message.from_user is not None
    await state.clear()
    topic = " ".join((command.args or "").split())
    if topic:
        await show_mentors(message, message.from_user.id, topic, state, t, mentoring)
        return
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("mentor-find"), "find")],
            [_button(t("mentor-offer"), "offer")],
        ]
    )
    await message.answer(t("mentor-menu"), reply_markup=keyboard)


def _read(t: Texts, text: str, limit: int) -> tuple[str | None, str | None]:
    text = " ".join(text.split())
    if not text:
        return None, t("help-text-only")
    if utf16_len(text) > limit:
        return None, t("help-too-long", length=utf16_len(text), limit=limit)
    return text, None


async def show_mentors(
    message: Message,
    user_id: int,
    topic: str,
    state: FSMContext,
    t: Texts,
    mentoring: MentoringService,
) -> None:
    topic = topic[:TOPICS_LIMIT]
    await state.update_data(mentor_topic=topic)
    found = await mentoring.find(user_id, topic)
    if not found:
        await message.answer(t("mentor-none", topic=topic))
        return
    rows = [
        [_button(clip(f"{name or t('someone')} — {mentor.topics}", 60), "pick", mentor.user_id)]
        for mentor, name in found[:SHOWN]
    ]
    await message.answer(
        t("mentor-found", count=len(found), topic=topic),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
    )


async def typed_topic(
    message: Message, state: FSMContext, t: Texts, mentoring: MentoringService
) -> None:
    assert message.from_user is not None
    topic, problem = _read(t, message.text or "", TOPICS_LIMIT)
    if topic is None:
        await message.answer(problem or "")
        return
    await state.set_state(None)
    await show_mentors(message, message.from_user.id, topic, state, t, mentoring)


async def typed_message(
    message: Message, state: FSMContext, t: Texts, mentoring: MentoringService
) -> None:
    assert message.from_user is not None
    text, problem = _read(t, message.text or "", MESSAGE_LIMIT)
    if text is None:
        await message.answer(problem or "")
        return
    form = await state.get_data()
    mentor_id, topic = int(form.get("mentor_id", 0)), str(form.get("mentor_topic") or "")
    outcome = await mentoring.ask(message.from_user.id, mentor_id, topic or "—", text)
    await state.clear()
    key = {
        Mentoring.DONE: "mentor-sent",
        Mentoring.ALREADY: "mentor-already",
        Mentoring.TOO_MANY: "mentor-too-many",
        Mentoring.FULL: "mentor-full",
    }.get(outcome, "mentor-not-available")
    answer = t(key, count=PENDING_LIMIT)
    if outcome is not Mentoring.DONE:
        # Not sent: the words the person wrote come back, ready to send to someone else.
        answer = f"{answer}\n\n{t('mentor-message-kept', text=text)}"
    await message.answer(answer)


async def typed_topics(
    message: Message, state: FSMContext, t: Texts, mentoring: MentoringService
) -> None:
    topics, problem = _read(t, message.text or "", TOPICS_LIMIT)
    if topics is None:
        await message.answer(problem or "")
        return
    await state.update_data(offer_topics=topics)
    rows = [[_button(str(n), "capacity", value=n) for n in CAPACITIES]]
    await message.answer(
        t("mentor-ask-capacity"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
    )


def offer_view(t: Texts, mentor: Mentor) -> tuple[str, InlineKeyboardMarkup]:
    state = t("mentor-active") if mentor.active else t("mentor-paused")
    text = t("mentor-yours", topics=mentor.topics, capacity=mentor.capacity, state=state)
    pause = (
        _button(t("mentor-pause"), "pause")
        if mentor.active
        else _button(t("mentor-resume"), "resume")
    )
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("mentor-change"), "change")],
            [pause, _button(t("mentor-stop"), "stop")],
        ]
    )
    return text, keyboard


async def pressed(query: CallbackQuery, callback_data: MentorCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    mentoring: MentoringService = data["mentoring"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id, action = query.from_user.id, callback_data.action
    repo = mentoring.repo
    if action in ("accept", "decline"):
        outcome = await mentoring.decide(callback_data.id, user_id, action == "accept")
        if outcome is Mentoring.DONE:
            await query.answer()
            done = t("mentor-accepted-done" if action == "accept" else "mentor-declined-done")
            await update_menu(message, message.html_text + "\n\n" + done, None)
        else:
            key = {
                Mentoring.FULL: "mentor-you-are-full",
                Mentoring.ALREADY: "mentor-decided-already",
            }.get(outcome, "button-outdated")
            await query.answer(t(key), show_alert=True)
        return
    if action == "met":
        outcome = await mentoring.answer_met(callback_data.id, user_id, bool(callback_data.value))
        if outcome is not Mentoring.DONE:
            await query.answer(t("button-outdated"), show_alert=True)
            return
        await query.answer()
        answer = t("mentor-met-thanks" if callback_data.value else "mentor-met-nudge")
        await update_menu(message, message.html_text + "\n\n" + answer, None)
        return
    await query.answer()
    if action == "find":
        await state.set_state(MentorForm.topic)
        await message.answer(t("mentor-ask-topic"))
    elif action == "pick":
        # Re-checked: a mentor of the presser's communities, with room this month.
        found = {m.user_id: name for m, name in await mentoring.find(user_id, "")}
        if callback_data.id not in found:
            await message.answer(t("mentor-not-available"))
            return
        await state.set_state(MentorForm.message)
        await state.update_data(mentor_id=callback_data.id)
        name = found[callback_data.id] or t("someone")
        await message.answer(t("mentor-ask-message", name=name, limit=MESSAGE_LIMIT))
    elif action in ("offer", "change"):
        mentor = await repo.mentor(user_id)
        if mentor is not None and action == "offer":
            text, keyboard = offer_view(t, mentor)
            await message.answer(text, reply_markup=keyboard)
            return
        await state.set_state(MentorForm.topics)
        await message.answer(t("mentor-ask-topics"))
    elif action == "capacity" and callback_data.value in CAPACITIES:
        topics = (await state.get_data()).get("offer_topics")
        if not topics or await state.get_state() != MentorForm.topics.state:
            await message.answer(t("button-outdated"))
            return
        await repo.save_mentor(user_id, topics, callback_data.value)
        await state.clear()
        await update_menu(message, t("help-chosen", value=str(callback_data.value)), None)
        await message.answer(t("mentor-offer-saved", topics=topics, capacity=callback_data.value))
    elif action in ("pause", "resume", "stop"):
        mentor = await repo.mentor(user_id)
        if mentor is None:
            await message.answer(t("button-outdated"))
            return
        if action == "stop":
            await mentoring.stop(user_id)
            await update_menu(message, t("mentor-stopped"), None)
            return
        await repo.set_active(user_id, action == "resume")
        fresh = await repo.mentor(user_id)
        assert fresh is not None
        await update_menu(message, *offer_view(t, fresh))
    else:
        await message.answer(t("button-outdated"))
