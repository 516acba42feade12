package sim

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Server is the simulator: an http.Handler speaking the Alibaba Cloud RPC
// protocol. It is safe for concurrent requests.
type Server struct {
	opts    Options
	reg     *registry
	regions []regionInfo
	byRegID map[string]*regionInfo
	keys    map[string]Key

	mu     sync.Mutex // guards st and toks
	st     *store
	toks   tokens
	nonces *nonceCache
	faults *faults

	logMu   sync.Mutex
	countMu sync.Mutex
	counts  map[string]int

	// journal makes writes durable (Options.StatePath); saveErr and
	// closed are guarded by mu.
	journal   *journal
	compactAt int64 // journal size that triggers compaction
	saveErr   error
	closed    bool
}

// New builds a simulator: it loads Options.StatePath if the file exists and
// seeds Options.Dataset otherwise.
func New(o Options) (*Server, error) {
	o = o.withDefaults()
	if err := validate(o); err != nil {
		return nil, err
	}
	s := &Server{
		opts:      o,
		reg:       newRegistry(),
		regions:   regionCatalog(),
		byRegID:   map[string]*regionInfo{},
		keys:      map[string]Key{},
		faults:    newFaults(o.Seed),
		nonces:    newNonceCache(o.MaxNonces),
		compactAt: journalCompactBytes,
		counts:    map[string]int{},
	}
	for i := range s.regions {
		s.byRegID[s.regions[i].ID] = &s.regions[i]
	}
	for _, k := range o.Keys {
		if k.ID == "" || k.Secret == "" {
			return nil, errors.New("sim: every key needs an ID and a secret")
		}
		if _, dup := s.keys[k.ID]; dup {
			return nil, fmt.Errorf("sim: key %s is given twice", k.ID)
		}
		s.keys[k.ID] = k
	}
	s.st = newStore(s.reg, o.Seed, s.regions)
	if o.StatePath == "" {
		return s, s.seed(o.Clock.Now())
	}
	if err := s.open(o.StatePath); err != nil {
		return nil, err
	}
	return s, nil
}

// open loads the state file and replays its journal (or seeds the dataset
// when there is no state file), writes a fresh snapshot if anything was
// replayed or seeded, and opens the journal for the writes to come.
func (s *Server) open(path string) error {
	snap, err := s.loadState(path)
	if err != nil {
		return err
	}
	jpath := path + ".journal"
	var after uint64
	if snap != nil {
		after = snap.Journal
	} else if err := s.seed(s.opts.Clock.Now()); err != nil {
		return err
	}
	entries, err := readJournal(jpath, after)
	if err != nil {
		return fmt.Errorf("sim: journal %s is corrupt: %v", jpath, err)
	}
	if snap == nil && len(entries) > 0 {
		return fmt.Errorf("sim: journal %s has writes but there is no state file %s to apply them to", jpath, path)
	}
	if err := s.replay(entries); err != nil {
		return fmt.Errorf("sim: journal %s is corrupt: %v", jpath, err)
	}
	if len(entries) > 0 {
		after = entries[len(entries)-1].N
	}
	if s.journal, err = openJournal(jpath, after); err != nil {
		return fmt.Errorf("sim: opening journal: %w", err)
	}
	s.st.touched = map[string]*record{}
	if snap == nil || len(entries) > 0 || !s.journal.empty() {
		s.st.dirty = true
		if err := s.saveLocked(); err != nil {
			s.journal.close()
			return err
		}
	}
	return nil
}

func validate(o Options) error {
	for name, f := range map[string]float64{"Throttle": o.Throttle, "Fail": o.Fail, "Drop": o.Drop} {
		if f < 0 || f > 1 {
			return fmt.Errorf("sim: %s must be a fraction between 0 and 1 (it is %g)", name, f)
		}
	}
	if o.Latency < 0 || o.Jitter < 0 || o.QPS < 0 {
		return errors.New("sim: Latency, Jitter and QPS must not be negative")
	}
	return nil
}

// Close folds the journal into the state file (when Options.StatePath is
// set) and closes it. It is safe to call more than once.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return s.saveErr
	}
	s.closed = true
	if s.journal == nil {
		return nil
	}
	err := s.saveLocked()
	return errors.Join(err, s.journal.close())
}

// Counts returns how many requests named each action so far.
func (s *Server) Counts() map[string]int {
	s.countMu.Lock()
	defer s.countMu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

func (s *Server) region(id string) *regionInfo { return s.byRegID[id] }

// account is the standing of an account (Options.Accounts).
func (s *Server) account(id int64) Account {
	for _, a := range s.opts.Accounts {
		if a.ID == id || (a.ID == 0 && id == AccountUID) {
			return a
		}
	}
	return Account{ID: id}
}

// exchange is one request/answer as it moves through ServeHTTP.
type exchange struct {
	w        http.ResponseWriter
	line     logLine
	product  model.Product
	region   string
	answered bool
	logged   bool
	xml      bool // Format=XML: answer XML (xmlbody.go)
}

// ServeHTTP answers one RPC request: read, wait (Latency), authenticate,
// route by Version and Action, inject faults, run the operation under the
// store lock, then answer (or drop the connection).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	x := &exchange{w: w, line: logLine{RequestID: newRequestID()}}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p) // a deliberate drop, already logged
			}
			x.line.Panic = fmt.Sprint(p)
			if !x.answered {
				s.fail(x, errInternal())
			}
		}
		if !x.logged {
			s.logRequest(&x.line, start)
		}
	}()
	s.serve(x, r, start)
}

func (s *Server) serve(x *exchange, r *http.Request, start time.Time) {
	rq, err := readRequest(x.w, r) // rq is usable even with err
	x.line.Action, x.line.Version = requestedAction(rq)
	x.region = rq.params["RegionId"]
	x.xml = wantsXML(rq.params)
	if x.line.Action != "" {
		s.countMu.Lock()
		s.counts[x.line.Action]++
		s.countMu.Unlock()
	}
	if err != nil {
		s.fail(x, err)
		return
	}
	if p, ok := productFor(x.line.Version); ok {
		x.product = p
		x.line.Product = p.Code()
	}
	if !s.wait(r.Context()) {
		x.line.Fault = "canceled" // the client gave up during Latency
		return
	}
	id, aerr := s.authenticate(rq)
	x.line.Method, x.line.AccessKey = id.Method, id.AccessKeyID
	if aerr != nil {
		s.fail(x, aerr)
		return
	}
	key, o, aerr := s.route(id)
	if aerr == nil && s.keys[id.AccessKeyID].denies(id.Action) {
		aerr = newErr(400, "Forbidden.RAM", "User not authorized to operate on the specified resource")
	}
	if aerr != nil {
		s.fail(x, aerr)
		return
	}
	if aerr, fault := s.injected(id.AccessKeyID); aerr != nil {
		x.line.Fault = fault
		s.fail(x, aerr)
		return
	}
	body, replay, synced, aerr := s.run(o, key, rq, id)
	x.line.Replayed = replay
	if synced > 0 {
		// Durable before it is acknowledged (or its answer dropped).
		if err := s.journal.sync(synced); err != nil && aerr == nil {
			aerr = newErr(500, "InternalError", "The change could not be saved to the state file.")
		}
	}
	if aerr != nil {
		s.fail(x, aerr)
		return
	}
	if o.Write {
		if s.faults.roll(s.opts.Drop) {
			x.line.Fault, x.line.Dropped = "drop", true
			s.logRequest(&x.line, start)
			x.logged, x.answered = true, true
			drop(x.w)
			return
		}
	}
	s.answer(x, http.StatusOK, withRequestID(body, x.line.RequestID), nil)
}

// requestedAction reads the Action and Version a request names, before it
// is authenticated (for the log and Counts).
func requestedAction(rq *request) (action, version string) {
	if rq.header.Get("Authorization") != "" && !rq.has("Signature") {
		return rq.header.Get("x-acs-action"), rq.header.Get("x-acs-version")
	}
	return rq.params["Action"], rq.params["Version"]
}

func productFor(version string) (model.Product, bool) {
	for _, p := range model.Products() {
		if p.Version() == version {
			return p, true
		}
	}
	return "", false
}

// route finds the operation.
func (s *Server) route(id identity) (opKey, op, *apiError) {
	if id.Version == "" {
		return opKey{}, op{}, errMissing("Version")
	}
	p, ok := productFor(id.Version)
	if !ok {
		return opKey{}, op{}, errVersion()
	}
	if id.Action == "" {
		return opKey{}, op{}, errMissing("Action")
	}
	k := opKey{p, id.Action}
	o, ok := s.reg.ops[k]
	if !ok {
		return k, op{}, errActionNotFound()
	}
	return k, o, nil
}

// run settles due lifecycles, then runs the operation, honouring DryRun and
// ClientToken idempotence. The body it returns has no RequestId yet.
//
// With a state file, what a write changed is appended to the journal under
// the lock; synced is the journal offset the caller must sync before
// answering (0 when nothing was journaled).
func (s *Server) run(o op, k opKey, rq *request, id identity) (body []byte, replay bool, synced int64, _ *apiError) {
	c := &call{srv: s, product: k.Product, action: k.Action, params: rq.params, caller: s.keys[id.AccessKeyID]}
	if o.DryRun {
		dry, _, err := c.boolParam("DryRun")
		if err != nil {
			return nil, false, 0, asAPIError(err)
		}
		c.dryRun = dry
	}
	token := rq.params["ClientToken"]
	useToken := o.Write && token != "" && !c.dryRun
	if useToken && !isASCII64(token) {
		return nil, false, 0, errInvalidParam("ClientToken")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	c.now = s.opts.Clock.Now()
	s.st.settle(c.now)
	c.st = s.st

	var tk tokenKey
	var fp [32]byte
	if useToken {
		tk = tokenKey{AccessKey: id.AccessKeyID, Product: k.Product, Action: k.Action, Token: token}
		fp = fingerprint(rq.params)
		if e, ok := s.toks.get(tk, s.opts.Now()); ok {
			if e.fingerprint != fp {
				return nil, false, 0, errIdempotentMismatch()
			}
			return e.body, true, 0, nil
		}
	}
	res, err := o.Fn(c)
	var tok *savedToken
	var aerr *apiError
	switch {
	case err != nil:
		aerr = asAPIError(err)
	case c.dryRun:
		// A handler that validated without reaching commit still did not
		// change anything; the answer is the same.
		aerr = errDryRun()
	default:
		if body, err = marshalBody(res); err != nil {
			aerr = errInternal()
		} else if useToken {
			e := tokenEntry{fingerprint: fp, body: body, at: s.opts.Now()}
			s.toks.put(tk, e)
			if s.journal != nil { // kept across restarts only with --state
				t := saveToken(tk, e)
				tok = &t
			}
		}
	}
	if o.Write {
		// Even a failed write is journaled if it changed something.
		var jerr error
		if synced, jerr = s.journalLocked(tok); jerr != nil && aerr == nil {
			aerr = newErr(500, "InternalError", "The change could not be saved to the state file.")
		}
	}
	if aerr != nil {
		return nil, false, synced, aerr
	}
	return body, false, synced, nil
}

func isASCII64(s string) bool {
	if len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] > 127 {
			return false
		}
	}
	return true
}

func asAPIError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	return errInternal()
}

// fail answers an error in the API's shape.
func (s *Server) fail(x *exchange, e *apiError) {
	x.line.Status, x.line.Code = e.Status, e.Code
	product := "Vpc"
	if x.product != "" {
		product = x.product.Code()
	}
	b, _ := encodeJSON(errorBody{
		RequestId: x.line.RequestID,
		HostId:    s.hostID(x.product, x.region),
		Code:      e.Code,
		Message:   e.Message,
		Recommend: recommendURL(e.Code, product, x.line.RequestID),
	})
	s.answer(x, e.Status, b, e.Header)
}

func (s *Server) answer(x *exchange, status int, body []byte, extra http.Header) {
	if x.line.Status == 0 {
		x.line.Status = status
	}
	h := x.w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	if x.xml {
		root := "Error"
		if status < 300 {
			root = x.line.Action + "Response"
		}
		if doc, err := jsonToXML(body, root); err == nil {
			body = doc
			h.Set("Content-Type", xmlContentType)
		}
	}
	h.Set("x-acs-request-id", x.line.RequestID)
	for k, v := range extra {
		h[k] = v
	}
	x.answered = true
	x.w.WriteHeader(status)
	_, _ = x.w.Write(body)
}

// hostID is the endpoint that answered, as error bodies report it.
func (s *Server) hostID(p model.Product, region string) string {
	switch p {
	case model.ProductVpcPeer:
		return "vpcpeer.aliyuncs.com"
	case model.ProductSts:
		return "sts.aliyuncs.com"
	case model.ProductSmartag:
		if region != "" {
			return "smartag." + region + ".aliyuncs.com"
		}
		return "smartag.aliyuncs.com"
	}
	if r := s.region(region); r != nil {
		return r.Endpoint
	}
	return "vpc.aliyuncs.com"
}

// withRequestID puts "RequestId" first in a JSON object body.
func withRequestID(body []byte, id string) []byte {
	head := `{"RequestId":"` + id + `"`
	rest := strings.TrimSpace(string(body))
	if rest == "" || rest == "{}" || rest == "null" || rest[0] != '{' {
		return []byte(head + "}")
	}
	return []byte(head + "," + rest[1:])
}

// newRequestID returns an uppercase UUID-style request ID.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
