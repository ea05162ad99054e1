## Mission, rules, team, moderation log

cmd-about = About the community and its mission
cmd-rules = The community's rules
cmd-team = Who leads the community
cmd-modlog = Moderation log
about-empty = "{ $title }" has no mission written yet. Moderators can add it: <code>/setmission text</code>.
about-text = 🌱 <b>{ $title }</b>
    { $mission }
rules-empty = "{ $title }" has no rules written yet. Moderators can add them: <code>/setrules text</code> (one rule per line) or as a reply to a message with the rules.
rules-text = 📜 <b>Rules of "{ $title }"</b>
    { $rules }
mission-usage = Send <code>/setmission</code> with the mission text — or reply with this command to a message that has it.
mission-saved = 🌱 The mission is saved. /about shows it.
setrules-usage = Send <code>/setrules</code> with the rules (one per line) — or reply with this command to a message that has them.
setrules-saved = 📜 The rules are saved. /rules shows them, numbered so that they can be cited.
team-title = 🤝 <b>The team of "{ $title }"</b>
team-admins = Leaders (admins): { $names }
team-moderators = Moderators: { $names }
team-listeners = Ready to listen: { $names }
team-nobody = nobody yet
team-hint = If you are having a hard time or something is wrong in the group, write to any of them. To become a listener: /listener
modlog-private-only = The moderation log opens in a private chat with me: /modlog
modlog-empty = The log of "{ $title }" is empty so far.
modlog-title = 📒 <b>The log of "{ $title }"</b> ({ $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }, newest first):
modlog-bot = the bot
welcome-text = 👋 Welcome to "{ $title }", { $names }! People here support each other — have a look at the rules and tell us a little about yourself.
welcome-gate = To write in the group, press "I accept the rules" within { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
welcome-rules = 📜 Rules and introductions
welcome-accept = ✅ I accept the rules
welcome-accepted = Thank you! You can write in the group now.
welcome-late = Time is up. Leave and join the group again — and press the button in time.
welcome-not-yours = This button is for those who just joined.
settings-section-order = 🛡 Order in the group
settings-md-title = 🛡 <b>Order in "{ $title }"</b>
settings-md-welcome-is-on = Welcoming newcomers: <b>on</b> (one message for everyone who came together; deleted after { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }).
settings-md-welcome-is-off = Welcoming newcomers: <b>off</b>.
settings-md-welcome-on = Welcome newcomers
settings-md-welcome-off = Do not welcome newcomers
settings-md-gate-is-on = Newcomer check: <b>on</b> — read-only until they accept the rules (they have { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }).
settings-md-gate-is-off = Newcomer check: <b>off</b>.
settings-md-gate-on = Turn the newcomer check on
settings-md-gate-off = Turn the newcomer check off
settings-md-fail-remove = Those who do not accept the rules in time are removed from the group.
settings-md-fail-keep = Those who do not accept the rules in time stay read-only.
settings-md-change-fail = What happens to those who do not accept
settings-md-limit = After { $limit } warnings: { $sanction }.
settings-md-change-limit = Change the number of warnings
settings-md-change-sanction = Change the consequence
settings-md-change-welcome-minutes = How long the welcome stays
settings-md-change-gate-minutes = How long the check lasts
settings-md-change-expiry = How long a warning counts
settings-md-expiry = A warning counts for { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
settings-md-log-none = Log to a moderators' chat: <b>off</b> (only /modlog).
settings-md-log = The log and reports go to <b>{ $title }</b>.
settings-md-log-pick = 📋 Choose the log chat
settings-md-log-off = Stop posting the log to a chat
logchat-pick = Choose the moderators' group or channel: I will post every moderation action there and send reports there. I must already be in it (an admin, in a channel), and you must be its admin.
logchat-pick-group = 👥 Choose a group
logchat-pick-channel = 📣 Choose a channel
logchat-pick-cancel = Cancel
logchat-cancelled = All right, the log stays as it was.
logchat-ok = ✅ Done: the log and reports now go to the chosen chat. Back to the settings: /settings
logchat-same = The log cannot go to the community's own group — everyone would see it. Choose a separate moderators' chat.
logchat-no_bot = I cannot write to that chat. Add me there (in a channel: as an admin who can post) and choose again: /settings
logchat-not_admin = You can only choose a chat where you are an admin.
logchat-hello = 📋 The moderation log of "{ $title }" will be posted here.
logchat-entry = 🛡 "{ $title }" · { $line }
settings-md-sanction-mute_1h = muted for an hour
settings-md-sanction-mute_1d = muted for a day
settings-md-sanction-mute_1w = muted for a week
settings-md-sanction-ban = removed from the group
welcome-failed = I could not lift the restriction — please write to the group's admins (/team).
settings-section-general = 🏠 Community: mission, rules, features
settings-gn-title = 🏠 <b>"{ $title }": mission, rules, features</b>
settings-gn-none = not written
settings-gn-mission = Mission (/about): { $text }
settings-gn-rules = Rules (/rules): { $text }
settings-gn-rules-count = { $count ->
        [one] { $count } rule
       *[other] { $count } rules
    }
settings-gn-welcome = Words in the newcomers' welcome: { $text }
settings-gn-edit-mission = ✏️ Mission
settings-gn-edit-rules = ✏️ Rules
settings-gn-edit-welcome = ✏️ Welcome words
settings-gn-ask-mission = Send the community's mission — what it is for and how people treat each other here (up to { $limit } characters). /about shows it.
settings-gn-ask-rules = Send the rules, one per line (up to { $limit } characters): I will number them so moderators can cite a number.
settings-gn-ask-welcome = Send a few words I will add to the newcomers' welcome (up to { $limit } characters). You may use {"{"}first{"}"} for the newcomers' names and {"{"}chatname{"}"} for the group's title.
settings-gn-clear = Clear
settings-gn-saved-mission = ✅ The mission is saved. See it: /about
settings-gn-saved-rules = ✅ The rules are saved. See them: /rules
settings-gn-saved-welcome = ✅ The welcome words are saved.
settings-gn-feature-on = { $name }: <b>on</b>
settings-gn-feature-off = { $name }: <b>off</b>
settings-gn-turn-on = Turn on: { $name }
settings-gn-turn-off = Turn off: { $name }
settings-gn-topic = { $name } are posted in forum topic #{ $topic }.
settings-gn-topic-general = { $name } are posted in the general chat.
settings-gn-topic-reset = { $name } — to the general chat
settings-gn-topic-hint = To have a feature post in a forum topic, send <code>/settopic requests</code>, <code>/settopic jobs</code> or <code>/settopic events</code> inside that topic.
settings-gn-digest-on = A monthly "thank you" to those who helped: <b>on</b>.
settings-gn-digest-off = A monthly "thank you" to those who helped: <b>off</b>.
settings-gn-digest-turn-on = Turn the monthly "thank you" on
settings-gn-digest-turn-off = Turn the monthly "thank you" off
feature-name-requests = 🙋 Help requests
feature-name-careers = 💼 Vacancies, CVs and mentors
feature-name-meetings = 📅 Meetings
feature-name-checkins = 💬 Check-ins
feature-topic-requests = 🙋 Requests
feature-topic-jobs = 💼 Vacancies
feature-topic-events = 📅 Meetings
feature-off = In "{ $title }" the moderators have turned "{ $feature }" off.
feature-off-private = In "{ $title }" the moderators have turned "{ $feature }" off. If you belong to other communities, choose another: /community
logchat-admins-only = The group's admins choose the log chat.
logchat-farewell = 📋 The moderation log of "{ $title }" will no longer be posted here.
