# tradefacts: the bot (or the CLI) with the bundled data. The store is built at image build time.
#   docker build -t tradefacts .
#   docker run -d --name tradefacts -e TELEGRAM_BOT_TOKEN=123:ABC tradefacts
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY data ./data
RUN pip install --no-cache-dir -e . \
 && TRADEFACTS_DB=/app/store/tradefacts.sqlite tradefacts data build --quiet
# The bot runs as an unprivileged user. Code, data and the store file stay root's (read-only
# for the bot); the user owns only the folders where the bot writes its per-chat state:
# /app/store (telegram-state.pickle beside the store, the default) and /app/state (for a
# volume: `-v tradefacts-state:/app/state ... serve --persistence /app/state/telegram-state.pickle`).
RUN useradd --system --uid 10001 --create-home --shell /usr/sbin/nologin tradefacts \
 && mkdir -p /app/state \
 && chown tradefacts:tradefacts /app/store /app/state
ENV TRADEFACTS_DB=/app/store/tradefacts.sqlite \
    TRADEFACTS_DATA_DIR=/app/data
USER tradefacts
# matplotlib's font cache (in the user's home), built now rather than at the first chart.
RUN python -c "from matplotlib import font_manager; font_manager.findfont('DejaVu Sans')"
# TELEGRAM_BOT_TOKEN must be given at run time (docker run -e TELEGRAM_BOT_TOKEN=...), never baked in.
ENTRYPOINT ["tradefacts"]
CMD ["serve"]
