# wellops: a static binary on a distroless base, running as a non-root user.
# Build:  docker build -t wellops .
# Run:    docker run -p 8080:8080 -v wellops-data:/data wellops
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# CGO off: the SQLite driver is pure Go, so the binary needs no C library at run time.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/wellops ./cmd/wellops

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/wellops /usr/local/bin/wellops
# 65532 is the distroless "nonroot" user; /data holds the SQLite file and its key.
USER 65532:65532
WORKDIR /data
ENV WELLOPS_ADDR=0.0.0.0:8080 WELLOPS_DB=/data/wellops.db WELLOPS_LOG_FORMAT=json
EXPOSE 8080
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/wellops"]
CMD ["serve"]
