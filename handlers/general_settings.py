"""/settings → "Community": the mission, the rules and the welcome's own words (typed in
private), which features are on, the forum topics features post to, and the monthly thank-you
digest. Every press and every typed text re-checks the person's rights; every change goes to
the audit log. The typed-text form serves other sections' texts too (the order section's
question to join requests)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum, StrEnum

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from magic_filter import MagicFilter

from bot.callbacks import SettingsCB
from bot.filters import PRIVATE, TYPED
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.communities import CommunitiesRepo, Community
from bot.runtime import Runtime
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
from bot.services.permissions import Action, Actor, Permissions
from bot.texts import clip, count_rules, utf16_len
from bot.timeutil import Clock
from handlers.settings import SectionPress, SectionStep, back_row, section_keyboard, section_press

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


class GeneralAction(StrEnum):
    SHOW = "show"
    TEXT = "text"  # `value`: a TEXTS index, typed next
    CLEAR = "clear"  # `value`: a TEXTS index
    DIGEST = "digest"  # `value`: 1 on, 0 off


# Actions named after what they change: "f.<a SWITCHES name>" (`value` 1 on, 0 off) and
# "t.<a FEATURE_TOPICS name>" (back to the general chat).
SWITCH, TOPIC = "f.", "t."

GA = GeneralAction


def router() -> Router:
    r = Router(name="general-settings")
    here = F.section == SECTION
    r.callback_query.register(_press(opened), SettingsCB.filter(here & (F.action == GA.SHOW)))
    r.callback_query.register(_press(edit_text), SettingsCB.filter(here & (F.action == GA.TEXT)))
    for changes, action in CHANGES.items():
        r.callback_query.register(_press(_saving(changes)), SettingsCB.filter(here & action))
    # Anything else (a forged action): the rights are asked all the same, then "outdated".
    r.callback_query.register(_press(_saving(_nothing)), SettingsCB.filter(here))
    r.message.register(typed_text, StateFilter(TextForm.text), PRIVATE, TYPED)
    return r


# A change a press makes: False when the press is not a valid one (an outdated button).
Change = Callable[[SettingsCB, int, CommunitySettings, Actor], Awaitable[bool]]


Press = SectionPress[SettingsCB]


async def _show(p: Press) -> None:
    await update_menu(p.message, *await render(p.community, p.t, p.store))


def _press(step: SectionStep[SettingsCB]) -> Callable[..., Awaitable[None]]:
    return section_press(step, _show)


def _saving(change: Change) -> SectionStep[SettingsCB]:
    """The change made ("Saved"), or the press answered as outdated."""

    async def step(p: Press) -> bool:
        if not await change(p.cb, p.chat_id, p.store, p.actor):
            return await p.outdated()
        return await p.saved()

    step.__name__ = change.__name__
    return step


def _own(index: int) -> bool:
    """One of this section's texts (the order section has its own)."""
    return 0 <= index < len(TEXTS) and TEXTS[index].section == SECTION


async def opened(p: Press) -> bool:
    await p.query.answer()
    return True


async def edit_text(p: Press) -> bool:
    if not _own(p.cb.value):
        return await p.outdated()
    await p.query.answer()
    await ask_text(p.message, p.community, p.cb.value, p.t, p.state, p.runtime.clock)
    return False


async def clear_text(cb: SettingsCB, chat_id: int, store: CommunitySettings, by: Actor) -> bool:
    if not _own(cb.value):
        return False
    await store.set(chat_id, TEXTS[cb.value].option, None, by)
    return True


async def switch(cb: SettingsCB, chat_id: int, store: CommunitySettings, by: Actor) -> bool:
    name = cb.action.removeprefix(SWITCH)
    if name not in SWITCHES or cb.value not in (0, 1):
        return False
    await store.set(chat_id, SWITCHES[name], bool(cb.value), by)
    return True


async def reset_topic(cb: SettingsCB, chat_id: int, store: CommunitySettings, by: Actor) -> bool:
    name = cb.action.removeprefix(TOPIC)
    if name not in FEATURE_TOPICS:
        return False
    await store.set(chat_id, FEATURE_TOPICS[name], None, by)
    return True


async def digest(cb: SettingsCB, chat_id: int, store: CommunitySettings, by: Actor) -> bool:
    if cb.value not in (0, 1):
        return False
    await store.set(chat_id, REQUESTS_DIGEST, bool(cb.value), by)
    return True


async def _nothing(cb: SettingsCB, chat_id: int, store: CommunitySettings, by: Actor) -> bool:
    return False


CHANGES: dict[Change, MagicFilter] = {
    clear_text: F.action == GA.CLEAR,
    switch: F.action.startswith(SWITCH),
    reset_topic: F.action.startswith(TOPIC),
    digest: F.action == GA.DIGEST,
}


async def render(
    community: Community, t: Texts, store: CommunitySettings
) -> tuple[str, InlineKeyboardMarkup]:
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
        rows.append((t(f"settings-gn-edit-{name}"), GA.TEXT, index))
    lines.append("")
    for name, option in SWITCHES.items():
        on = bool(values[option.key])
        lines.append(
            t(f"settings-gn-feature-{'on' if on else 'off'}", name=t(f"feature-name-{name}"))
        )
        label = t(f"settings-gn-turn-{'off' if on else 'on'}", name=t(f"feature-name-{name}"))
        rows.append((label, f"{SWITCH}{name}", int(not on)))
    lines.append("")
    for name, option in FEATURE_TOPICS.items():
        topic = values[option.key]
        topic_name = t(f"feature-topic-{name}")
        if topic is None:
            lines.append(t("settings-gn-topic-general", name=topic_name))
        else:
            lines.append(t("settings-gn-topic", name=topic_name, topic=str(topic)))  # no "12 345"
            rows.append((t("settings-gn-topic-reset", name=topic_name), f"{TOPIC}{name}", 0))
    lines.append(t("settings-gn-topic-hint"))
    on = bool(values[REQUESTS_DIGEST.key])
    lines.append("")
    lines.append(t(f"settings-gn-digest-{'on' if on else 'off'}"))
    rows.append((t(f"settings-gn-digest-turn-{'off' if on else 'on'}"), GA.DIGEST, int(not on)))
    return "\n".join(lines), section_keyboard(t, community.chat_id, SECTION, rows)


async def ask_text(
    message: Message,
    community: Community,
    index: int,
    t: Texts,
    state: FSMContext,
    clock: Clock,
) -> None:
    """Ask for one of TEXTS; its "Clear" and "Back" lead to the section that shows it."""
    typed = TEXTS[index]
    await state.set_state(TextForm.text)
    await state.update_data(text_for=community.chat_id, text_index=index, asked_at=clock.time())

    def button(text: str, action: str) -> InlineKeyboardButton:
        callback = SettingsCB(
            chat_id=community.chat_id, section=typed.section, action=action, value=index
        )
        return InlineKeyboardButton(text=text, callback_data=callback.pack())

    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("settings-gn-clear"), GA.CLEAR), button(t("settings-back"), GA.SHOW)]
        ]
    )
    await message.answer(
        t(f"settings-{typed.section}-ask-{typed.name}", limit=typed.limit), reply_markup=keyboard
    )


async def typed_text(
    message: Message,
    state: FSMContext,
    t: Texts,
    runtime: Runtime,
    communities: CommunitiesRepo,
    permissions: Permissions,
    community_settings: CommunitySettings,
) -> None:
    assert message.from_user is not None and message.text is not None
    form = await state.get_data()
    if runtime.clock.time() - float(form.get("asked_at") or 0) > TEXT_WAIT:
        # Asked long ago and forgotten: this message is meant for something else.
        await state.clear()
        raise SkipHandler
    chat_id, index = form.get("text_for"), form.get("text_index")
    if not isinstance(chat_id, int) or not isinstance(index, int) or not 0 <= index < len(TEXTS):
        await state.clear()
        await message.answer(t("button-outdated"))
        return
    writer = TextWriter(t, communities, permissions, community_settings)
    outcome = await save_text(message, chat_id, TEXTS[index], writer)
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


@dataclass(frozen=True)
class TextWriter:
    """What saving a typed text needs: the rights to ask, the settings to write."""

    t: Texts
    communities: CommunitiesRepo
    permissions: Permissions
    store: CommunitySettings


async def save_text(
    message: Message,
    chat_id: int,
    typed: TypedSetting,
    writer: TextWriter,
    *,
    action: Action = Action.MODERATE,
) -> Typed:
    """A text typed for one of TEXTS: the sender's rights asked again now (the form was opened
    a while ago), the length checked (the person is told), then saved through the settings."""
    t = writer.t
    assert message.from_user is not None and message.text is not None
    actor = Actor(message.from_user.id)
    community = await writer.communities.get(chat_id)
    if (
        community is None
        or not community.active
        or not await writer.permissions.may(chat_id, actor, action)
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
    await writer.store.set(chat_id, typed.option, text, actor)
    return Typed.SAVED
