# Opora in a container: docker compose up -d (see README, "Deploy").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/opora/venv/bin:$PATH \
    DATABASE_URL=sqlite:////data/bot.db \
    HTTP_PORT=8080 \
    MPLCONFIGDIR=/tmp/matplotlib

# A user of its own: the bot never runs as root; it may write /data (and /tmp, where the
# /mood chart's font cache goes: the user has no home).
RUN useradd --system --uid 10001 --user-group --home-dir /nonexistent --shell /usr/sbin/nologin opora \
    && mkdir /data && chown opora:opora /data

# Dependencies first, from the lock: this layer is rebuilt only when the lock changes.
COPY requirements.lock deploy/install.sh /tmp/build/
RUN sh /tmp/build/install.sh deps /opt/opora/venv /tmp/build/requirements.lock

COPY . /app
RUN sh /app/deploy/install.sh app /opt/opora/venv /app && rm -rf /tmp/build

USER opora
WORKDIR /app
VOLUME ["/data"]
EXPOSE 8080

# /healthz answers 200 while updates arrive, the database answers and the sender moves.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('HTTP_PORT', '8080'), timeout=4)"]

# The bot stops cleanly on SIGTERM (docker stop); `opora` alone runs it.
STOPSIGNAL SIGTERM
CMD ["opora"]
