"""Settings from the environment and `.env`; bad configuration is one clear line, no traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlparse

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.timeutil import InvalidTimezone, get_tz

SUPPORTED_LANGUAGES = ("ru", "en")
TOKEN_RE = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,64}$")


_S = TypeVar("_S", bound="StorageSettings")


class ConfigError(Exception):
    """A setting is missing or wrong; the message is the one line shown to the operator."""


class StorageSettings(BaseSettings):
    """Where the data lives: all that `opora backup/restore/migrate` need (no token)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_url: str = "sqlite:///data/bot.db"
    # Nightly online backups of the database into this folder (unset: none), the newest N kept.
    backup_dir: str | None = None
    backup_keep: int = Field(default=7, ge=1)

    @field_validator("backup_dir")
    @classmethod
    def _backup_dir(cls, value: str | None) -> str | None:
        return (value.strip() or None) if value else None

    @property
    def database_path(self) -> str:
        return database_path(self.database_url)


class Settings(StorageSettings):
    bot_token: SecretStr
    telegram_api_url: str | None = None
    owner_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_language: str = "ru"
    default_timezone: str = "Europe/Moscow"
    run_mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    # /healthz and /metrics (bot/health.py); in webhook mode they are on the webhook's server too.
    http_port: int | None = Field(default=None, ge=1, le=65535)
    http_host: str = "127.0.0.1"
    # Outgoing fan-out limits (Telegram's own are ~30/s overall, 1/s per chat, 20/min per group).
    sender_rate_per_second: float = Field(default=25.0, gt=0)
    sender_group_per_minute: int = Field(default=20, ge=1)
    sender_chat_interval_seconds: float = Field(default=1.0, ge=0)
    sender_max_attempts: int = Field(default=5, ge=1)
    # Flood control for people: more than N updates in the window gets one "slow down".
    throttle_updates: int = Field(default=8, ge=1)
    throttle_window_seconds: float = Field(default=4.0, gt=0)
    admin_cache_seconds: int = Field(default=300, ge=0, le=300)
    shutdown_timeout_seconds: float = Field(default=10.0, gt=0, le=10)

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("is required: put the token from @BotFather into .env")
        if not TOKEN_RE.match(value.get_secret_value().strip()):
            raise ValueError("does not look like a bot token (expected <digits>:<35 characters>)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parsed = urlparse(value)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError("must be an http(s) URL such as http://127.0.0.1:8081")
        return value.rstrip("/")

    @field_validator("owner_ids", mode="before")
    @classmethod
    def _owner_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("must be comma-separated Telegram user ids") from None
        return value

    @field_validator("default_language")
    @classmethod
    def _language(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError(
                f"unknown language {value!r}; use one of {', '.join(SUPPORTED_LANGUAGES)}"
            )
        return value

    @field_validator("default_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            get_tz(value)
        except InvalidTimezone:
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name like Europe/Moscow"
            ) from None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _log_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("http_port", mode="before")
    @classmethod
    def _http_port(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _webhook(self) -> Settings:
        if self.run_mode == "webhook":
            if not self.webhook_url or urlparse(self.webhook_url).scheme != "https":
                raise ValueError("WEBHOOK_URL (https://…) is required when RUN_MODE=webhook")
            if not self.webhook_secret or not re.fullmatch(
                r"[A-Za-z0-9_-]{1,256}", self.webhook_secret.get_secret_value()
            ):
                raise ValueError(
                    "WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -) is required when RUN_MODE=webhook"
                )
        return self

    @property
    def token(self) -> str:
        return self.bot_token.get_secret_value()


def database_path(url: str) -> str:
    """`sqlite:///relative.db`, `sqlite:////abs.db` or `sqlite:///:memory:` → a path for sqlite3."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        raise ValueError("only sqlite:///path URLs are supported")
    return url[len(prefix) :] or ":memory:"


def _check_database_writable(path: str) -> None:
    if path == ":memory:":
        return
    target = Path(path)
    directory = target.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"DATABASE_URL: cannot create {directory}: {exc.strerror}") from None
    if target.exists():
        if not os.access(target, os.R_OK | os.W_OK):
            raise ConfigError(f"DATABASE_URL: {target} is not writable")
    elif not os.access(directory, os.W_OK | os.X_OK):
        raise ConfigError(f"DATABASE_URL: directory {directory} is not writable")


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(p) for p in first.get("loc", ())).upper()
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    if first.get("type") == "missing":
        message = "is required (see .env.example)"
    return f"{field}: {message}" if field else message


def load_settings(env_file: str | None = ".env", **overrides: Any) -> Settings:
    """Read settings; raise ConfigError with one readable line on any problem."""
    return _load(Settings, env_file, overrides)


def load_storage_settings(env_file: str | None = ".env", **overrides: Any) -> StorageSettings:
    """Only where the data lives: backup, restore and migrate work without a token."""
    return _load(StorageSettings, env_file, overrides)


def _load(kind: type[_S], env_file: str | None, overrides: dict[str, Any]) -> _S:
    try:
        # _env_file is pydantic-settings' own argument, not a field: the type checker sees the
        # fields only.
        settings = kind(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None
    try:
        path = settings.database_path
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL: {exc}") from None
    _check_database_writable(path)
    return settings
