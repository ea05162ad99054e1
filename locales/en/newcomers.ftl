## A newcomer who did not accept the rules in time and stays read-only

welcome-kept = ⏳ The time to accept the rules of "{ $title }" has run out, so for now you can only read the group.
welcome-kept-how = To write there, read the rules and press "I accept the rules" — below this message, or any time later here through /start.
welcome-accepted-here = ✅ You accepted the rules of "{ $title }" — you can write in the group now.
