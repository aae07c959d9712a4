// Command mkkey creates an access key for a user straight in a wellops store, for
// scripts/awscli-smoke.sh on a tree whose CLI has no `wellops key create` yet. It prints the
// key as `wellops key create --json` does.
//
//	go run ./api/mkkey -db PATH -user admin   (WELLOPS_SECRET_KEY holds the server key, hex)
package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/sqldb"
)

func main() {
	db := flag.String("db", "", "SQLite file or postgres:// URL of the store")
	user := flag.String("user", "admin", "user to create the key for")
	flag.Parse()
	if err := run(*db, *user); err != nil {
		fmt.Fprintln(os.Stderr, "mkkey:", err)
		os.Exit(1)
	}
}

func run(dsn, user string) error {
	key, err := hex.DecodeString(os.Getenv("WELLOPS_SECRET_KEY"))
	if err != nil || len(key) != 32 {
		return fmt.Errorf("WELLOPS_SECRET_KEY must be 64 hex characters")
	}
	ctx := context.Background()
	store, err := sqldb.Open(ctx, dsn, sqldb.Options{SecretKey: key})
	if err != nil {
		return err
	}
	defer store.Close()
	admin := wellops.WithPrincipal(ctx, wellops.Principal{UserName: "mkkey", AccountID: "000000000000", Admin: true})
	k, err := store.CreateAccessKey(admin, user)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(k)
}
