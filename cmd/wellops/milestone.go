package main

import (
	"context"
	"errors"
)

// milestoneCmd is being written.
func milestoneCmd(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
