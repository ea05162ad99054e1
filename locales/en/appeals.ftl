## A sanctioned member's notice and appeals

notice-warn = ⚠️ You got a warning in "{ $title }" ({ $count } of { $limit }).
notice-mute = 🔇 You cannot write in "{ $title }" { $until }.
notice-ban = 🚫 You are removed from "{ $title }" { $until }.
notice-kick = 👋 You were removed from "{ $title }". You may come back with an invite link.
notice-by-limit = This is because you reached { $limit ->
        [one] { $limit } warning
       *[other] { $limit } warnings
    }.
notice-appeal-hint = If you think this is a mistake, appeal: another moderator, not the one who decided, will review it.
appeal-button = ⚖️ Appeal
appeal-ask = Tell us in a few words why you disagree (up to { $limit } characters) — or send it without an explanation.
appeal-send-bare = Send without an explanation
appeal-too-long = That is a bit long: { $length } characters, the limit is { $limit }. Please shorten it and send again — your appeal has not been sent yet.
appeal-outcome-ok = 📨 Sent. Other moderators will look and decide; I will tell you their answer.
appeal-outcome-nobody = Your appeal is saved, but right now the community has no other moderator who could review it. Write to someone on the team: /team
appeal-outcome-not_yours = This button no longer works.
appeal-outcome-already = You have already appealed this decision — the answer will come here.
appeal-outcome-over = This decision is no longer in force — there is nothing to appeal.
appeal-kind-warn = a warning
appeal-kind-mute = a mute
appeal-kind-ban = a ban
appeal-new = ⚖️ <b>An appeal in "{ $title }"</b>: { $name } disagrees with { $kind } given by { $by } on { $when }.
appeal-words = The member's words: <blockquote>{ $words }</blockquote>
appeal-no-words = The member added nothing.
appeal-lift = ✅ Lift it
appeal-keep = Keep it
appeal-decision-done = Done, the member is told.
appeal-decision-gone = This appeal is no longer available.
appeal-decision-not_allowed = Only the community's moderators decide this.
appeal-decision-own = Someone else reviews your own decision (or your own case).
appeal-decision-already = Another moderator has already decided this appeal.
appeal-decision-no_rights = I lack the "Ban users" right in the group — nothing was lifted. Give me that right and press again.
appeal-lifted-here = ✅ The decision is lifted.
appeal-kept-here = The decision stays.
appeal-over-here = That decision is no longer in force (it ended or a newer one replaced it) — nothing to lift; the member is told.
appeal-over-member = ⚖️ Your appeal in "{ $title }" was reviewed: that decision is no longer in force.
appeal-lifted-warn = ⚖️ Your appeal in "{ $title }" was reviewed: the warning is withdrawn.
appeal-lifted-mute = ⚖️ Your appeal in "{ $title }" was reviewed: the mute is lifted, you can write again.
appeal-lifted-ban = ⚖️ Your appeal in "{ $title }" was reviewed: the ban is lifted, you can come back to the group.
appeal-kept-member = ⚖️ Your appeal in "{ $title }" was reviewed: another moderator kept the decision. Questions go to the team: /team
appeal-lifted-moderator = ⚖️ "{ $title }": { $by } reviewed the appeal of { $name } and lifted your decision ({ $kind }).
appeal-kept-moderator = ⚖️ "{ $title }": { $by } reviewed the appeal of { $name } and kept your decision ({ $kind }).
modlog-anonymous = an anonymous admin
modlog-filter-sanctions = Sanctions
modlog-filter-reports = Reports
modlog-filter-appeals = Appeals
modlog-filter-settings = Settings and roles
