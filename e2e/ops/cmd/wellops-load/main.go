// Command wellops-load drives running wellops servers with a mixed API workload through the
// AWS SDK for Go v2 (by default 64 clients, 70% reads and 30% answer updates, for 60 s),
// prints throughput and latency per operation, then reads back every question written and
// checks that the store holds the last acknowledged write and consistent roll-ups. It exits
// 1 when any call failed or any write is missing. bench/load.sh runs it on SQLite and
// PostgreSQL.
//
//	AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... wellops-load -url http://127.0.0.1:8080
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/wellops/wellops/e2e/ops/load"
)

func main() {
	urls := flag.String("url", "", "wellops server URL; several, comma-separated, split the clients between replicas")
	akid := flag.String("akid", os.Getenv("AWS_ACCESS_KEY_ID"), "access key ID (env AWS_ACCESS_KEY_ID)")
	secret := flag.String("secret", os.Getenv("AWS_SECRET_ACCESS_KEY"), "secret access key (env AWS_SECRET_ACCESS_KEY)")
	clients := flag.Int("clients", 64, "concurrent clients")
	dur := flag.Duration("duration", 60*time.Second, "how long the load runs")
	workloads := flag.Int("workloads", 16, "workloads the clients share")
	writes := flag.Float64("writes", 0.3, "share of calls that are UpdateAnswer")
	label := flag.String("store", "sqlite", "store name for the table")
	flag.Parse()
	if *urls == "" || *akid == "" || *secret == "" {
		fmt.Fprintln(os.Stderr, "wellops-load: -url and credentials (-akid/-secret or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) are required")
		os.Exit(2)
	}
	if err := run(strings.Split(*urls, ","), *akid, *secret, *label, *clients, *workloads, *writes, *dur); err != nil {
		fmt.Fprintln(os.Stderr, "wellops-load:", err)
		os.Exit(1)
	}
}

func run(urls []string, akid, secret, label string, clients, workloads int, writes float64, dur time.Duration) error {
	ctx := context.Background()
	res, err := load.Run(ctx, load.Config{Endpoints: urls, AccessKeyID: akid, SecretKey: secret, Clients: clients,
		Duration: dur, Workloads: workloads, Writes: writes})
	if err != nil {
		return err
	}
	res.Report(os.Stdout, label)
	fmt.Printf("\n%s: %d clients for %s, %d workloads; %d acknowledged writes to %d questions; %d errors; %d calls retried after the client's transport closed their connection\n",
		label, clients, res.Elapsed.Round(time.Millisecond), workloads, res.AckedWrites(), len(res.Writes), res.ErrorCount(), res.Retried.Load())
	for _, e := range res.Errors {
		fmt.Println("  error:", e)
	}
	problems, err := load.Verify(ctx, load.Client(urls[0], akid, secret, 30*time.Second), res.Writes, res.Workloads)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	for _, p := range problems {
		fmt.Println("  lost or torn:", p)
	}
	fmt.Printf("%s: verified every question written and every workload's roll-ups: %d problems\n", label, len(problems))
	if res.ErrorCount() > 0 || len(problems) > 0 {
		return fmt.Errorf("%d errors, %d problems", res.ErrorCount(), len(problems))
	}
	return nil
}
