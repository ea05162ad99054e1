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
