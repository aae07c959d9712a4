package main

import (
	"context"
	"errors"
)

// userCmd is being written.
func userCmd(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
