// Package sim is alivpc's API simulator: an http.Handler that speaks the
// Alibaba Cloud RPC protocol well enough for the unmodified official SDKs.
// It verifies v1 (HMAC-SHA1) and v3 (ACS3-HMAC-SHA256) signatures, STS
// tokens, timestamps and nonces; keeps typed state (the model package's
// structs, marshalled as response items); runs asynchronous lifecycles on a
// Clock; injects faults; and seeds datasets ("demo", "empty", "large").
// Answers are JSON, or XML with Format=XML (xmlbody.go: the same document
// under an <Action>Response root, lists as repeated elements; errors under
// <Error>).
//
// # Accounts
//
// Every key acts for an account (Key.AccountID; AccountUID unless set):
// STS GetCallerIdentity (ops_sts.go) reports it, and it is the OwnerId of
// what the key creates. The default keys act for AccountUID, which owns the
// seeded resources; PartnerAccessKeyID acts for PartnerAccountUID, the
// accepter of the demo's pending peering. Only the accepting account may
// accept or reject a peering. The store is shared: every key sees it all.
// Options.Accounts sets an account's standing (real-name verification,
// basic information, channel quota, purchase limit, Alibaba Group, IP pool
// permission), which the Open*Service calls check with the error codes of
// seeds 000 and 004; Key.Denied lists the actions a RAM user is not
// granted (Forbidden.RAM). IP address pools are opened once per account.
//
// # Request path
//
// ServeHTTP reads the query and form body (request.go), waits Latency,
// authenticates (auth.go), routes by Version → product and Action → op
// (ops.go), injects QPS/throttle/fail faults (faults.go), then runs the op
// under the store lock (server.go run): due lifecycle steps are applied
// first, ClientToken replays are answered from the token cache, DryRun is
// honoured, and the answer gets its RequestId. Every request is one line in
// Options.RequestLog (reqlog.go).
//
// # State
//
// The store (state.go) holds records — a kind, a region, an ID and a
// pointer to the typed value — and files each under ordered indexes: by
// region, and by every ref its kindSpec.Refs returns (a VSwitch under its
// VPC, zone and route table). Lists page by slicing an index, so a page
// costs O(page size). Transitions (lifecycle.go) are data stored with the
// record and applied lazily; a named follow-up (registry.after) does the
// extra work of a step, such as removing a deleted VPC's route tables.
//
// With Options.StatePath, every write is durable before it is answered:
// the store notes the records each change touches, and run appends them
// (with the ClientToken and its answer) to a journal that is fsync'd with
// group commit (journal.go); the state file is a snapshot the journal is
// folded into at start, on Close and past 32 MB (persist.go). Every test
// harness checks that a restart from its journal restores the live state.
//
// # Serving
//
// Used nonces expire with their request's own timestamp window in a ring
// of one-second buckets, capped (nonces.go). NewHTTPServer (listen.go) adds
// read, write and idle timeouts and a connection cap answering 503 with
// Retry-After; `alivpc sim` serves through it.
//
// # Adding a family
//
// A family is two files and two lines:
//
//  1. ops_<family>.go with func add<Family>(r *registry) that declares its
//     kinds (r.kind(kindOf(...)): ID, status, Refs for indexes, Fill or
//     Render for derived fields, NextHopType if routes may point at it), its
//     operations (r.read / r.write / r.writeDry for actions that accept
//     DryRun; a mutating handler validates everything, calls c.commit(),
//     then changes the store), deletion blockers (r.block: e.g. NAT
//     gateways block DeleteVpc with DependencyViolation.NatGateway) and
//     lifecycle follow-ups (r.followUp). Add add<Family>(r) to newRegistry.
//  2. data_<family>.go with func seed<Family>(d *seedCtx) error, appended
//     to seeders() in data.go (perDataset(seedDemo<Family>,
//     seedLarge<Family>) when each dataset is seeded its own way; everyVPC
//     picks one VPC in n of the large one). It builds on d.VPCs, whose
//     hooks say what each seeded VPC needs: Internet (a NAT gateway, SNAT
//     and a 0.0.0.0/0 route in SystemRT), PublicApps (DNAT entries), OnPrem
//     (a VPN or VBR path and routes for those blocks), PeerWith (a peer
//     connection).
//
// Kind names other families must use where the VPC family already looks
// for them: "ngw" for NAT gateways (listed in a VPC's NatGatewayIds through
// a "vpc" ref). A kind that should be a route next hop sets NextHopType
// ("NatGateway", "VpnGateway", "VpcPeer", ...) and, when it lives in VPCs,
// returns "vpc" refs so CreateRouteEntry can check it is in the table's VPC.
// Products are routed by Version: VpcPeer (2022-01-01) and Smartag
// (2018-03-13) ops register with model.ProductVpcPeer / model.ProductSmartag.
//
// Lists are listSpec declarations (kindtable.go) where they can be, else
// use c.paging(default, max) and paged(...); the few APIs that send
// TotalCount/PageNumber/PageSize as strings (DescribeFlowLogs,
// DescribeNetworkAcls) overwrite those three keys with strconv.Itoa values.
// Token-paged lists page with ordIndex.after and seqToken.
//
// Idempotence (ClientToken per AccessKey, product and action), DryRun and
// lifecycles come from the framework; a family only declares them.
package sim
