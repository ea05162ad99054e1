"""The way in for a group's owner: the greeting when the bot is added (what to do next, the
group's language switchable at once, "Set up"), and the guided setup in private it opens —
language, time zone, mission, rules, sections, check-ins, newcomer check, each skippable, "step N
of M", then a checklist of what is set with buttons into /settings for the rest. The pieces are
/settings' own (its keyboards, its typed-text check, the settings' one door); only the order is
new. Only the group's admins may take a step, asked again at every press and every text."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import SettingsCB, SetupAction, SetupCB
from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.filters import PRIVATE, TYPED, own_private_message
from bot.i18n import Markup, Texts, Translator
from bot.keyboards import deep_link, update_menu
from bot.repos.communities import CommunitiesRepo, Community
from bot.runtime import Runtime
from bot.services.community_settings import (
    COMMUNITY_LANGUAGE,
    COMMUNITY_TIMEZONE,
    FEATURES,
    GATE_ON,
    CommunitySettings,
)
from bot.services.permissions import Action, Actor, Permissions
from bot.services.setup import DONE, STEPS, TYPED_STEPS, Checklist, GuidedSetup, step_after
from bot.texts import clip, count_rules, zone_label
from bot.timeutil import COMMON_ZONES, Clock
from handlers.community import open_opora
from handlers.deeplinks import DeepLinks, LinkContext
from handlers.general_settings import (
    TEXT_WAIT,
    TEXTS,
    TextWriter,
    Typed,
    save_text,
    text_index,
)
from handlers.settings import MAIN, MainAction, language_buttons, timezone_rows

DEEP_LINK_SETUP = "su"  # /start su<chat id>: the greeting's "Set up"
GREET = "greet"  # SetupCB.step of the greeting's language button
PREVIEW = 160  # characters of a mission shown back
SET, UNSET = "✅", "⬜"  # marks of the checklist


class SetupForm(StatesGroup):
    text = State()  # the mission or the rules, typed


def router() -> Router:
    r = Router(name="setup")
    r.callback_query.register(greeting_language, SetupCB.filter(F.step == GREET))
    for (action, step), move in MOVES.items():
        rule = F.action == action if step is None else (F.action == action) & (F.step == step)
        r.callback_query.register(_press(move), SetupCB.filter(rule))
    # Any other press (a forged one): the rights are asked all the same, then "outdated".
    r.callback_query.register(_press(_nowhere), SetupCB.filter())
    r.message.register(typed_text, StateFilter(SetupForm.text), PRIVATE, TYPED)
    return r


# --- the greeting in the group ---


def setup_button(t: Texts, chat_id: int, bot_username: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=t("group-setup-button"), url=deep_link(bot_username, f"{DEEP_LINK_SETUP}{chat_id}")
    )


def greeting(t: Texts, community: Community, bot_username: str) -> tuple[str, InlineKeyboardMarkup]:
    """The first post in a new group, in its language: what the bot is, what to do next (as an
    admin or not yet), "Open Opora" for members, "Set up" for admins, and a button for each
    other language to switch the group to at once."""
    admin = community.bot_status == "administrator"
    others = [
        InlineKeyboardButton(
            text=t(f"lang-name-{code}"),
            callback_data=SetupCB(
                chat_id=community.chat_id, step=GREET, action=SetupAction.LANG, value=index
            ).pack(),
        )
        for index, code in enumerate(SUPPORTED_LANGUAGES)
        if code != t.lang
    ]
    # Members reach the bot from here with one tap, recognised as members on arrival.
    members = open_opora(t, bot_username, community.chat_id).inline_keyboard
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[*members, [setup_button(t, community.chat_id, bot_username)], others]
    )
    return t("group-welcome-admin" if admin else "group-welcome"), keyboard


async def greeting_language(
    query: CallbackQuery,
    callback_data: SetupCB,
    t: Texts,
    translator: Translator,
    permissions: Permissions,
    communities: CommunitiesRepo,
    community_settings: CommunitySettings,
) -> None:
    """The greeting's language button: a moderator (as with /lang) switches the group's
    language, and the greeting itself is said again in it."""
    chat_id, index = callback_data.chat_id, callback_data.value
    message = query.message
    if (
        not isinstance(message, Message)
        or message.chat.id != chat_id
        or callback_data.action is not SetupAction.LANG
        or not 0 <= index < len(SUPPORTED_LANGUAGES)
    ):
        await query.answer(t("button-outdated"), show_alert=True)
        return
    actor = Actor(query.from_user.id)
    community = await communities.get(chat_id)
    if (
        community is None
        or not community.active
        or not await permissions.may(chat_id, actor, Action.MODERATE)
    ):
        await query.answer(t("not-allowed-moderators"), show_alert=True)
        return
    code = SUPPORTED_LANGUAGES[index]
    if community.language != code:
        await community_settings.set(chat_id, COMMUNITY_LANGUAGE, code, actor)
        community = await communities.get(chat_id)
    assert community is not None
    new_t = translator.texts(code)
    me = await message.bot.me()  # type: ignore[union-attr]
    text, keyboard = greeting(new_t, community, me.username or "")
    await query.answer(new_t("lang-changed-group"))
    await update_menu(message, text, keyboard)


# --- the guided setup in private ---


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_SETUP, open_link)


@dataclass(frozen=True)
class Guide:
    """What showing a step needs."""

    t: Texts
    state: FSMContext
    setup: GuidedSetup
    settings: Settings
    clock: Clock


async def open_link(message: Message, chat_id: int, context: LinkContext) -> None:
    """/start su<chat id>: the first step, for an admin of that group only."""
    t, runtime = context.t, context.runtime
    assert message.from_user is not None
    setup = runtime.guided_setup
    community = await setup.community(chat_id, message.from_user.id)
    if community is None:
        await message.answer(t("not-allowed-admins"))
        return
    guide = Guide(t, context.state, setup, runtime.settings, runtime.clock)
    await show(message, community, STEPS[0], guide, edit=False)


@dataclass(frozen=True)
class Press:
    """A press in the setup by an admin of the community, asked again."""

    cb: SetupCB
    community: Community
    by: int
    guide: Guide
    runtime: Runtime

    @property
    def chat_id(self) -> int:
        return self.community.chat_id

    @property
    def setup(self) -> GuidedSetup:
        return self.guide.setup


@dataclass(frozen=True)
class Moved:
    """Where a press leads, and what the press is answered with."""

    to: str
    note: str | None = None


# What a press does; None when it is not a valid one (an outdated button).
Move = Callable[[Press], Awaitable[Moved | None]]


def _press(move: Move) -> Callable[..., Awaitable[None]]:
    async def handle(
        query: CallbackQuery,
        callback_data: SetupCB,
        state: FSMContext,
        t: Texts,
        settings: Settings,
        runtime: Runtime,
        guided_setup: GuidedSetup,
    ) -> None:
        user_id = query.from_user.id
        message = own_private_message(query)
        community = (
            await guided_setup.community(callback_data.chat_id, user_id)
            if message is not None
            else None
        )
        if message is None or community is None:
            await query.answer(t("not-allowed-admins"), show_alert=True)
            return
        guide = Guide(t, state, guided_setup, settings, runtime.clock)
        moved = await move(Press(callback_data, community, user_id, guide, runtime))
        if moved is None:
            await query.answer(t("button-outdated"), show_alert=True)
            return
        await query.answer(moved.note)
        await show(message, community, moved.to, guide, edit=True)

    return handle


async def shown(p: Press) -> Moved | None:
    step = p.cb.step
    return Moved(step) if step in STEPS or step == DONE else None


async def skipped(p: Press) -> Moved | None:
    step = p.cb.step
    return Moved(step_after(step)) if step in STEPS else None


async def language(p: Press) -> Moved | None:
    if not 0 <= p.cb.value < len(SUPPORTED_LANGUAGES):
        return None
    await p.setup.change(p.chat_id, COMMUNITY_LANGUAGE, SUPPORTED_LANGUAGES[p.cb.value], p.by)
    return Moved(step_after(p.cb.step))


async def timezone(p: Press) -> Moved | None:
    if not 0 <= p.cb.value < len(COMMON_ZONES):
        return None
    await p.setup.change(p.chat_id, COMMUNITY_TIMEZONE, COMMON_ZONES[p.cb.value], p.by)
    return Moved(step_after(p.cb.step))


async def feature(p: Press) -> Moved | None:
    if not 0 <= p.cb.value < len(FEATURES):
        return None
    await p.setup.toggle_feature(p.chat_id, list(FEATURES)[p.cb.value], p.by)
    return Moved(p.cb.step)


async def checkins(p: Press) -> Moved | None:
    me = await p.runtime.bot.me()
    await p.setup.checkins_on_and_invite(p.community, p.by, me.username or "")
    # The checklist says they were invited; nothing else keeps that.
    await p.guide.state.update_data(setup_invited=p.chat_id)
    return Moved(step_after(p.cb.step), p.guide.t("settings-ci-invited"))


async def gate(p: Press) -> Moved | None:
    if p.cb.value not in (0, 1):
        return None
    await p.setup.change(p.chat_id, GATE_ON, bool(p.cb.value), p.by)
    return Moved(step_after(p.cb.step))


async def _nowhere(p: Press) -> Moved | None:
    return None


SA = SetupAction
# (action, step or None for any step) → what the press does.
MOVES: dict[tuple[SetupAction, str | None], Move] = {
    (SA.SHOW, None): shown,
    (SA.SKIP, None): skipped,
    (SA.SET, "language"): language,
    (SA.SET, "timezone"): timezone,
    (SA.TOGGLE, "features"): feature,
    (SA.SET, "checkins"): checkins,
    (SA.SET, "gate"): gate,
}


async def typed_text(
    message: Message,
    state: FSMContext,
    t: Texts,
    settings: Settings,
    runtime: Runtime,
    communities: CommunitiesRepo,
    permissions: Permissions,
    community_settings: CommunitySettings,
    guided_setup: GuidedSetup,
) -> None:
    """The mission or the rules: checked and saved as /settings does, then the next step."""
    form = await state.get_data()
    if runtime.clock.time() - float(form.get("asked_at") or 0) > TEXT_WAIT:
        await state.set_state(None)  # asked long ago: this message is meant for something else
        raise SkipHandler
    chat_id, step = form.get("setup_chat"), form.get("setup_step")
    if not isinstance(chat_id, int) or step not in TYPED_STEPS:
        await state.set_state(None)
        await message.answer(t("button-outdated"))
        return
    writer = TextWriter(t, communities, permissions, community_settings)
    outcome = await save_text(
        message, chat_id, TEXTS[text_index(step)], writer, action=Action.APPOINT
    )
    if outcome is Typed.TOO_LONG:
        return  # still awaited: they shorten it and send it again
    if outcome is Typed.REFUSED:
        await state.set_state(None)
        return
    community = await communities.get(chat_id)
    assert community is not None  # save_text found it active a moment ago
    guide = Guide(t, state, guided_setup, settings, runtime.clock)
    await show(message, community, step_after(step), guide, edit=False, note=t("settings-saved"))


async def show(
    message: Message,
    community: Community,
    step: str,
    guide: Guide,
    *,
    edit: bool,
    note: str | None = None,
) -> None:
    """A step (or the checklist) in place of the message pressed under, or as a new one."""
    state, t, settings = guide.state, guide.t, guide.settings
    checklist = await guide.setup.checklist(community.chat_id)
    form = await state.get_data()
    if step in TYPED_STEPS:
        await state.set_state(SetupForm.text)
        await state.update_data(
            setup_chat=community.chat_id,
            setup_step=step,
            asked_at=guide.clock.time(),
        )
    elif await state.get_state() == SetupForm.text.state:
        await state.set_state(None)  # a text is no longer awaited; "invited" is kept
    if step == DONE:
        invited = form.get("setup_invited") == community.chat_id
        text, keyboard = render_checklist(community, checklist, invited, t, settings)
        if await state.get_state() is None:
            await state.clear()  # the setup's notes go; another form's data would stay
    else:
        text, keyboard = render_step(community, step, checklist, t, settings)
    if note:
        text = f"{note}\n\n{text}"
    if edit:
        await update_menu(message, text, keyboard)
    else:
        await message.answer(text, reply_markup=keyboard)


def _button(
    chat_id: int, text: str, step: str, action: SetupAction, value: int = 0
) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text,
        callback_data=SetupCB(chat_id=chat_id, step=step, action=action, value=value).pack(),
    )


@dataclass(frozen=True)
class StepView:
    """What one step of the setup shows: the community, where the setup stands, the texts."""

    community: Community
    step: str
    checklist: Checklist
    t: Texts
    settings: Settings

    @property
    def chat_id(self) -> int:
        return self.community.chat_id

    def pick(self, value: int) -> str:
        """Callback data that sets this step to `value`."""
        return SetupCB(chat_id=self.chat_id, step=self.step, action=SA.SET, value=value).pack()

    def button(self, text: str, action: SetupAction, value: int = 0) -> InlineKeyboardButton:
        return _button(self.chat_id, text, self.step, action, value)


Drawn = tuple[str, list[list[InlineKeyboardButton]]]  # the step's text and its own buttons


def _language_step(v: StepView) -> Drawn:
    current = v.checklist.language or v.settings.default_language
    body = v.t("setup-language", language=v.t(f"lang-name-{current}"))
    pick = language_buttons(v.t, lambda code: v.pick(SUPPORTED_LANGUAGES.index(code)), current)
    return body, [pick]


def _timezone_step(v: StepView) -> Drawn:
    t, zone = v.t, v.checklist.timezone
    if zone:
        body = t("setup-timezone", zone=zone_label(zone, t.lang))
    else:
        body = t("setup-timezone-none", zone=zone_label(v.settings.default_timezone, t.lang))
    return body, list(timezone_rows(t, v.pick, zone))


def _mission_step(v: StepView) -> Drawn:
    body = v.t("setup-mission", limit=TEXTS[text_index("mission")].limit)
    if v.checklist.mission:
        preview = clip(" ".join(v.checklist.mission.split()), PREVIEW)
        body += "\n\n" + v.t("setup-current", text=preview)
    return body, []


def _rules_step(v: StepView) -> Drawn:
    body = v.t("setup-rules", limit=TEXTS[text_index("rules")].limit)
    if v.checklist.rules:
        count = v.t("settings-gn-rules-count", count=count_rules(v.checklist.rules))
        body += "\n\n" + v.t("setup-current", text=count)
    return body, []


def _features_step(v: StepView) -> Drawn:
    t, lines, rows = v.t, [v.t("setup-features")], []
    for index, (name, on) in enumerate(v.checklist.features.items()):
        feature = t(f"feature-name-{name}")
        lines.append(t(f"settings-gn-feature-{'on' if on else 'off'}", name=feature))
        label = t(f"settings-gn-turn-{'off' if on else 'on'}", name=feature)
        rows.append([v.button(label, SA.TOGGLE, index)])
    return "\n".join(lines), rows


def _checkins_step(v: StepView) -> Drawn:
    on = v.checklist.checkins
    label = v.t("settings-ci-invite" if on else "setup-checkins-enable")
    return v.t("setup-checkins-on" if on else "setup-checkins-off"), [[v.button(label, SA.SET)]]


def _gate_step(v: StepView) -> Drawn:
    """The newcomer check."""
    on = v.checklist.gate
    body = v.t(f"setup-gate-{'on' if on else 'off'}", minutes=v.checklist.gate_minutes)
    label = v.t(f"settings-md-gate-{'off' if on else 'on'}")
    return body, [[v.button(label, SA.SET, int(not on))]]


STEP_VIEWS: dict[str, Callable[[StepView], Drawn]] = {
    "language": _language_step,
    "timezone": _timezone_step,
    "mission": _mission_step,
    "rules": _rules_step,
    "features": _features_step,
    "checkins": _checkins_step,
    "gate": _gate_step,
}


def render_step(
    community: Community, step: str, checklist: Checklist, t: Texts, settings: Settings
) -> tuple[str, InlineKeyboardMarkup]:
    view = StepView(community, step, checklist, t, settings)
    body, rows = STEP_VIEWS[step](view)
    position = STEPS.index(step)
    done = step not in checklist.unset
    navigation = []
    if position > 0:
        back = _button(community.chat_id, t("setup-back"), STEPS[position - 1], SA.SHOW)
        navigation.append(back)
    navigation.append(view.button(t("setup-next" if done else "setup-skip"), SA.SKIP))
    rows.append(navigation)
    header = t("setup-header", title=community.title, step=position + 1, steps=len(STEPS))
    return f"{header}\n\n{body}", InlineKeyboardMarkup(inline_keyboard=rows)


def render_checklist(
    community: Community, checklist: Checklist, invited: bool, t: Texts, settings: Settings
) -> tuple[str, InlineKeyboardMarkup]:
    """What is set and what is not; a button into /settings for each thing not set yet."""
    chat_id = community.chat_id
    language = t(f"lang-name-{checklist.language or settings.default_language}")
    zone = zone_label(checklist.timezone or settings.default_timezone, t.lang)
    features = [t(f"feature-name-{name}") for name, on in checklist.features.items() if on]
    rules = t("settings-gn-rules-count", count=count_rules(checklist.rules))
    checkins = "setup-item-checkins-invited" if invited else "setup-item-checkins"
    items = {
        "language": (
            t("setup-item-language", language=language),
            t("setup-item-language-default", language=language),
        ),
        "timezone": (
            t("setup-item-timezone", zone=zone),
            t("setup-item-timezone-none", zone=zone),
        ),
        "mission": (t("setup-item-mission"), t("setup-item-mission-none")),
        "rules": (t("setup-item-rules", count=rules), t("setup-item-rules-none")),
        "features": (
            t("setup-item-features", names=Markup(" · ".join(features)))
            if features
            else t("setup-item-features-none"),
            "",
        ),
        "checkins": (t(checkins), t("setup-item-checkins-off")),
        "gate": (t("setup-item-gate"), t("setup-item-gate-off")),
    }
    unset = checklist.unset
    lines = [t("setup-done-title", title=community.title), ""]
    for step in STEPS:
        done_text, missing_text = items[step]
        missing = step in unset
        lines.append(f"{UNSET if missing else SET} {missing_text if missing else done_text}")
    lines += ["", t("setup-done-more" if unset else "setup-done-complete")]

    def to_settings(
        text: str, section: str, action: str = "show", value: int = 0
    ) -> list[InlineKeyboardButton]:
        callback = SettingsCB(chat_id=chat_id, section=section, action=action, value=value)
        return [InlineKeyboardButton(text=text, callback_data=callback.pack())]

    ways = {
        "language": to_settings(t("settings-section-language"), MAIN, MainAction.LANGUAGE),
        "timezone": to_settings(t("settings-section-timezone"), MAIN, MainAction.TIMEZONE),
        "mission": to_settings(t("settings-gn-edit-mission"), "gn", "text", text_index("mission")),
        "rules": to_settings(t("settings-gn-edit-rules"), "gn", "text", text_index("rules")),
        "checkins": to_settings(t("settings-section-checkins"), "ci"),
        "gate": to_settings(t("settings-section-order"), "md"),
    }
    rows = [ways[step] for step in unset if step in ways]
    rows.append(to_settings(t("setup-all-settings"), MAIN))
    rows.append([_button(chat_id, t("setup-again"), STEPS[0], SA.SHOW)])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)
