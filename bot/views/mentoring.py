"""What people see of mentoring: the request a mentor gets with its accept and decline buttons,
the kind "no", the introduction of an accepted pair, and the question whether they met. Each is
rendered in its reader's language and queued through the sender (the outbox).

MentoringViews is the mentoring service's notifier (bot/services/mentoring.py
MentoringNotifier)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import MentorAction, MentorCB
from bot.i18n import Markup, Texts, Translator
from bot.repos.mentoring import MentorRequest
from bot.repos.users import User, UsersRepo
from bot.services.sender import Sender
from bot.texts import mention


def button(text: str, action: MentorAction, item: int, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=MentorCB(action=action, id=item, value=value).pack()
    )


class MentoringViews:
    def __init__(self, users: UsersRepo, *, sender: Sender, translator: Translator) -> None:
        self.users = users
        self.sender = sender
        self.translator = translator

    async def _name(self, t: Texts, user_id: int) -> str:
        user = await self.users.get(user_id)
        return (user.first_name if user else None) or t("someone")

    async def mentor_asked(
        self, request_id: int, mentor_id: int, mentee_id: int, topic: str, message: str
    ) -> None:
        """The request with the mentee's name as a link, to accept or decline."""
        t = self.translator.texts_for(await self.users.get(mentor_id))
        who = mention(mentee_id, await self._name(t, mentee_id))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    button(t("mentor-accept"), MentorAction.ACCEPT, request_id),
                    button(t("mentor-decline"), MentorAction.DECLINE, request_id),
                ]
            ]
        )
        await self.sender.enqueue(
            mentor_id,
            t("mentor-asked", name=Markup(who), topic=topic, message=message),
            reply_markup=keyboard,
            priority=-1,
            dedupe_key=f"mentor-ask:{request_id}",
        )

    async def request_declined(self, request: MentorRequest) -> None:
        t = self.translator.texts_for(await self.users.get(request.mentee_id))
        await self.sender.enqueue(
            request.mentee_id,
            t("mentor-declined", name=await self._name(t, request.mentor_id), topic=request.topic),
            priority=-1,
            dedupe_key=f"mentor-declined:{request.id}",
        )

    async def request_accepted(self, request: MentorRequest) -> None:
        """Both get the other's name as a link."""
        for me, other, key in (
            (request.mentee_id, request.mentor_id, "mentor-intro-mentee"),
            (request.mentor_id, request.mentee_id, "mentor-intro-mentor"),
        ):
            t = self.translator.texts_for(await self.users.get(me))
            who = mention(other, await self._name(t, other))
            await self.sender.enqueue(
                me,
                t(key, name=Markup(who), topic=request.topic),
                priority=-1,
                dedupe_key=f"mentor-intro:{request.id}:{me}",
            )

    async def met_asked(self, request: MentorRequest, user: User, other_id: int) -> None:
        t = self.translator.texts_for(user)
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    button(t("mentor-met-yes"), MentorAction.MET, request.id, 1),
                    button(t("mentor-met-not-yet"), MentorAction.MET, request.id, 0),
                ]
            ]
        )
        await self.sender.enqueue(
            user.id,
            t("mentor-checkin", name=await self._name(t, other_id)),
            reply_markup=keyboard,
            dedupe_key=f"mentor-checkin:{request.id}:{user.id}",
        )
