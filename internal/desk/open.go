package desk

import (
	"os/exec"
	"runtime"
)

// openCommand is the system's way to open a URL in the default browser.
func openCommand(u string) (string, []string) {
	switch runtime.GOOS {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", u}
	case "darwin":
		return "open", []string{u}
	case "linux", "freebsd", "openbsd", "netbsd":
		return "xdg-open", []string{u}
	}
	return "", nil
}

func startDetached(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
