package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is the console's config file (config.yaml in the user's config
// directory, e.g. ~/.config/alivpc/config.yaml). Flags override it.
//
//	refresh: 10s          # live refresh interval, at least 2s
//	skin: dark            # dark, light or high-contrast
//	region: cn-hangzhou   # default region
//	readOnly: false       # true removes every mutating key and action
//	keys:                 # action: [keys]; see `?` for the action names
//	  delete: [ctrl+x]
//	  quit: [q]
type Config struct {
	Refresh  string              `yaml:"refresh"`
	Skin     string              `yaml:"skin"`
	Region   string              `yaml:"region"`
	ReadOnly bool                `yaml:"readOnly"`
	Keys     map[string][]string `yaml:"keys"`
}

// DefaultConfigPath is where the config file lives unless --config says
// otherwise.
func DefaultConfigPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "alivpc", "config.yaml")
}

// LoadConfig reads path. A missing file is an empty config; a malformed
// one is an error naming the file and what is wrong.
func LoadConfig(path string) (Config, error) {
	var c Config
	if path == "" {
		return c, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return c, fmt.Errorf("config %s: %v", path, err)
	}
	if c.Refresh != "" {
		if _, err := c.RefreshInterval(); err != nil {
			return c, fmt.Errorf("config %s: %v", path, err)
		}
	}
	return c, nil
}

// RefreshInterval parses Refresh ("10s", "1m").
func (c Config) RefreshInterval() (time.Duration, error) {
	if c.Refresh == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(c.Refresh)
	if err != nil {
		return 0, fmt.Errorf("refresh %q is not a duration like 10s", c.Refresh)
	}
	return d, nil
}
