"""What people see of check-ins, personal and in a community: the reminder and its buttons, the
schedule in words, the 30-day line, the community's invitation (a deep link), the anonymous
pulse, the weekly summary, the notice to listeners after hard days, and good news in the group.
Each is rendered in its reader's language and queued through the sender (the outbox), so a call
made inside a service's transaction commits with it.

CheckinViews is the notifier of both check-in services (bot/services/checkins.py
CheckinNotifier, bot/services/checkin_community.py CommunityCheckinNotifier)."""

from __future__ import annotations

from datetime import date

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CheckinAction, CheckinCB
from bot.i18n import Markup, Texts, Translator
from bot.keyboards import deep_link
from bot.repos.communities import Community
from bot.repos.users import User, UsersRepo
from bot.services.checkin_community import K_ANONYMITY, Defaults, Pulse
from bot.services.checkins import History
from bot.services.sender import Sender
from bot.texts import mention, weekday_name
from bot.timeutil import Clock

DEEP_LINK_CHECKINS = "ci"  # /start ci<chat id>: "Join" under a community's invitation
REMINDER_KEEPS = 12 * 3600.0  # "How are you today?" means nothing the next day
SPARK = {1: "▁", 2: "▂", 3: "▄", 4: "▆", 5: "█"}


def schedule_words(t: Texts, kind: str, weekday: int) -> str:
    """'every day', 'on weekdays', 'once a week, on Tuesday'."""
    # Markup: our own text, put into other texts without being escaped again.
    if kind == "weekly":
        return Markup(t("reminder-kind-weekly", day=weekday_name(t.lang, weekday)))
    return Markup(t(f"reminder-kind-{kind}"))


def describe_kind(t: Texts, defaults: Defaults) -> str:
    """'every day at 20:00' — a suggested schedule in words (each member's own zone applies)."""
    return Markup(
        t(
            "schedule-at",
            when=schedule_words(t, defaults.kind, defaults.weekday),
            time=defaults.local_time,
        )
    )


def sparkline(found: History) -> str:
    """The 30 days as one line of bars, a dot for a day without a check-in."""
    return "".join(SPARK[m] if m else "·" for _, m in found.days)


def render_pulse(t: Texts, pulse: Pulse) -> str:
    if not pulse.shown or pulse.average is None:
        return t("pulse-not-enough", days=pulse.days, k=K_ANONYMITY)
    lines = [
        t(
            "pulse-window",
            days=pulse.days,
            people=pulse.people,
            answers=pulse.answers,
            average=round(pulse.average, 1),
        ),
        t("pulse-distribution", **{f"m{i + 1}": n for i, n in enumerate(pulse.distribution)}),
        t("pulse-low-share", percent=round(pulse.low_share * 100)),
    ]
    if pulse.previous_average is not None:
        difference = pulse.average - pulse.previous_average
        key = "up" if difference >= 0.3 else "down" if difference <= -0.3 else "same"
        lines.append(t(f"pulse-trend-{key}", previous=round(pulse.previous_average, 1)))
    return "\n".join(lines)


def contact_button(t: Texts, user: User) -> InlineKeyboardButton | None:
    """ "Write to them", when the person has a public username. A tg://user link in a button
    is refused by Telegram when the person's privacy settings forbid it, and the whole message
    would be lost; the mention in the text works either way."""
    if not user.username:
        return None
    # Button labels are plain text: the name must not be HTML-escaped there.
    name = Markup(user.first_name or t("someone"))
    return InlineKeyboardButton(
        text=t("checkon-write", name=name), url=f"https://t.me/{user.username}"
    )


def reminder_keyboard(t: Texts) -> InlineKeyboardMarkup:
    """One button to answer, two to snooze (an hour, or until tomorrow)."""

    def button(text: str, action: CheckinAction, value: int = 0) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=text, callback_data=CheckinCB(action=action, value=value).pack()
        )

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("checkin-reminder-button"), CheckinAction.START)],
            [
                button(t("checkin-snooze-hour"), CheckinAction.SNOOZE, 1),
                button(t("checkin-snooze-tomorrow"), CheckinAction.SNOOZE, 24),
            ],
        ]
    )


class CheckinViews:
    def __init__(
        self, users: UsersRepo, *, clock: Clock, sender: Sender, translator: Translator
    ) -> None:
        self.users = users
        self.clock = clock
        self.sender = sender
        self.translator = translator

    def group_texts(self, community: Community) -> Texts:
        return self.translator.texts(community.language or self.translator.default_language)

    # --- the person's own check-ins ---

    async def reminder_due(self, user_id: int, user: User | None, due_at: float | None) -> None:
        """ "How are you today?" in the person's language, with a button to answer and two
        to snooze; once per scheduled moment (a snoozed one has none)."""
        t = self.translator.texts_for(user or await self.users.get(user_id))
        await self.sender.enqueue(
            user_id,
            t("checkin-reminder"),
            reply_markup=reminder_keyboard(t),
            dedupe_key=None if due_at is None else f"checkin-reminder:{user_id}:{int(due_at)}",
            expires_at=self.clock.time() + REMINDER_KEEPS,
        )

    # --- the community's check-ins ---

    async def invited(self, community: Community, suggested: Defaults, bot_username: str) -> None:
        """The invitation in the group: a "Join" button into the private chat, where each
        member joins for themself."""
        t = self.group_texts(community)
        text = t("checkins-invite")
        if suggested.kind != "off":
            text += "\n" + t("checkins-invite-schedule", when=describe_kind(t, suggested))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=t("checkins-invite-button"),
                        url=deep_link(bot_username, f"{DEEP_LINK_CHECKINS}{community.chat_id}"),
                    )
                ]
            ]
        )
        await self.sender.enqueue(community.chat_id, text, reply_markup=keyboard)

    async def hard_days(
        self,
        member: User,
        community: Community,
        first: date,
        days: int,
        recipients: list[User],
    ) -> None:
        """The member (who consented) had `days` hard days since `first`: each listening
        moderator gets a notice naming them, with a way to write to them."""
        for recipient in recipients:
            t = self.translator.texts_for(recipient)
            name = member.first_name or t("someone")
            button = contact_button(t, member)
            keyboard = InlineKeyboardMarkup(inline_keyboard=[[button]]) if button else None
            await self.sender.enqueue(
                recipient.id,
                t(
                    "checkon-notice",
                    name=Markup(mention(member.id, name)),
                    days=days,
                    title=community.title,
                ),
                reply_markup=keyboard,
                dedupe_key=(
                    f"checkon:{member.id}:{community.chat_id}:{first.isoformat()}:{recipient.id}"
                ),
            )

    async def good_news(self, community: Community, author: User | None, text: str) -> None:
        """Good news in the group, under the author's name or (author None) anonymously."""
        t = self.group_texts(community)
        if author is None:
            post = t("goodnews-post-anonymous", text=text)
        else:
            name = author.first_name or t("someone")
            post = t("goodnews-post", name=Markup(mention(author.id, name)), text=text)
        await self.sender.enqueue(community.chat_id, post)

    async def weekly_summary(
        self, community: Community, week: Pulse, user_id: int, due_at: float
    ) -> None:
        """The week's participation and pulse, to one subscribed moderator."""
        t = self.translator.texts_for(await self.users.get(user_id))
        text = "\n\n".join(
            [
                t("summary-title", title=community.title),
                t("summary-participation", people=week.people, answers=week.answers),
                render_pulse(t, week),
                t("summary-footer"),
            ]
        )
        await self.sender.enqueue(
            user_id, text, dedupe_key=f"ci-summary:{community.chat_id}:{user_id}:{int(due_at)}"
        )
