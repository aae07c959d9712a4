package main

import (
	"context"
	"errors"
)

// scanCmd is written by the scanner work.
func scanCmd(ctx context.Context, e *env, args []string) error { return errors.New("not implemented") }
