package main

import (
	"context"
	"errors"
)

// auditCmd is being written.
func auditCmd(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
