## Step-by-step forms (/ask, /meet, /vacancy, /intro, /cv, the check-in)

form-step = <i>Step { $number } of { $total }</i>
