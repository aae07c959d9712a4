package main

import (
	"context"
	"errors"
)

// keyCmd is being written.
func keyCmd(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
