package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/aliyun/credentials-go/credentials/providers"
)

// Credentials is one set of keys. Every way of printing it (String,
// GoString, any fmt verb, JSON, slog) shows only a masked AccessKey ID and
// the source, never the secret or the token.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string // set for STS credentials
	Source          string // where they came from, e.g. "env ALIBABA_CLOUD_ACCESS_KEY_ID"
}

// IsSTS reports whether these are temporary STS credentials.
func (c Credentials) IsSTS() bool { return c.SecurityToken != "" }

// String is e.g. "LTAI****abcd (source: env ALIBABA_CLOUD_ACCESS_KEY_ID, STS)".
func (c Credentials) String() string {
	src := c.Source
	if src == "" {
		src = "unknown"
	}
	if c.IsSTS() {
		src += ", STS"
	}
	return MaskAccessKeyID(c.AccessKeyID) + " (source: " + src + ")"
}

// GoString keeps %#v as safe as %v.
func (c Credentials) GoString() string { return "client.Credentials{" + c.String() + "}" }

// Format makes every fmt verb (%v %+v %#v %s %q %x ...) print the masked form.
func (c Credentials) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", c.String())
	case 'v':
		if f.Flag('#') {
			io.WriteString(f, c.GoString())
			return
		}
		io.WriteString(f, c.String())
	default:
		io.WriteString(f, c.String())
	}
}

// MarshalJSON writes the masked form, so a debug dump cannot leak the keys.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		AccessKeyID string
		Source      string
		STS         bool
	}{MaskAccessKeyID(c.AccessKeyID), c.Source, c.IsSTS()})
}

// LogValue makes slog print the masked form.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// MaskAccessKeyID keeps the first and last four characters of a long ID
// ("LTAI****abcd") and hides short ones entirely.
func MaskAccessKeyID(id string) string {
	if len(id) < 12 {
		return "****"
	}
	return id[:4] + "****" + id[len(id)-4:]
}

// CredentialSource yields current credentials (STS ones refresh); safe for
// concurrent use.
type CredentialSource interface {
	Credentials(ctx context.Context) (Credentials, error)
	Name() string
}

// StaticCredentials is a source that always returns the given keys.
func StaticCredentials(ak, secret, token string) CredentialSource {
	return newStaticSource(Credentials{AccessKeyID: ak, AccessKeySecret: secret, SecurityToken: token, Source: "static"})
}

// staticSource keeps its keys inside a closure: fmt's reflection, which
// walks unexported fields of an enclosing struct, cannot print a func.
type staticSource struct {
	name string
	get  func() Credentials
}

func newStaticSource(c Credentials) staticSource {
	return staticSource{name: c.Source, get: func() Credentials { return c }}
}

func (s staticSource) Name() string { return s.name }

func (s staticSource) Credentials(ctx context.Context) (Credentials, error) {
	if err := ctx.Err(); err != nil {
		return Credentials{}, err
	}
	c := s.get()
	if c.AccessKeyID == "" || c.AccessKeySecret == "" {
		return Credentials{}, fmt.Errorf("credentials from %s lack an AccessKey ID or secret", s.name)
	}
	return c, nil
}

// Format prints the name for every fmt verb.
func (s staticSource) Format(f fmt.State, _ rune) { io.WriteString(f, s.name) }

// providerSource adapts a credentials-go provider, which may do network I/O
// lazily and is not safe for concurrent use: calls are serialized, run off
// the caller's goroutine so ctx is honoured, and their errors are scrubbed.
type providerSource struct {
	name string
	p    providers.CredentialsProvider
	sem  chan struct{}
	// scrub removes known secrets from provider errors; a closure so that
	// reflection-based printing cannot reach the strings it holds.
	scrub func(string) string
}

func newProviderSource(name string, p providers.CredentialsProvider, secrets []string) *providerSource {
	return &providerSource{name: name, p: p, sem: make(chan struct{}, 1), scrub: scrubber(secrets)}
}

func (s *providerSource) Name() string { return s.name }

// Format keeps provider internals (which hold keys) out of every fmt verb.
func (s *providerSource) Format(f fmt.State, _ rune) { io.WriteString(f, s.name) }

type fetched struct {
	cc  *providers.Credentials
	err error
}

func (s *providerSource) Credentials(ctx context.Context) (Credentials, error) {
	if err := ctx.Err(); err != nil {
		return Credentials{}, fmt.Errorf("credentials from %s: %w", s.name, err)
	}
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return Credentials{}, fmt.Errorf("credentials from %s: %w", s.name, ctx.Err())
	}
	ch := make(chan fetched, 1)
	go func() {
		defer func() { <-s.sem }()
		defer func() {
			// A provider panics on some malformed answers (e.g. metadata
			// JSON without Code); the panic value is not shown.
			if recover() != nil {
				ch <- fetched{err: errors.New("the credential provider failed on an unexpected answer")}
			}
		}()
		cc, err := s.p.GetCredentials()
		ch <- fetched{cc: cc, err: err}
	}()
	var r fetched
	select {
	case r = <-ch:
	case <-ctx.Done():
		return Credentials{}, fmt.Errorf("credentials from %s: %w", s.name, ctx.Err())
	}
	if r.err != nil {
		return Credentials{}, fmt.Errorf("credentials from %s: %s", s.name, s.scrub(r.err.Error()))
	}
	if r.cc == nil || r.cc.AccessKeyId == "" || r.cc.AccessKeySecret == "" {
		return Credentials{}, fmt.Errorf("credentials from %s: the provider returned no AccessKey", s.name)
	}
	return Credentials{
		AccessKeyID:     r.cc.AccessKeyId,
		AccessKeySecret: r.cc.AccessKeySecret,
		SecurityToken:   r.cc.SecurityToken,
		Source:          s.name,
	}, nil
}

// scrubber removes known secrets from a provider's error text.
// credentials-go quotes the whole CLI config file when it fails to parse it,
// so that message is replaced outright.
func scrubber(secrets []string) func(string) string {
	var keep []string
	for _, sec := range secrets {
		if len(sec) >= 4 {
			keep = append(keep, sec)
		}
	}
	return func(msg string) string {
		if strings.Contains(msg, "unmarshal aliyun cli config") {
			return "the aliyun CLI config file is not valid JSON"
		}
		for _, sec := range keep {
			msg = strings.ReplaceAll(msg, sec, "****")
		}
		return msg
	}
}

// CredentialOptions say where ResolveCredentials and ResolveRegion look.
type CredentialOptions struct {
	// Profile is --profile; else ALIBABA_CLOUD_PROFILE / ALIBABACLOUD_PROFILE /
	// ALICLOUD_PROFILE; else the CLI config's current profile; else "default".
	Profile string
	Getenv  func(string) string // nil = os.Getenv (tests inject)
	HomeDir string              // "" = os.UserHomeDir (tests inject)

	// metadataURL replaces http://100.100.100.200 for the ECS probe (tests).
	metadataURL string
	// metadataTimeout bounds the ECS probe; 0 means defaultMetadataProbe.
	metadataTimeout time.Duration
}

const (
	defaultMetadataURL   = "http://100.100.100.200"
	defaultMetadataProbe = time.Second
)

// The prefixes the aliyun CLI accepts for its environment variables, in the
// order alivpc tries them.
var envPrefixes = []string{"ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_"}

func envNames(suffix string) []string {
	out := make([]string, len(envPrefixes))
	for i, p := range envPrefixes {
		out[i] = p + suffix
	}
	return out
}

// regionEnv is where ResolveRegion looks after --region.
var regionEnv = append(envNames("REGION_ID"), "REGION_ID")

// ResolveCredentials finds credentials, in this order: an explicit --profile
// (the CLI config, then the credentials file; a missing one is an error);
// the access-key environment variables; OIDC role variables; the aliyun CLI
// config (~/.aliyun/config.json or ALIBABA_CLOUD_CONFIG_FILE); the
// credentials file (~/.alibabacloud/credentials or
// ALIBABA_CLOUD_CREDENTIALS_FILE); ALIBABA_CLOUD_CREDENTIALS_URI; and last
// the ECS instance RAM role, probed with a short timeout unless
// ALIBABA_CLOUD_ECS_METADATA_DISABLED=true. It reads only local files and
// the environment, except for that final probe; network-backed sources
// (RAM role, OIDC, ECS) fetch on first use. When nothing is found the error
// is a *NoCredentialsError naming every place looked at.
func ResolveCredentials(opts CredentialOptions) (CredentialSource, error) {
	r := newResolver(opts)
	if r.profileFrom == "--profile" {
		return r.explicitProfile()
	}
	var checked []string
	steps := []func() (CredentialSource, string, error){r.fromEnv, r.fromOIDC, r.fromCLIConfig, r.fromINI, r.fromURI, r.fromECS}
	for _, step := range steps {
		src, note, err := step()
		if err != nil || src != nil {
			return src, err
		}
		checked = append(checked, note)
	}
	return nil, &NoCredentialsError{Checked: checked}
}

// NoCredentialsError says that no source had credentials, and where alivpc
// looked.
type NoCredentialsError struct {
	Checked []string // one line per place, with what was found there
}

func (e *NoCredentialsError) Error() string {
	var b strings.Builder
	b.WriteString("no Alibaba Cloud credentials found. Looked at:\n")
	for _, c := range e.Checked {
		b.WriteString("  - " + c + "\n")
	}
	b.WriteString("Fix it with one of:\n")
	b.WriteString("  - run `aliyun configure` to create a profile in ~/.aliyun/config.json\n")
	b.WriteString("  - export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus ALIBABA_CLOUD_SECURITY_TOKEN for STS)\n")
	b.WriteString("  - run `alivpc --sim` to try the built-in simulator without an account")
	return b.String()
}

// ResolveRegion picks the region: the --region flag, then
// ALIBABA_CLOUD_REGION_ID / ALIBABACLOUD_REGION_ID / ALICLOUD_REGION_ID /
// REGION_ID, then region_id of the selected aliyun CLI profile. source says
// which one won.
func ResolveRegion(flag string, opts CredentialOptions) (region, source string, err error) {
	check := func(v, src string) (string, string, error) {
		if err := CheckRegionID(v); err != nil {
			return "", "", fmt.Errorf("region from %s: %w", src, err)
		}
		return v, src, nil
	}
	if v := strings.TrimSpace(flag); v != "" {
		return check(v, "--region")
	}
	r := newResolver(opts)
	if name, v := r.firstEnv(regionEnv...); v != "" {
		return check(v, "env "+name)
	}
	cfg, cfgNote, err := r.loadCLIConfig()
	if err != nil {
		return "", "", err
	}
	name := r.profile
	var p *cliProfile
	if cfg != nil {
		if name == "" {
			name = cfg.currentName()
		}
		p = cfg.find(name)
	}
	var profileNote string
	switch {
	case p != nil && strings.TrimSpace(p.RegionID) != "":
		return check(strings.TrimSpace(p.RegionID), fmt.Sprintf("profile %q (%s)", name, r.tilde(r.cliPath)))
	case p != nil:
		profileNote = fmt.Sprintf("profile %q in %s (no region_id)", name, r.tilde(r.cliPath))
	case r.profile != "" && !r.iniHas(r.profile):
		return "", "", r.unknownProfile(cfg)
	case r.profile != "":
		profileNote = fmt.Sprintf("profile %q in %s (that file holds no region)", name, r.tilde(r.iniPath))
	case cfg != nil:
		profileNote = fmt.Sprintf("%s (no profile %q)", cfgNote, name)
	default:
		profileNote = cfgNote
	}
	return "", "", fmt.Errorf("no region given. Looked at:\n  - the --region flag (not given)\n  - env %s (not set)\n  - %s\n"+
		"Pass --region (e.g. --region cn-hangzhou), export ALIBABA_CLOUD_REGION_ID, or set a region with `aliyun configure`",
		strings.Join(regionEnv, ", "), profileNote)
}

// resolver holds one resolution's view of the environment and files.
type resolver struct {
	getenv          func(string) string
	home            string
	cliPath         string
	cliFrom         string // the env var that set cliPath, or ""
	iniPath         string
	iniFrom         string
	profile         string // the selected profile name, "" for the file's current
	profileFrom     string // "--profile" or the env var that named it
	metadataURL     string
	metadataTimeout time.Duration
}

func newResolver(opts CredentialOptions) *resolver {
	r := &resolver{getenv: opts.Getenv, home: opts.HomeDir, metadataURL: opts.metadataURL, metadataTimeout: opts.metadataTimeout}
	if r.getenv == nil {
		r.getenv = os.Getenv
	}
	if r.home == "" {
		if h, err := os.UserHomeDir(); err == nil {
			r.home = h
		}
	}
	if r.metadataURL == "" {
		r.metadataURL = defaultMetadataURL
	}
	if r.metadataTimeout <= 0 {
		r.metadataTimeout = defaultMetadataProbe
	}
	r.cliPath, r.cliFrom = r.pathFrom("ALIBABA_CLOUD_CONFIG_FILE", ".aliyun", "config.json")
	r.iniPath, r.iniFrom = r.pathFrom("ALIBABA_CLOUD_CREDENTIALS_FILE", ".alibabacloud", "credentials")
	if p := strings.TrimSpace(opts.Profile); p != "" {
		r.profile, r.profileFrom = p, "--profile"
	} else if name, v := r.firstEnv(envNames("PROFILE")...); v != "" {
		r.profile, r.profileFrom = v, name
	}
	return r
}

func (r *resolver) pathFrom(env string, parts ...string) (path, from string) {
	if v := strings.TrimSpace(r.getenv(env)); v != "" {
		return v, env
	}
	if r.home == "" {
		return "", ""
	}
	return filepath.Join(append([]string{r.home}, parts...)...), ""
}

// firstEnv returns the first of names that is set, and its value.
func (r *resolver) firstEnv(names ...string) (name, value string) {
	for _, n := range names {
		if v := strings.TrimSpace(r.getenv(n)); v != "" {
			return n, v
		}
	}
	return "", ""
}

// tilde shortens a path under the home directory for messages.
func (r *resolver) tilde(p string) string {
	if p == "" {
		return "(home directory unknown)"
	}
	if r.home != "" {
		if rel, err := filepath.Rel(r.home, p); err == nil && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
			return filepath.Join("~", rel)
		}
	}
	return p
}

func (r *resolver) fileLabel(path, from string) string {
	s := r.tilde(path)
	if from != "" {
		s += " (from " + from + ")"
	}
	return s
}

// fromEnv reads ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET[/SECURITY_TOKEN] and the
// ALIBABACLOUD_ and ALICLOUD_ spellings; the first prefix with an ID wins and
// its secret must be set too.
func (r *resolver) fromEnv() (CredentialSource, string, error) {
	for _, p := range envPrefixes {
		id := strings.TrimSpace(r.getenv(p + "ACCESS_KEY_ID"))
		if id == "" {
			continue
		}
		secret := strings.TrimSpace(r.getenv(p + "ACCESS_KEY_SECRET"))
		if secret == "" {
			return nil, "", fmt.Errorf("%sACCESS_KEY_ID is set but %sACCESS_KEY_SECRET is not: export both, or unset the ID", p, p)
		}
		token := strings.TrimSpace(r.getenv(p + "SECURITY_TOKEN"))
		return newStaticSource(Credentials{AccessKeyID: id, AccessKeySecret: secret, SecurityToken: token, Source: "env " + p + "ACCESS_KEY_ID"}), "", nil
	}
	var pairs []string
	for _, p := range envPrefixes {
		pairs = append(pairs, p+"ACCESS_KEY_ID/"+p+"ACCESS_KEY_SECRET")
	}
	return nil, "env " + strings.Join(pairs, ", ") + " (not set)", nil
}

var oidcEnv = []string{"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"}

// fromOIDC uses the RRSA variables an ACK pod gets.
func (r *resolver) fromOIDC() (CredentialSource, string, error) {
	var set, missing []string
	for _, n := range oidcEnv {
		if strings.TrimSpace(r.getenv(n)) != "" {
			set = append(set, n)
		} else {
			missing = append(missing, n)
		}
	}
	if len(set) == 0 {
		return nil, "env " + strings.Join(oidcEnv, " + ") + " for an OIDC role (not set)", nil
	}
	if len(missing) > 0 {
		return nil, "", fmt.Errorf("OIDC role credentials need %s, but %s is not set", strings.Join(oidcEnv, ", "), strings.Join(missing, " and "))
	}
	b := providers.NewOIDCCredentialsProviderBuilder().
		WithRoleArn(r.getenv("ALIBABA_CLOUD_ROLE_ARN")).
		WithOIDCProviderARN(r.getenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN")).
		WithOIDCTokenFilePath(r.getenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE"))
	if v := strings.TrimSpace(r.getenv("ALIBABA_CLOUD_ROLE_SESSION_NAME")); v != "" {
		b = b.WithRoleSessionName(v)
	}
	if v := strings.TrimSpace(r.getenv("ALIBABA_CLOUD_STS_REGION")); v != "" {
		b = b.WithStsRegionId(v)
	}
	p, err := b.Build()
	if err != nil {
		return nil, "", fmt.Errorf("OIDC role credentials from env: %v", err)
	}
	return newProviderSource("OIDC role (env ALIBABA_CLOUD_ROLE_ARN)", p, nil), "", nil
}

// fromURI uses ALIBABA_CLOUD_CREDENTIALS_URI.
func (r *resolver) fromURI() (CredentialSource, string, error) {
	v := strings.TrimSpace(r.getenv("ALIBABA_CLOUD_CREDENTIALS_URI"))
	if v == "" {
		return nil, "env ALIBABA_CLOUD_CREDENTIALS_URI (not set)", nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, "", errors.New("ALIBABA_CLOUD_CREDENTIALS_URI is not an http or https URL")
	}
	p, err := providers.NewURLCredentialsProviderBuilder().WithUrl(v).Build()
	if err != nil {
		return nil, "", fmt.Errorf("ALIBABA_CLOUD_CREDENTIALS_URI: %v", err)
	}
	return newProviderSource("credentials URI (env ALIBABA_CLOUD_CREDENTIALS_URI)", p, nil), "", nil
}

// fromECS is the last resort: an instance RAM role from the metadata
// service, probed briefly so a laptop does not wait on it.
func (r *resolver) fromECS() (CredentialSource, string, error) {
	label := "ECS instance RAM role via metadata " + r.metadataURL
	if strings.EqualFold(strings.TrimSpace(r.getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED")), "true") {
		return nil, label + " (not tried: ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)", nil
	}
	role := strings.TrimSpace(r.getenv("ALIBABA_CLOUD_ECS_METADATA"))
	if role == "" {
		ctx, cancel := context.WithTimeout(context.Background(), r.metadataTimeout)
		defer cancel()
		if err := probeMetadata(ctx, r.metadataURL, r.imdsV1Disabled()); err != nil {
			return nil, label + fmt.Sprintf(" (probed with a %s limit: %v)", r.metadataTimeout, err), nil
		}
	}
	p, err := r.ecsProvider(role)
	if err != nil {
		return nil, label + fmt.Sprintf(" (%v)", err), nil
	}
	name := "ECS instance RAM role"
	if role != "" {
		name += fmt.Sprintf(" %q", role)
	}
	return newProviderSource(name, p, nil), "", nil
}

func (r *resolver) imdsV1Disabled() bool {
	return strings.EqualFold(strings.TrimSpace(r.getenv("ALIBABA_CLOUD_IMDSV1_DISABLED")), "true")
}

func (r *resolver) ecsProvider(role string) (providers.CredentialsProvider, error) {
	return providers.NewECSRAMRoleCredentialsProviderBuilder().
		WithRoleName(role).
		WithDisableIMDSv1(r.imdsV1Disabled()).
		WithHttpOptions(&providers.HttpOptions{ConnectTimeout: 1000, ReadTimeout: 1000}).
		Build()
}

// probeMetadata succeeds when a metadata service answers and lists a RAM
// role: IMDSv2 token first, then the role list with or without it.
func probeMetadata(ctx context.Context, base string, v1Disabled bool) error {
	// No proxy: the metadata address is link-local to the instance.
	tr := &http.Transport{Proxy: nil, DialContext: (&net.Dialer{}).DialContext}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	do := func(method, path string, hdr map[string]string) (int, string, error) {
		req, err := http.NewRequestWithContext(ctx, method, base+path, nil)
		if err != nil {
			return 0, "", err
		}
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := hc.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return resp.StatusCode, strings.TrimSpace(string(body)), err
	}
	status, token, err := do(http.MethodPut, "/latest/api/token", map[string]string{"X-aliyun-ecs-metadata-token-ttl-seconds": "60"})
	if err != nil {
		return errors.New("no answer")
	}
	hdr := map[string]string{}
	if status == http.StatusOK && token != "" {
		hdr["X-aliyun-ecs-metadata-token"] = token
	} else if v1Disabled {
		return fmt.Errorf("metadata token refused (HTTP %d) and IMDSv1 is disabled", status)
	}
	status, roles, err := do(http.MethodGet, "/latest/meta-data/ram/security-credentials/", hdr)
	switch {
	case err != nil:
		return errors.New("no answer")
	case status != http.StatusOK || roles == "":
		return fmt.Errorf("no RAM role attached to this instance (HTTP %d)", status)
	}
	return nil
}

// explicitProfile serves --profile: the CLI config first, then the
// credentials file; a name in neither is an error.
func (r *resolver) explicitProfile() (CredentialSource, error) {
	cfg, _, err := r.loadCLIConfig()
	if err != nil {
		return nil, err
	}
	if cfg != nil {
		if p := cfg.find(r.profile); p != nil {
			return r.cliSource(cfg, p)
		}
	}
	f, err := r.loadINI()
	if err != nil {
		return nil, err
	}
	if sec := f.sections[r.profile]; sec != nil {
		return r.iniSource(r.profile, sec)
	}
	return nil, r.unknownProfile(cfg)
}

// unknownProfile names both files and the profiles that do exist.
func (r *resolver) unknownProfile(cfg *cliConfig) error {
	cliPart := "does not exist"
	if cfg != nil {
		cliPart = "has profiles " + quoteList(cfg.names())
	}
	iniPart := "does not exist"
	if f, err := r.loadINI(); err == nil && f.exists {
		iniPart = "has profiles " + quoteList(f.order)
	}
	return fmt.Errorf("profile %q (from %s) not found: %s %s; %s %s. Create it with `aliyun configure --profile %s` or pick an existing one",
		r.profile, r.profileFrom, r.fileLabel(r.cliPath, r.cliFrom), cliPart, r.fileLabel(r.iniPath, r.iniFrom), iniPart, r.profile)
}

func quoteList(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	s := append([]string(nil), names...)
	sort.Strings(s)
	for i, n := range s {
		s[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(s, ", ")
}
