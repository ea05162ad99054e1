## /help: short and in sections

help-home =
    <b>What I can do</b>
    Here members hold each other up: share how they are doing, ask for and offer help, look for work and meet.
    The main things are in the /start menu. If it is hard right now — /sos. Leave any form — /cancel.
    Choose a section:
help-back = ‹ All sections
help-section-support = 🫂 Support
help-section-requests = 🙋 Requests and help
help-section-work = 💼 Work
help-section-people = 📅 Meetings and people
help-section-community = 👥 Community
help-section-you = ⚙️ You and your data
help-section-manage = 🛠 Moderators: managing
help-section-order = ⚖️ Moderators: order
help-note-community =
    /report — in reply to a message in the group; nobody learns it was you.
    @admin in a group message — call the moderators (in reply to a message — to show it to them).
help-note-manage =
    Commands are typed in the group; /settings and /modlog open in private.
    Antiflood — in /settings → "Order in the group".
help-note-order =
    In reply to a message or with @name. Durations: 30m, 2h, 3d, 1w, or in words — "2 hours", "1 week".
    /purge deletes up to 300 messages, none older than 48 hours.
help-group = <b>Opora in the group</b>
    Personal things are best written to me privately — press "Open Opora" below: I will open the chat and know you as a member of this group.
help-group-admin-call = @admin in a message — call the moderators
help-group-moderators = For moderators
