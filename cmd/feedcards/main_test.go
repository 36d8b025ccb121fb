package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"feedcards": func() { os.Exit(run(context.Background(), os.Args[1:], newOSApp())) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script. Each script gets
// FEEDCARDS_DB in its work dir, a fixed HOME, and $TESTDATA pointing at the
// project's testdata folder (the sample feed is $TESTDATA/feeds/...).
func TestScript(t *testing.T) {
	td, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join(td, "script"),
		RequireExplicitExec: true,
		UpdateScripts:       *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", td)
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, ".data"))
			env.Setenv("FEEDCARDS_DB", filepath.Join(env.WorkDir, "collection.db"))
			env.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}
