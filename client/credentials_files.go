package client

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/aliyun/credentials-go/credentials/providers"
)

// The aliyun CLI's config.json and the credentials INI file
// (~/.alibabacloud/credentials): reading them, checking a profile, and the
// source a profile becomes. ResolveCredentials (credentials.go) decides
// which one is used.

// cliProfile is the part of an aliyun CLI profile alivpc reads itself; the
// provider reads the rest.
type cliProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	StsToken        string `json:"sts_token"`
	RoleArn         string `json:"ram_role_arn"`
	SourceProfile   string `json:"source_profile"`
	RegionID        string `json:"region_id"`
	OIDCToken       string `json:"oidc_token"`
	AccessToken     string `json:"access_token"`
	OAuthRefresh    string `json:"oauth_refresh_token"`
	OAuthAccess     string `json:"oauth_access_token"`
}

type cliConfig struct {
	Current  string        `json:"current"`
	Profiles []*cliProfile `json:"profiles"`
}

func (c *cliConfig) find(name string) *cliProfile {
	for _, p := range c.Profiles {
		if p != nil && p.Name == name {
			return p
		}
	}
	return nil
}

// currentName is the profile the CLI uses without --profile.
func (c *cliConfig) currentName() string {
	if c.Current != "" {
		return c.Current
	}
	return "default"
}

func (c *cliConfig) names() []string {
	var out []string
	for _, p := range c.Profiles {
		if p != nil {
			out = append(out, p.Name)
		}
	}
	return out
}

// secrets lists every secret-bearing value in the file, to scrub errors.
func (c *cliConfig) secrets() []string {
	var out []string
	for _, p := range c.Profiles {
		if p != nil {
			out = append(out, p.AccessKeySecret, p.StsToken, p.OIDCToken, p.AccessToken, p.OAuthRefresh, p.OAuthAccess)
		}
	}
	return out
}

// loadCLIConfig reads the aliyun CLI config. A missing file is (nil, note,
// nil); an unreadable or malformed one is an error that never quotes the
// file's content.
func (r *resolver) loadCLIConfig() (*cliConfig, string, error) {
	label := "aliyun CLI config " + r.fileLabel(r.cliPath, r.cliFrom)
	if r.cliPath == "" {
		return nil, label + " (no home directory to look in)", nil
	}
	if strings.EqualFold(r.getenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"), "true") {
		return nil, label + " (disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true)", nil
	}
	data, err := os.ReadFile(r.cliPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, label + " (no such file)", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("reading %s: %s", label, ioProblem(err))
	}
	var cfg cliConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, "", fmt.Errorf("%s is not a valid aliyun CLI config: %s", label, jsonProblem(err))
	}
	return &cfg, label, nil
}

// ioProblem is the cause of a file error without the path, which the
// caller names already.
func ioProblem(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// jsonProblem describes a decoding error by position or field only.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("JSON syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q should be a %s", te.Field, te.Type)
	}
	return "malformed JSON"
}

// cliModes are the modes credentials-go can use, spelled as it requires.
var cliModes = []string{"AK", "StsToken", "RamRoleArn", "EcsRamRole", "OIDC", "ChainableRamRoleArn", "CloudSSO", "OAuth", "External"}

// fromCLIConfig uses the selected profile of the aliyun CLI config.
func (r *resolver) fromCLIConfig() (CredentialSource, string, error) {
	cfg, note, err := r.loadCLIConfig()
	if err != nil || cfg == nil {
		return nil, note, err
	}
	name := r.profile
	if name == "" {
		name = cfg.currentName()
	}
	p := cfg.find(name)
	if p == nil {
		if r.profile != "" {
			// Named by an env var: it may be a credentials-file section.
			if r.iniHas(name) {
				return nil, note + fmt.Sprintf(" (no profile %q; found in the credentials file)", name), nil
			}
			return nil, "", r.unknownProfile(cfg)
		}
		if cfg.Current != "" {
			return nil, "", fmt.Errorf("%s names %q as its current profile but defines only %s; run `aliyun configure --profile NAME`",
				note, cfg.Current, quoteList(cfg.names()))
		}
		return nil, note + fmt.Sprintf(" (no current profile and no %q profile; profiles: %s)", name, quoteList(cfg.names())), nil
	}
	src, err := r.cliSource(cfg, p)
	return src, "", err
}

// cliSource checks a profile and wraps credentials-go's CLI-profile
// provider for it.
func (r *resolver) cliSource(cfg *cliConfig, p *cliProfile) (CredentialSource, error) {
	where := fmt.Sprintf("profile %q in %s", p.Name, r.tilde(r.cliPath))
	if err := checkCLIProfile(cfg, p); err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	prov, err := providers.NewCLIProfileCredentialsProviderBuilder().
		WithProfileFile(r.cliPath).
		WithProfileName(p.Name).
		Build()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	name := fmt.Sprintf("profile %q (%s, %s)", p.Name, r.tilde(r.cliPath), p.Mode)
	return newProviderSource(name, prov, cfg.secrets()), nil
}

// checkCLIProfile catches what credentials-go would report badly or not at
// all; notably its static providers fall back to the process environment
// when a profile's key fields are empty.
func checkCLIProfile(cfg *cliConfig, p *cliProfile) error {
	mode := ""
	for _, m := range cliModes {
		if p.Mode == m {
			mode = m
		} else if strings.EqualFold(p.Mode, m) {
			return fmt.Errorf("mode %q must be spelled %q", p.Mode, m)
		}
	}
	if mode == "" {
		if p.Mode == "" {
			return errors.New("the profile has no mode; run `aliyun configure` to set it up")
		}
		return fmt.Errorf("mode %q is not supported by alivpc; use one of %s", p.Mode, strings.Join(cliModes, ", "))
	}
	need := map[string][]string{
		"AK":                  {"access_key_id", "access_key_secret"},
		"StsToken":            {"access_key_id", "access_key_secret", "sts_token"},
		"RamRoleArn":          {"access_key_id", "access_key_secret", "ram_role_arn"},
		"ChainableRamRoleArn": {"source_profile", "ram_role_arn"},
	}[mode]
	have := map[string]string{
		"access_key_id": p.AccessKeyID, "access_key_secret": p.AccessKeySecret, "sts_token": p.StsToken,
		"ram_role_arn": p.RoleArn, "source_profile": p.SourceProfile,
	}
	var missing []string
	for _, f := range need {
		if strings.TrimSpace(have[f]) == "" {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("mode %s needs %s, which is empty", mode, strings.Join(missing, " and "))
	}
	if mode == "ChainableRamRoleArn" && cfg.find(p.SourceProfile) == nil {
		return fmt.Errorf("source_profile %q does not exist", p.SourceProfile)
	}
	return nil
}

// iniFile is the credentials file as read: exists is false when there is no
// file, order lists its section names.
type iniFile struct {
	exists   bool
	sections map[string]map[string]string
	order    []string
}

func (r *resolver) loadINI() (iniFile, error) {
	if r.iniPath == "" {
		return iniFile{}, nil
	}
	data, err := os.ReadFile(r.iniPath)
	if errors.Is(err, fs.ErrNotExist) {
		return iniFile{}, nil
	}
	if err != nil {
		return iniFile{}, fmt.Errorf("reading credentials file %s: %s", r.fileLabel(r.iniPath, r.iniFrom), ioProblem(err))
	}
	sections, order := parseINI(data)
	return iniFile{exists: true, sections: sections, order: order}, nil
}

func (r *resolver) iniHas(section string) bool {
	f, err := r.loadINI()
	return err == nil && f.sections[section] != nil
}

// parseINI reads the small INI dialect of ~/.alibabacloud/credentials:
// [section] headers, key = value (or key: value), ; and # comments, optional
// quotes. It never fails, so it never echoes a malformed line.
func parseINI(data []byte) (map[string]map[string]string, []string) {
	sections := map[string]map[string]string{}
	var order []string
	var cur map[string]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == ';' || line[0] == '#':
		case line[0] == '[' && strings.HasSuffix(line, "]"):
			name := strings.TrimSpace(line[1 : len(line)-1])
			if sections[name] == nil {
				sections[name] = map[string]string{}
				order = append(order, name)
			}
			cur = sections[name]
		case cur != nil:
			i := strings.IndexAny(line, "=:")
			if i < 0 {
				continue
			}
			k := strings.TrimSpace(line[:i])
			v := strings.TrimSpace(line[i+1:])
			if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
				v = v[1 : len(v)-1]
			}
			cur[k] = v
		}
	}
	return sections, order
}

// fromINI uses a section of the credentials file.
func (r *resolver) fromINI() (CredentialSource, string, error) {
	label := "credentials file " + r.fileLabel(r.iniPath, r.iniFrom)
	if r.iniPath == "" {
		return nil, label + " (no home directory to look in)", nil
	}
	name := r.profile
	if name == "" {
		name = "default"
	}
	f, err := r.loadINI()
	if err != nil {
		return nil, "", err
	}
	sec := f.sections[name]
	if sec == nil && r.profile != "" {
		cfg, _, err := r.loadCLIConfig()
		if err != nil {
			return nil, "", err
		}
		return nil, "", r.unknownProfile(cfg)
	}
	if !f.exists {
		return nil, label + " (no such file)", nil
	}
	if sec == nil {
		return nil, label + fmt.Sprintf(" (no [%s] section; sections: %s)", name, quoteList(f.order)), nil
	}
	src, err := r.iniSource(name, sec)
	return src, "", err
}

func (r *resolver) iniSource(name string, sec map[string]string) (CredentialSource, error) {
	where := fmt.Sprintf("profile %q in %s", name, r.tilde(r.iniPath))
	typ := sec["type"]
	need := map[string][]string{
		"access_key":   {"access_key_id", "access_key_secret"},
		"ecs_ram_role": {"role_name"},
		"ram_role_arn": {"access_key_id", "access_key_secret", "role_arn", "role_session_name"},
	}
	fields, ok := need[typ]
	if !ok {
		return nil, fmt.Errorf("%s: type %q is not supported; use access_key, ecs_ram_role or ram_role_arn", where, typ)
	}
	var missing []string
	for _, f := range fields {
		if sec[f] == "" {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: type %s needs %s, which is empty", where, typ, strings.Join(missing, " and "))
	}
	label := fmt.Sprintf("profile %q (%s, %s)", name, r.tilde(r.iniPath), typ)
	secrets := []string{sec["access_key_secret"]}
	var (
		p   providers.CredentialsProvider
		err error
	)
	switch typ {
	case "access_key":
		// Fields are checked non-empty above, so credentials-go cannot fall
		// back to the process environment.
		return newStaticSource(Credentials{AccessKeyID: sec["access_key_id"], AccessKeySecret: sec["access_key_secret"], Source: label}), nil
	case "ecs_ram_role":
		p, err = r.ecsProvider(sec["role_name"])
	case "ram_role_arn":
		var prev providers.CredentialsProvider
		prev, err = providers.NewStaticAKCredentialsProviderBuilder().
			WithAccessKeyId(sec["access_key_id"]).WithAccessKeySecret(sec["access_key_secret"]).Build()
		if err == nil {
			p, err = providers.NewRAMRoleARNCredentialsProviderBuilder().
				WithCredentialsProvider(prev).
				WithRoleArn(sec["role_arn"]).
				WithRoleSessionName(sec["role_session_name"]).
				WithPolicy(sec["policy"]).
				WithDurationSeconds(3600).
				Build()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	return newProviderSource(label, p, secrets), nil
}
