# Opora's texts in English. Values people type in are escaped by the code before they go in.

## Command menu

cmd-start = Start and open the menu
cmd-help = What the bot can do
cmd-community = Choose a community
cmd-lang = Language
cmd-timezone = Time zone
cmd-mydata = My data (file)
cmd-forget = Delete my data
cmd-cancel = Leave a form
cmd-mod = Appoint a moderator
cmd-unmod = Remove a moderator

## Welcome and menu

start-welcome =
    Hello, { $name }! I am <b>Opora</b>, the helper of a mutual-aid community.
    Here members hold each other up: share how they are doing, ask for and offer help, find work and meet. You are not alone.
menu-checkin = 🙂 How are you?
menu-ask = 🙋 Ask for help
menu-offer = 🤝 Offer help
menu-jobs = 💼 Jobs
menu-meetings = 📅 Meetings
menu-intro = 👋 Introduce yourself
menu-community = 👥 Community
menu-lang = 🌐 Language
menu-timezone = 🕒 Time zone
menu-mydata = 📄 My data
menu-help = ❓ Help

## Communities

community-current = You act for the community <b>{ $title }</b>.
community-selected = Done: you now act for the community <b>{ $title }</b>.
community-selected-short = Community chosen
community-link-invalid = That did not work: Telegram says you are not in that group (or I am no longer there). Join the group and press the button again.
community-choose-hint = You are in { $count ->
        [one] { $count } community
       *[other] { $count } communities
    }. Choose which one you act for: /community
community-choose = Choose a community ({ $count ->
        [one] { $count } available
       *[other] { $count } available
    }):
community-none =
    I don't know any community of yours yet.
    If your group already has Opora, press "Open Opora" there (in the bot's greeting, its answer to /help and the moderators' how-to) or write any message there, and I will recognise you. To start a community of your own, add me to a group and make me an admin.
community-not-member = You are not a member of that community.

## Groups

group-open-private = Continue in private chat
group-start-hint = Let's continue in private chat — it's easier there, and nobody sees more than they should.
group-private-command = { $command } works in our private chat: the button opens it there, with what you typed.
group-moved-again = This group has just become a supergroup. Please send your last command again — it will work here now.
group-welcome =
    Hello! I am <b>Opora</b>; I help mutual-aid communities with support, help requests, vacancies and meetings.
    Members: press “Open Opora” — I will open our private chat and know you at once.
    Next: make me an admin (to delete spam, mute, pin and let newcomers in), then press “⚙️ Set up” — a short setup in private.
    Check-ins start switched off; anything can be changed later with /settings.
group-welcome-admin =
    Hello! I am <b>Opora</b>; I help mutual-aid communities with support, help requests, vacancies and meetings.
    Members: press “Open Opora” — I will open our private chat and know you at once.
    Next, admins: press “⚙️ Set up” — in private I will ask for the language, time zone, mission, rules and check-ins, a minute or two.
    Check-ins start switched off; anything can be changed later with /settings.
group-promoted = Thank you! I am an admin now and can help the moderators. Not set up yet? Press “⚙️ Set up”.
group-demoted = I am no longer an admin: moderation is off, everything else still works.

## Language and time zone

lang-name-ru = 🇷🇺 Русский
lang-name-en = 🇬🇧 English
lang-choose = Choose your language:
lang-unknown = I don't speak that language yet. Choose one:
lang-choose-group = Choose the community's language (I use it in the group):
lang-changed = Done, we speak English now.
lang-changed-group = Community language: English.
tz-choose = Your time zone: <b>{ $current }</b>. Choose another or type yours:
tz-choose-none = Choose your time zone — reminders follow it:
tz-choose-group = The community's time zone: <b>{ $current }</b>. Choose another:
tz-type-in = ✍️ Type it in
tz-ask-text = Type a time zone: for example <code>Europe/Berlin</code>, <code>UTC+3</code> or a city such as "Berlin". /cancel to stop.
tz-changed = Time zone: <b>{ $zone }</b>.
tz-changed-group = The community's time zone: <b>{ $zone }</b>.
tz-invalid = I could not find that time zone; the previous one stays. Try <code>Europe/London</code>, <code>UTC-5</code> or a city name. /cancel to stop.

## Permissions

not-allowed = You can't do this.
not-allowed-moderators = Only the community's moderators can do this.
not-allowed-admins = Only the group's admins can do this.
button-outdated = This button is out of date. Open the menu again: /start

## Moderators

mod-usage = Reply with this command to the person's message, or name them: <code>/mod @name</code>.
unmod-usage = Reply with this command to the moderator's message, or name them: <code>/unmod @name</code>.
mod-appointed = { $name } is now a moderator of the community.
mod-not-member = { $name } is not in the group now — moderators are its members.
mod-already = { $name } is already a moderator.
mod-dismissed = { $name } is no longer a moderator.
mod-not-moderator = { $name } was not an appointed moderator.

## Data

mydata-caption = This is everything I keep about you. To delete it: /forget
forget-ask =
    Delete your data? I will erase your settings, your community memberships and unfinished forms. Where others need a record (the moderation log, say), it stays without your name.
    This cannot be undone.
forget-confirm = 🗑 Yes, delete
forget-keep = No, keep it
forget-kept = All right, nothing was deleted.
forget-done = Done: { $count ->
        [0] I had no data about you.
        [one] { $count } record about you was deleted.
       *[other] { $count } records about you were deleted.
    } If you write to me again, we start afresh.
privacy-in-private = Your data is a private matter — let's talk in private chat.

## Common
page-prev = ‹ Back
page-next = Next ›
page-position = { $page }/{ $pages }

cancel-done = All right, you left the form. Nothing was sent.
cancel-nothing = There is nothing to cancel. Menu: /start
unknown-command = I don't know that command. See /help
free-text-hint = I answer commands and buttons. Open the menu with /start, or see /help.
throttle-slow-down = Not so fast 🙂 Give me a couple of seconds.
throttle-a-second = A second, please 🙂
error-generic = Something went wrong. We know about it — please try again a bit later.
error-unavailable = The bot is unavailable for a few minutes. Your message is not lost: we will answer it as soon as we can.
silenced-post = You can't write in the group right now (the rules are not accepted yet, or a restriction applies), so the bot will not post this for you. What you prepared is kept.

## Community settings

cmd-settings = Community settings (moderators)
cmd-listener = Volunteer as a listener
settings-open-private = Settings open in a private chat with me, so the group is not filled with menus:
settings-no-community = You are not a moderator of any community I know. Settings are for the moderators of a group where I work.
settings-choose = Which community's settings?
settings-title = ⚙️ <b>Settings of "{ $title }"</b>
settings-language = Language: { $language }
settings-timezone = Time zone: { $zone }
settings-checkins-on = Check-ins: on
settings-checkins-off = Check-ins: off
settings-section-checkins = 💬 Check-ins
settings-section-language = 🌐 Language
settings-section-timezone = 🕒 Time zone
settings-back = ‹ Back
settings-saved = Saved.
settings-ci-title = 💬 <b>Check-ins in "{ $title }"</b>
settings-ci-on = Status: <b>on</b> — members join themselves; nobody is enrolled silently.
settings-ci-off = Status: <b>off</b>.
settings-ci-suggested = Suggested schedule: { $when } (each member's own time zone).
settings-ci-suggested-none = Suggested schedule: none — members choose their own.
settings-ci-crisis-own = Crisis lines: the community's own.
settings-ci-crisis-builtin = Crisis lines: the built-in list.
settings-ci-summary = Weekly summary: { $day } at { $time } ({ $zone }).
settings-ci-subscribed = You receive the weekly summary.
settings-ci-not-subscribed = You do not receive the weekly summary.
settings-ci-turn-on = ✅ Turn check-ins on
settings-ci-turn-off = ⏸ Turn check-ins off
settings-ci-turned-on = Check-ins are on.
settings-ci-turned-off = Check-ins are off.
settings-ci-suggest = 🗓 Suggested schedule
settings-ci-suggest-ask = Which schedule should members be offered?
settings-ci-kind-daily = Every day
settings-ci-kind-weekdays = On weekdays
settings-ci-kind-weekly = Once a week
settings-ci-suggest-time = At what time (each member's own time zone)?
settings-ci-crisis = 📞 Crisis lines
settings-ci-crisis-reset = ↩️ Use the built-in crisis lines
settings-ci-crisis-ask = Send the community's crisis lines and support contacts in one message (up to { $limit } characters). Members see them when they have a hard day. /cancel to keep the current ones.
settings-ci-crisis-too-long = That is { $length } characters and { $limit } fit. Please shorten it and send it again.
settings-ci-subscribe = 📋 Send me the summary
settings-ci-unsubscribe = 📋 Stop the summary
settings-ci-summary-when = 🕒 Summary day and time
settings-ci-summary-day = On which day should the weekly summary come?
settings-ci-summary-time = At what time (the community's time zone)?
settings-ci-invite = 📣 Invite members
settings-ci-invited = The invitation is posted in the group.

## Listeners

listener-choose-community = Choose your community first:
listener-anonymous = An anonymous admin cannot be written to privately. Send /listener as yourself or to me privately.
listener-on = 🫂 { $name } volunteered to listen in <b>{ $title }</b>: people having a hard time will see you under "Talk to someone". Thank you! Send /listener again to stop.
listener-off = { $name } no longer appears as a listener in <b>{ $title }</b>.

## Forum topics

cmd-settopic = Post a feature in this forum topic
topic-usage = Send <code>/settopic requests</code>, <code>/settopic jobs</code> or <code>/settopic meetings</code> inside the forum topic where requests for help, vacancies or meetings should appear (add <code>off</code> to go back to the general chat).
topic-not-in-topic = Send this inside the topic itself (this group must be a forum).
topic-requests-set = 🙋 Requests for help will be posted in this topic.
topic-requests-off = 🙋 Requests for help will be posted in the general chat.
cmd-offers = Who offers help
cmd-subscribe = Get new vacancies as they come
cmd-setmission = Set the community's mission
cmd-setrules = Set the community's rules
