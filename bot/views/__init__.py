"""Views of the features: what people see of them (cards, keyboards, callback data, deep links)
and its delivery through the sender's outbox. Services tell them what happened."""
