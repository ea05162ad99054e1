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


class FormAction(StrEnum):
    PICK = "p"  # one of the options of the field being asked (`field`, `code`)
    SKIP = "s"  # the optional field being asked: no answer (or its answer cleared)
    KEEP = "k"  # the field being changed: keep what it says, back to the preview
    EDIT = "e"  # from the preview: which field to change?
    FIELD = "f"  # change this field (`field`)
    PREVIEW = "v"  # back to the preview
    CANCEL = "c"


class FormCB(CallbackData, prefix="fm"):
    """A press inside a step-by-step form (handlers/forms.py). Only meaningful while the
    presser's own form is at that step: the engine checks it against their FSM data."""

    form: str  # FormSpec.key
    action: FormAction
    field: str = ""
    code: str = ""  # an Option's code


class AskAction(StrEnum):
    POST = "post"  # the /ask form's preview: post the request (its other presses are FormCB)


class AskCB(CallbackData, prefix="ask"):
    step: AskAction


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


class VacancyAction(StrEnum):
    MANUAL = "manual"  # step by step instead of pasting the vacancy whole
    POST = "post"  # the form's preview: post it (or save the changes to one posted)


class VacancyCB(CallbackData, prefix="vf"):
    """/vacancy, besides the form's own presses (FormCB)."""

    step: VacancyAction


class VacancyActAction(StrEnum):
    VIEW = "view"  # the card: one's own with its actions, anyone else's if open
    EDIT = "edit"  # the author's (or a moderator's) own vacancy
    FILL = "fill"
    EXTEND = "extend"
    APPROVE = "approve"  # moderators: pre-moderation
    REJECT = "reject"
    CHANGES = "changes"
    SAVE = "save"  # a toggle, under any card: the presser's own saved list
    DROP = "drop"  # from /saved


class VacancyActCB(CallbackData, prefix="va"):
    action: VacancyActAction
    id: Int


class JobsCB(CallbackData, prefix="jb"):
    # open: a vacancy (`value` its id), re-checked as one the presser may see. A str, not an
    # enum: a filter button of a /jobs message from before JobSearchCB still gets its answer.
    action: str
    value: Int = 0


class JobSearchAction(StrEnum):
    REMOTE = "remote"  # the filters, each cycled by its button
    LEVEL = "level"
    TYPE = "type"
    SALARY = "salary"
    PAGE = "page"  # `value` the page
    SUBSCRIBE = "subscribe"  # the search saved, to be told of new vacancies


class JobSearchCB(CallbackData, prefix="jq"):
    """A button under a /jobs message, acting on that message's own search `id` — the
    presser's, re-checked."""

    id: Int
    action: JobSearchAction
    value: Int = 0


class JobSubAction(StrEnum):
    MODE = "mode"  # at once ↔ a daily digest
    DELETE = "delete"


class JobSubCB(CallbackData, prefix="js"):
    action: JobSubAction  # on the presser's own saved search (re-checked)
    id: Int


class CvAction(StrEnum):
    """Presses about the presser's own profile (callbacks never name another person's); the
    form's own presses are FormCB."""

    SAVE = "save"  # the form's preview: save the profile
    EDIT = "edit"  # the saved profile into the form, to change a field
    VISIBILITY = "visibility"  # who may find it: the next choice
    SHARE = "share"
    DELETE = "delete"  # asks first
    DELETE_YES = "delete_yes"
    KEEP = "keep"  # not deleted after all


class CvCB(CallbackData, prefix="cv"):
    step: CvAction


class TalentAction(StrEnum):
    OPEN = "open"  # a profile (`value` its owner): re-checked as visible to the presser
    CONTACT = "contact"
    LEVEL = "level"  # the level filter, cycled
    PAGE = "page"  # `value` the page


class TalentCB(CallbackData, prefix="tl"):
    action: TalentAction
    value: Int = 0


class MentorAction(StrEnum):
    FIND = "find"  # the presser's own menus: ask a topic
    OFFER = "offer"  # their offer, or make one
    CHANGE = "change"  # new topics for it
    CAPACITY = "capacity"  # new mentees a month (`value`)
    PAUSE = "pause"
    RESUME = "resume"
    STOP = "stop"
    PICK = "pick"  # a mentor (`id`): re-checked as one the presser may ask
    ACCEPT = "accept"  # a request (`id`): its mentor only
    DECLINE = "decline"
    MET = "met"  # two weeks later (`id` the request, `value` 1: yes): either side


class MentorCB(CallbackData, prefix="mt"):
    action: MentorAction
    id: Int = 0
    value: Int = 0


class MeetSettingsAction(StrEnum):
    """The `action` of a SettingsCB in /settings → Meetings (section "mt")."""

    SHOW = "show"
    WHO = "who"  # `value` 1: members may schedule, 0: moderators only
    NAMES = "names"  # `value` 1: announcements name those going
    PIN = "pin"  # `value` 1: announcements are pinned
    REMINDERS_MENU = "remmenu"  # the default reminder sets
    REMINDERS = "reminders"  # `value` an index of REMINDER_PRESETS


class MeetFormAction(StrEnum):
    """The /meet form's preview: its own buttons (the form's other presses are FormCB)."""

    PUBLISH = "publish"
    GUESTS = "guests"  # each press: the next value
    CUTOFF = "cutoff"
    LEAD = "lead"
    FEEDBACK = "feedback"
    REMINDERS = "reminders"  # the reminder sets to choose from
    REMSET = "remset"  # one chosen (`value`: its index)


class MeetFormCB(CallbackData, prefix="mf"):
    step: MeetFormAction
    value: Int = 0


class MeetAction(StrEnum):
    # `id` is an occurrence's, but for STATS (a community's chat id, `value` the days)
    GOING = "going"  # the answers under an announcement, pressed anywhere
    MAYBE = "maybe"
    NO = "no"
    GUEST = "guest"  # "+1"
    ICS = "ics"  # the rest only in the presser's own private chat: the calendar file
    REMIND = "remind"  # a personal reminder, `value` minutes before
    OPEN = "open"  # the occurrence's card
    RATE = "rate"  # feedback afterwards, `value` the score
    ATTENDANCE = "attendance"  # the host: who came
    ATTENDED = "att"  # the host: one person (`value` their id) came or not
    CANCEL_ONE = "cancel1"
    CANCEL_ALL = "cancelall"
    MOVE_ONE = "move1"
    MOVE_ALL = "moveall"
    CONFIRM = "confirm"  # the cancel or move asked for
    KEEP = "keep"  # changed their mind
    STATS = "stats"  # moderators: the community's figures
    EDIT = "edit"  # the host: which field
    EDIT_FIELD = "editf"  # `value` an index of handlers.meetings.answers.EDITABLE
    REMINDERS = "rem"  # the host: the meeting's reminder sets
    REMINDERS_SET = "remset"  # `value` an index of REMINDER_PRESETS


class MeetCB(CallbackData, prefix="mg"):
    """A press about one occurrence (or series): RSVP, calendar, reminder, managing."""

    action: MeetAction
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


class JoinAction(StrEnum):
    ACCEPT = "accept"  # the rules
    ANSWER = "answer"  # the community's question, asked again
    WITHDRAW = "withdraw"


class JoinCB(CallbackData, prefix="jr"):
    """The person's answer under the bot's message about their join request. Acts only on the
    presser's own open request."""

    action: JoinAction
    id: Int


class JoinDecision(StrEnum):
    APPROVE = "approve"
    DECLINE = "decline"


class JoinDecisionCB(CallbackData, prefix="jd"):
    """A moderator's decision on a join request they were shown. Re-checked: a moderator of
    the request's community, pressing in their own chat or its log chat."""

    action: JoinDecision
    id: Int


class AppealAction(StrEnum):
    OPEN = "open"  # "Appeal" under the notice
    SEND = "send"  # send it without words


class AppealCB(CallbackData, prefix="ap"):
    """A sanctioned member's "Appeal" and "Send" under their notice: acts only when the
    warning or sanction (kind warn | mute | ban, its id) is the presser's own."""

    action: AppealAction
    kind: str
    id: Int


class AppealDecisionCB(CallbackData, prefix="ad"):
    """Another moderator's decision on an appeal: lift | keep. Re-checked: a moderator of the
    community, neither the one who acted nor the member."""

    action: str
    id: Int


class IntroAction(StrEnum):
    BEGIN = "begin"  # "Introduce yourself" under the rules (`chat_id`)
    POST = "post"  # the form's preview: post (or update) the card
    PRIVATE = "private"  # the form's preview: keep it private (a posted card comes down)
    OFFER = "offer"  # the saved introduction's "what I can offer" → the help offer
    CV = "cv"  # … → the CV's "about"


class IntroCB(CallbackData, prefix="in"):
    """/intro, besides the form's own presses (FormCB): the presser's own introduction to
    `chat_id`; membership and the introduction are re-checked, another person's is never
    reachable."""

    step: IntroAction
    chat_id: Int = 0


class FlagKind(StrEnum):
    REQUEST = "rq"  # a help request (`id` its id)
    VACANCY = "vc"  # a vacancy (`id` its id)
    INTRO = "in"  # an introduction (`id` its author: one a community)


class FlagCB(CallbackData, prefix="fl"):
    """🚩 under a member's post the bot made in the group: a report of that post; the presser
    must be a member there."""

    kind: FlagKind
    id: Int


class UnmuteCB(CallbackData, prefix="um"):
    """ "Unmute" under the antiflood's notice in the group: the group is the chat it is pressed
    in; the presser is re-checked as a moderator there who may act on that member."""

    user_id: Int
