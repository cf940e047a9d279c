# One image for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# Pango and HarfBuzz for WeasyPrint (libharfbuzz-subset0 makes font subsetting several times faster).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 kiz
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .

# Static files are collected at build time; a placeholder secret suffices for that step only.
RUN DEBUG=False SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /data/media && chown -R kiz:kiz /data /app

# From here on every process of the image is production: DEBUG defaults to off, and start-up stops with DEBUG
# on, a development key or ALLOWED_HOSTS=* (kiz/settings.py).
ENV KIZ_ENVIRONMENT=production

USER kiz
EXPOSE 8000
CMD ["gunicorn", "kiz.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
