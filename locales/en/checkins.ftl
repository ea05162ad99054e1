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
checkin-streak = { $days ->
        [one] You have checked in { $days } day in a row.
       *[other] You have checked in { $days } days in a row.
    }
checkin-welcome-back = Welcome back! Good to see you here again.
checkin-trend-up = Better today than your average this week ({ $average }).
checkin-trend-down = Harder today than your average this week ({ $average }).
checkin-trend-same = About your average this week ({ $average }).
checkin-low-mood = I'm sorry it's like this right now. You are not alone — the community is here. If you need help right now, here is where to turn.
checkin-crisis-button = 📞 Where to get help
checkin-crisis-lines =
    <b>If you need help right now</b>
    • Emergency services: <b>112</b> in Europe, <b>911</b> in the US and Canada, <b>999</b> in the UK
    • Samaritans (UK and Ireland): <b>116 123</b>
    • Suicide and Crisis Lifeline (US): call or text <b>988</b>
    • Helplines in other countries: findahelpline.com
    If you are in danger, call your local emergency number.

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
pulse-choose-community = Choose a community first: /community

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
