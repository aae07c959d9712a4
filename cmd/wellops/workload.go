package main

import (
	"context"
	"errors"
)

// workloadCmd is being written.
func workloadCmd(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
