# The audit log (/modlog and the log chat).
modlog-line = { $when } · { $what } — { $who }
modlog-what-whom = { $what }: { $whom }
modlog-what-why = { $what } · { $why }
modlog-by-limit = by the warnings' limit
modlog-purged = { $count ->
    [one] { $count } message deleted
   *[other] { $count } messages deleted
}
modlog-rule = rule { $number }

modlog-action-warn = Warning
modlog-action-unwarn = Warning taken back
modlog-action-mute = Mute
modlog-action-unmute = Unmute
modlog-action-ban = Ban
modlog-action-unban = Unban
modlog-action-kick = Removal from the group (may come back)
modlog-action-resetwarns = Warnings cleared
modlog-action-del = Message deleted
modlog-action-mod = Appointed moderator
modlog-action-unmod = Removed from moderators
modlog-action-setting = Setting
modlog-action-gate-removed = Removed: the rules not accepted in time
modlog-action-join-approved = Join request accepted
modlog-action-join-declined = Join request declined
modlog-action-join-expired = Join request declined: not confirmed in time
modlog-action-purge = Chat cleaned up
modlog-action-pin = Message pinned
modlog-action-pin-loud = Message pinned, everyone notified
modlog-action-unpin = Message unpinned
modlog-action-id = An id looked up
modlog-action-info = A member's details looked up
modlog-action-flood-mute = Muted for flooding
modlog-action-report-done = Report handled
modlog-action-report-dismissed = Report dismissed
modlog-action-appeal = Appeal against a moderator's decision
modlog-action-appeal-lifted = Appeal granted
modlog-action-appeal-kept = Appeal turned down
modlog-action-appeal-over = Appeal closed: the decision was no longer in force


setting-change = { $name } → { $value }
setting-value-default = default
setting-value-on = on
setting-value-off = off
setting-value-chosen = chosen
setting-value-text = “{ $text }”

setting-language = Community language
setting-timezone = Community time zone
setting-checkins-enabled = Check-ins
setting-checkins-default-kind = Default check-in reminders
setting-checkins-default-weekday = Check-in reminder day
setting-checkins-default-time = Check-in reminder time
setting-checkins-crisis-text = Where to turn in a hard moment
setting-checkins-summary-weekday = Weekly pulse day
setting-checkins-summary-time = Weekly pulse time
setting-requests-premoderation = Requests checked by moderators
setting-requests-max-open = Open requests per person, at most
setting-requests-helpers-told = Helpers told about a request
setting-requests-bump-hours = Reminder about an unanswered request, after hours
setting-requests-digest = Monthly “thank you” to helpers
setting-requests-category-names = Request category names
setting-topic-requests = Forum topic for requests
setting-topic-jobs = Forum topic for vacancies
setting-topic-events = Forum topic for meetings
setting-vacancies-per-day = Vacancies per person a day
setting-vacancies-premoderation = Vacancies checked by moderators
setting-community-mission = Mission (/about)
setting-community-rules = Rules (/rules)
setting-welcome-on = Welcome for newcomers
setting-welcome-minutes = Minutes the welcome stays
setting-welcome-gate = Newcomer check (accept the rules)
setting-welcome-gate-minutes = Minutes to accept the rules
setting-welcome-gate-fail = When the rules are not accepted
setting-welcome-text = Words in the welcome
setting-welcome-join-question = Question for join requests
setting-features-requests = Section “Requests for help”
setting-features-careers = Section “Vacancies, CVs and mentors”
setting-features-meetings = Section “Meetings”
setting-moderation-warn-limit = Warnings before a sanction
setting-moderation-warn-sanction = Sanction for warnings
setting-moderation-warn-expire-days = Days a warning lasts
setting-moderation-log-chat = Moderation log chat
setting-meetings-who = Who schedules meetings
setting-meetings-names = Names of those going in the announcement
setting-meetings-pin = Pin meeting announcements
setting-meetings-reminders = Meeting reminders

setting-moderation-flood = Antiflood
setting-moderation-flood-mute = Mute for flooding

setting-choice-off = off
setting-choice-daily = every day
setting-choice-weekdays = on weekdays
setting-choice-weekly = once a week
setting-choice-remove = remove from the group
setting-choice-keep = keep read-only
setting-choice-mute-1h = mute for an hour
setting-choice-mute-1d = mute for a day
setting-choice-mute-1w = mute for a week
setting-choice-ban = ban
setting-choice-moderators = moderators only
setting-choice-members = all members
setting-choice-5-5 = 5 messages in 5 seconds
setting-choice-10-10 = 10 messages in 10 seconds
setting-choice-mute-10m = muted for 10 minutes
