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
modlog-line = { $when } · { $who } — { $what }
modlog-bot = the bot
modlog-action-setting = changed a setting
modlog-action-mod = appointed as moderator
modlog-action-unmod = removed from moderators
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
welcome-introduce = Tell us about yourself if you like: how you can help — /offer, looking for work — /cv. Questions — ask the team: /team.
modlog-action-gate-removed = removed for not accepting the rules:
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
