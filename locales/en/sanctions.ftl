## Warnings and sanctions

cmd-mywarns = My warnings
cmd-warn = Warn (reply or @name) [rule] [reason]
cmd-unwarn = Take back the last warning
cmd-warns = A member's warnings
cmd-mute = Mute [30m|2h|3d|1w] [reason]
cmd-unmute = Let them write again
cmd-ban = Ban [duration] [reason]
cmd-unban = Unban
cmd-del = Delete a message (reply)
sanction-in-group = This command works in the group: reply with it to a member's message or name them with @name.
sanction-self = You cannot use this command on yourself.
sanction-protected = This command cannot be used on an admin (nor by a moderator on another moderator).
sanction-no-rights = I lack the right for this in the group: make me an admin with "Ban users" (can_restrict_members) and "Delete messages".
sanction-nothing = There is nothing to undo here.
sanction-reason = Reason: { $reason }
sanction-rule = Rule { $rule }
sanction-forever = until lifted
sanction-until = until { $when }
sanction-bad-duration = I did not understand the duration. Examples: 30m, 2h, 3d, 1w (or 30м, 2ч, 3д, 1н), a year at most.
warn-usage = Reply with <code>/warn [rule number] [reason]</code> to a member's message — or <code>/warn @name …</code>.
unwarn-usage = Reply with <code>/unwarn</code> to a member's message — or <code>/unwarn @name</code>.
warns-usage = Reply with <code>/warns</code> to a member's message — or <code>/warns @name</code>.
mute-usage = Reply with <code>/mute [duration] [reason]</code> to a member's message — or <code>/mute @name 2h …</code>. Without a duration: until lifted.
unmute-usage = Reply with <code>/unmute</code> to a member's message — or <code>/unmute @name</code>.
ban-usage = Reply with <code>/ban [duration] [reason]</code> to a member's message — or <code>/ban @name …</code>. Without a duration: until lifted.
unban-usage = Send <code>/unban @name</code> or <code>/unban id</code>.
del-usage = Reply with <code>/del</code> to the message to delete.
del-failed = I could not delete it: Telegram does not allow deleting messages older than 48 hours.
warn-given = ⚠️ { $name }, warning { $count } of { $limit }.
warn-limit-mute = { $name } reached { $limit } warnings and cannot write for { $hours ->
        [1] an hour
        [24] a day
       *[other] a week
    }. The count starts again.
warn-limit-ban = { $name } reached { $limit } warnings and is removed from the group.
unwarn-done = The last warning of { $name } is taken back.
warns-none = { $name } has no current warnings.
warns-title = Warnings of { $name } ({ $count }):
warns-no-reason = no reason given
warns-line = { $number }. { $when }: { $reason }
mute-done = 🔇 { $name } cannot write in the group { $until }.
ban-done = 🚫 { $name } is removed from the group { $until }.
unmute-done = 🔈 { $name } can write again.
unban-done = { $name } may come back to the group.
modlog-action-warn = warned
modlog-action-unwarn = took back a warning of
modlog-action-mute = muted
modlog-action-unmute = unmuted
modlog-action-ban = banned
modlog-action-unban = unbanned
modlog-action-del = deleted a message of
