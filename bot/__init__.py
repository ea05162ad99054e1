"""Opora: a Telegram bot that runs mutual-aid groups."""
