package main

import (
	"context"
	"fmt"
)

// configCmd is "wellops config check": load the configuration exactly as serve would and
// print it with secrets masked, or every problem in it.
func configCmd(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "config", args, map[string]command{
		"check": {"print the effective configuration (secrets masked) or every problem in it", func(_ context.Context, e *env, args []string) error {
			cfg, _, err := loadConfig("config check", e, args)
			if err != nil {
				return err
			}
			cfg.print(e.stdout)
			fmt.Fprintln(e.stdout, "\nconfiguration ok")
			return nil
		}},
	})
}
