package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/alivpc/alivpc/theme"
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
// one is an error naming the file, the line and the key in the words of
// the file (never a Go type), and what is valid there.
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
	if err := c.parse(b); err != nil {
		return Config{}, fmt.Errorf("config %s: %v", path, err)
	}
	return c, nil
}

// configKeys are the config file's keys, in the order the messages list
// them.
var configKeys = []string{"refresh", "skin", "region", "readOnly", "keys"}

// parse fills c from the YAML document b, checking every key and value.
func (c *Config) parse(b []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil // an empty file
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: expected keys (%s), one per line as key: value", root.Line, strings.Join(configKeys, ", "))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		at := fmt.Sprintf("line %d: ", k.Line)
		if seen[k.Value] {
			return fmt.Errorf("%s%s is set twice", at, k.Value)
		}
		seen[k.Value] = true
		var err error
		switch k.Value {
		case "refresh":
			if c.Refresh, err = scalar(v, "a duration like 10s"); err == nil {
				_, err = c.RefreshInterval()
			}
		case "skin":
			if c.Skin, err = scalar(v, "one of "+strings.Join(theme.Names(), ", ")); err == nil {
				_, err = theme.Lookup(c.Skin)
			}
		case "region":
			c.Region, err = scalar(v, "a region ID like cn-hangzhou")
			if err == nil && c.Region != "" && !regionRe.MatchString(c.Region) {
				err = fmt.Errorf("%q is not a region ID like cn-hangzhou", c.Region)
			}
		case "readOnly":
			var s string
			if s, err = scalar(v, "true or false"); err == nil {
				// YAML 1.1's yes/no and on/off as well, as before.
				switch strings.ToLower(s) {
				case "true", "yes", "on":
					c.ReadOnly = true
				case "false", "no", "off":
					c.ReadOnly = false
				default:
					err = fmt.Errorf("%q: give true or false", s)
				}
			}
		case "keys":
			c.Keys, err = keyBindings(v)
		default:
			msg := fmt.Sprintf("unknown key %q; valid: %s", k.Value, strings.Join(configKeys, ", "))
			for _, name := range configKeys {
				if strings.EqualFold(name, k.Value) {
					msg += fmt.Sprintf(" (did you mean %s?)", name)
				}
			}
			return errors.New(at + msg)
		}
		if err != nil {
			return fmt.Errorf("%s%s: %v", at, k.Value, err)
		}
	}
	if len(c.Keys) > 0 {
		if _, err := NewKeyMap(c.Keys, c.ReadOnly); err != nil {
			return err
		}
	}
	return nil
}

// scalar is v's text, or an error saying what belongs there.
func scalar(v *yaml.Node, want string) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", fmt.Errorf("give %s", want)
	}
	return v.Value, nil
}

// keyBindings reads `keys:` — action: [keys] (or action: key).
func keyBindings(v *yaml.Node) (map[string][]string, error) {
	const want = "give action: [keys] pairs, e.g. delete: [ctrl+x]"
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, errors.New(want)
	}
	out := map[string][]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		name, keys := v.Content[i], v.Content[i+1]
		var list []string
		switch keys.Kind {
		case yaml.ScalarNode:
			if keys.Tag != "!!null" {
				list = []string{keys.Value}
			}
		case yaml.SequenceNode:
			for _, k := range keys.Content {
				if k.Kind != yaml.ScalarNode {
					return nil, fmt.Errorf("%s (line %d): list keys like [ctrl+x, x]", name.Value, k.Line)
				}
				list = append(list, k.Value)
			}
		default:
			return nil, fmt.Errorf("%s (line %d): list keys like [ctrl+x, x]", name.Value, keys.Line)
		}
		out[name.Value] = list
	}
	return out, nil
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
