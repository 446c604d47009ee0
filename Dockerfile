# tradefacts: the bot (or the CLI) with the bundled data. The store is built at image build time.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY data ./data
RUN pip install --no-cache-dir -e . \
 && TRADEFACTS_DB=/app/store/tradefacts.sqlite tradefacts data build --quiet
ENV TRADEFACTS_DB=/app/store/tradefacts.sqlite \
    TRADEFACTS_DATA_DIR=/app/data \
    PYTHONUNBUFFERED=1
# TELEGRAM_BOT_TOKEN must be given at run time (docker run -e TELEGRAM_BOT_TOKEN=...), never baked in.
ENTRYPOINT ["tradefacts"]
CMD ["serve"]
