"""/start deep links: one registry from payload prefix to the feature that answers it.

Each feature registers its own links (a `register_links(links)` beside the prefix it builds
links with); handlers/__init__.py builds the registry once per set of routers and hands it to
/start. A payload goes to the link with the longest matching prefix, so "sos" and "su" win over
"s" whatever the order of registration; clashes fail at start-up, not on a person's tap."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.i18n import Texts
from bot.runtime import Runtime
from bot.texts import parse_telegram_id

Arg = TypeVar("Arg", int, str)


@dataclass(frozen=True)
class LinkContext:
    """What a link's handler works with: the person's form state, their texts, the running
    bot's parts, and the update's handler data as it came (to run a command as if typed)."""

    state: FSMContext
    t: Texts
    runtime: Runtime
    update_data: Mapping[str, Any]


# (the person's message, the id or the rest of the payload, the context); False: not a link
# after all, the menu instead.
LinkHandler = Callable[[Message, Arg, LinkContext], Awaitable[bool | None]]

ID_START = re.compile(r"-?\d*")  # what a Telegram id may begin with (bot.texts.parse_telegram_id)


@dataclass(frozen=True)
class Link(Generic[Arg]):
    prefix: str
    handler: LinkHandler[Arg]
    takes_id: bool
    keeps_form: bool  # a form in progress stays (a file, a screen to read): no state.clear()

    def accepts(self, rest: str) -> bool:
        """Whether a payload `prefix + rest` may be one of this link's own (rest possibly cut)."""
        return not self.takes_id or ID_START.fullmatch(rest) is not None


@dataclass(frozen=True)
class Resolved:
    link: Link[int] | Link[str]
    arg: int | str


class DeepLinks:
    """Payload prefix → handler. `add` for links that carry an id (`<prefix><id>`, parsed with
    `parse_telegram_id`; a malformed id opens the menu), `add_raw` for those that parse the rest
    themselves."""

    def __init__(self) -> None:
        self._links: dict[str, Link[int] | Link[str]] = {}

    def add(self, prefix: str, handler: LinkHandler[int], *, keeps_form: bool = False) -> None:
        self._register(Link(prefix, handler, takes_id=True, keeps_form=keeps_form))

    def add_raw(self, prefix: str, handler: LinkHandler[str], *, keeps_form: bool = False) -> None:
        self._register(Link(prefix, handler, takes_id=False, keeps_form=keeps_form))

    def _register(self, link: Link[int] | Link[str]) -> None:
        prefix = link.prefix
        if not prefix or prefix != prefix.strip():
            raise ValueError(f"deep link prefix {prefix!r}: empty or padded")
        if prefix in self._links:
            raise ValueError(f"deep link prefix {prefix!r} registered twice")
        # A prefix that another link's own payloads can begin with would steal some of them
        # ("c1" under "c<chat id>"): longest-prefix matching cannot tell the two apart.
        for other in self._links.values():
            longer, shorter = (link, other) if len(prefix) > len(other.prefix) else (other, link)
            if longer.prefix.startswith(shorter.prefix) and shorter.accepts(
                longer.prefix[len(shorter.prefix) :]
            ):
                raise ValueError(
                    f"deep link prefix {longer.prefix!r} is a payload of {shorter.prefix!r}"
                )
        self._links[prefix] = link

    @property
    def prefixes(self) -> frozenset[str]:
        return frozenset(self._links)

    def resolve(self, payload: str) -> Resolved | None:
        """The link a payload opens and its argument; None for the menu (no such link, or a
        malformed id)."""
        for size in range(len(payload), 0, -1):
            link = self._links.get(payload[:size])
            if link is None:
                continue
            rest = payload[size:]
            if not link.takes_id:
                return Resolved(link, rest)
            item = parse_telegram_id(rest)
            return None if item is None else Resolved(link, item)
        return None

    async def run(self, message: Message, payload: str, context: LinkContext) -> bool:
        """Open the link `payload` names; False when the menu should answer instead."""
        found = self.resolve(payload)
        if found is None:
            return False
        if not found.link.keeps_form:
            await context.state.clear()
        # The pair was made together in `resolve`: the argument is of the handler's kind.
        handler: LinkHandler[Any] = found.link.handler
        return await handler(message, found.arg, context) is not False


def sender_id(message: Message) -> int:
    assert message.from_user is not None  # /start in private always has a sender
    return message.from_user.id


async def enter_community(message: Message, chat_id: int, context: LinkContext) -> bool:
    """A link into a community's private flow chooses that community for the person; False
    (with a short answer) when they may not act for it."""
    if await context.runtime.community_service.select(sender_id(message), chat_id) is None:
        await message.answer(context.t("community-link-invalid"))
        return False
    return True
