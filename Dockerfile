# bahi: one static-ish binary on a distroless base. Build: docker build -t bahi .
# Dependencies are compiled in their own layer (cargo-chef), so code changes rebuild only bahi.

FROM rust:1.95-bookworm AS chef
RUN cargo install cargo-chef --locked --version 0.1.73
WORKDIR /build

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /build/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json --package bahi
COPY . .
RUN cargo build --release --locked --package bahi \
    && mkdir -p /staging/data

# distroless "cc": glibc and libgcc only, no shell, no package manager; "nonroot" is uid 65532.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=builder /build/target/release/bahi /usr/local/bin/bahi
COPY --from=builder --chown=65532:65532 /staging/data /data
ENV BAHI_ENV=production \
    DATABASE_URL=sqlite:///data/bahi.db \
    PORT=8080 \
    BAHI_BIND=0.0.0.0 \
    BAHI_LOG_FORMAT=json
VOLUME ["/data"]
WORKDIR /data
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/bahi", "healthcheck"]
# Exec form, no shell (the image has none). A platform's own command (e.g. a pre-deploy
# `bahi migrate up`) replaces it as a whole.
CMD ["/usr/local/bin/bahi", "serve"]
