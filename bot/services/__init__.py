"""Domain rules: who may do what, state changes, what to notify. Telegram-free where possible."""
