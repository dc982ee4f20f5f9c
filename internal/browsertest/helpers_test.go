package browsertest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	mentorprogram "github.com/laegeforeningen/mentorprogram"
	"github.com/laegeforeningen/mentorprogram/internal/desk"
	"github.com/laegeforeningen/mentorprogram/internal/programme"
)

// deskToday is the day the desks of the tests run on.
var deskToday = programme.NewDate(2026, 11, 22)

// startDesk starts a desk, on deskToday, with a new register folder
// (which the desk gives its programme.yaml) and serves it until the test
// ends; it returns the desk, the register folder and the desk's base URL.
func startDesk(t *testing.T) (*desk.Server, string, string) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "register")
	if err := os.Mkdir(data, 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := desk.New(desk.Options{Data: data, ConfigDir: t.TempDir(), Theme: mentorprogram.Templates(),
		DefaultProgramme: mentorprogram.DefaultProgramme(), Version: "test",
		Today: func() programme.Date { return deskToday }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("desk: %v", err)
		}
	})
	return s, data, "http://" + s.Addr().String()
}

// http200 fetches url and returns its body, or an error unless the status is 200.
func http200(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return string(body), nil
}
