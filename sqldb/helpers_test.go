package sqldb_test

import (
	"database/sql/driver"

	"modernc.org/sqlite"

	"github.com/wellops/wellops/lens"
)

func sqliteConnector(path string) (driver.Connector, error) {
	return sqlite.NewConnector("file:" + path + "?_busy_timeout=10000")
}

func riskOf(s string) lens.Risk { return lens.Risk(s) }
