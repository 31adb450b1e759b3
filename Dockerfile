# The image deploy/kubernetes/sweep-job.yaml runs: ccsim as one static
# binary (CGO_ENABLED=0) at /usr/local/bin/ccsim, which is the entrypoint,
# on distroless static (no shell, no libc; CA certificates, tzdata and
# /etc/passwd only).
#
#   docker build --build-arg VERSION="$(git describe --tags --always --dirty)" -t ccsim .
#
# Not built by CI: no Docker engine runs on the project's machines, so only
# the steps of the build stage are tried there, outside Docker
# (cmd/ccsim/deploy_test.go checks that the path and entrypoint are the
# manifest's command).

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The HTML pages embed ECharts, which is not committed: `make assets`
# fetches it from npm and checks its pinned digest, unless the build
# context already has it (after make assets or make build).
RUN if [ ! -s reports/assets/echarts/echarts.min.js ]; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm \
      && make assets; \
    fi
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/ccsim ./cmd/ccsim
# The binary runs, shards, merges and writes an HTML page (so ECharts is in).
RUN cd /tmp \
    && /out/ccsim version \
    && /out/ccsim compare planning-week --set callback.max_retries=0,1 --reps 2 --shard 0/2 --partial p0.json --quiet \
    && /out/ccsim compare planning-week --set callback.max_retries=0,1 --reps 2 --shard 1/2 --partial p1.json --quiet \
    && /out/ccsim merge p0.json p1.json --html smoke.html >/dev/null \
    && rm p0.json p1.json smoke.html

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/ccsim /usr/local/bin/ccsim
ENTRYPOINT ["/usr/local/bin/ccsim"]
