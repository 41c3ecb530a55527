# The production-like image: gunicorn serving Django, whitenoise serving hashed static files.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml ./
RUN pip install .

COPY . .
# collectstatic needs settings to load; the key is only used for this build step.
RUN SECRET_KEY=build-only-key-build-only-key-build-only-key-build-only-key-0123 \
    python manage.py collectstatic --noinput

RUN useradd --create-home gathering && mkdir -p /app/media && chown gathering /app/media
USER gathering
EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]
