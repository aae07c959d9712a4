package main

import (
	"context"
	"errors"
)

// risksCmd is being written.
func risksCmd(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
