package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/sqldb"
)

func serveCmd(ctx context.Context, e *env, args []string) error {
	cfg, _, err := loadConfig("serve", e, args)
	if err != nil {
		return err
	}
	s, err := newServer(ctx, cfg, e)
	if err != nil {
		return err
	}
	defer s.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	base := cfg.PublicURL
	if base == "http://"+cfg.Addr {
		base = "http://" + ln.Addr().String() // the real port when --addr ends in :0
	}
	fmt.Fprintf(e.stderr, "wellops: serving the API at %s and the web UI at %s/ui/\n", base, base)
	return s.Serve(ctx, ln)
}

// server is the running wellops server: the store and the HTTP surfaces over it. Tests start
// it on a loopback port with a temporary database.
type server struct {
	cfg  *config
	db   *sqldb.DB
	log  *slog.Logger
	http *http.Server
	tel  *telemetry
}

// newServer opens the store (openStore) and builds the handlers.
func newServer(ctx context.Context, cfg *config, e *env) (*server, error) {
	logger := newLogger(cfg, e.stderr)
	tel := newTelemetry(cfg, logger)
	db, err := openStore(ctx, cfg, e.stderr, tel.storeObserved)
	if err != nil {
		tel.shutdown(context.Background())
		return nil, err
	}
	if cfg.keyGenerated {
		logger.Warn("generated a server key; back it up with the database", "file", cfg.keyFile)
	}
	s := &server{cfg: cfg, db: db, log: logger, tel: tel}
	tel.watch(db)
	s.http = &http.Server{
		Handler: s.routes(),
		// Headers get at most 10s, and never more than the whole request may take: a
		// client that never finishes its headers holds a connection no longer than one
		// that never finishes its body.
		ReadHeaderTimeout: min(10*time.Second, cfg.ReadTimeout),
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	return s, nil
}

// openStore opens the store cfg names the way every command that uses it must, so that the
// server and the CLI see the same data and can read each other's access keys: it makes sure a
// server key exists (generated next to a SQLite file on first use; cfg.keyGenerated tells),
// applies migrations and creates the first administrator on an empty database.
func openStore(ctx context.Context, cfg *config, w io.Writer, observe func(context.Context, string, time.Time, time.Duration, error)) (*sqldb.DB, error) {
	if cfg.SecretKey == nil {
		key, path, generated, err := localKey(cfg.DB)
		if err != nil {
			return nil, err
		}
		cfg.SecretKey, cfg.keyFile, cfg.keyGenerated = key, path, generated
	}
	db, err := sqldb.Open(ctx, cfg.DB, sqldb.Options{Quotas: cfg.Quotas, Region: cfg.Region, Lang: cfg.Lang,
		SecretKey: cfg.SecretKey, Observe: observe})
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", redactDSN(cfg.DB), err)
	}
	if err := bootstrap(ctx, db, w); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// bootstrap creates the first administrator of an empty database and prints its password
// once, so that `wellops serve` on a fresh machine can be signed in to at once.
func bootstrap(ctx context.Context, db *sqldb.DB, w io.Writer) error {
	pw := base64.RawURLEncoding.EncodeToString(randomBytes(15))
	u, err := db.CreateUser(ctx, wellops.NewUser{Name: "admin", Password: pw})
	switch code := wellops.ErrorCode(err); {
	case code == wellops.EFORBIDDEN:
		return nil // users exist already
	case code == wellops.ECONFLICT:
		// Another replica started on the same empty database at the same moment and
		// created the first user a moment before this one could: it printed the password.
		return nil
	case err != nil:
		return fmt.Errorf("create the first user: %w", err)
	}
	fmt.Fprintf(w, "wellops: created the first user %q (account %s) with password %s\n"+
		"         change it with: wellops user passwd admin; API keys: wellops key create admin\n", u.Name, u.AccountID, pw)
	return nil
}

// routes is the one table of what the server answers.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := s.db.Ready(ctx); err != nil {
			s.log.Warn("not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "not ready: store unavailable or schema behind\n")
			return
		}
		io.WriteString(w, "ready\n")
	})
	// The reports (package report) serve both the API's report operations and the UI's
	// downloads; the web UI (package ui) owns /ui/; the AWS-compatible API (package waapi)
	// answers every other path, with its own errors for unknown ones.
	reports := newReports(s.db, s.cfg.Lang)
	mux.Handle("GET /metrics", s.tel.registry.Handler())
	mux.Handle("/ui/", s.tel.instrument("ui", s.log.With("component", "ui"), s.uiRoutes(reports)))
	mux.Handle("/", browserToUI(s.waapiRoutes(reports)))
	return s.tel.tracer.Middleware(limitBody(s.cfg.MaxBodyBytes, mux))
}

// browserToUI sends a browser that opens the server's root to the UI; everything else at the
// root belongs to the API, which answers unknown paths with its own errors.
func browserToUI(api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" && r.Method == http.MethodGet && strings.Contains(r.Header.Get("Accept"), "text/html") {
			http.Redirect(w, r, "/ui/", http.StatusFound)
			return
		}
		api.ServeHTTP(w, r)
	})
}

func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// Serve answers requests on ln until ctx is cancelled, then stops accepting connections and
// gives in-flight requests the shutdown timeout to finish.
func (s *server) Serve(ctx context.Context, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String(), "store", s.db.Dialect())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := s.http.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := s.tel.shutdown(sctx); err != nil {
		s.log.Warn("telemetry shutdown", "err", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	s.log.Info("stopped")
	return nil
}

// Close releases the store.
func (s *server) Close() error { return s.db.Close() }

// localKey reads, or creates on first start, the server key kept next to a SQLite database.
func localKey(dbPath string) (key []byte, path string, generated bool, err error) {
	if sqldb.IsPostgres(dbPath) {
		return nil, "", false, errors.New("secret-key: required with PostgreSQL")
	}
	path = strings.TrimPrefix(dbPath, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	path += ".key"
	if b, err := os.ReadFile(path); err == nil {
		k, err := decodeKey(string(b))
		if err != nil {
			return nil, "", false, fmt.Errorf("server key %s: %w", path, err)
		}
		return k, path, false, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, "", false, fmt.Errorf("server key: %w", err)
	}
	k := randomBytes(32)
	if err := os.WriteFile(path, []byte(hex.EncodeToString(k)+"\n"), 0o600); err != nil {
		return nil, "", false, fmt.Errorf("write server key: %w", err)
	}
	return k, path, true, nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return b
}

// newLogger builds the structured logger: JSON for machines, text on a terminal.
func newLogger(cfg *config, w io.Writer) *slog.Logger {
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}[cfg.LogLevel]
	opts := &slog.HandlerOptions{Level: level}
	format := cfg.LogFormat
	if format == "auto" {
		format = "json"
		if f, ok := w.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
