# The dashboard as a container: Debian slim, Chromium for the embed pictures, a non-root user.
# Build: docker build -t city-sdg .   Run: docker run -p 8050:8050 -v city-sdg-store:/data city-sdg
# regenerator-runtime from npm (scripts/build_runtime.sh): the pages load it instead of Dash's Babel polyfill
FROM node:22-bookworm-slim AS runtime
WORKDIR /build
COPY scripts/build_runtime.sh scripts/
RUN bash scripts/build_runtime.sh

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CITY_SDG_STORE=/data/store CITY_SDG_HOST=0.0.0.0 PORT=8050

RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY loaders ./loaders
COPY layouts ./layouts
COPY dashboard ./dashboard
COPY --from=runtime /build/dashboard/vendor/regenerator-runtime ./dashboard/vendor/regenerator-runtime
COPY data ./data
COPY docs ./docs
# installed in place (-e): the app finds data/ and docs/ beside its packages
RUN pip install -e . && useradd --create-home --uid 10001 dashboard \
    && mkdir -p /data && chown dashboard /data

USER dashboard
VOLUME ["/data"]
EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; \
sys.exit(urllib.request.urlopen('http://127.0.0.1:8050/readyz').status != 200)"
CMD ["sh", "-c", "exec city-sdg serve --host 0.0.0.0 --port ${PORT}"]
