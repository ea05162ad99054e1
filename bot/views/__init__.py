"""How features look in Telegram: cards, keyboards, callback packing, and queueing them."""
