package main

import (
	"context"
	"errors"
)

// improvementsCmd is being written.
func improvementsCmd(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
