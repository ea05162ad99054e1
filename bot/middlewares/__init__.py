"""Cross-cutting concerns, in the order bot/app.py installs them:
dedupe → (db via workflow_data) → tracking → i18n → throttling."""
