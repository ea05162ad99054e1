## Join requests: the newcomer check before the person is in the group

joinreq-prompt = 👋 Hello! This is the bot of the "{ $title }" community: you asked to join it.
joinreq-prompt-rules = 📜 <b>Rules</b>
    { $rules }
joinreq-prompt-no-rules = The rules are not written down yet; what matters most here is to treat each other with care.
joinreq-prompt-accept = To join, press "I accept the rules" within { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } — and I will let you in right away.
joinreq-prompt-question = To join, accept the rules and answer the moderators' question within { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }:
    ❓ <b>{ $question }</b>
    The moderators will read your answer and decide on your request.
joinreq-accept = ✅ I accept the rules
joinreq-answer = ✍️ Answer the question
joinreq-withdraw = ✖️ Withdraw my request
joinreq-accepted = ✅ Rules accepted — welcome to "{ $title }"!
joinreq-stuck = Rules accepted, but I could not let you into the group. The admins of "{ $title }" will look at your request.
joinreq-question = ✅ Rules accepted.
    ❓ The question of the moderators of "{ $title }": <b>{ $question }</b>
    Answer in one message (up to { $limit } characters).
joinreq-withdrawn = Your request to join "{ $title }" is withdrawn. If you change your mind, send it again.
joinreq-expired = ⌛ Time is up — your request to join "{ $title }" is declined. Send it again when you are ready.
joinreq-approved-person = ✅ The moderators of "{ $title }" accepted your request — welcome!
joinreq-declined-person = The moderators of "{ $title }" declined your request to join.

joinreq-outcome-approved = Welcome! You are in the group.
joinreq-outcome-declined = The request is declined.
joinreq-outcome-withdrawn = The request is withdrawn.
joinreq-outcome-question = Now answer the question in one message.
joinreq-outcome-review = Your answer went to the moderators.
joinreq-outcome-done = This request has been decided already.
joinreq-outcome-late = Time is up. Send the request again — and answer in time.
joinreq-outcome-not_yours = This button is for the person who asked to join.
joinreq-outcome-not_allowed = Only moderators can do this.
joinreq-outcome-failed = That did not work — the group's admins will look at your request.

joinreq-typed-review = Thank you! Your answer went to the moderators — I will write when they decide.
joinreq-typed-done = This request has been decided already.
joinreq-typed-late = Time to answer is up, and the request is declined. Send it again when you are ready.
joinreq-typed-not_yours = This request no longer waits for an answer.
joinreq-too-long = Your answer has { $length ->
        [one] { $length } character
       *[other] { $length } characters
    }, up to { $limit } fit. Please shorten it and send it again.
joinreq-not-text = Please answer with text, in one message.

joinreq-card = 🚪 <b>A request to join "{ $title }"</b>
    From: { $name } · rules accepted
joinreq-card-question = ❓ { $question }
joinreq-card-answer = 💬 { $answer }
joinreq-card-approve = ✅ Accept
joinreq-card-decline = ✖️ Decline
joinreq-card-approved = ✅ Accepted · { $by }
joinreq-card-declined = ✖️ Declined · { $by }
joinreq-card-joined = Already in the group: the request was accepted in Telegram itself.
joinreq-card-gone = The request was already decided in Telegram itself, or withdrawn.
joinreq-card-withdrawn = The request was withdrawn.
joinreq-card-expired = Declined: time was up.
joinreq-card-forgotten = 🚪 A request to join "{ $title }", deleted at the request of the person who sent it.

joinreq-decision-approved = Accepted.
joinreq-decision-declined = Declined.
joinreq-decision-done = This request has been decided already.
joinreq-decision-not_allowed = Only the community's moderators decide on join requests.
joinreq-decision-failed = Telegram did not let me. Check that I have the right to invite members.


settings-md-join-on = If the group approves join requests, the check happens before joining: I write to the person, they accept the rules (and answer the question) — and only then get in. For that I need the right to invite members.
settings-md-join-off = While the newcomer check is off, I leave join requests to the admins.
settings-md-question = Question to join requests: "{ $text }" — the moderators read the answer and decide.
settings-md-question-none = Question to join requests: <b>none</b> — I accept those who accept the rules.
settings-md-edit-question = ✏️ Question to join requests
settings-md-ask-question = Send the question I will ask everyone who requests to join (up to { $limit } characters) — say, "How did you hear about us?". The moderators will see the answer (in the log chat, or without one each in a private chat) and decide whether to accept the person.
settings-md-saved-question = ✅ The question is saved: I will ask it to everyone who requests to join.
