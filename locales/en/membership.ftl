# How a group member finds the bot: the "Open Opora" button and the how-to moderators pin.

group-open-opora = Open Opora
cmd-guide = A how-to for members, to pin
guide-text =
    📌 <b>How to use Opora</b>
    Opora is our community's helper. Everything personal happens in a private chat with the bot: nobody in the group sees it.
    1. Press "Open Opora" below: the bot opens and knows you as a member of this group.
    2. Then, in the private chat:
    /checkin — note how you are today; on a hard day the bot shows whom to turn to
    /ask — ask for help (anonymously if you like); /offer — offer yours
    /jobs — vacancies; /meetings — upcoming meetings
    /help — everything the bot can do
    A command that works only in private can be typed here too: the bot gives a button to go on there.
talk-unknown-community = I don't know your community yet, so I cannot show who there is ready to listen. If your group has Opora, press "Open Opora" there and come back.
