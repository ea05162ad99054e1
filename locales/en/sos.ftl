## /sos — help for a hard moment

cmd-sos = Help for a hard moment
menu-sos = 🆘 I need help now
sos-button = 🆘 I need help now
sos-title =
    🆘 <b>Help right now</b>
    You are not alone, and it is good that you wrote. First, where to call; below, people nearby.

# The built-in list: shown when the community has no crisis contacts of its own
# (/settings → Check-ins → Crisis contacts), when there is no community, or without the database.
# International: the person's country is unknown. Re-verify at the addresses below.
#
# 112 / 911 / 999 — emergency numbers: 112 across the EU (and Russia), 911 in the US and
#   Canada, 999 in the UK (112 works there too).
#   checked 2026-12: https://internationalmentalhealth.org/resources/ (911)
#                    https://www.wellingtonpractice.co.uk/emergency-information/ (999 and 112 in the UK)
#                    https://sergiev.ru/news/o-poryadke-vyzova-ekstrennykh-operativnykh-sluzhb (112 in Russia)
# 988 — 988 Suicide & Crisis Lifeline (US): call or text, free, confidential, 24/7.
#   checked 2026-12: https://www.mcphs.edu/student-life/counseling-services/emergency-services/988-suicide-and-crisis-lifeline
#                    https://familyandcaregivertoolkit.org/988-crisis-lifeline
# 116 123 — Samaritans (UK and Ireland): free from landlines and mobiles, 24/7.
#   checked 2026-12: https://www.samaritans.org/how-we-can-help/contact-samaritan/
#                    https://www.samaritans.org/news/samaritans-in-northern-ireland-answer-one-million-calls-during-10-years-of-freephone
# findahelpline.com — free helplines by country.
#   checked 2026-12: https://findahelpline.com/AU
sos-lines =
    <b>Crisis lines</b>
    • If your life is in danger — your emergency number: <b>112</b> in Europe, <b>911</b> in the US and Canada, <b>999</b> in the UK.
    • US: call or text <b>988</b> (988 Suicide &amp; Crisis Lifeline), free, 24/7.
    • UK and Ireland: Samaritans, <b>116 123</b>, free, 24/7.
    • Anywhere else: free helplines by country at <a href="https://findahelpline.com">findahelpline.com</a>.
crisis-own =
    <b>Where to get help — from the community { $title }</b>
    { $text }
sos-listeners = 🫂 <b>Ready to listen in { $title }</b> — write to any of them, a couple of words is enough:
sos-listeners-none = 🫂 Nobody in { $title } has volunteered to listen yet (that is /listener). You can write to the moderators: /team
sos-ask = 🙋 <b>Ask the group</b> — anonymously: { $title } sees the request, not who asks. The button is below.
sos-ask-button = 🙋 Ask the group anonymously
sos-no-community = 👥 If your group has Opora, press “Open Opora” there — and here you will also find people ready to listen and an anonymous request to the group.
sos-choose = 👥 You are in several communities. Choose where to look for people ready to listen — then press /sos again.
sos-partial = I am working with interruptions right now: the people ready to listen and the request to the group a little later — /sos.
sos-offline = I am working with interruptions right now, but here are the crisis lines:
sos-group-more = People ready to listen and an anonymous request to the group — in a private chat with me: the button below.
