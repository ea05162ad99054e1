## Meetings (/meet, /meetings)

cmd-meet = Schedule a meeting
cmd-meetings = Upcoming meetings
meet-open-private = 📅 Meetings are easier to schedule in a private chat with me — press the button.
meet-not-allowed = In this community meetings are scheduled by moderators (and by members, if the moderators allowed it in /settings).
meet-intro = 📅 <b>A new meeting</b>. A few questions; /skip skips the optional ones, /cancel stops.
meet-form-resumed = ↩️ Let us go on where we stopped: what you typed is kept. To start over: /cancel, then /meet.
meet-ask-title = What is the meeting called? (e.g. "Resume review" or "Support circle")
meet-ask-kind = What kind of meeting is it?
meet-ask-when = When? Type e.g. "tomorrow 7pm", "Friday 18:30", "Dec 25 19:00" — or pick a day. Times are in the community's time zone ({ $zone }).
meet-ask-time = { $day }: at what time? Type it ("19:00", "7pm") or pick one:
meet-ask-duration = How long will it last? Pick or type a number of minutes.
meet-ask-place = Where? An address — or a link to join online (https://…).
meet-ask-description = A few words about it: what, for whom, what to bring. You can skip this.
meet-ask-capacity = How many seats? Type a number — or skip for no limit.
meet-ask-recurrence = Repeat the meeting?
meet-ask-rrule = Type an RRULE (RFC 5545), e.g. <code>FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10</code>. It must end (COUNT or UNTIL) and repeat at most once a day.
meet-ask-move = When should it move to? E.g. "Thursday 19:00" or "Dec 25 18:30".
meet-bad-title = The title needs words, not only symbols.
meet-bad-when = I did not understand the date. Try "tomorrow 7pm", "Friday 18:30", "Dec 25 19:00".
meet-no-such-day = There is no { $month } { $day }: that month is shorter. Try another date, say "28.02 7pm".
meet-bad-time = I did not understand the time. Type e.g. "19:00" or "7pm".
meet-bad-duration = A number of minutes from 10 to { $most }, please.
meet-bad-link = A link must start with http:// or https://.
meet-bad-capacity = A number of seats from 1 to { $most }, please.
meet-past = That time has passed (or is less than 5 minutes away). Pick a later time.
meet-past-days = That was { $count ->
        [one] { $count } day
       *[other] { $count } days
    } ago. Pick a date ahead — say, "Friday 7pm" or "25.12 18:30".
meet-rrule-invalid = I could not read the rule. Example: <code>FREQ=WEEKLY;BYDAY=TU;COUNT=8</code>.
meet-rrule-never_ends = The rule never ends: add COUNT (how many meetings) or UNTIL (a date). For open-ended meetings choose "every week" or "every month".
meet-rrule-too_often = Meetings cannot repeat more often than once a day.
meet-rrule-too_long = The series is too long: at most 200 meetings and three years.
meet-rrule-no_dates = This rule gives no meetings at all.
meet-rrule-button = ⚙️ My own rule (RRULE)
meet-once = Once
meet-every-weekly = every week on { $day ->
        *[0] Mondays
        [1] Tuesdays
        [2] Wednesdays
        [3] Thursdays
        [4] Fridays
        [5] Saturdays
        [6] Sundays
    }
meet-every-biweekly = every two weeks on { $day ->
        *[0] Mondays
        [1] Tuesdays
        [2] Wednesdays
        [3] Thursdays
        [4] Fridays
        [5] Saturdays
        [6] Sundays
    }
meet-every-month = every month on the { $n ->
        [-1] last
        [1] first
        [2] second
        [3] third
       *[4] fourth
    } { $day ->
        *[0] Monday
        [1] Tuesday
        [2] Wednesday
        [3] Thursday
        [4] Friday
        [5] Saturday
        [6] Sunday
    }
meet-every-rule = by the rule <code>{ $rule }</code>
meet-kind-meetup = Meetup
meet-kind-workshop = Workshop
meet-kind-mentoring = Mentoring session
meet-kind-circle = Support circle
meet-kind-other = Other
meet-field-title = Title
meet-field-kind = Kind
meet-field-when = Date and time
meet-field-duration = Duration
meet-field-place = Place or link
meet-field-description = Description
meet-field-capacity = Seats
meet-field-recurrence = Repeat
meet-duration = { $minutes ->
        [30] 30 min
        [60] 1 h
        [90] 1.5 h
        [120] 2 h
        [180] 3 h
       *[other] { $minutes } min
    }
meet-when = { $day }, { $time } { $zone }
meet-options = ⚙️ Guests: { $guests ->
        [0] no "+1"
       *[other] up to +{ $guests }
    } · RSVPs: { $cutoff ->
        [0] until the start
        [120] close 2 hours before
       *[other] close a day before
    } · Reminders: { $reminders } · Feedback: { $feedback ->
        [0] do not ask
       *[other] ask after the meeting
    }
meet-option-lead-is = The next meeting of the series is announced { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ahead
meet-option-lead = 📣 Series announcement
meet-option-feedback = 💬 Feedback
meet-option-guests = 👥 Guests
meet-option-cutoff = ⏳ RSVPs
meet-option-reminders = ⏰ Reminders
meet-no-reminders = none
meet-publish = ✅ Publish
meet-published = 📅 The meeting is announced in the group. Your meetings: /meetings
meet-cancelled-form = All right, no meeting.
meet-card-title = 📅 <b>{ $title }</b> · { $kind }
meet-card-place = 📍 { $place }
meet-card-online = 💻 Online: <a href="{ $link }">{ $link }</a>
meet-card-host = 👤 Host: { $name }
meet-card-counts = 👥 Going: { $going } · Maybe: { $maybe }
meet-card-seats = { $taken } of { $capacity } seats taken
meet-card-waitlist = on the waitlist: { $count }
meet-card-more = and { $count } more
meet-moved = ↪️ The meeting was moved.
meet-cancelled-mark = ❌ <b>Cancelled</b>
meet-going = ✅ Going
meet-maybe = 🤔 Maybe
meet-no = ❌ Can't go
meet-plus-one = ➕ Guest (+1)
meet-calendar = 📆 Add to calendar (.ics)
meet-you-going = ✅ You are going. Details and a reminder are in our private chat.
meet-you-maybe = 🤔 Noted: maybe.
meet-you-no = Noted: you can't come. Thanks for letting us know.
meet-you-waitlist = ⏳ No seats left — you are on the waitlist. If a seat frees up, I will tell you.
meet-guests-now = { $count ->
        [0] No guests.
        [one] { $count } guest with you.
       *[other] { $count } guests with you.
    }
meet-no-seats-for-guest = There is no seat left for a guest.
meet-guest-going-first = Press "Going" first.
meet-gone = This meeting was cancelled or is no longer available.
meet-closed = RSVPs for this meeting are closed.
meet-not-member = Only members of the community can answer.
meet-not-host = Only the host or a moderator can do this.
meet-confirm-going = ✅ You are going to "{ $title }".
meet-confirm-maybe = 🤔 You answered "maybe" for "{ $title }".
meet-confirm-waitlist = ⏳ You are on the waitlist for "{ $title }". If a seat frees up, I will tell you at once.
meet-remind-me = ⏰ Remind me { $minutes ->
        [15] 15 minutes before
       *[other] 2 hours before
    }
meet-remind-set = ⏰ I will remind you { $minutes ->
        [15] 15 minutes
       *[other] 2 hours
    } before the start.
meet-remind-too-late = The meeting starts in less than { $minutes ->
        [15] 15 minutes
       *[other] 2 hours
    }, so that reminder would come too late. It is soon: /meetings shows it.
meet-promoted = 🎉 A seat freed up: you are going to "{ $title }" — { $when }.
meet-ics-caption = 📆 Open the file to add the meeting to your calendar.
meet-late = (late)
meet-before-days = { $count ->
        [one] { $count } day before
       *[other] { $count } days before
    }
meet-before-hours = { $count ->
        [one] { $count } hour before
       *[other] { $count } hours before
    }
meet-before-minutes = { $count ->
        [one] { $count } minute before
       *[other] { $count } minutes before
    }
meet-in-days = { $count ->
        [one] in { $count } day
       *[other] in { $count } days
    }
meet-in-hours = { $count ->
        [one] in { $count } hour
       *[other] in { $count } hours
    }
meet-in-minutes = { $count ->
        [one] in { $count } minute
       *[other] in { $count } minutes
    }
meet-reminder-group = ⏰ "{ $title }" — { $left }: { $when }. Going: { $going }.
meet-reminder-private = ⏰ A reminder: "{ $title }" — { $left }.
    { $when }
meet-brief = 📋 Your meeting "{ $title }" is tomorrow.
    { $when }
    Going: { $going } · maybe: { $maybe } · waitlist: { $waiting }
meet-starting = 🟢 "{ $title }" is starting!
meet-join = Join
meet-after-host = "{ $title }" is over. Mark who came — it goes into the community's stats.
meet-mark = ✅ Mark attendance
meet-attendance = Who came to "{ $title }"? Tap a name to mark it. ({ $count ->
        [one] { $count } person signed up
       *[other] { $count } people signed up
    })
meet-feedback-ask = How was "{ $title }"? Rate it from 1 to 5:
meet-feedback-thanks = Thank you for rating it { $score } of 5! If you like, write a few words — the host will see them.
meet-note-for-host = 💬 Feedback on "{ $title }" ({ $score } of 5), unsigned:
    <blockquote>{ $note }</blockquote>
meet-note-thanks = Thank you! I will pass it on to the host.
meet-change-cancelled = ❌ "{ $title }" is cancelled.
    🕖 <s>{ $when }</s>
meet-change-series-cancelled = ❌ The series "{ $title }" is cancelled: there will be no more meetings.
meet-change-moved = ↪️ "{ $title }" has moved.
    🕖 Now: <b>{ $when }</b>
    Was: <s>{ $was }</s>
meet-change-reason = 💬 Reason: { $reason }
meet-ics-updated = 📆 Open the file to update the meeting in your calendar.
meet-ics-removed = 📆 Open the file to remove the meeting from your calendar.
meet-moved-done = Moved: { $when }. Everyone who answered will be told.
meet-cancel-done = Cancelled. Everyone who answered will be told.
meet-confirm-cancel1 = ❌ Cancel "{ $title }"?
    🕖 { $when }
meet-confirm-cancelall = ❌ Cancel the whole series "{ $title }"? There will be no more meetings.
    🕖 The next one: { $when }
meet-confirm-move1 = ↪️ Move "{ $title }"?
    Was: { $was }
    Will be: <b>{ $when }</b>
meet-confirm-moveall = ↪️ Move the series "{ $title }"? From this meeting on, all the following ones take the new day and time.
    Was: { $was }
    Will be: <b>{ $when }</b>
meet-confirm-told = { $count ->
        [0] Nobody has answered yet, so nobody is told; the announcement in the group will follow.
        [one] { $count } person who answered will be told; the announcement in the group will follow.
       *[other] { $count } people who answered will be told; the announcement in the group will follow.
    }
meet-confirm-reason-hint = If you like, type the reason in one message — everyone told will see it. Or just press a button.
meet-confirm-reason-again = Another reason? Just send it.
meet-confirm-cancel-yes = ❌ Yes, cancel
meet-confirm-move-yes = ↪️ Yes, move
meet-confirm-keep = ↩️ Do not cancel
meet-confirm-keep-move = ↩️ Leave it as it was
meet-confirm-other-date = 📅 Another date
meet-kept = All right, nothing changes.
meet-edit = ✏️ Edit
meet-edited = Saved. The announcement in the group will follow.
meet-seats-below = { $going ->
        [one] { $going } person is
       *[other] { $going } people are
    } already going, so there cannot be fewer seats. Send a number of at least { $going }, or /skip for no limit.
meet-move-one = ↪️ Reschedule
meet-cancel-one = ❌ Cancel
meet-move-all = ↪️ Reschedule the series
meet-cancel-all = ❌ Cancel the series
meet-list-empty = No upcoming meetings in your communities. Schedule one: /meet
meet-list-title = 📅 Upcoming meetings ({ $count }):
meet-mark-going = ✅{ " " }
meet-mark-maybe = 🤔{ " " }
meet-mark-no = ❌{ " " }
meet-mark-waitlist = ⏳{ " " }
meet-your-answer-going = You are going ✅
meet-your-answer-maybe = You answered "maybe" 🤔
meet-your-answer-no = You can't come ❌
meet-your-answer-waitlist = You are on the waitlist ⏳
topic-events-set = 📅 Meetings will be posted in this topic.
topic-events-off = 📅 Meetings are posted in the general chat again.
settings-section-meetings = 📅 Meetings
settings-mt-title = 📅 <b>Meetings in "{ $title }"</b>
settings-mt-who-moderators = Who schedules meetings: <b>moderators only</b>.
settings-mt-who-members = Who schedules meetings: <b>every member</b>.
settings-mt-who-turn-on = Let members schedule meetings
settings-mt-who-turn-off = Only moderators schedule meetings
settings-mt-names-on = Announcements show the <b>names</b> of those going.
settings-mt-names-off = Announcements show <b>only the number</b> going.
settings-mt-names-turn-on = Show the names of those going
settings-mt-names-turn-off = Show only the number
settings-mt-pin-on = A new announcement is <b>pinned</b>.
settings-mt-pin-off = Announcements are <b>not pinned</b>.
settings-mt-pin-turn-on = Pin announcements
settings-mt-pin-turn-off = Do not pin announcements
meet-stats-button = 📊 Attendance, last 30 days
meet-stats-title = 📊 <b>Meetings in "{ $title }", last { $days ->
        [one] { $days } day
       *[other] { $days } days
    }</b>
meet-stats-held = { $held ->
        [one] { $held } meeting
       *[other] { $held } meetings
    } held · attendances marked: { $came }
meet-stats-score = Average rating from participants: { $score } of 5
meet-stats-top = Came most often:
meet-stats-person = { $number }. { $name } — { $count ->
        [one] { $count } meeting
       *[other] { $count } meetings
    }
settings-mt-reminders = Reminders a new meeting starts with: { $reminders }.
settings-mt-reminders-change = ⏰ Change the default reminders
meet-rule-each-day = every day
meet-rule-each-week = every week
meet-rule-each-month = monthly
meet-rule-each-year = every year
meet-rule-days = { $n ->
       *[other] every { $n } days
    }
meet-rule-weeks = { $n ->
       *[other] every { $n } weeks
    }
meet-rule-months = { $n ->
       *[other] every { $n } months
    }
meet-rule-years = { $n ->
       *[other] every { $n } years
    }
meet-rule-custom = { $every }, on a schedule of its own
meet-rule-with-count = { $rule }, { $count ->
        [one] { $count } time
       *[other] { $count } times
    }
meet-rule-with-until = { $rule } until { $date }
meet-rule-weekday = { $day ->
        *[0] Monday
        [1] Tuesday
        [2] Wednesday
        [3] Thursday
        [4] Friday
        [5] Saturday
        [6] Sunday
    }
meet-rule-weekly = every { $days }
meet-rule-every-on-days = { $every } on { $days }
meet-rule-every-on = { $every } on { $on }
meet-rule-nth = the { $n ->
        [1] first
        [2] second
        [3] third
        [4] fourth
        [5] fifth
        [-2] second to last
       *[-1] last
    } { $day ->
        *[0] Monday
        [1] Tuesday
        [2] Wednesday
        [3] Thursday
        [4] Friday
        [5] Saturday
        [6] Sunday
    }
meet-rule-last-day = the last day of the month
meet-rule-monthday = { $n ->
        [1] { $n }st
        [2] { $n }nd
        [3] { $n }rd
        [21] { $n }st
        [22] { $n }nd
        [23] { $n }rd
        [31] { $n }st
       *[other] { $n }th
    }
meet-rule-monthdays = the { $days }
meet-rule-and = { $first } and { $last }
meet-reminders-choose = ⏰ When should the reminders come (to the group and to those who answered)? Now: { $reminders }.
meet-reminders-back = ↩️ Back
meet-reminders-saved = Saved: the reminders follow.
meet-reminders-are = ⏰ Reminders: { $reminders }
