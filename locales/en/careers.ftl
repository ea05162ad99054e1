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
cv-visibility-is-moderators = Visible only to moderators of your communities (/talents).
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
