# syntax=docker/dockerfile:1
# Makon's production images, used by docker-compose.yml:
#   app  Django under gunicorn, with Debian's GDAL/GEOS/PROJ for GeoDjango
#   web  nginx with the collected static files, proxying everything else to app
# Browser libraries come from npm at build time, like bin/makon does, so the running system
# loads nothing from the internet.

FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The files bin/makon publishes as the static folder "vendor/".
RUN mkdir -p vendor/ol vendor/maplibre-gl \
    && cp node_modules/ol/dist/ol.js node_modules/ol/ol.css vendor/ol/ \
    && cp node_modules/maplibre-gl/dist/maplibre-gl.mjs \
        node_modules/maplibre-gl/dist/maplibre-gl.css \
        node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs vendor/maplibre-gl/


FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MAKON_MEDIA_ROOT=/var/lib/makon/media
# gdal-bin brings Debian's libgdal, libgeos_c and libproj, which GeoDjango loads.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gdal-bin fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin makon \
    && install -d -o makon -g makon /var/lib/makon/media
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
COPY --from=assets /build/vendor var/vendor
# Settings refuse to load without a secret; this one lives only for this build step.
RUN MAKON_SECRET_KEY=build-only-collectstatic python manage.py collectstatic --no-input -v 0
USER makon
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--access-logfile", "-", "--timeout", "60"]


FROM nginx:1.27-alpine AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=app /app/var/static /srv/makon/static
