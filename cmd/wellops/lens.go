package main

import (
	"context"
	"errors"
)

// lensCmd is written by the lens-engine work.
func lensCmd(ctx context.Context, e *env, args []string) error { return errors.New("not implemented") }
