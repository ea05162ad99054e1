"""/settings → "Community": the mission, the rules and the welcome's own words (typed in
private), which features are on, the forum topics features post to, and the monthly thank-you
digest. Every press and every typed text re-checks the person's rights; every change goes to
the audit log. The typed-text form serves other sections' texts too (the order section's
question to join requests)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import SettingsCB
from bot.filters import PRIVATE, TYPED
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.communities import Community
from bot.services.community_settings import (
    CHECKINS_ENABLED,
    COMMUNITY_MISSION,
    COMMUNITY_RULES,
    FEATURE_TOPICS,
    FEATURES,
    JOIN_QUESTION,
    JOIN_QUESTION_LIMIT,
    MISSION_LIMIT,
    REQUESTS_DIGEST,
    RULES_LIMIT,
    WELCOME_TEXT,
    WELCOME_TEXT_LIMIT,
    CommunitySettings,
    Option,
)
from bot.services.permissions import Action, Actor
from bot.texts import clip, count_rules, utf16_len
from handlers.settings import back_row, moderated, section_keyboard

SECTION = "gn"


@dataclass(frozen=True)
class TypedSetting:
    """A text moderators type in private; `section`: the settings section that shows it."""

    name: str
    option: Option
    limit: int
    section: str = SECTION


# The texts moderators write, by the index their buttons carry.
TEXTS: tuple[TypedSetting, ...] = (
    TypedSetting("mission", COMMUNITY_MISSION, MISSION_LIMIT),
    TypedSetting("rules", COMMUNITY_RULES, RULES_LIMIT),
    TypedSetting("welcome", WELCOME_TEXT, WELCOME_TEXT_LIMIT),
    TypedSetting("question", JOIN_QUESTION, JOIN_QUESTION_LIMIT, "md"),
)


def text_index(name: str) -> int:
    return next(i for i, typed in enumerate(TEXTS) if typed.name == name)


SWITCHES: dict[str, Option] = {**FEATURES, "checkins": CHECKINS_ENABLED}
PREVIEW = 160
TEXT_WAIT = 30 * 60  # seconds a typed mission, rules or welcome words are awaited


class TextForm(StatesGroup):
    text = State()


def router() -> Router:
    r = Router(name="general-settings")
    r.callback_query.register(pressed, SettingsCB.filter(F.section == SECTION))
    r.message.register(typed_text, StateFilter(TextForm.text), PRIVATE, TYPED)
    return r


async def pressed(query: CallbackQuery, callback_data: SettingsCB, **data: Any) -> None:
    found = await moderated(query, callback_data.chat_id, data)
    if found is None:
        return
    message, community = found
    t: Texts = data["t"]
    store: CommunitySettings = data["community_settings"]
    chat_id, action, value = community.chat_id, callback_data.action, callback_data.value
    by = Actor(query.from_user.id)
    own = 0 <= value < len(TEXTS) and TEXTS[value].section == SECTION
    if action == "text" and own:
        await query.answer()
        await ask_text(message, community, value, t, data)
        return
    if action == "clear" and own:
        await store.set(chat_id, TEXTS[value].option, None, by)
    elif action.startswith("f.") and action[2:] in SWITCHES and value in (0, 1):
        await store.set(chat_id, SWITCHES[action[2:]], bool(value), by)
    elif action.startswith("t.") and action[2:] in FEATURE_TOPICS:
        await store.set(chat_id, FEATURE_TOPICS[action[2:]], None, by)
    elif action == "digest" and value in (0, 1):
        await store.set(chat_id, REQUESTS_DIGEST, bool(value), by)
    elif action != "show":
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer(t("settings-saved") if action != "show" else None)
    text, keyboard = await render(community, t, data)
    await update_menu(message, text, keyboard)


async def render(
    community: Community, t: Texts, data: dict[str, Any]
) -> tuple[str, InlineKeyboardMarkup]:
    store: CommunitySettings = data["community_settings"]
    values = await store.values(community.chat_id)
    lines = [t("settings-gn-title", title=community.title), ""]
    rows: list[tuple[str, str, int]] = []
    for index, typed in enumerate(TEXTS):
        if typed.section != SECTION:
            continue
        name, option = typed.name, typed.option
        current = str(values[option.key])
        if name == "rules" and current:
            shown = t("settings-gn-rules-count", count=count_rules(current))
        else:
            shown = clip(" ".join(current.split()), PREVIEW) if current else t("settings-gn-none")
        lines.append(t(f"settings-gn-{name}", text=shown))
        rows.append((t(f"settings-gn-edit-{name}"), "text", index))
    lines.append("")
    for name, option in SWITCHES.items():
        on = bool(values[option.key])
        lines.append(
            t(f"settings-gn-feature-{'on' if on else 'off'}", name=t(f"feature-name-{name}"))
        )
        label = t(f"settings-gn-turn-{'off' if on else 'on'}", name=t(f"feature-name-{name}"))
        rows.append((label, f"f.{name}", int(not on)))
    lines.append("")
    for name, option in FEATURE_TOPICS.items():
        topic = values[option.key]
        topic_name = t(f"feature-topic-{name}")
        if topic is None:
            lines.append(t("settings-gn-topic-general", name=topic_name))
        else:
            lines.append(t("settings-gn-topic", name=topic_name, topic=str(topic)))  # no "12 345"
            rows.append((t("settings-gn-topic-reset", name=topic_name), f"t.{name}", 0))
    lines.append(t("settings-gn-topic-hint"))
    digest = bool(values[REQUESTS_DIGEST.key])
    lines.append("")
    lines.append(t(f"settings-gn-digest-{'on' if digest else 'off'}"))
    rows.append(
        (t(f"settings-gn-digest-turn-{'off' if digest else 'on'}"), "digest", int(not digest))
    )
    return "\n".join(lines), section_keyboard(t, community.chat_id, SECTION, rows)


async def ask_text(
    message: Message, community: Community, index: int, t: Texts, data: dict[str, Any]
) -> None:
    """Ask for one of TEXTS; its "Clear" and "Back" lead to the section that shows it."""
    typed = TEXTS[index]
    state: FSMContext = data["state"]
    await state.set_state(TextForm.text)
    await state.update_data(
        text_for=community.chat_id, text_index=index, asked_at=data["runtime"].clock.time()
    )

    def button(text: str, action: str) -> InlineKeyboardButton:
        callback = SettingsCB(
            chat_id=community.chat_id, section=typed.section, action=action, value=index
        )
        return InlineKeyboardButton(text=text, callback_data=callback.pack())

    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("settings-gn-clear"), "clear"), button(t("settings-back"), "show")]
        ]
    )
    await message.answer(
        t(f"settings-{typed.section}-ask-{typed.name}", limit=typed.limit), reply_markup=keyboard
    )


async def typed_text(message: Message, state: FSMContext, **data: Any) -> None:
    t: Texts = data["t"]
    assert message.from_user is not None and message.text is not None
    form = await state.get_data()
    if data["runtime"].clock.time() - float(form.get("asked_at") or 0) > TEXT_WAIT:
        # Asked long ago and forgotten: this message is meant for something else.
        await state.clear()
        raise SkipHandler
    chat_id, index = form.get("text_for"), form.get("text_index")
    if not isinstance(chat_id, int) or not isinstance(index, int) or not 0 <= index < len(TEXTS):
        await state.clear()
        await message.answer(t("button-outdated"))
        return
    outcome = await save_text(message, chat_id, TEXTS[index], data)
    if outcome is Typed.TOO_LONG:
        return  # the form stays open: they shorten it and send again
    await state.clear()
    if outcome is Typed.REFUSED:
        return
    typed = TEXTS[index]
    await message.answer(
        t(f"settings-{typed.section}-saved-{typed.name}"),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[back_row(t, chat_id, typed.section)]),
    )


class Typed(Enum):
    SAVED = "saved"
    TOO_LONG = "too_long"
    REFUSED = "refused"


async def save_text(
    message: Message,
    chat_id: int,
    typed: TypedSetting,
    data: dict[str, Any],
    *,
    action: Action = Action.MODERATE,
) -> Typed:
    """A text typed for one of TEXTS: the sender's rights asked again now (the form was opened
    a while ago), the length checked (the person is told), then saved through the settings."""
    t: Texts = data["t"]
    assert message.from_user is not None and message.text is not None
    actor = Actor(message.from_user.id)
    community = await data["communities"].get(chat_id)
    if (
        community is None
        or not community.active
        or not await data["permissions"].may(chat_id, actor, action)
    ):
        await message.answer(
            t("not-allowed-admins" if action is Action.APPOINT else "not-allowed-moderators")
        )
        return Typed.REFUSED
    text = message.text.strip()
    if utf16_len(text) > typed.limit:
        # Nothing is cut unseen: they shorten it themselves.
        await message.answer(t("help-too-long", length=utf16_len(text), limit=typed.limit))
        return Typed.TOO_LONG
    await data["community_settings"].set(chat_id, typed.option, text, actor)
    return Typed.SAVED
