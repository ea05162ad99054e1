## Introductions (/intro)

cmd-intro = Introduce yourself to the community

intro-invite = Tell us about yourself if you like: what brings you here, how you can help and what you need. Three short questions, any of them can be skipped. Questions — ask the team: /team.
intro-invite-button = 👋 Introduce myself
intro-open-private = Introductions are filled in privately — press the button below.
intro-choose-community = First choose the community you want to introduce yourself to:
intro-not-member = Only members of a community can introduce themselves to it.
intro-resumed = ↩️ Let's go on where you stopped: your answers are saved. To start over: /cancel, then /intro.
intro-start =
    👋 <b>Introducing yourself to "{ $title }"</b>
    Three short questions, each can be skipped. An answer fits up to { $limit ->
        [one] { $limit } character
       *[other] { $limit } characters
    }. You will see how it looks before anything is posted; /cancel to leave.
intro-ask-brings = What brings you to the community?
intro-ask-offers = How could you help others? Experience, skills, time — anything.
intro-ask-needs = What do you need right now? Advice, work, support, company…
intro-current = Now: { $text }
intro-skip = Skip
intro-keep = Keep as it is
intro-clear = Remove this answer
intro-use-buttons = Please choose with a button above.
intro-text-only = Please answer with text — or press "Skip".
intro-too-long = That is { $length ->
        [one] { $length } character
       *[other] { $length } characters
    }, and { $limit } fit. Please shorten it and send it again — or /skip.
intro-nothing = You skipped every question — there is nothing to tell yet. Change the answers or cancel.
intro-preview = <b>Preview</b> — this is how "{ $title }" will see the card:
intro-card-title = 👋 <b>Meet { $name }</b>
intro-card-brings =
    <b>What brings me here</b>
    { $text }
intro-card-offers =
    <b>How I can help</b>
    { $text }
intro-card-needs =
    <b>What I need</b>
    { $text }
intro-choose = Post it to the group or keep it to yourself?
intro-status-posted = This card is in the group now; "Update" changes it in place.
intro-status-private = Only you see this introduction now.
intro-post = 📣 Post to the group
intro-update = 🔄 Update the card in the group
intro-keep-private = 🔒 Keep it private
intro-edit = ✏️ Edit
intro-cancel = ✖️ Cancel
intro-edit-which = Which answer?
intro-field-brings = What brings me here
intro-field-offers = How I can help
intro-field-needs = What I need
intro-cancelled = Cancelled, nothing changed.
intro-silenced = You cannot write in the group right now (the rules are not accepted yet, or a mute is on), so it cannot be posted. You can keep it to yourself.
intro-posted = 📣 Posted in "{ $title }". Welcome!
intro-updated = 🔄 The card in "{ $title }" is updated.
intro-saved = 🔒 Saved for you only. To post it later: /intro
intro-taken-down = 🔒 Saved for you only, and the card was taken down from "{ $title }".
intro-use-offer = Your answer to "how I can help" can be of use elsewhere too:
intro-to-offer = 🤝 Make it my help offer
intro-to-cv = 📄 Use it in my CV
intro-offer-filled = ✓ Your answer is now the skills of your help offer. Choose the topics you can help with — then matching requests will come to you.
intro-cv-new = Let's make your job profile: the "about" part is already filled in from your introduction.
intro-cv-filled = ✓ Added to the "about" part of your job profile: /cv
intro-cv-kept = Your job profile already has an "about" part — I left it as it was. To change it: /cv
