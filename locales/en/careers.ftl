## Saved searches (/subscribe, /subscriptions)

cmd-subscriptions = Saved vacancy searches
jobs-subscribe = 🔔 Subscribe to this search
subs-usage = Send <code>/subscribe python remote</code>: when a new vacancy with these words appears in your communities, I will write to you. With filters (remote, level, salary): search with /jobs and press "Subscribe to this search". Your searches: /subscriptions
subs-done = 🔔 Saved search: { $search }. When a new vacancy matches, I will write to you — once per vacancy. Change or remove: /subscriptions
subs-already = You already have this search: /subscriptions
subs-too-many = You have { $count } saved searches, the most there can be. Remove one in /subscriptions.
subs-any-words = any words
subs-alert = 🔔 A new vacancy for your saved search (/subscriptions to change):
subs-digest = 🌅 New vacancies for your saved searches: { $count }. Open to read:
subs-digest-more = …and { $count } more — /jobs finds them all.
subs-list-title = 🔔 Your saved searches ({ $count } of { $limit }):
subs-list-empty = No saved searches yet. Send <code>/subscribe python</code>, or search with /jobs and press "Subscribe to this search".
subs-list-hint = "At once": a message for every new vacancy. "Daily": one message in the morning.
subs-instant = ⚡ at once
subs-daily = 🌅 daily
subs-to-instant = ⚡ At once
subs-to-daily = 🌅 Daily
subs-delete = 🗑 Remove
subs-deleted = Removed.

## Profiles (/cv) and /talents

cmd-cv = My job profile
cmd-talents = Find people open to work
cv-tag = #open_to_work
cv-card-name = 🙋 <b>{ $name }</b> — { $role }
cv-card-role = 🙋 <b>{ $role }</b>
cv-card-facts = 🎚 { $level } · 📍 { $where }
cv-card-languages = 🗣 { $languages }
cv-card-link = 🔗 <a href="{ $link }">{ $link }</a>
cv-intro = 🙋 <b>Your job profile</b> — a short card for those who hire in your communities. A few questions; /skip skips the optional ones, /cancel stops.
cv-form-resumed = ↩️ Let us go on where we stopped: what you typed is kept. To start over: /cancel, then /cv.
cv-yours = 🙋 <b>Your job profile</b>
cv-ask-role = What role are you looking for? (e.g. "Python developer", "Accountant")
cv-ask-level = Your level:
cv-ask-skills = Your key skills, separated by commas (e.g. "SQL, Power BI, Excel"):
cv-ask-location = How do you want to work?
cv-ask-city = Which city? (/skip if it does not matter)
cv-ask-languages = Languages you work in (e.g. "Russian, English B2") — or skip:
cv-ask-about = A few words about yourself: experience, what you are good at, what you want next (up to 700 characters) — or skip:
cv-ask-links = Links: portfolio, LinkedIn, GitHub, t.me — up to 3, separated by spaces — or skip:
cv-ask-visibility = Who may find your profile in /talents?
cv-visibility-community = 👥 Those who hire in my communities
cv-visibility-moderators = 🛡 Only moderators
cv-visibility-hidden = 🙈 Nobody for now
cv-visibility-is-community = Visible to moderators and to members who share vacancies in your communities (/talents).
cv-visibility-is-moderators = Visible only to moderators of your communities (/talents); requests for a referral go without it.
cv-visibility-is-hidden = Hidden: nobody finds it, and "Refer me" notes go without it.
cv-field-role = Role
cv-field-level = Level
cv-field-skills = Skills
cv-field-location = Format
cv-field-city = City
cv-field-languages = Languages
cv-field-about = About
cv-field-links = Links
cv-field-visibility = Who may find it
cv-role-invalid = The role needs words, not only emoji. Try "Project manager".
cv-links-too-many = Up to { $count } links, please.
cv-save = 💾 Save
cv-saved = 💾 Saved. /cv shows it; from there you can share it with the group once a week. When you ask for a referral under a vacancy, the author gets it too.
cv-cancelled = Cancelled; nothing changed.
cv-edit = ✏️ Edit
cv-visibility = 👁 Who may find it
cv-share = 📣 Share with the group
cv-delete = 🗑 Delete
cv-delete-ask = Delete your profile? Cards you shared leave the groups too.
cv-delete-yes = Yes, delete
cv-deleted = Your profile is deleted.
cv-shared = 📣 Your profile goes to "{ $title }". Members who press "Contact" will be introduced to you.
cv-share-too-soon = You can share your profile with this group once a week: next time after { $date }.
cv-contact = ✉️ Contact
cv-contact-asked = 👋 { $name } saw your profile ("{ $role }") and would like to talk. Write to them when you are ready.
cv-contact-sent = ✉️ I told { $name } that you would like to talk; they will write to you.
cv-contact-already = You already asked { $name } to get in touch: they have your name.
cv-contact-gone = This profile is no longer open.
cv-contact-not-allowed = Only members of that community can get in touch here.
vac-referral-profile = Their profile:
talents-found = 🙋 "{ $query }": { $count ->
        [one] { $count } person
       *[other] { $count } people
    } open to work. Open a profile:
talents-none = 🙋 Nobody open to work matches. Try fewer words (/talents python) or another level.
talents-not-allowed = /talents is for moderators and for members who have shared a vacancy in the community: share one with /vacancy first.

## Mentoring (/mentor)

cmd-mentor = Find a mentor or become one
mentor-menu = 🎓 <b>Mentoring</b>: experienced members help others with a career step — a resume, an interview, a new field. Find a mentor, or offer to be one.
mentor-find = 🔎 Find a mentor
mentor-offer = 🎓 I can mentor
mentor-ask-topic = What would you like help with? A few words: "python", "resume", "switching to analytics".
mentor-none = Nobody offers mentoring in "{ $topic }" in your communities right now, or they are full this month. Try other words.
mentor-found = 🎓 { $count ->
        [one] { $count } mentor
       *[other] { $count } mentors
    } for "{ $topic }". Choose one to write to:
mentor-ask-message = Write to { $name }: where you are now and what you hope for (up to { $limit } characters). /cancel — stop.
mentor-sent = ✉️ Sent. I will tell you when they answer.
mentor-already = You already wrote to this mentor (or you are already introduced).
mentor-too-many = { $count ->
        [one] { $count } request
       *[other] { $count } requests
    } of yours are still waiting — wait for an answer before writing to more mentors.
mentor-message-kept = Your message, so that it is not lost:
    <blockquote>{ $text }</blockquote>
mentor-full = This mentor has taken as many mentees as they can this month. Try another one.
mentor-not-available = This mentor is not available any more. /mentor to find another.
mentor-asked = 🎓 { $name } asks you for mentoring in "{ $topic }":
    { $message }
mentor-accept = ✅ Accept
mentor-decline = Not now
mentor-accepted-done = ✅ Accepted — I introduced you to each other.
mentor-declined-done = Declined; I told them kindly.
mentor-you-are-full = You have taken as many mentees this month as you offered. Change the number in /mentor → "I can mentor".
mentor-decided-already = You have already answered this request.
mentor-declined = { $name } cannot take on mentoring in "{ $topic }" right now — it is not about you. Try another mentor: /mentor
mentor-intro-mentee = 🤝 { $name } agreed to mentor you in "{ $topic }". Write to them and agree on a first call.
mentor-intro-mentor = 🤝 Meet { $name }, your mentee in "{ $topic }". They will write to you — or write first.
mentor-checkin = 🎓 Two weeks ago I introduced you to { $name }. Did you meet?
mentor-met-yes = ✅ Yes, we met
mentor-met-not-yet = Not yet
mentor-met-thanks = Wonderful, thank you for telling me.
mentor-met-nudge = It happens. A short message is often enough to get started.
mentor-ask-topics = In which topics can you mentor? Separate them with commas: "python, code review, interviews".
mentor-ask-capacity = How many new mentees a month can you take?
mentor-offer-saved = 🎓 Thank you! Members can find you for "{ $topics }", up to { $capacity } new a month. /mentor → "I can mentor" to change or pause.
mentor-yours = 🎓 You mentor in "{ $topics }", up to { $capacity } new mentees a month. { $state }
mentor-active = Members can find you.
mentor-paused = Paused: nobody finds you now.
mentor-change = ✏️ Change topics and number
mentor-pause = ⏸ Pause
mentor-resume = ▶️ Resume
mentor-stop = 🗑 Stop mentoring
mentor-stopped = You no longer appear as a mentor. Thank you for the help you gave.

jobs-found-many = 🔎 "{ $query }": more than { $count } vacancies, the most recent first. Narrow down with more words or the filters:
