package main

import "io"

func runGet(args []string, stdout, stderr io.Writer) error {
	return usageError("get: not built yet")
}
