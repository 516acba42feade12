package main

import (
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

	sim := startSimChild(t, addr)
	endpoint, env := sim.endpoint, sim.env
	if endpoint != "http://"+addr {
		t.Errorf("printed endpoint %q, want http://%s", endpoint, addr)
	}
	if env["ALIBABA_CLOUD_ACCESS_KEY_ID"] == "" || env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] == "" {
		t.Fatalf("alivpc sim printed no credentials to export: %v", env)
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
	sim.cmd.Process.Signal(syscall.SIGINT)
	select {
	case err := <-sim.done:
		sim.done <- err
		if err != nil {
			t.Errorf("alivpc sim did not exit cleanly on SIGINT: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("alivpc sim did not stop on SIGINT")
	}
}
