# One image for web, worker, beat and the one-off migrate job (docker-compose.yml).
FROM python:3.13.0-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv UV_COMPILE_BYTECODE=1 PATH="/opt/venv/bin:$PATH"

# WeasyPrint needs Pango, and HarfBuzz's subset library to subset fonts quickly (without it
# PDFs render two to three times slower, with a warning); fonts for certificates and plans.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
      libharfbuzz-subset0 fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/* \
 && pip install --no-cache-dir "uv==0.13.9" \
 && useradd --create-home --uid 1000 sanctuary

WORKDIR /app
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# The compiled Welsh (and any other) catalogues, built from the committed .po files.
RUN python -m sanctuary.translations --force
# Static files as production serves them: hashed names in a manifest, compressed copies.
RUN PYTHON=python deploy/collectstatic \
 && mkdir -p /app/var/private && chown -R sanctuary /app/var

USER sanctuary
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -fsS http://localhost:8000/healthz || exit 1
CMD ["gunicorn", "sanctuary.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
