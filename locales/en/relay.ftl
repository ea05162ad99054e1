## The conversation through the bot on an anonymous request

help-relay-cannot = I cannot pass this on. I pass text, photos, files, voice and video messages, audio, stickers and GIFs. A location or a contact is not passed: it may tell more about you than needed. If it matters, describe it in words.
help-reveal-confirm =
    👤 <b>Show who you are?</b>
    Only { $helper }, the helper on "{ $title }", will see your name, { $name }, with a link to your Telegram profile, and can then write to you directly.
    The group and everyone else will still not know it was you.
    This cannot be undone.
help-reveal-yes = 👤 Yes, show my name
help-reveal-no = Not now
help-reveal-kept = All right: your name stays hidden.
help-reveal-already = You have already shown your name to this helper.
help-relay-ended-reopened =
    🔄 The helper has ended the conversation about "{ $title }".
    The request is open again: the group sees it as open, and others can offer help. When someone does, I will tell you, and you decide whether to accept. New helpers will not see your name.
    If you no longer need help, mark it solved or withdraw the request.
