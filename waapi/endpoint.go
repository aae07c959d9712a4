package waapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"

	"github.com/wellops/wellops"
)

// noBody is the output of operations whose model has no output shape: 200 with an empty body.
type noBody struct{}

// op makes a route-table row from a typed operation function. The function sees only its
// bound, validated input and returns its output; op does the HTTP around it, the same for
// every operation:
//
//   - binds the body, path labels and query parameters and checks the model's limits;
//   - opens the NextToken (sealed for this account and operation) into the store's cursor,
//     and seals the cursor the function returns;
//   - makes ClientRequestToken idempotent: the same token with the same parameters returns
//     the first response, with other parameters a ConflictException;
//   - writes the output as JSON (or nothing, for noBody).
func op[In, Out any](a *API, name, method, pattern string, fn func(context.Context, *In) (*Out, error)) *operation {
	inType := reflect.TypeFor[In]()
	plan := planFor(inType)
	outType := reflect.TypeFor[Out]()
	var outNext []int
	if f, ok := outType.FieldByName("NextToken"); ok {
		outNext = f.Index
	}
	_, empty := any(new(Out)).(*noBody)
	o := &operation{name: name, method: method, pattern: pattern, in: plan, inType: inType.Name()}
	o.h = func(w http.ResponseWriter, r *http.Request, body []byte) error {
		ctx := r.Context()
		p, err := wellops.MustPrincipal(ctx)
		if err != nil {
			return err
		}
		in := new(In)
		if err := plan.bind(r, body, in); err != nil {
			return err
		}
		iv := reflect.ValueOf(in).Elem()
		if plan.nextToken != nil {
			if tok := iv.FieldByIndex(plan.nextToken); tok.String() != "" {
				raw, err := a.tokens.open(tok.String(), p.AccountID, name)
				if err != nil {
					return err
				}
				tok.SetString(raw)
			}
		}
		run := func() ([]byte, error) {
			out, err := fn(ctx, in)
			if err != nil {
				return nil, err
			}
			if empty {
				return nil, nil
			}
			if outNext != nil {
				if next := reflect.ValueOf(out).Elem().FieldByIndex(outNext); next.String() != "" {
					next.SetString(a.tokens.seal(next.String(), p.AccountID, name))
				}
			}
			return json.Marshal(out)
		}
		var resp []byte
		if plan.token != nil && iv.FieldByIndex(plan.token).String() != "" {
			resp, err = a.idempotent(ctx, p, name, plan.token, iv, run)
		} else {
			resp, err = run()
		}
		if err != nil {
			return err
		}
		h := w.Header()
		if resp == nil {
			h.Set("Content-Length", "0")
			w.WriteHeader(http.StatusOK)
			return nil
		}
		h.Set("Content-Type", "application/json")
		h.Set("Content-Length", strconv.Itoa(len(resp)))
		w.WriteHeader(http.StatusOK)
		w.Write(resp)
		return nil
	}
	return o
}

// idempotent runs a request that carries a ClientRequestToken at most once per token: the
// scope is the account and the operation, and the parameters are the canonical JSON of the
// input without the token (json.Marshal writes struct fields in order and map keys sorted).
func (a *API) idempotent(ctx context.Context, p wellops.Principal, name string, tokenIdx []int, in reflect.Value,
	run func() ([]byte, error)) ([]byte, error) {
	tokField := in.FieldByIndex(tokenIdx)
	token := tokField.String()
	tokField.SetString("")
	params, err := json.Marshal(in.Interface())
	tokField.SetString(token)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(params)
	scope := p.AccountID + ":" + name
	stored, done, err := a.opt.Idempotency.Reserve(ctx, scope, token, hex.EncodeToString(sum[:]))
	if err != nil {
		return nil, err
	}
	if done {
		if len(stored) == 0 {
			return nil, nil
		}
		return stored, nil
	}
	resp, err := run()
	if err != nil {
		// The request did nothing (the store's transactions are all-or-nothing), so a retry
		// with the same token may run it again.
		if rerr := a.opt.Idempotency.Release(context.WithoutCancel(ctx), scope, token); rerr != nil {
			a.log.Warn("release client request token", "operation", name, "err", rerr)
		}
		return nil, err
	}
	if err := a.opt.Idempotency.Complete(context.WithoutCancel(ctx), scope, token, resp); err != nil {
		return nil, err
	}
	return resp, nil
}
