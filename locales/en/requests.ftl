## Help requests

cmd-ask = Ask the community for help
cmd-requests = Open requests for help
cmd-myrequests = My requests
cmd-offer = What I can help with
help-cat-career = 📄 Career & CV
help-cat-jobs = 💼 Jobs & referrals
help-cat-legal = ⚖️ Legal
help-cat-money = 💸 Money
help-cat-housing = 🏠 Housing
help-cat-health = 💚 Health & support
help-cat-skills = 📚 Skills & learning
help-cat-other = ✳️ Other
help-tag-career = #career
help-tag-jobs = #jobs
help-tag-legal = #legal
help-tag-money = #money
help-tag-housing = #housing
help-tag-health = #support
help-tag-skills = #learning
help-tag-other = #other
help-urgency-today = 🔥 today
help-urgency-week = 📅 this week
help-urgency-whenever = 🕊 whenever
help-visibility-public = 👤 Public — with my name
help-visibility-anonymous = 🙈 Anonymous — in the group, without my name
help-visibility-helpers = 🔒 Only to helpers — not in the group
help-visibility-public-note = It will be posted in the group with your name.
help-visibility-anonymous-note = It will be posted in the group with no trace of you. Helpers talk to you through me until you choose to show who you are.
help-visibility-helpers-note = It will not appear in the group: only members who offer this kind of help will see it.
help-ask-private = Let's write it privately, so personal details never have to be typed in the group:
help-choose-community = Choose your community first:
help-not-member = Only members of the community can ask for and offer help there.
help-ask-category = What do you need help with?
help-chosen = ✓ { $value }
help-ask-title = In one line, what do you need? (up to { $limit } characters; /cancel to stop)
help-ask-details = The details: what happened, what would help, any deadline (up to { $limit } characters). Or /skip.
help-ask-urgency = How urgent is it?
help-ask-visibility = Who should see it?
help-text-only = Please write it as text.
help-too-long = That is { $length } characters and { $limit } fit. Please shorten it and send it again.
help-preview = <b>Preview</b> — this is how it will look:
help-post = ✅ Post
help-edit-title = ✏️ Title
help-edit-details = ✏️ Details
help-edit-category = 🏷 Category
help-edit-visibility = 👁 Who sees it
help-edit-urgency = ⏱ Urgency
help-cancel = ✖️ Cancel
help-cancelled = Cancelled, nothing was posted.
vac-form-resumed = ↩️ Let us go on where we stopped: what you typed is kept. To start over: /cancel, then /vacancy.
help-form-resumed = ↩️ Let us go on where we stopped: what you typed is kept. To start over: /cancel, then /ask.
help-too-many = You already have as many open requests as the community allows. Resolve or withdraw one in /myrequests first.
help-sent-for-review = Sent to the moderators: you will hear from me when they look at it.
help-posted = Posted. I will tell you as soon as somebody offers help. Your requests: /myrequests
help-posted-helpers = Sent to the members who offer this kind of help. I will tell you as soon as somebody offers. Your requests: /myrequests
help-card-head = { $category } · { $urgency }
help-card-title = <b>{ $title }</b>
help-card-author = Asked by { $name }
help-status-review = ⏳ Waiting for a moderator
help-status-open = 🟢 Open
help-status-in_progress = 🤝 Someone is helping
help-status-resolved = ✅ Resolved
help-status-closed = ⚪️ Closed
help-status-expired = ⌛️ Expired
help-status-rejected = ⛔️ Not published
help-status-deleted = 🗑 Deleted
help-status-short-review = ⏳
help-status-short-open = 🟢
help-status-short-in_progress = 🤝
help-status-short-resolved = ✅
help-status-short-closed = ⚪️
help-status-short-expired = ⌛️
help-status-short-rejected = ⛔️
help-offers-count = { $count ->
        [one] { $count } person offered help
       *[other] { $count } people offered help
    }
help-can-help = 🙋 I can help
help-share = ↗️ Share
help-post-deleted = 🗑 This request was removed.
help-review = 📝 A new request in <b>{ $title }</b> waits for your approval:
help-approve = ✅ Approve
help-reject = ⛔️ Reject
help-ask-reason = Why is it not published? One line for the author (up to { $limit } characters).
help-rejected-done = Rejected; the author was told why.
help-approved-done = Approved and posted.
help-approved = Your request "{ $title }" is approved and posted.
help-rejected = Your request "{ $title }" was not published. The moderators say: { $reason }
help-matched = 🙋 A request you may be able to help with:
help-ask-note = How can you help? One line for the author (up to { $limit } characters); /cancel to stop.
help-offer-sent = Thank you! I passed it on; the author will choose and I will tell you.
help-offer-received =
    🙋 <b>{ $name }</b> offers help with "{ $title }":
    { $note }
    { $helped ->
        [0] {""}
        [one] (has helped { $helped } person before)
       *[other] (has helped { $helped } people before)
    }
help-accept = ✅ Accept
help-decline = Decline
help-accept-done = ✅ Accepted.
help-decline-done = Declined; they were thanked kindly.
help-declined-helper = Thank you for offering help with "{ $title }". The author chose another way this time — your kindness counts all the same.
help-accepted-helper = 🤝 You are helping with "{ $title }". Here is the author: { $name } — write to them.
help-accepted-author = 🤝 { $name } will help you. Write to them — or they will write to you.
help-relay-start-helper = 🤝 You are helping with "{ $title }". The author stays anonymous: write here or send photos, files, voice messages, and I will pass them on. Their answers come here too.
help-relay-start-author = 🤝 { $name } will help you. They do not see who you are: write here or send photos, scans, files, voice messages, and I will pass them on without your name. You can show who you are anytime; I will ask first.
help-relay-from-author = 💬 <b>The requester:</b>
help-relay-from-helper = 💬 <b>{ $name }:</b>
help-relay-reply = ↩️ Reply
help-relay-reply-hint = Write your answer as a message here.
help-relay-end = End the conversation
help-relay-which = You have several conversations. Press "Reply" under the message you are answering, then write.
help-relayed = ✓ Passed on.
help-relay-ended = The conversation about "{ $title }" has ended. Thank you!
help-end-done = The conversation has ended.
help-reveal = 👤 Show who I am
help-reveal-done = Done: the helper now sees your name and can write to you directly.
help-revealed = The author of "{ $title }" chose to show who they are: { $name }.
help-resolve = ✅ Resolved
help-withdraw = Withdraw the request
help-close-done = Closed.
help-resolved-thank = Resolved — wonderful! Would you like to thank the helpers ({ $count })?
help-resolved-alone = Marked resolved. Glad it worked out!
help-thank-public = 🙏 Thank them in the group
help-thank-private = 💌 Thank them privately
help-thanked = Your thanks are on their way. Thank you for letting the community help!
help-thanks-private = 💌 The author of "{ $title }" thanks you for your help. You made a difference.
help-thanks-public = 🙏 { $author } thanks { $helpers } for helping with "{ $title }". This is what a community is for!
help-thanks-public-anonymous = 🙏 A member thanks { $helpers } for helping with "{ $title }". This is what a community is for!
help-gone = This request is no longer open.
help-already = That has already been done.
help-closed-by-moderator = Your request "{ $title }" was closed by the moderators.
help-bump = 🔔 Still looking for help:
help-still-needed = Is "{ $title }" still needed?
help-still-yes = Yes, still needed
help-renew-done = Kept open.
help-expired = Your request "{ $title }" expired after two weeks without help. Ask again anytime: /ask
help-how-goes = How is it going with "{ $title }"?
help-going-on = 👍 We are on it
help-give-back = Give it back
help-going-done = Thank you for keeping it going!
help-release-done = Given back: it is open for others again.
help-released = The helper on "{ $title }" could not continue; the request is open again and offered to others.
help-mod-close = ⚪️ Close
help-mod-reopen = 🟢 Reopen
help-mod-delete = 🗑 Delete
help-reopen-done = Reopened.
help-delete-done = Deleted; the group post is removed.
help-list-title = { $count ->
        [one] { $count } open request
       *[other] { $count } open requests
    } — choose one to read it or to help:
help-list-empty = No open requests here right now.
help-all-categories = All categories
help-mine-title = Your requests ({ $count }):
help-mine-empty = You have not asked for help yet. /ask — the community is here.
help-offers-title = 🙋 Members offering help: { $count }
help-offers-line = { $category }: { $count }
help-offers-gap = { $category }: nobody yet ⚠️
help-offer-title = 🙋 <b>What you can help with</b>
help-offer-categories = Categories: { $value }
help-offer-none = none yet — choose below
help-offer-skills = Skills: { $value }
help-offer-per-week = At most { $count ->
        [one] { $count } request
       *[other] { $count } requests
    } a week
help-offer-languages = Languages: { $value }
help-offer-any-language = any
help-offer-helped = People helped: { $count }
help-offer-paused = ⏸ Paused: you get no requests for now.
help-offer-edit-skills = ✏️ Skills
help-offer-pause = ⏸ Pause
help-offer-resume = ▶️ Resume
help-offer-ask-skills = What are you good at? A few words (up to { $limit } characters).

## Requests in /settings

settings-section-requests = 🙋 Requests for help
settings-rq-title = 🙋 <b>Requests for help in "{ $title }"</b>
settings-rq-premod-on = Pre-moderation: <b>on</b> — a moderator approves each request first.
settings-rq-premod-off = Pre-moderation: <b>off</b> — requests go straight to the group.
settings-rq-premod-turn-on = Approve requests first
settings-rq-premod-turn-off = Post requests at once
settings-rq-max = Open requests per member: { $count }
settings-rq-told = Helpers each request is offered to: { $count }
settings-rq-bump = No offer after { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }: raised once more
settings-rq-max-button = { $count } open
settings-rq-told-button = { $count } helpers
settings-rq-bump-button = { $count } h
settings-rq-categories = 🏷 Categories
settings-rq-categories-title = 🏷 <b>Categories</b>: press one to rename it, ↩️ to give a built-in one its name back (or remove one of your own).
settings-rq-add-category = ➕ Add a category
settings-rq-ask-name = The category's name (up to { $limit } characters); /cancel to keep it as it is.
settings-rq-too-many-categories = A community can add up to { $count } categories of its own.
help-digest = 🙏 <b>Thank you for { $month }!</b> { $count ->
        [one] { $count } request for help was resolved
       *[other] { $count } requests for help were resolved
    } in our community. Those who helped:
help-digest-helper = • { $name } — { $count ->
        [one] { $count } person
       *[other] { $count } people
    }
help-digest-footer = Need help, or can give it? /ask and /offer in a private chat with me.
help-watched = 🔒 A request private to helpers (you asked to see these):
settings-rq-watching = You see requests private to helpers.
settings-rq-not-watching = You do not see requests private to helpers.
settings-rq-watch = 📬 Show me requests private to helpers
settings-rq-unwatch = 📭 Stop showing me those
help-posted-nobody = Nobody in the community offers this kind of help yet, so I could not send it to anyone. It stays open and I will offer it again in a day; you can also withdraw it in /myrequests and ask the whole group.
