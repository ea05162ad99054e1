"""One engine for the step-by-step forms (/ask, /vacancy, /meet, /intro, /cv and the next ones).

A form declares its fields (prompt, parser, length limit, options, optional, shown-when) and its
preview; the engine does the rest the same way everywhere: one question at a time under "Step N
of M", answers kept in the person's FSM data in SQLite (a restart or a mistake loses nothing, the
form's command picks up where it stopped), /skip and a Skip button for optional fields, a typed
answer held to the field's rules with a clear reason, and "✏️ Change a field" from the preview that
asks just that field (showing what it says now) and comes back to the preview.

The form's data: `values` (name → answer), `skipped` (names), `current` (the field asked),
`editing` (changing one field from the preview), `steps_asked`, plus what the form keeps itself
(the community's `chat`, …)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, ClassVar

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import FormAction, FormCB
from bot.filters import PRIVATE, TYPED, Inline, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.runtime import Runtime
from bot.texts import clip, utf16_len
from bot.views.cleanup import private_hint
from handlers.community import acting_for
from handlers.deeplinks import LinkContext, LinkHandler, enter_community, sender_id

STEPS_ASKED = "steps_asked"  # the form data's list of the steps asked so far, in order
CURRENT_SHOWN = 300  # characters of an answer quoted back when it is being changed

Parsed = tuple[Any, str | None]  # (value, None) or (None, what is wrong)
Rows = list[list[InlineKeyboardButton]]


def always(values: Mapping[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Option:
    code: str  # what a button carries (short, stable while the form is open)
    value: Any  # what the form keeps
    label: str  # what the button says


@dataclass(frozen=True)
class Field:
    name: str
    prompt: str = ""  # a text key; FormSpec.prompt builds questions that need more
    limit: int = 0  # the longest answer, in Telegram's characters (UTF-16); 0: no limit
    multiline: bool = False  # keeps line breaks (details, about); else spaces are squeezed
    optional: bool = False
    shown_when: Callable[[Mapping[str, Any]], bool] = always  # asked only while this holds
    parse: Callable[[Texts, str], Parsed] | None = None  # None: typed text taken as it is
    choices: bool = False  # answered by a button only (FormSpec.options gives them)
    width: int = 1  # option buttons per row
    step_of: str = ""  # a follow-up question of that field: asked only by the form itself


@dataclass(frozen=True)
class FormTexts:
    """The text keys a form says its generic things with (most forms keep the defaults)."""

    resumed: str
    cancelled: str
    skip: str = "form-skip"
    keep: str = "form-keep"
    clear: str = "form-clear"
    current: str = "form-current"
    chosen: str = "form-chosen"
    use_buttons: str = "form-use-buttons"
    required: str = "form-required"
    text_only: str = "form-text-only"
    too_long: str = "form-too-long"
    edit_which: str = "form-edit-which"
    field_label: str = ""  # prefix of a field's name in the "which field?" menu: <prefix>-<name>


@dataclass
class FormRun:
    """One person's form as one update sees it: where to answer, in which language, and the
    form's data (re-read after every change the engine makes)."""

    spec: FormSpec
    message: Message
    state: FSMContext
    t: Texts
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.data.get("values", {}))

    @property
    def chat_id(self) -> int:
        return int(self.data.get("chat", 0))

    @property
    def editing(self) -> bool:
        return bool(self.data.get("editing"))

    async def reload(self) -> dict[str, Any]:
        self.data = await self.state.get_data()
        return self.data

    async def update(self, **changes: Any) -> None:
        await self.state.update_data(**changes)
        await self.reload()

    def button(
        self, text: str, action: FormAction, name: str = "", code: str = ""
    ) -> InlineKeyboardButton:
        return self.spec.button(text, action, name, code)


class FormSpec(ABC):
    """What one form is; subclasses declare the fields and the preview. Instances are made per
    update with the form's services (`make`), so hooks use them typed."""

    key: ClassVar[str]  # in FormCB.form
    group: ClassVar[str]  # the FSM states' group name (kept stable: saved forms resume)
    fields: ClassVar[tuple[Field, ...]]
    texts: ClassVar[FormTexts]
    echo_choice: ClassVar[bool] = True  # a picked option replaces the question ("✓ Middle")

    @classmethod
    def asking(cls) -> State:
        return State("field", group_name=cls.group)

    @classmethod
    def previewing(cls) -> State:
        return State("preview", group_name=cls.group)

    @classmethod
    def states(cls) -> tuple[str | None, ...]:
        return (cls.asking().state, cls.previewing().state)

    @classmethod
    def field(cls, name: str) -> Field | None:
        return next((f for f in cls.fields if f.name == name), None)

    @classmethod
    def button(
        cls, text: str, action: FormAction, name: str = "", code: str = ""
    ) -> InlineKeyboardButton:
        data = FormCB(form=cls.key, action=action, field=name, code=code)
        return InlineKeyboardButton(text=text, callback_data=data.pack())

    # --- hooks: the defaults fit a plain form ---

    async def prompt(self, run: FormRun, field: Field) -> str:
        return run.t(field.prompt)

    async def options(self, run: FormRun, field: Field) -> Sequence[Option]:
        return ()

    async def extra_rows(self, run: FormRun, field: Field) -> Rows:
        """Buttons under a question besides its options and Skip (🆘 under /ask's first)."""
        return []

    async def parse(self, run: FormRun, field: Field, text: str) -> Parsed:
        """A typed answer, already trimmed and within the limit."""
        if field.parse is not None:
            return field.parse(run.t, text)
        return text, None

    async def chosen(self, run: FormRun, field: Field, option: Option) -> Parsed:
        """A picked option, checked once more when that matters (a time already past)."""
        return option.value, None

    async def accept(self, run: FormRun, field: Field, value: Any) -> bool:
        """Before an answer is stored: True when the form took it over itself (asked a
        follow-up question, say)."""
        return False

    def stored(self, field: Field, value: Any) -> dict[str, Any]:
        """The values an answer sets (a meeting's place may be a link)."""
        return {field.name: value}

    @abstractmethod
    async def preview(self, run: FormRun) -> tuple[str, Rows]:
        """The answers as they will look, and the form's buttons under them."""

    def editable(self, values: Mapping[str, Any]) -> list[Field]:
        return [f for f in self.fields if not f.step_of and f.shown_when(values)]


class CommunityForm(FormSpec):
    """A form filled in for one community, opened through an Entry."""

    @abstractmethod
    async def begin(self, run: FormRun, user_id: int, chat_id: int) -> None:
        """The form from its start, once this form says the person may fill it in there."""


# --- the engine ---


def pending(spec: FormSpec, data: Mapping[str, Any]) -> list[Field]:
    """The questions still to be asked, in order, as the answers stand now."""
    values, skipped = data.get("values", {}), data.get("skipped", [])
    return [
        f
        for f in spec.fields
        if not f.step_of and f.name not in values and f.name not in skipped and f.shown_when(values)
    ]


def in_form(spec: FormSpec, state_name: str | None, data: Mapping[str, Any]) -> bool:
    return state_name in spec.states() and "values" in data


async def start(
    run: FormRun,
    values: Mapping[str, Any] | None = None,
    *,
    keep: Mapping[str, Any] | None = None,
    saved: bool = False,
) -> None:
    """A form from its start; `values` given in advance are not asked (they stay editable).
    `saved`: the values are a saved record being changed: what it leaves empty counts as
    skipped and the person lands on the preview."""
    given = {name: value for name, value in (values or {}).items() if value not in (None, "")}
    skipped = [f.name for f in run.spec.fields if f.name not in given] if saved else []
    await run.state.set_data({**(keep or {}), "values": given, "skipped": skipped})
    await run.reload()
    await ask_next(run)


async def resume(run: FormRun) -> bool:
    """The form's command sent again mid-form (or after a restart): on from where it stopped."""
    if not in_form(run.spec, await run.state.get_state(), await run.reload()):
        return False
    await run.message.answer(run.t(run.spec.texts.resumed))
    await ask_next(run)
    return True


async def ask_next(run: FormRun) -> None:
    ahead = pending(run.spec, await run.reload())
    if ahead:
        await ask(run, ahead[0])
    else:
        await show_preview(run)


async def ask(run: FormRun, field: Field, *, step: str = "") -> None:
    """One question; a follow-up (`field.step_of`) counts as its parent's step."""
    t, texts = run.t, run.spec.texts
    await run.state.set_state(run.spec.asking())
    await run.update(current=field.name)
    question = await with_step(
        run.state,
        t,
        await run.spec.prompt(run, field),
        field.step_of or field.name,
        [f.name for f in pending(run.spec, run.data)],
    )
    options = await run.spec.options(run, field)
    buttons = [run.button(o.label, FormAction.PICK, field.name, o.code) for o in options]
    rows: Rows = [buttons[i : i + field.width] for i in range(0, len(buttons), field.width)]
    rows += await run.spec.extra_rows(run, field)
    now = run.values.get(field.name) if not field.step_of else None
    lines = [question]
    if run.editing and now not in (None, ""):
        # Being changed: what it says now, and a way to leave it so.
        if not field.choices:
            lines.append(t(texts.current, text=clip(str(now), CURRENT_SHOWN)))
        rows.append([run.button(t(texts.keep), FormAction.KEEP, field.name)])
        if field.optional:
            rows.append([run.button(t(texts.clear), FormAction.SKIP, field.name)])
    elif field.optional:
        rows.append([run.button(t(texts.skip), FormAction.SKIP, field.name)])
    keyboard = InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    await run.message.answer("\n".join(lines), reply_markup=keyboard)


async def answer(run: FormRun, field: Field, value: Any) -> None:
    """Keep one answer (None: skipped or cleared) and go on: the next question, or back to the
    preview. A field no longer asked with the answers as they are (a city for remote work)
    loses its value; one asked again is asked."""
    if await run.spec.accept(run, field, value):
        return
    data = await run.reload()
    values, skipped = dict(data["values"]), list(data["skipped"])
    shown_before = {f.name for f in run.spec.fields if f.shown_when(values)}
    if value is None:
        values.pop(field.name, None)
        skipped.append(field.name)
    else:
        values.update(run.spec.stored(field, value))
    for other in run.spec.fields:
        if other.step_of:
            continue
        if not other.shown_when(values):
            values.pop(other.name, None)
        elif other.name not in shown_before:
            # A question that applies again (a city once the job is not remote) is asked.
            skipped = [name for name in skipped if name != other.name]
    await run.update(values=values, skipped=skipped, current="")
    await ask_next(run)


async def show_preview(run: FormRun, *, edit: bool = False) -> None:
    await run.state.set_state(run.spec.previewing())
    await run.update(current="")
    text, rows = await run.spec.preview(run)
    keyboard = InlineKeyboardMarkup(inline_keyboard=rows)
    if edit:
        await update_menu(run.message, text, keyboard)
    else:
        await run.message.answer(text, reply_markup=keyboard)


async def with_step(
    state: FSMContext, t: Texts, question: str, current: str, ahead: Iterable[str]
) -> str:
    """The question under "Step N of M". The steps are those really asked in this run of the
    form: the ones asked so far (asked again after a restart, one counts once), this one, and
    those still `ahead` as the answers stand now — so a field given in advance (a pasted
    vacancy, a request opened from a check-in) or no longer asked (a city for remote work) is
    not counted. Nothing is added when one answer is edited from the preview, or to a form of
    a single question."""
    form = await state.get_data()
    if form.get("editing"):
        return question
    asked = list(form.get(STEPS_ASKED, []))
    if current not in asked:
        asked.append(current)
        await state.update_data({STEPS_ASKED: asked})
    total = len(asked) + len({name for name in ahead if name not in asked})
    if total < 2:
        return question
    return t("form-step", number=asked.index(current) + 1, total=total) + "\n" + question


def read_text(t: Texts, texts: FormTexts, field: Field, text: str) -> tuple[str | None, str | None]:
    """A typed answer trimmed the field's way and held to its limit."""
    text = text.strip() if field.multiline else " ".join(text.split())
    if not text:
        return None, t(texts.text_only)
    if field.limit and utf16_len(text) > field.limit:
        return None, t(texts.too_long, length=utf16_len(text), limit=field.limit)
    return text, None


def check(t: Texts, texts: FormTexts, field: Field, text: str) -> Parsed:
    """A text held to all of a field's own rules (its limit and its parser): for answers that
    come another way than typed into the form (a pasted vacancy)."""
    checked, problem = read_text(t, texts, field, text)
    if checked is None or field.parse is None:
        return checked, problem
    return field.parse(t, checked)


SpecMaker = Callable[[Runtime], FormSpec]
CommunityFormMaker = Callable[[Runtime], CommunityForm]


# --- how a community's form is opened: the command in private or in the group, a deep link ---


@dataclass(frozen=True)
class Entry:
    """A form filled in for one community: /<command> in private picks up a form in progress
    or asks which community (when it is not clear) and begins; in the group, a short answer
    with a button goes on in private (the link `<link><chat id>`), so nothing personal is ever
    typed in the group."""

    command: str
    link: str  # the deep-link prefix
    hint: str  # the group's "continue in private" text
    choose: str = "help-choose-community"  # "which community?" in private
    delete_command: bool = False  # the command leaves the group (an anonymous request's /ask)


def register_entry(router: Router, entry: Entry, make: CommunityFormMaker) -> None:
    async def in_private(message: Message, state: FSMContext, t: Texts, runtime: Runtime) -> None:
        assert message.from_user is not None
        form = make(runtime)
        run = FormRun(form, message, state, t)
        if await resume(run):
            return
        user_id = message.from_user.id
        community = await acting_for(message, user_id, t, runtime.community_service, entry.choose)
        if community is not None:
            await form.begin(run, user_id, community.chat_id)

    async def in_group(message: Message, group_t: Texts, runtime: Runtime) -> None:
        if entry.delete_command:
            with suppress(TelegramBadRequest, TelegramForbiddenError):
                await message.delete()
        payload = f"{entry.link}{message.chat.id}"
        await private_hint(message, runtime, group_t, entry.hint, payload)

    router.message.register(in_private, Command(entry.command), PRIVATE)
    router.message.register(in_group, Command(entry.command))


def entry_link(make: CommunityFormMaker) -> LinkHandler[int]:
    """/start <link><chat id>: the button under the command in the group."""

    async def opened(message: Message, chat_id: int, context: LinkContext) -> None:
        if await enter_community(message, chat_id, context):
            form = make(context.runtime)
            run = FormRun(form, message, context.state, context.t)
            await form.begin(run, sender_id(message), chat_id)

    return opened


# --- the handlers every form gets ---


def register(router: Router, spec: type[FormSpec], make: SpecMaker) -> None:
    """The engine's handlers for one form: typed answers, /skip, a non-text answer, and the
    generic presses. The form registers its own commands and its own buttons (post, save…)."""
    asking = StateFilter(spec.asking())

    async def typed(message: Message, state: FSMContext, t: Texts, runtime: Runtime) -> None:
        run = FormRun(make(runtime), message, state, t)
        field = spec.field(str((await run.reload()).get("current") or ""))
        if field is None or field.choices:
            await message.answer(t(spec.texts.use_buttons))
            return
        text, problem = read_text(t, spec.texts, field, message.text or "")
        if text is not None:
            value, problem = await run.spec.parse(run, field, text)
        if problem is not None:
            await message.answer(problem)
            return
        await answer(run, field, value)

    async def skip_typed(message: Message, state: FSMContext, t: Texts, runtime: Runtime) -> None:
        run = FormRun(make(runtime), message, state, t)
        field = spec.field(str((await run.reload()).get("current") or ""))
        if field is None or not field.optional:
            await message.answer(t(spec.texts.required))
            return
        await answer(run, field, None)

    async def not_text(message: Message, t: Texts) -> None:
        await message.answer(t(spec.texts.text_only))

    def pressed(on_press: OnPress) -> Callable[..., Awaitable[None]]:
        async def handler(
            query: CallbackQuery,
            callback_data: FormCB,
            state: FSMContext,
            t: Texts,
            runtime: Runtime,
        ) -> None:
            message = await pressed_privately(query, t)
            if message is None:
                return
            press = await Press.of(FormRun(make(runtime), message, state, t), query, callback_data)
            if press is None or not await on_press(press):
                await query.answer(t("button-outdated"), show_alert=True)

        return handler

    router.message.register(skip_typed, Command("skip"), asking, PRIVATE)
    router.message.register(typed, asking, PRIVATE, TYPED)
    # A photo or a sticker instead of an answer: said, not silently lost to the fallback.
    router.message.register(not_text, asking, PRIVATE, Inline(~F.text))
    for action, on_press in PRESSES.items():
        where = FormCB.filter((F.form == spec.key) & (F.action == action))
        router.callback_query.register(pressed(on_press), where)


@dataclass
class Press:
    """A press inside the presser's own open form, with where that form is now."""

    run: FormRun
    query: CallbackQuery
    pressed: FormCB
    field: Field | None  # the field the button names, if it is one of the form's
    asked: bool  # that field is the question being asked now
    previewing: bool

    @classmethod
    async def of(cls, run: FormRun, query: CallbackQuery, pressed: FormCB) -> Press | None:
        """None when the presser has no such form open (an old button, a forged one)."""
        state_name = await run.state.get_state()
        data = await run.reload()
        if not in_form(run.spec, state_name, data):
            return None
        field = run.spec.field(pressed.field)
        asking = state_name == run.spec.asking().state
        asked = field is not None and asking and data.get("current") == field.name
        previewing = state_name == run.spec.previewing().state
        return cls(run, query, pressed, field, asked, previewing)

    async def close_buttons(self) -> None:
        """The question (or menu) pressed under keeps its text and loses its buttons."""
        await self.query.answer()
        await update_menu(self.run.message, self.run.message.html_text, None)


OnPress = Callable[[Press], Awaitable[bool]]  # False: the press does not fit the form now


async def pick(press: Press) -> bool:
    run, field = press.run, press.field
    if not press.asked or field is None:
        return False
    code = press.pressed.code
    option = next((o for o in await run.spec.options(run, field) if o.code == code), None)
    if option is None:
        return False
    value, problem = await run.spec.chosen(run, field, option)
    await press.query.answer()
    if problem is not None:  # a time already past, say: the buttons stay for another
        await run.message.answer(problem)
        return True
    if run.spec.echo_choice:
        await update_menu(run.message, run.t(run.spec.texts.chosen, value=option.label), None)
    else:
        await update_menu(run.message, run.message.html_text, None)
    await answer(run, field, value)
    return True


async def skip(press: Press) -> bool:
    if not press.asked or press.field is None or not press.field.optional:
        return False
    await press.close_buttons()
    await answer(press.run, press.field, None)
    return True


async def keep(press: Press) -> bool:
    if not press.asked or not press.run.editing:
        return False
    await press.close_buttons()
    await press.run.update(current="")
    await ask_next(press.run)
    return True


async def edit(press: Press) -> bool:
    if not press.previewing:
        return False
    await press.query.answer()
    await show_fields(press.run)
    return True


async def change(press: Press) -> bool:
    run, field = press.run, press.field
    if not press.previewing or field is None or field not in run.spec.editable(run.values):
        return False
    await press.close_buttons()
    await run.update(editing=True)
    await ask(run, field)
    return True


async def back_to_preview(press: Press) -> bool:
    if not press.previewing:
        return False
    await press.query.answer()
    await show_preview(press.run, edit=True)
    return True


async def cancel(press: Press) -> bool:
    await press.query.answer()
    await press.run.state.clear()
    await update_menu(press.run.message, press.run.t(press.run.spec.texts.cancelled), None)
    return True


PRESSES: dict[FormAction, OnPress] = {
    FormAction.PICK: pick,
    FormAction.SKIP: skip,
    FormAction.KEEP: keep,
    FormAction.EDIT: edit,
    FormAction.FIELD: change,
    FormAction.PREVIEW: back_to_preview,
    FormAction.CANCEL: cancel,
}


async def show_fields(run: FormRun) -> None:
    """ "Which field?" in place of the preview (or of whatever the button was under)."""
    spec, t = run.spec, run.t
    await run.update(editing=True)
    rows = [
        [run.button(t(f"{spec.texts.field_label}-{f.name}"), FormAction.FIELD, f.name)]
        for f in spec.editable(run.values)
    ]
    rows.append([run.button(t("form-back"), FormAction.PREVIEW)])
    keyboard = InlineKeyboardMarkup(inline_keyboard=rows)
    await update_menu(run.message, t(spec.texts.edit_which), keyboard)


def preview_rows(run: FormRun, first: Rows, *, edit_label: str = "form-edit") -> Rows:
    """The preview's usual buttons: the form's own first (post, save…), then change and
    cancel."""
    return [
        *first,
        [run.button(run.t(edit_label), FormAction.EDIT)],
        [run.button(run.t("form-cancel"), FormAction.CANCEL)],
    ]
