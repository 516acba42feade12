package main

import (
	"bufio"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// `alivpc sim`, started as the README tells a new user, answers signed
// requests from other processes: alivpc get (v3 over POST, v1 over GET)
// and the unmodified official SDK.
func TestSimProcessAnswersSignedRequests(t *testing.T) {
	bin := binary(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	sim := exec.Command(bin, "sim", "--addr", addr)
	stdout, err := sim.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	sim.Stderr = os.Stderr
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- sim.Wait() }()
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			sim.Process.Kill()
			<-done
		}
	})

	// Read what it prints: the endpoint and the env lines a client needs.
	var endpoint string
	env := map[string]string{}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(20 * time.Second)
	for endpoint == "" || env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] == "" || env["ALIBABA_CLOUD_REGION_ID"] == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("alivpc sim exited before printing its endpoint")
			}
			if i := strings.Index(l, "listening on "); i >= 0 {
				endpoint = strings.TrimSpace(l[i+len("listening on "):])
			}
			if k, v, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(l), "export "), "="); ok && strings.HasPrefix(k, "ALIBABA_CLOUD_") {
				env[k] = v
			}
		case <-deadline:
			t.Fatal("alivpc sim printed no endpoint")
		}
	}
	go func() {
		for range lines {
		}
	}()
	if endpoint != "http://"+addr {
		t.Errorf("printed endpoint %q, want http://%s", endpoint, addr)
	}

	// Another process, with nothing but the printed lines.
	clientEnv := []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"}
	for k, v := range env {
		clientEnv = append(clientEnv, k+"="+v)
	}
	for _, variant := range [][]string{{}, {"--signature", "v1", "--method", "GET"}} {
		get := exec.Command(bin, append([]string{"get", "vpc", "--endpoint", endpoint, "-o", "json"}, variant...)...)
		get.Env = clientEnv
		var stderr strings.Builder
		get.Stderr = &stderr
		out, err := get.Output()
		if err != nil {
			t.Fatalf("alivpc get %v: %v\n%s", variant, err, stderr.String())
		}
		var vpcs []map[string]any
		if err := json.Unmarshal(out, &vpcs); err != nil || len(vpcs) == 0 {
			t.Fatalf("alivpc get %v printed %d VPCs (%v):\n%s", variant, len(vpcs), err, out)
		}
		names := map[string]bool{}
		for _, v := range vpcs {
			names[v["VpcName"].(string)] = true
		}
		if !names["prod-core"] {
			t.Errorf("alivpc get %v: no prod-core among %v", variant, names)
		}
	}

	// The official SDK, unmodified, pointed at the printed endpoint.
	c, err := vpc.NewClientWithAccessKey(env["ALIBABA_CLOUD_REGION_ID"], env["ALIBABA_CLOUD_ACCESS_KEY_ID"], env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"])
	if err != nil {
		t.Fatal(err)
	}
	req := vpc.CreateDescribeVpcsRequest()
	req.Domain = addr
	resp, err := c.DescribeVpcs(req)
	if err != nil || resp.TotalCount == 0 {
		t.Fatalf("official SDK against alivpc sim: %v", err)
	}

	// Ctrl+C stops it cleanly.
	sim.Process.Signal(syscall.SIGINT)
	select {
	case err := <-done:
		stopped = true
		if err != nil {
			t.Errorf("alivpc sim did not exit cleanly on SIGINT: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("alivpc sim did not stop on SIGINT")
	}
}
