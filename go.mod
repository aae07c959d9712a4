module github.com/wellops/wellops

go 1.26
