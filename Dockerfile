# One image for every role: `carcosa serve`, `carcosa work`, `carcosa migrate`, `carcosa admin`.
FROM rust:1.95-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends cmake nasm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# Queries are checked against the committed .sqlx/ metadata; no database needed to build.
ENV SQLX_OFFLINE=true
RUN cargo build --release --locked -p carcosa

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/carcosa /usr/local/bin/carcosa
USER 65532:65532
ENTRYPOINT ["carcosa"]
