## Step-by-step forms (/ask, /meet, /vacancy, /intro, /cv, the check-in)

form-step = <i>Step { $number } of { $total }</i>
form-skip = Skip
form-keep = Keep as it is
form-clear = Remove this answer
form-current = Now: { $text }
form-chosen = ✓ { $value }
form-use-buttons = Please choose with the buttons above.
form-required = This one cannot be skipped — please answer it.
form-text-only = Please write it as text.
form-too-long = That is { $length } characters and { $limit } fit. Please shorten it and send it again — everything you entered before is kept.
form-edit = ✏️ Edit a field
form-edit-which = Which field?
form-back = ‹ Back
form-cancel = ✖️ Cancel
