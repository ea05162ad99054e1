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
