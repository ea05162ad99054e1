## Mood check-ins

cmd-checkin = How are you today?
checkin-ask = How are you today? Pick what is closest:
checkin-mood-1 = 😞 Very hard
checkin-mood-2 = 😟 Not easy
checkin-mood-3 = 😐 So-so
checkin-mood-4 = 🙂 Fairly good
checkin-mood-5 = 😄 Good
checkin-mood-chosen = Today: { $mood }
checkin-note-ask = Would you like to add a few words? Write briefly (up to { $limit } characters) or press /skip.
checkin-note-too-long = That is { $length } characters and { $limit } fit. Please shorten it and send it again — or /skip.
checkin-note-text-only = A note is text. Write a few words or press /skip.
checkin-tags-ask = What is it about? Mark what fits, if you like, then press "Save".
checkin-tag-work = 💼 Job search
checkin-tag-money = 💸 Money
checkin-tag-health = 🩺 Health
checkin-tag-family = 🏠 Family
checkin-tag-lonely = 🫂 Loneliness
checkin-tag-good_news = 🎉 Good news
checkin-save = ✅ Save
checkin-saved = Saved. Thank you for sharing.
checkin-replace-ask = You already checked in today: { $mood }. Replace it?
checkin-replace-yes = Yes, replace
checkin-replace-no = No, keep it
checkin-kept = All right, kept as it was.
checkin-stale = This button no longer works. Start again: /checkin
checkin-welcome-back = Welcome back! Good to see you here again.
checkin-trend-up = Better today than your average this week ({ $average }).
checkin-trend-down = Harder today than your average this week ({ $average }).
checkin-trend-same = About your average this week ({ $average }).
checkin-low-mood = I'm sorry it is so hard right now. You are not alone. If you need help right now — /sos: crisis lines, people ready to listen and an anonymous request to the group.

## Check-in reminders

cmd-checkins = Check-in reminders
checkin-reminder = How are you today? Check in — it takes half a minute.
checkin-reminder-button = Answer
reminder-off = Reminders are off.
reminder-current = Reminder: { $when } at { $time } ({ $zone }).
reminder-kind-daily = every day
reminder-kind-weekdays = on weekdays
reminder-kind-weekly = once a week, on { $day }
reminder-weekly-button = once a week
reminder-turn-off = Turn off
reminder-ask = When should I ask how you are?
reminder-ask-day = On which day of the week?
reminder-ask-time = At what time (in your time zone, /timezone)?
reminder-other-time = ✍️ Other time
reminder-type-time = Type a time, for example <code>20:30</code>. /cancel to stop.
reminder-time-invalid = I did not understand the time. Write it like <code>20:30</code> or <code>9:00</code>.
checkin-snooze-hour = ⏰ In an hour
checkin-snooze-tomorrow = Tomorrow
checkin-snoozed-hour = All right, I will ask in an hour.
checkin-snoozed-tomorrow = All right, I will ask tomorrow.
reminder-pause-button = 🌴 Pause
reminder-pause-ask = Pause the reminders for how long?
reminder-pause-7 = a week
reminder-pause-14 = 2 weeks
reminder-pause-30 = a month
reminder-paused = Reminders are paused until { $date }.
reminder-resume = ▶️ Resume
reminder-resumed = Resumed: reminders come again.

## Community pulse

cmd-pulse = Community pulse (for moderators)
pulse-title = 💓 <b>Pulse of "{ $title }"</b> — anonymous, no names, no notes.
pulse-window = <b>Last { $days } days</b>: { $people ->
        [one] { $people } person
       *[other] { $people } people
    }, { $answers ->
        [one] { $answers } check-in
       *[other] { $answers } check-ins
    }, average { $average }.
pulse-distribution = 😞 { $m1 } · 😟 { $m2 } · 😐 { $m3 } · 🙂 { $m4 } · 😄 { $m5 }
pulse-low-share = Hard days: { $percent }%.
pulse-trend-up = Better than the period before ({ $previous }).
pulse-trend-down = Harder than the period before ({ $previous }).
pulse-trend-same = About the same as the period before ({ $previous }).
pulse-not-enough = <b>Last { $days } days</b>: not enough answers yet. I will show it once at least { $k } people have checked in.
pulse-choose-community = Choose a community first:

## Mood history

cmd-mood = My mood over 30 days
mood-title = <b>Your mood over 30 days</b> (day by day, "·" = no check-in)
mood-line = <code>{ $line }</code>
mood-week = { $first } – { $last }: average { $average } ({ $answers ->
        [one] { $answers } check-in
       *[other] { $answers } check-ins
    })
mood-tags = Most often: { $tags }
mood-empty = No check-ins yet. Start with /checkin — it takes half a minute.

## Streaks and the next step after a check-in

checkin-streak-day = { $count ->
        [one] You have checked in { $count } day in a row.
       *[other] You have checked in { $count } days in a row.
    }
checkin-streak-weekday = { $count ->
        [one] You have checked in { $count } weekday in a row.
       *[other] You have checked in { $count } weekdays in a row.
    }
checkin-streak-week = { $count ->
        [one] You have checked in { $count } week in a row.
       *[other] You have checked in { $count } weeks in a row.
    }
checkin-longest-day = Your longest run: { $count ->
        [one] { $count } day
       *[other] { $count } days
    }.
checkin-longest-weekday = Your longest run: { $count ->
        [one] { $count } weekday
       *[other] { $count } weekdays
    }.
checkin-longest-week = Your longest run: { $count ->
        [one] { $count } week
       *[other] { $count } weeks
    }.
checkin-talk-button = 🫂 Talk to someone
checkin-checkon-button = 🔔 Let the moderators know if hard days go on
checkin-share-button = 📣 Share the good news with the group
checkins-off-here = Check-ins are not on in your community. Moderators turn them on in /settings; your own check-ins still work: /checkin
someone = a member
talk-listeners = These people in <b>{ $title }</b> volunteered to listen when someone is having a hard time:
talk-hint = Write to any of them — a couple of words is enough to start.
talk-none = Nobody in <b>{ $title }</b> has volunteered as a listener yet (/listener). You can write in the group or to a moderator.
talk-no-community = Choose your community below and I will show who there is ready to listen.
checkon-enabled = Done. If you have 3 hard days in a row, the moderators of <b>{ $title }</b> who volunteered as listeners will get a private note with your name, so someone can check on you. You can turn it off in /checkins.
checkon-disabled = Turned off: nobody in <b>{ $title }</b> will be told about your check-ins.
checkon-status-on = 🔔 The listening moderators of <b>{ $title }</b> are told if you have 3 hard days in a row.
checkon-status-off = 🔕 Nobody in <b>{ $title }</b> is told about your check-ins.
checkon-turn-on = 🔔 Tell the moderators after 3 hard days
checkon-turn-off = 🔕 Do not tell anyone
checkon-write = ✉️ Write to { $name }
checkon-notice =
    🫂 <b>{ $name }</b> from <b>{ $title }</b> has had { $days ->
        [one] { $days } hard day
       *[other] { $days } hard days
    } in a row and asked to be checked on.
    A few warm words can help a lot. Please keep it between you.

## Good news

goodnews-ask = What would you like to tell <b>{ $title }</b>? Write it in one message (up to { $limit } characters). You will see it before it is posted. /cancel to stop.
goodnews-text-only = Good news is text. Write it in one message, or /cancel.
goodnews-too-long = That is { $length } characters and { $limit } fit. Please shorten it and send it again.
goodnews-preview = This is what the group will see:
goodnews-post-named = 📣 Post with my name
goodnews-post-anon = 🙈 Post without my name
goodnews-cancel = Do not post
goodnews-cancelled = All right, nothing was posted.
goodnews-posted = Posted to <b>{ $title }</b>. Thank you for sharing the good news!
goodnews-post =
    🎉 <b>Good news from { $name }</b>
    { $text }
goodnews-post-anonymous =
    🎉 <b>Good news from a member</b>
    { $text }

## The community's check-ins

schedule-at = { $when } at { $time }
checkins-invite = 💬 <b>Daily check-ins are on.</b> Once a day (or a week) I will ask privately how you are — half a minute, nothing is shown to the group. The community sees only an anonymous pulse when at least 3 people answer.
checkins-invite-schedule = Suggested: { $when }, in your own time zone. You can change it or turn it off anytime.
checkins-invite-button = ✅ Join the check-ins
checkins-joined = Welcome to the check-ins of <b>{ $title }</b>!
reminder-suggested = <b>{ $title }</b> suggests: { $when }.
reminder-use-suggested = ✅ Use the community's suggestion

## Weekly summary for moderators

summary-title = 📋 <b>Week of check-ins in "{ $title }"</b>
summary-participation = { $people ->
        [one] { $people } person
       *[other] { $people } people
    } checked in this week ({ $answers ->
        [one] { $answers } check-in
       *[other] { $answers } check-ins
    }).
summary-footer = Anonymous: no names, no notes. Change or stop it in /settings → Check-ins.
mood-chart-title = Mood over 30 days
checkon-nobody-yet = For now no moderator there has volunteered as a listener, so nobody would be told yet. Your consent is kept for when someone does; meanwhile "Talk to someone" and /sos are always here.
checkins-join-offer = <b>{ $title }</b> runs check-ins. Join, and your answers count in the community's pulse — anonymously, shown only when at least 3 people answered; notes are never shared. You also get the community's listeners and its good-news corner.
checkins-join-suggested = Suggested reminders: { $when } ({ $zone }).
checkins-join-with-schedule = ✅ Join, with these reminders
checkins-join-button = ✅ Join the community's check-ins
checkins-joined-pulse = Your check-ins now count, anonymously, in its pulse. You can leave anytime in /checkins.
checkins-already-joined = You are already in the check-ins of <b>{ $title }</b>. Reminders and leaving: /checkins
checkins-not-joined = <b>{ $title }</b> runs check-ins; you have not joined them (your own check-ins work anyway).
checkins-leave-button = 🚪 Leave the check-ins of { $title }
checkins-left = You left the check-ins of <b>{ $title }</b>: your answers no longer count there, and nobody there is told anything. Your own check-ins and reminders stay.
goodnews-already = You have already shared good news with <b>{ $title }</b> today. Tomorrow, gladly!
goodnews-not-allowed = I cannot post to <b>{ $title }</b> for you right now: you cannot write in the group at the moment.
checkin-ask-button = 🙋 Ask the group for help
