## Moderators' tools: /purge, /pin, /unpin, /id, /info, "@admin", antiflood

cmd-purge = Delete messages from the replied one to the command
cmd-pin = Pin a message (in reply) [loud]
cmd-unpin = Unpin a message (in reply) or the latest pin
cmd-id = Show an id
cmd-info = About a member (in reply or @name)
tools-in-group = This command works in the group: send it in reply to a message.

purge-usage = Reply <code>/purge</code> to the first message to delete: it and everything after it go, the command too (at most { $limit ->
        [one] { $limit } message
       *[other] { $limit } messages
    } at once).
purge-done = 🧹 { $count ->
        [one] Deleted { $count } message.
       *[other] Deleted { $count } messages.
    }
purge-partly = Some messages could not be deleted.
purge-no_right = I lack the "Delete messages" right in this group: grant it to me in the administrators' settings.
purge-too_old = Telegram lets nobody delete messages older than 48 hours: reply to a newer message.
purge-too_many = Too many at once: at most { $limit ->
        [one] { $limit } message
       *[other] { $limit } messages
    }. Reply to a message nearer the end.
purge-not_allowed = Only the community's moderators can do this.

pin-usage = Reply <code>/pin</code> to a message to pin it quietly, or <code>/pin loud</code> to notify everyone.
pin-no_right = I lack the "Pin messages" right in this group: grant it to me in the administrators' settings.
pin-nothing = That message is gone.
pin-not_allowed = Only the community's moderators can do this.
unpin-none = Nothing is pinned in the group.

id-yours = Your id: <code>{ $id }</code>
id-group = The group's id: <code>{ $id }</code>
id-topic = The topic's id: <code>{ $id }</code>
id-user = The message's author: { $name }, id <code>{ $id }</code>
id-chat = A message on behalf of the chat "{ $title }", id <code>{ $id }</code>
id-anonymous = A message of an anonymous admin: who wrote it is not shown.
id-forwarded = Forwarded from: { $name }, id <code>{ $id }</code>
id-forwarded-chat = Forwarded from "{ $title }", id <code>{ $id }</code>
id-forwarded-hidden = Forwarded from someone who hides their account: their id cannot be known.
id-not-allowed = Only the community's moderators can do this. Your own id: write /id to me privately.

info-usage = Reply <code>/info</code> to a member's message, or send <code>/info @name</code>, <code>/info id</code>.
info-anonymous = That is a message of an anonymous admin: who wrote it is not shown.
info-title = ℹ️ { $name }
info-id = id: <code>{ $id }</code>
info-username = Username: @{ $username }
info-role = Role: { $role }
info-role-owner = the bot's owner
info-role-admin = group administrator
info-role-moderator = moderator
info-role-member = member
info-role-outsider = not in the group
info-role-banned = banned
info-warnings = Warnings: { $count } of { $limit }
info-muted = 🔇 Cannot write { $until }
info-banned = 🚫 Banned { $until }
info-joined = In the group since { $date }

call-new = 📣 The moderators are called in "{ $title }". Calling: { $name }
call-done = 📣 The moderators are called and will look soon.

flood-muted = 🔇 { $name } cannot write { $until }: too many messages in a row ({ $messages ->
        [one] { $messages } message
       *[other] { $messages } messages
    } in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }).
flood-unmute = 🔈 Let them write
flood-unmuted = 🔈 May write again. Moderator: { $by }
flood-unmuted-short = Done: they may write again.
notice-by-flood = The antiflood did this: too many messages in a row.

settings-md-flood-open = 🌊 Antiflood
settings-md-flood-off = Antiflood: <b>off</b>.
settings-md-flood = Antiflood: { $messages ->
        [one] { $messages } message
       *[other] { $messages } messages
    } in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    } — <b>{ $mute }</b>.
settings-fl-title = 🌊 <b>Antiflood in "{ $title }"</b>
settings-fl-explain = A member who sends too many messages in a row cannot write for a while; I say so in the group with a "Let them write" button for moderators. Admins and moderators are never counted; an album counts as one message.
settings-fl-off = Off
settings-fl-preset = { $messages } in { $seconds } s
settings-fl-mute_10m = muted for 10 minutes
settings-fl-mute_1h = muted for an hour
settings-fl-mute_1d = muted for a day
