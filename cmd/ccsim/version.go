package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is ccsim's version, set at build time with
//
//	go build -ldflags "-X main.version=v1.2.3" ./cmd/ccsim
//
// When it is not set, the module version recorded by "go install
// module@version" is used, if any.
var version = "dev"

// versionString returns the version and the Go toolchain that built ccsim.
func versionString() string {
	v := version
	if v == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	return fmt.Sprintf("%s (%s %s/%s)", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

type versionOptions struct {
	IO *iostreams
}

func newCmdVersion(io *iostreams, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{IO: io}
	return &cobra.Command{
		Use:   "version",
		Short: "Print ccsim's version and the Go version that built it",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
}

func versionRun(opts *versionOptions) error {
	_, err := fmt.Fprintf(opts.IO.Out, "ccsim %s\n", versionString())
	return err
}
