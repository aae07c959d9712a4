package main

import (
	"context"
	"errors"
)

// reportCmd is being written.
func reportCmd(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
