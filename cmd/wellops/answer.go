package main

import (
	"context"
	"errors"
)

// answerCmd is being written.
func answerCmd(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
