// Command alivpc is a terminal console for Alibaba Cloud VPC networking.
//
//	alivpc [flags]            the console, on your account
//	alivpc --sim [flags]      the console on the embedded API simulator
//	alivpc sim [flags]        serve the simulator for other clients
//	alivpc get KIND [flags]   list resources without the console
//	alivpc version
//	alivpc completion bash|zsh|fish
//
// This package only wires flags to the ui, client and client/sim packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/spf13/pflag"

	"github.com/alivpc/alivpc/client"
)

// version is set with -ldflags "-X main.version=v1.2.3"; otherwise the
// module version from the build info is used.
var version = ""

func versionString() string {
	v := version
	if v == "" {
		v = "dev"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	return v
}

// exitError carries a process exit status: 1 for API and runtime errors, 2
// for usage errors.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// interruptible is the context of a command that ctrl+c cancels.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// interrupted is the error of a command ctrl+c stopped: exit status 130.
func interrupted() error {
	return &exitError{code: 130, err: errors.New("interrupted")}
}

func main() {
	err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if code := report(err, os.Stderr); code != 0 {
		os.Exit(code)
	}
}

// report prints err the way the command line shows errors and returns the
// exit status: 0, 1 for API and runtime errors, 2 for usage errors.
func report(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, pflag.ErrHelp) {
		return 0
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if msg := err.Error(); msg != "" {
		// Errors carry what servers said: one scrubber on the way out.
		fmt.Fprintln(stderr, "alivpc: "+client.Clean(msg))
	}
	return code
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	root := newRoot(stdout, stderr)
	root.SetIn(stdin)
	root.SetArgs(normalizeArgs(root, args))
	return root.Execute()
}
