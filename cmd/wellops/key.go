package main

import (
	"context"
	"fmt"
	"io"

	"github.com/wellops/wellops"
)

// keyCmd is "wellops key": API access keys, for the AWS CLI and SDKs with --endpoint-url. It
// acts as the first administrator, like "wellops user".
func keyCmd(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "key", args, map[string]command{
		"create": {"create an access key for a user and print its secret once", keyCreate},
		"list":   {"list a user's access keys (never their secrets)", keyList},
		"revoke": {"revoke an access key", keyRevoke},
	})
}

func keyCreate(ctx context.Context, e *env, args []string) error {
	fs := newFlags("key create", "USER [--json]", e.stderr)
	sf := addStoreFlags(fs, e, false, false)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "key create")
	if err != nil {
		return err
	}
	defer c.Close()
	k, err := c.db.CreateAccessKey(c.ctx(ctx), pos[0])
	if err != nil {
		return err
	}
	if *sf.json {
		fmt.Fprintln(e.stderr, "wellops key: the secret is shown only now; wellops keeps it encrypted and cannot show it again")
		return writeJSON(e.stdout, k)
	}
	printKey(e.stdout, k, c.cfg.PublicURL, c.cfg.Region)
	return nil
}

// printKey shows a new key once, with the lines that put it to use. The endpoint and region
// are the server's configuration, the same that `wellops serve` would use.
func printKey(w io.Writer, k *wellops.AccessKey, endpoint, region string) {
	fmt.Fprintf(w, "Access key for %s\n\n", k.UserName)
	fmt.Fprintf(w, "  Access key ID      %s\n", k.ID)
	fmt.Fprintf(w, "  Secret access key  %s\n\n", k.Secret)
	fmt.Fprintf(w, "The secret is shown only now: wellops keeps it encrypted and will not show it again.\n\n")
	fmt.Fprintf(w, "AWS CLI profile:\n")
	fmt.Fprintf(w, "  aws configure set aws_access_key_id %s --profile wellops\n", k.ID)
	fmt.Fprintf(w, "  aws configure set aws_secret_access_key %s --profile wellops\n", k.Secret)
	fmt.Fprintf(w, "  aws configure set region %s --profile wellops\n", region)
	fmt.Fprintf(w, "  aws wellarchitected list-workloads --profile wellops --endpoint-url %s\n\n", endpoint)
	fmt.Fprintf(w, "Or in the environment (AWS CLI v2 and current SDKs):\n")
	fmt.Fprintf(w, "  export AWS_ACCESS_KEY_ID=%s\n", k.ID)
	fmt.Fprintf(w, "  export AWS_SECRET_ACCESS_KEY=%s\n", k.Secret)
	fmt.Fprintf(w, "  export AWS_DEFAULT_REGION=%s\n", region)
	fmt.Fprintf(w, "  export AWS_ENDPOINT_URL_WELLARCHITECTED=%s\n", endpoint)
}

func keyList(ctx context.Context, e *env, args []string) error {
	fs := newFlags("key list", "USER [--json]", e.stderr)
	sf := addStoreFlags(fs, e, false, false)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "key list")
	if err != nil {
		return err
	}
	defer c.Close()
	// ListAccessKeys answers an unknown user with no keys; say so instead.
	if _, err := c.db.GetUser(c.ctx(ctx), pos[0]); err != nil {
		return err
	}
	keys, err := c.db.ListAccessKeys(c.ctx(ctx), pos[0])
	if err != nil {
		return err
	}
	if *sf.json {
		if keys == nil {
			keys = []wellops.AccessKey{}
		}
		return writeJSON(e.stdout, keys)
	}
	tw := newTable(e.stdout, "ACCESS KEY ID", "STATUS", "CREATED", "LAST USED")
	for _, k := range keys {
		status := "active"
		if k.Revoked {
			status = "revoked"
		}
		row(tw, k.ID, status, when(k.CreatedAt), when(k.LastUsedAt))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(keys) == 0 {
		fmt.Fprintf(e.stdout, "(no access keys; wellops key create %s makes one)\n", pos[0])
	}
	return nil
}

func keyRevoke(ctx context.Context, e *env, args []string) error {
	fs := newFlags("key revoke", "KEYID", e.stderr)
	sf := addStoreFlags(fs, e, false, false)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "key revoke")
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.db.RevokeAccessKey(c.ctx(ctx), pos[0]); err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, map[string]string{"Revoked": pos[0]})
	}
	fmt.Fprintf(e.stdout, "revoked access key %s; requests signed with it are refused from now on\n", pos[0])
	return nil
}
