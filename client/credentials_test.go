package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aliyun/credentials-go/credentials/providers"
)

// Every secret and token in these tests contains one of these markers, so
// a leak anywhere shows up as a substring.
const (
	secretMark = "S3cr3t"
	tokenMark  = "T0k3n"
)

// assertNoSecret fails if s shows any secret or token.
func assertNoSecret(t *testing.T, what, s string) {
	t.Helper()
	if strings.Contains(s, secretMark) || strings.Contains(s, tokenMark) {
		t.Fatalf("%s leaks a secret: %s", what, s)
	}
}

// testEnv is an injected environment. ECS metadata is off unless a test
// removes the key.
type testEnv map[string]string

func (e testEnv) get(k string) string { return e[k] }

func newEnv(kv ...string) testEnv {
	e := testEnv{"ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"}
	for i := 0; i+1 < len(kv); i += 2 {
		e[kv[i]] = kv[i+1]
	}
	return e
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// cliConfig writes ~/.aliyun/config.json under home.
func writeCLIConfig(t *testing.T, home, current string, profiles ...map[string]any) string {
	t.Helper()
	data, err := json.Marshal(map[string]any{"current": current, "profiles": profiles, "meta_path": ""})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(home, ".aliyun", "config.json")
	writeFile(t, path, string(data))
	return path
}

func akProfile(name, region string) map[string]any {
	return map[string]any{
		"name": name, "mode": "AK", "access_key_id": "FAKE" + name + "KeyId0001",
		"access_key_secret": secretMark + "-" + name, "region_id": region, "output_format": "json", "language": "en",
	}
}

func mustResolve(t *testing.T, opts CredentialOptions) Credentials {
	t.Helper()
	src, err := ResolveCredentials(opts)
	if err != nil {
		assertNoSecret(t, "error", err.Error())
		t.Fatalf("ResolveCredentials: %v", err)
	}
	c, err := src.Credentials(context.Background())
	if err != nil {
		assertNoSecret(t, "error", err.Error())
		t.Fatalf("Credentials(): %v", err)
	}
	if c.Source != src.Name() {
		t.Errorf("Credentials.Source = %q, source Name() = %q", c.Source, src.Name())
	}
	return c
}

func mustFail(t *testing.T, opts CredentialOptions) error {
	t.Helper()
	src, err := ResolveCredentials(opts)
	if err == nil {
		t.Fatalf("ResolveCredentials found %s, want an error", src.Name())
	}
	assertNoSecret(t, "error", err.Error())
	return err
}

func wantAll(t *testing.T, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("message lacks %q:\n%s", p, s)
		}
	}
}

func TestEnvCredentials(t *testing.T) {
	for _, prefix := range []string{"ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_"} {
		for _, token := range []string{"", tokenMark + "-sts"} {
			t.Run(prefix+fmt.Sprint(token != ""), func(t *testing.T) {
				e := newEnv(prefix+"ACCESS_KEY_ID", "FAKEenvKeyId0001", prefix+"ACCESS_KEY_SECRET", secretMark+"-env")
				if token != "" {
					e[prefix+"SECURITY_TOKEN"] = token
				}
				c := mustResolve(t, CredentialOptions{Getenv: e.get, HomeDir: t.TempDir()})
				if c.AccessKeyID != "FAKEenvKeyId0001" || c.AccessKeySecret != secretMark+"-env" || c.SecurityToken != token {
					t.Fatalf("got %s with the wrong keys", c)
				}
				wantAll(t, c.Source, prefix+"ACCESS_KEY_ID")
			})
		}
	}
}

func TestEnvPrefixOrder(t *testing.T) {
	e := newEnv("ALICLOUD_ACCESS_KEY_ID", "FAKEaliKeyId0001", "ALICLOUD_ACCESS_KEY_SECRET", secretMark+"a",
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "FAKEfirstKeyId01", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", secretMark+"b")
	if c := mustResolve(t, CredentialOptions{Getenv: e.get, HomeDir: t.TempDir()}); c.AccessKeyID != "FAKEfirstKeyId01" {
		t.Fatalf("ALIBABA_CLOUD_ should win, got %s", c)
	}
}

func TestEnvIDWithoutSecret(t *testing.T) {
	e := newEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", "FAKEenvKeyId0001")
	err := mustFail(t, CredentialOptions{Getenv: e.get, HomeDir: t.TempDir()})
	wantAll(t, err.Error(), "ALIBABA_CLOUD_ACCESS_KEY_SECRET")
}

func TestEnvBeatsFilesButNotExplicitProfile(t *testing.T) {
	home := t.TempDir()
	writeCLIConfig(t, home, "default", akProfile("default", "cn-beijing"), akProfile("prod", "cn-shanghai"))
	e := newEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", "FAKEenvKeyId0001", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", secretMark+"-env",
		"ALIBABA_CLOUD_PROFILE", "prod")
	if c := mustResolve(t, CredentialOptions{Getenv: e.get, HomeDir: home}); c.AccessKeyID != "FAKEenvKeyId0001" {
		t.Fatalf("env keys should beat the config file (and an env-named profile), got %s", c)
	}
	c := mustResolve(t, CredentialOptions{Profile: "prod", Getenv: e.get, HomeDir: home})
	if c.AccessKeyID != "FAKEprodKeyId0001" || c.AccessKeySecret != secretMark+"-prod" {
		t.Fatalf("--profile should beat env keys, got %s", c)
	}
}

func TestCLIProfileSelection(t *testing.T) {
	home := t.TempDir()
	profiles := []map[string]any{akProfile("default", ""), akProfile("cur", ""), akProfile("flag", ""),
		akProfile("envA", ""), akProfile("envB", ""), akProfile("envC", "")}
	cases := []struct {
		name    string
		current string
		flag    string
		env     []string
		want    string
	}{
		{"flag beats all env", "cur", "flag", []string{"ALIBABA_CLOUD_PROFILE", "envA", "ALIBABACLOUD_PROFILE", "envB", "ALICLOUD_PROFILE", "envC"}, "flag"},
		{"ALIBABA_CLOUD_PROFILE", "cur", "", []string{"ALIBABA_CLOUD_PROFILE", "envA", "ALIBABACLOUD_PROFILE", "envB", "ALICLOUD_PROFILE", "envC"}, "envA"},
		{"ALIBABACLOUD_PROFILE", "cur", "", []string{"ALIBABACLOUD_PROFILE", "envB", "ALICLOUD_PROFILE", "envC"}, "envB"},
		{"ALICLOUD_PROFILE", "cur", "", []string{"ALICLOUD_PROFILE", "envC"}, "envC"},
		{"current", "cur", "", nil, "cur"},
		{"no current means default", "", "", nil, "default"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			writeCLIConfig(t, home, tc.current, profiles...)
			e := newEnv(tc.env...)
			c := mustResolve(t, CredentialOptions{Profile: tc.flag, Getenv: e.get, HomeDir: home})
			if c.AccessKeyID != "FAKE"+tc.want+"KeyId0001" {
				t.Fatalf("picked %s, want profile %q", c, tc.want)
			}
			wantAll(t, c.Source, fmt.Sprintf("%q", tc.want), "AK", filepath.Join("~", ".aliyun", "config.json"))
		})
	}
}

func TestCLIProfileModes(t *testing.T) {
	home := t.TempDir()
	sts := map[string]any{"name": "sts", "mode": "StsToken", "access_key_id": "STS.FAKEstsKeyId01",
		"access_key_secret": secretMark + "-sts", "sts_token": tokenMark + "-sts"}
	writeCLIConfig(t, home, "sts", sts)
	c := mustResolve(t, CredentialOptions{Getenv: newEnv().get, HomeDir: home})
	if c.SecurityToken != tokenMark+"-sts" || !c.IsSTS() || c.AccessKeySecret != secretMark+"-sts" {
		t.Fatalf("StsToken profile gave %s", c)
	}
}

func TestCLIConfigFileFromEnv(t *testing.T) {
	dir := t.TempDir()
	data, _ := json.Marshal(map[string]any{"current": "x", "profiles": []any{akProfile("x", "")}})
	path := filepath.Join(dir, "elsewhere.json")
	writeFile(t, path, string(data))
	c := mustResolve(t, CredentialOptions{Getenv: newEnv("ALIBABA_CLOUD_CONFIG_FILE", path).get, HomeDir: t.TempDir()})
	if c.AccessKeyID != "FAKExKeyId0001" {
		t.Fatalf("got %s", c)
	}
}

func TestRamRoleArnProfileResolvesWithoutNetwork(t *testing.T) {
	home := t.TempDir()
	writeCLIConfig(t, home, "role", map[string]any{"name": "role", "mode": "RamRoleArn", "access_key_id": "FAKEroleKeyId001",
		"access_key_secret": secretMark + "-role", "ram_role_arn": "acs:ram::123:role/x", "ram_session_name": "s"})
	start := time.Now()
	src, err := ResolveCredentials(CredentialOptions{Getenv: newEnv().get, HomeDir: home})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("resolving took %s; the STS call must wait for first use", d)
	}
	wantAll(t, src.Name(), `"role"`, "RamRoleArn")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := src.Credentials(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled context must stop the fetch, got %v", err)
	}
}

func TestCLIProfileProblems(t *testing.T) {
	cases := []struct {
		name    string
		profile map[string]any
		want    []string
	}{
		{"mode case", map[string]any{"name": "p", "mode": "ak", "access_key_id": "FAKEp", "access_key_secret": secretMark}, []string{`"ak"`, `"AK"`}},
		{"unsupported mode", map[string]any{"name": "p", "mode": "RsaKeyPair", "access_key_id": "x", "access_key_secret": secretMark}, []string{"RsaKeyPair", "not supported"}},
		{"no mode", map[string]any{"name": "p", "access_key_id": "x", "access_key_secret": secretMark}, []string{"no mode", "aliyun configure"}},
		{"AK without secret", map[string]any{"name": "p", "mode": "AK", "access_key_id": "FAKEp", "sts_token": tokenMark}, []string{"access_key_secret"}},
		{"STS without token", map[string]any{"name": "p", "mode": "StsToken", "access_key_id": "FAKEp", "access_key_secret": secretMark}, []string{"sts_token"}},
		{"chain to nowhere", map[string]any{"name": "p", "mode": "ChainableRamRoleArn", "source_profile": "gone", "ram_role_arn": "acs:ram::1:role/r"}, []string{`"gone"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			writeCLIConfig(t, home, "p", tc.profile)
			err := mustFail(t, CredentialOptions{Getenv: newEnv().get, HomeDir: home})
			wantAll(t, err.Error(), append(tc.want, `profile "p"`, "config.json")...)
		})
	}
}

func TestMalformedCLIConfigDoesNotEcho(t *testing.T) {
	home := t.TempDir()
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"),
		`{"current":"a","profiles":[{"name":"a","mode":"AK","access_key_secret":"`+secretMark+`-broken" ,,}]}`)
	err := mustFail(t, CredentialOptions{Getenv: newEnv().get, HomeDir: home})
	wantAll(t, err.Error(), "config.json", "byte")
}

func TestUnknownProfile(t *testing.T) {
	home := t.TempDir()
	writeCLIConfig(t, home, "default", akProfile("default", ""), akProfile("dev", ""))
	writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"),
		"[ini-one]\ntype = access_key\naccess_key_id = FAKEini\naccess_key_secret = "+secretMark+"\n")
	for _, tc := range []struct {
		opts CredentialOptions
		from string
	}{
		{CredentialOptions{Profile: "nope", Getenv: newEnv().get, HomeDir: home}, "--profile"},
		{CredentialOptions{Getenv: newEnv("ALICLOUD_PROFILE", "nope").get, HomeDir: home}, "ALICLOUD_PROFILE"},
	} {
		err := mustFail(t, tc.opts)
		wantAll(t, err.Error(), `"nope"`, tc.from, `"default"`, `"dev"`, `"ini-one"`,
			filepath.Join("~", ".aliyun", "config.json"), filepath.Join("~", ".alibabacloud", "credentials"))
		_, _, rerr := ResolveRegion("", tc.opts)
		if rerr == nil || !strings.Contains(rerr.Error(), `"nope"`) {
			t.Errorf("ResolveRegion with an unknown profile: %v", rerr)
		}
	}
	// No files at all.
	err := mustFail(t, CredentialOptions{Profile: "nope", Getenv: newEnv().get, HomeDir: t.TempDir()})
	wantAll(t, err.Error(), `"nope"`, "does not exist")
}

func TestCurrentProfileMissing(t *testing.T) {
	home := t.TempDir()
	writeCLIConfig(t, home, "ghost", akProfile("default", ""))
	err := mustFail(t, CredentialOptions{Getenv: newEnv().get, HomeDir: home})
	wantAll(t, err.Error(), `"ghost"`, `"default"`)
}

func TestINICredentials(t *testing.T) {
	home := t.TempDir()
	ini := `; comment
[default]
type = access_key
access_key_id = FAKEiniDefault01
access_key_secret = "` + secretMark + `-ini"

[other]
type: access_key
access_key_id: FAKEiniOther0001
access_key_secret: ` + secretMark + `-other
`
	writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"), ini)
	c := mustResolve(t, CredentialOptions{Getenv: newEnv().get, HomeDir: home})
	if c.AccessKeyID != "FAKEiniDefault01" || c.AccessKeySecret != secretMark+"-ini" {
		t.Fatalf("default section gave %s", c)
	}
	wantAll(t, c.Source, `"default"`, "credentials", "access_key")
	c = mustResolve(t, CredentialOptions{Profile: "other", Getenv: newEnv().get, HomeDir: home})
	if c.AccessKeyID != "FAKEiniOther0001" || c.AccessKeySecret != secretMark+"-other" {
		t.Fatalf("--profile other gave %s", c)
	}
	c = mustResolve(t, CredentialOptions{Getenv: newEnv("ALIBABA_CLOUD_PROFILE", "other").get, HomeDir: home})
	if c.AccessKeyID != "FAKEiniOther0001" {
		t.Fatalf("ALIBABA_CLOUD_PROFILE=other gave %s", c)
	}
	// The CLI config wins over the credentials file.
	writeCLIConfig(t, home, "default", akProfile("default", ""))
	if c = mustResolve(t, CredentialOptions{Getenv: newEnv().get, HomeDir: home}); c.AccessKeyID != "FAKEdefaultKeyId0001" {
		t.Fatalf("CLI config should come before the credentials file, got %s", c)
	}
}

func TestINIFileFromEnvAndProblems(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "creds.ini")
	writeFile(t, path, "[default]\ntype = access_key\naccess_key_id = FAKEiniEnvFile01\naccess_key_secret = "+secretMark+"\n")
	c := mustResolve(t, CredentialOptions{Getenv: newEnv("ALIBABA_CLOUD_CREDENTIALS_FILE", path).get, HomeDir: t.TempDir()})
	if c.AccessKeyID != "FAKEiniEnvFile01" {
		t.Fatalf("got %s", c)
	}
	for body, want := range map[string]string{
		"[default]\ntype = rsa_key_pair\n":                                  "rsa_key_pair",
		"[default]\ntype = access_key\naccess_key_id = FAKE\n":              "access_key_secret",
		"[default]\ntype = ram_role_arn\naccess_key_secret = " + secretMark: "role_arn",
	} {
		writeFile(t, path, body)
		err := mustFail(t, CredentialOptions{Getenv: newEnv("ALIBABA_CLOUD_CREDENTIALS_FILE", path).get, HomeDir: t.TempDir()})
		wantAll(t, err.Error(), want, "creds.ini")
	}
}

func TestNothingFoundNamesEveryPlace(t *testing.T) {
	home := t.TempDir()
	err := mustFail(t, CredentialOptions{Getenv: newEnv().get, HomeDir: home})
	var nf *NoCredentialsError
	if !errors.As(err, &nf) {
		t.Fatalf("want *NoCredentialsError, got %T", err)
	}
	wantAll(t, err.Error(),
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
		"ALIBABACLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_ID",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_CREDENTIALS_URI",
		filepath.Join("~", ".aliyun", "config.json"), filepath.Join("~", ".alibabacloud", "credentials"),
		"ALIBABA_CLOUD_ECS_METADATA_DISABLED=true", "not tried",
		"aliyun configure", "export ALIBABA_CLOUD_ACCESS_KEY_ID", "alivpc --sim")

	// Paths given through the environment are named as such.
	e := newEnv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(home, "a.json"), "ALIBABA_CLOUD_CREDENTIALS_FILE", filepath.Join(home, "b.ini"))
	err = mustFail(t, CredentialOptions{Getenv: e.get, HomeDir: home})
	wantAll(t, err.Error(), "a.json (from ALIBABA_CLOUD_CONFIG_FILE)", "b.ini (from ALIBABA_CLOUD_CREDENTIALS_FILE)")
}

// metadataServer fakes the ECS metadata service; roles is the role list.
func metadataServer(t *testing.T, roles string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/latest/api/token":
			fmt.Fprint(w, "imds-token")
		case r.URL.Path == "/latest/meta-data/ram/security-credentials/" && roles != "":
			if r.Header.Get("X-aliyun-ecs-metadata-token") != "imds-token" {
				http.Error(w, "no token", http.StatusForbidden)
				return
			}
			fmt.Fprint(w, roles)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestECSMetadataProbe(t *testing.T) {
	// credentials-go reads this from the process environment, not through
	// the injected Getenv: clear it so the probe is tested wherever it runs.
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "")
	noECS := newEnv()
	delete(noECS, "ALIBABA_CLOUD_ECS_METADATA_DISABLED")

	srv := metadataServer(t, "my-role\n")
	src, err := ResolveCredentials(CredentialOptions{Getenv: noECS.get, HomeDir: t.TempDir(), metadataURL: srv.URL})
	if err != nil {
		t.Fatalf("with a metadata service and a role: %v", err)
	}
	wantAll(t, src.Name(), "ECS")

	srv = metadataServer(t, "")
	err = mustFail(t, CredentialOptions{Getenv: noECS.get, HomeDir: t.TempDir(), metadataURL: srv.URL})
	wantAll(t, err.Error(), "no RAM role attached")

	// Nothing listening: the probe gives up quickly and says so.
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	start := time.Now()
	err = mustFail(t, CredentialOptions{Getenv: noECS.get, HomeDir: t.TempDir(), metadataURL: deadURL, metadataTimeout: 300 * time.Millisecond})
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("probe took %s", d)
	}
	wantAll(t, err.Error(), "no answer", deadURL)

	// Configured sources are used without probing at all.
	e := newEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", "FAKEenvKeyId0001", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", secretMark)
	delete(e, "ALIBABA_CLOUD_ECS_METADATA_DISABLED")
	var probed atomic.Bool
	spy := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { probed.Store(true) }))
	defer spy.Close()
	mustResolve(t, CredentialOptions{Getenv: e.get, HomeDir: t.TempDir(), metadataURL: spy.URL})
	if probed.Load() {
		t.Fatal("ECS metadata was probed although env credentials exist")
	}
}

func TestOIDCAndURIFromEnv(t *testing.T) {
	e := newEnv("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p",
		"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/var/run/token")
	src, err := ResolveCredentials(CredentialOptions{Getenv: e.get, HomeDir: t.TempDir()})
	if err != nil || !strings.Contains(src.Name(), "OIDC") {
		t.Fatalf("OIDC env: %v", err)
	}
	err = mustFail(t, CredentialOptions{Getenv: newEnv("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r").get, HomeDir: t.TempDir()})
	wantAll(t, err.Error(), "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE")

	src, err = ResolveCredentials(CredentialOptions{Getenv: newEnv("ALIBABA_CLOUD_CREDENTIALS_URI", "http://127.0.0.1:1/creds").get, HomeDir: t.TempDir()})
	if err != nil || !strings.Contains(src.Name(), "URI") {
		t.Fatalf("credentials URI: %v", err)
	}
	mustFail(t, CredentialOptions{Getenv: newEnv("ALIBABA_CLOUD_CREDENTIALS_URI", "ftp://x").get, HomeDir: t.TempDir()})
}

func TestResolveRegion(t *testing.T) {
	home := t.TempDir()
	writeCLIConfig(t, home, "default", akProfile("default", "cn-beijing"), akProfile("sh", "cn-shanghai"), akProfile("none", ""))
	cases := []struct {
		name, flag, profile string
		env                 []string
		want, wantSrc       string
	}{
		{"flag", "eu-central-1", "", []string{"ALIBABA_CLOUD_REGION_ID", "us-west-1"}, "eu-central-1", "--region"},
		{"ALIBABA_CLOUD_REGION_ID", "", "", []string{"ALIBABA_CLOUD_REGION_ID", "us-west-1", "ALIBABACLOUD_REGION_ID", "ap-south-1", "REGION_ID", "me-east-1"}, "us-west-1", "env ALIBABA_CLOUD_REGION_ID"},
		{"ALIBABACLOUD_REGION_ID", "", "", []string{"ALIBABACLOUD_REGION_ID", "ap-south-1", "ALICLOUD_REGION_ID", "cn-wuhan", "REGION_ID", "me-east-1"}, "ap-south-1", "env ALIBABACLOUD_REGION_ID"},
		{"ALICLOUD_REGION_ID", "", "", []string{"ALICLOUD_REGION_ID", "cn-wuhan", "REGION_ID", "me-east-1"}, "cn-wuhan", "env ALICLOUD_REGION_ID"},
		{"REGION_ID", "", "", []string{"REGION_ID", "me-east-1"}, "me-east-1", "env REGION_ID"},
		{"current profile", "", "", nil, "cn-beijing", `profile "default"`},
		{"--profile", "", "sh", nil, "cn-shanghai", `profile "sh"`},
		{"env profile", "", "", []string{"ALIBABA_CLOUD_PROFILE", "sh"}, "cn-shanghai", `profile "sh"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			region, src, err := ResolveRegion(tc.flag, CredentialOptions{Profile: tc.profile, Getenv: newEnv(tc.env...).get, HomeDir: home})
			if err != nil || region != tc.want || !strings.Contains(src, tc.wantSrc) {
				t.Fatalf("got %q from %q (%v), want %q from %q", region, src, err, tc.want, tc.wantSrc)
			}
		})
	}

	_, _, err := ResolveRegion("", CredentialOptions{Profile: "none", Getenv: newEnv().get, HomeDir: home})
	if err == nil {
		t.Fatal("a profile without region_id and no flag or env must be an error")
	}
	wantAll(t, err.Error(), "--region", "ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID", "ALICLOUD_REGION_ID", "REGION_ID",
		`profile "none"`, "region_id")

	_, _, err = ResolveRegion("", CredentialOptions{Getenv: newEnv().get, HomeDir: t.TempDir()})
	if err == nil {
		t.Fatal("no region anywhere must be an error")
	}
	wantAll(t, err.Error(), "--region", "ALIBABA_CLOUD_REGION_ID", "config.json", "no such file")

	for _, tc := range []struct{ flag, env, want string }{
		{"cn hangzhou", "", "--region"},
		{"", "CN-HANGZHOU", "ALIBABA_CLOUD_REGION_ID"},
	} {
		_, _, err := ResolveRegion(tc.flag, CredentialOptions{Getenv: newEnv("ALIBABA_CLOUD_REGION_ID", tc.env).get, HomeDir: home})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("bad region %q/%q: %v", tc.flag, tc.env, err)
		}
	}
}

func TestCredentialsNeverPrintSecrets(t *testing.T) {
	c := Credentials{AccessKeyID: "FAKE0tAbCdEfGhIjabcd", AccessKeySecret: secretMark + "-print", SecurityToken: tokenMark + "-print", Source: "env"}
	outs := []string{
		fmt.Sprintf("%v %+v %#v %s %q %x %d", c, c, c, c, c, c, c),
		fmt.Sprintf("%v %+v %#v %s", &c, &c, &c, &c),
		fmt.Sprintf("%v %+v %#v", struct{ C Credentials }{c}, struct{ C *Credentials }{&c}, []Credentials{c}),
		c.String(), c.GoString(),
	}
	if b, err := json.Marshal(c); err != nil {
		t.Fatal(err)
	} else {
		outs = append(outs, string(b))
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "creds", c)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "creds", c)
	outs = append(outs, buf.String())

	static := StaticCredentials(c.AccessKeyID, c.AccessKeySecret, c.SecurityToken)
	prov := newProviderSource("p", mustStaticProvider(t), []string{secretMark + "-prov"})
	outs = append(outs, fmt.Sprintf("%v %+v %#v", static, static, static), fmt.Sprintf("%v %+v %#v", prov, prov, prov),
		fmt.Sprintf("%+v", struct{ s, p CredentialSource }{static, prov}))
	for _, o := range outs {
		assertNoSecret(t, "printed credentials", o)
	}
	if s := c.String(); s != "FAKE****abcd (source: env, STS)" {
		t.Errorf("String() = %q", s)
	}
	if s := MaskAccessKeyID("short"); s != "****" {
		t.Errorf("a short ID must be hidden entirely, got %q", s)
	}
}

func mustStaticProvider(t *testing.T) providers.CredentialsProvider {
	t.Helper()
	p, err := providers.NewStaticAKCredentialsProviderBuilder().WithAccessKeyId("FAKEprovKeyId001").WithAccessKeySecret(secretMark + "-prov").Build()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStaticCredentials(t *testing.T) {
	c, err := StaticCredentials("FAKEstaticKey001", secretMark, tokenMark).Credentials(context.Background())
	if err != nil || c.AccessKeySecret != secretMark || c.SecurityToken != tokenMark || c.Source != "static" {
		t.Fatalf("got %s, %v", c, err)
	}
	if _, err := StaticCredentials("", "", "").Credentials(context.Background()); err == nil {
		t.Fatal("empty static keys must be an error")
	}
}

// fakeProvider lets tests control what credentials-go would do.
type fakeProvider struct {
	get func() (*providers.Credentials, error)
}

func (f fakeProvider) GetCredentials() (*providers.Credentials, error) { return f.get() }
func (f fakeProvider) GetProviderName() string                         { return "fake" }

func TestProviderSourceSafety(t *testing.T) {
	ctx := context.Background()
	leaky := newProviderSource("leaky", fakeProvider{func() (*providers.Credentials, error) {
		return nil, errors.New("STS said no to " + secretMark + "-known")
	}}, []string{secretMark + "-known"})
	if _, err := leaky.Credentials(ctx); err == nil || !strings.Contains(err.Error(), "STS said no") {
		t.Fatalf("error lost: %v", err)
	} else {
		assertNoSecret(t, "provider error", err.Error())
	}

	dump := newProviderSource("dump", fakeProvider{func() (*providers.Credentials, error) {
		return nil, errors.New(`unmarshal aliyun cli config from '/x' failed: {"access_key_secret":"` + secretMark + `"}`)
	}}, nil)
	if _, err := dump.Credentials(ctx); err == nil {
		t.Fatal("want an error")
	} else {
		assertNoSecret(t, "config dump error", err.Error())
	}

	panicky := newProviderSource("panicky", fakeProvider{func() (*providers.Credentials, error) { panic("nil Code") }}, nil)
	if _, err := panicky.Credentials(ctx); err == nil {
		t.Fatal("a panicking provider must turn into an error")
	}

	empty := newProviderSource("empty", fakeProvider{func() (*providers.Credentials, error) { return nil, nil }}, nil)
	if _, err := empty.Credentials(ctx); err == nil {
		t.Fatal("a provider returning nothing must be an error")
	}

	release := make(chan struct{})
	slow := newProviderSource("slow", fakeProvider{func() (*providers.Credentials, error) {
		<-release
		return &providers.Credentials{AccessKeyId: "FAKEslowKeyId001", AccessKeySecret: secretMark}, nil
	}}, nil)
	tctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := slow.Credentials(tctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the deadline, got %v", err)
	}
	close(release)
	if c, err := slow.Credentials(ctx); err != nil || c.AccessKeyID != "FAKEslowKeyId001" || c.Source != "slow" {
		t.Fatalf("after the slow call finished: %s, %v", c, err)
	}
}

func TestProviderSourceConcurrent(t *testing.T) {
	home := t.TempDir()
	writeCLIConfig(t, home, "default", akProfile("default", ""))
	src, err := ResolveCredentials(CredentialOptions{Getenv: newEnv().get, HomeDir: home})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := src.Credentials(context.Background())
			if err == nil && c.AccessKeyID != "FAKEdefaultKeyId0001" {
				err = fmt.Errorf("got %s", c)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
