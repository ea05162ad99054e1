# The way in for a group's owner: the bot's profile, "Add to a group", the guided setup.

## What Telegram shows before anyone starts the bot (limits: 512 and 120 characters)

bot-description =
    Opora helps mutual-aid communities on Telegram: mood check-ins with an anonymous pulse of the group, requests for help and people who answer them, vacancies, CVs and mentors, meetings with reminders, and calm moderation — rules, warnings, a newcomer check.
    Add me to your group and press “⚙️ Set up”: in about eight taps the community has its language, time zone, mission, rules and check-ins.
bot-short-description = Mutual-aid communities: mood check-ins, help requests, vacancies, meetings and calm moderation.

menu-add-to-group = ➕ Add to a group
group-setup-button = ⚙️ Set up

## The guided setup (in private, for the group's admins)

setup-header = ⚙️ <b>Setting up “{ $title }”</b> · step { $step } of { $steps }
setup-back = ‹ Back
setup-skip = Skip ›
setup-next = Next ›
setup-current = Now: { $text }
setup-language =
    🌐 <b>The group's language</b>: { $language }
    I write to the group in it; in private everyone keeps their own. Choose another if the group speaks it.
setup-timezone =
    🕒 <b>Time zone</b>: { $zone }
    Meetings, the weekly summary of check-ins and the monthly “thank you” follow it.
setup-timezone-none =
    🕒 <b>Time zone</b>: not chosen — { $zone } for now.
    Meetings, the weekly summary of check-ins and the monthly “thank you” follow it.
setup-mission =
    📝 <b>Mission</b> — what the community is for and how people treat each other here. /about shows it to members and newcomers.
    Send it in one message (up to { $limit } characters).
setup-rules =
    📜 <b>Rules</b> — /rules shows them, the welcome links to them, moderators cite them by number.
    Send them in one message, one rule a line (up to { $limit } characters): I will number them.
setup-features = 🧩 <b>Sections</b>. Turn off what the community does not need: to a command of a section that is off I answer that it is off here.
setup-checkins-off =
    💬 <b>Check-ins</b>: off for now.
    Once a day or a week I ask members privately how they are; the group sees only an anonymous pulse. Turn them on and I will post an invitation in the group — each member joins themselves.
setup-checkins-on =
    💬 <b>Check-ins</b>: on.
    I can post an invitation in the group — each member joins themselves, nobody is enrolled.
setup-checkins-enable = ✅ Turn on and invite members
setup-gate-off =
    🚪 <b>Newcomer check</b>: off.
    When it is on, a newcomer can only read until they press “I accept the rules” — a human check that also stops spam bots. They have { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } for it.
setup-gate-on = 🚪 <b>Newcomer check</b>: on — a newcomer only reads until they accept the rules ({ $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } for it).

## The checklist at the end

setup-done-title = <b>“{ $title }”: what is set up</b>
setup-item-language = Language: { $language }
setup-item-language-default = Language: { $language } (the bot's default, not chosen)
setup-item-timezone = Time zone: { $zone }
setup-item-timezone-none = Time zone: not chosen ({ $zone } for now)
setup-item-mission = Mission (/about)
setup-item-mission-none = Mission (/about): not written
setup-item-rules = Rules (/rules): { $count }
setup-item-rules-none = Rules (/rules): not written
setup-item-features = Sections on: { $names }
setup-item-features-none = Sections: all off
setup-item-checkins = Check-ins: on
setup-item-checkins-invited = Check-ins: on, members invited
setup-item-checkins-off = Check-ins: off
setup-item-gate = Newcomer check: on
setup-item-gate-off = Newcomer check: off
setup-done-more = The buttons lead to what is not set yet. The welcome, warnings, antiflood, the moderators' log chat — and any change later — are in /settings.
setup-done-complete = All set. The welcome, warnings, antiflood, the moderators' log chat — and any change later — are in /settings.
setup-all-settings = ⚙️ All settings
setup-again = ↺ Go through the setup again
