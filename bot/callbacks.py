"""CallbackData factories. They carry ids only and are never trusted: every handler re-checks on
the server who pressed and whether they may (anyone can forge callback_data)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# Every number in callback data fits SQLite's 64-bit integers: a forged huge one is refused by
# the filter (the press is answered as an outdated button), never a traceback deep in a query.
Int = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class MenuCB(CallbackData, prefix="m"):
    item: str  # one of bot.keyboards.MENU_ITEMS: the command the button runs


class SosAction(StrEnum):
    OPEN = "open"  # the /sos screen
    ASK = "ask"  # an anonymous request for support


class SosCB(CallbackData, prefix="sos"):
    action: SosAction


class HelpSectionCB(CallbackData, prefix="hs"):
    section: str  # "" (the list of sections) or one of handlers.commands.HELP_SECTIONS


class LangCB(CallbackData, prefix="lang"):
    code: str
    chat_id: Int = 0  # 0: the person's own language; a group id: that community's language


class TzCB(CallbackData, prefix="tz"):
    index: Int  # position in bot.timeutil-backed COMMON_ZONES; -1 = type it in
    chat_id: Int = 0


class CommunityCB(CallbackData, prefix="c"):
    chat_id: Int


class CommunityPageCB(CallbackData, prefix="cp"):
    page: Int


class ForgetCB(CallbackData, prefix="forget"):
    confirm: bool


class CheckinAction(StrEnum):
    # The form: pressed only in the step it belongs to, on the day it was begun.
    REPLACE = "replace"  # today's check-in again
    KEEP = "keep"
    MOOD = "mood"  # `value`: the mood
    TAG = "tag"  # `value`: a TAGS index
    DONE = "done"
    # Buttons under a reminder, a reflection or a good-news preview: any time.
    START = "start"
    SNOOZE = "snooze"  # `value`: hours (1 or 24)
    CRISIS = "crisis"
    ASK = "ask"  # a request for support
    TALK = "talk"
    CHECKON = "checkon"  # `value`: 1 consent, 0 withdrawn
    SHARE = "share"  # good news
    POST = "post"  # `value`: 1 anonymously
    UNSHARE = "unshare"


class CheckinCB(CallbackData, prefix="ci"):
    action: CheckinAction
    value: Int = 0


class ReminderAction(StrEnum):
    KIND = "kind"  # `value`: a SCHEDULE_KINDS index
    DAY = "day"  # a weekly reminder's day
    TIME = "time"  # `value`: a REMINDER_TIMES index
    TYPED = "typed"  # a time of one's own, typed
    PAUSE = "pause"  # `value` -1: the choice; 0: resume; 7, 14, 30: days
    SUGGESTED = "suggested"  # join the community's check-ins with its suggested schedule
    JOIN = "join"
    LEAVE = "leave"
    CHECKON = "checkon"  # `value`: 1 consent, 0 withdrawn


class ReminderCB(CallbackData, prefix="rm"):
    step: ReminderAction
    value: Int = 0


class SettingsCB(CallbackData, prefix="st"):
    chat_id: Int  # the community being set up; the presser's rights there are re-checked
    section: str  # main | ci (check-ins) | …
    action: str = "show"
    value: Int = 0


class CheckinSettingsAction(StrEnum):
    TURN = "on"  # check-ins on/off (`on`)
    SUGGEST = "sg"  # the suggested schedule: its kinds
    KIND = "k"  # a kind chosen (`kind`)
    DAY = "d"  # a weekly kind's day (`kind`, `weekday`)
    TIME = "t"  # the time (`kind`, `weekday`, `slot`: a SUGGESTED_TIMES index)
    CRISIS = "cr"  # type the community's own crisis lines
    CRISIS_RESET = "crx"  # back to the built-in lines
    SUBSCRIBE = "sub"  # the weekly summary to the presser (`on`)
    SUMMARY_DAY = "sd"  # the summary's day: the choice
    SUMMARY_TIME = "st"  # its time: the choice (`weekday`), then chosen (`weekday`, `slot`)
    INVITE = "inv"  # invite the members in the group


class CheckinSettingsCB(CallbackData, prefix="cs"):
    """A press in /settings → Check-ins; the presser's rights in `chat_id` are re-checked."""

    chat_id: Int
    action: CheckinSettingsAction
    on: bool = False
    kind: int = Field(0, ge=0, le=9)
    weekday: int = Field(0, ge=0, le=6)
    slot: int = Field(-1, ge=-1, le=9)  # -1: not chosen yet


class SetupAction(StrEnum):
    SHOW = "show"  # the step (or the checklist)
    SKIP = "skip"  # on to the next step
    SET = "set"  # the step's choice (`value`, by step)
    TOGGLE = "toggle"  # a feature on or off (`value`: its index)
    LANG = "lang"  # the greeting's language button (`value`: a SUPPORTED_LANGUAGES index)


class SetupCB(CallbackData, prefix="su"):
    """A press in the guided setup (in private), or the greeting's language button (`step`
    "greet", in the group): the presser's rights in `chat_id` are asked again each time."""

    chat_id: Int
    step: str  # bot.services.setup.STEPS, "done" (the checklist) or "greet"
    action: SetupAction = SetupAction.SHOW
    value: Int = 0


class HelpAction(StrEnum):
    VIEW = "view"  # a request's card
    OFFER = "offer"  # "I can help"
    APPROVE = "approve"  # moderators: pre-moderation
    REJECT = "reject"
    ACCEPT = "accept"  # the author: a helper's offer
    DECLINE = "decline"
    RESOLVE = "resolve"
    RENEW = "renew"
    CLOSE = "close"
    REOPEN = "reopen"
    DELETE = "delete"
    THANK = "thank"  # `value` 1: in the group, 0: privately
    REVEAL = "reveal"  # the author: "Show who I am" (asks first)
    REVEAL_YES = "reveal_yes"
    REVEAL_NO = "reveal_no"
    GOING = "going"  # the helper: still on it
    RELEASE = "release"  # the helper: gives it back
    REPLY = "reply"  # either side of a relay
    END = "end"


class HelpCB(CallbackData, prefix="hp"):
    action: HelpAction
    id: Int  # a request's or a response's id, by action
    value: Int = 0


class AskCB(CallbackData, prefix="ask"):
    step: str  # cat | urg | vis | post | edit | cancel
    value: Int = 0
    code: str = ""  # a category's code (stable when the community adds or removes one)


class OfferAction(StrEnum):
    CATEGORY = "cat"  # `value`: a CATEGORIES index, on or off
    WEEK = "week"  # `value`: requests a week
    LANGUAGE = "lang"  # `value`: a SUPPORTED_LANGUAGES index, on or off
    SKILLS = "skills"  # typed next
    PAUSE = "pause"  # paused ↔ resumed


class OfferCB(CallbackData, prefix="of"):
    """A press on the presser's own /offer profile (callbacks never name another's)."""

    step: OfferAction
    value: Int = 0


class RequestsPageCB(CallbackData, prefix="rq"):
    category: Int  # -1: all
    page: Int


class VacancyCB(CallbackData, prefix="vf"):
    step: str  # paste | manual | pick | skip | post | edit | cancel
    field: str = ""
    value: Int = 0


class VacancyActCB(CallbackData, prefix="va"):
    # view | edit | fill | extend: the author's (or a moderator's) own vacancy; save (a toggle)
    # and drop (from /saved): the presser's own saved list, for anyone's vacancy
    action: str
    id: Int


class JobsCB(CallbackData, prefix="jb"):
    action: str  # open: a vacancy (`value` its id), re-checked as one the presser may see
    value: Int = 0


class JobSearchCB(CallbackData, prefix="jq"):
    """A button under a /jobs message: remote | level | type | salary (filters) · page ·
    subscribe, acting on that message's own search `id` — the presser's, re-checked."""

    id: Int
    action: str
    value: Int = 0


class JobSubCB(CallbackData, prefix="js"):
    action: str  # mode (at once ↔ daily) | delete: the presser's own saved search
    id: Int


class CvCB(CallbackData, prefix="cv"):
    # pick | skip | save | edit | field | cancel (the form) · visibility | share | delete |
    # delete_yes (the presser's own profile: callbacks never name another person's)
    step: str
    field: str = ""
    value: Int = 0


class TalentCB(CallbackData, prefix="tl"):
    action: str  # open | contact (a profile: re-checked as visible to the presser) · level · page
    value: Int = 0


class MentorCB(CallbackData, prefix="mt"):
    # find | offer | pause | resume | stop | capacity (menus) · pick (a mentor: re-checked as
    # one the presser may ask) · accept | decline (the request's mentor only) · met (either side)
    action: str
    id: Int = 0
    value: Int = 0


class MeetFormCB(CallbackData, prefix="mf"):
    """A step of the /meet form: a choice among buttons (the form itself is in FSM state)."""

    step: str
    value: Int = 0


class MeetCB(CallbackData, prefix="mg"):
    """A press about one occurrence (or series): RSVP, calendar, reminder, managing."""

    action: str
    id: Int
    value: Int = 0


class ModlogCB(CallbackData, prefix="ml"):
    """A page of /modlog; the community and the presser's rights are re-checked."""

    chat_id: Int
    page: Int = 0
    kind: str = ""  # a filter of bot.services.audit.FILTERS; "" shows everything


class ReportCB(CallbackData, prefix="rp"):
    """A moderator's answer to a report: del | warn | mute1h | mute1d | ban | dismiss ("Leave
    it", or "Close" once something was done). The presser is re-checked as a moderator of the
    report's community."""

    action: str
    id: Int


class GateCB(CallbackData, prefix="gt"):
    """ "I accept the rules" under a welcome: acts only for the presser's own pending gate."""

    chat_id: Int


class JoinCB(CallbackData, prefix="jr"):
    """The person's answer under the bot's message about their join request: accept (the
    rules) | answer (the question, again) | withdraw. Acts only on the presser's own open
    request."""

    action: str
    id: Int


class JoinDecisionCB(CallbackData, prefix="jd"):
    """A moderator's decision on a join request they were shown: approve | decline. Re-checked:
    a moderator of the request's community, pressing in their own chat or its log chat."""

    action: str
    id: Int


class AppealCB(CallbackData, prefix="ap"):
    """A sanctioned member's "Appeal" (open) and "Send" under their notice: acts only when the
    warning or sanction (kind warn | mute | ban, its id) is the presser's own."""

    action: str
    kind: str
    id: Int


class AppealDecisionCB(CallbackData, prefix="ad"):
    """Another moderator's decision on an appeal: lift | keep. Re-checked: a moderator of the
    community, neither the one who acted nor the member."""

    action: str
    id: Int


class IntroCB(CallbackData, prefix="in"):
    """/intro: skip | keep | edit | field | post | private | cancel (the form, kept in FSM
    state) · begin | offer | cv (the presser's own introduction to `chat_id`: membership and
    the introduction are re-checked; another person's is never reachable)."""

    step: str
    field: str = ""
    chat_id: Int = 0


class FlagCB(CallbackData, prefix="fl"):
    """🚩 under a member's post the bot made in the group (rq: a help request, vc: a vacancy,
    in: an introduction): a report of that post; the presser must be a member there."""

    kind: str
    id: Int


class UnmuteCB(CallbackData, prefix="um"):
    """ "Unmute" under the antiflood's notice in the group: the group is the chat it is pressed
    in; the presser is re-checked as a moderator there who may act on that member."""

    user_id: Int
