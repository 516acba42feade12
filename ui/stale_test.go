package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alivpc/alivpc/model"
)

// closed reports, without blocking, whether ch has been closed.
func closed(ch chan struct{}) func() bool {
	return func() bool {
		select {
		case <-ch:
			return true
		default:
			return false
		}
	}
}

// A refresh that began before a tracked change settled must not put the
// older copy back: the row keeps what the tracker described, and the next
// refresh (started after the change) shows it too.
func TestRefreshStartedBeforeAChangeDoesNotUndoIt(t *testing.T) {
	d := consoleOn(t, "vsw")
	o := d.rowNamed("prod-core-app-b")

	// The next DescribeVSwitches reads the state at once and answers only
	// when released: a listing that began before the change and arrives
	// after it.
	var mu sync.Mutex
	armed, release, arrived := true, make(chan struct{}), make(chan struct{})
	d.fault.hook = func(w http.ResponseWriter, r *http.Request, action string, next http.Handler) bool {
		mu.Lock()
		hold := armed && action == "DescribeVSwitches"
		if hold {
			armed = false
		}
		mu.Unlock()
		if !hold {
			return false
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		close(arrived)
		<-release
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
		return true
	}
	d.keys("ctrl+r")
	d.waitFor("the refresh's listing to be read", closed(arrived))
	d.advance(time.Second)

	d.rowID(o.ID)
	d.openForm("e")
	d.replaceField("Name", "prod-core-app-b", "prod-core-app-b2")
	d.next("Description")
	d.tracked("ModifyVSwitchAttribute")
	d.waitFor("the renamed row", func() bool {
		r := d.browser().table.Row(rowKey(o))
		return r != nil && r.Obj.Name == "prod-core-app-b2"
	})

	close(release) // the stale listing arrives now
	d.waitFor("the refresh to finish", func() bool { return !d.browser().loading })
	if r := d.browser().table.Row(rowKey(o)); r == nil || r.Obj.Name != "prod-core-app-b2" {
		name := ""
		if r != nil {
			name = r.Obj.Name
		}
		t.Fatalf("after a refresh that began before the rename the row reads %q, want prod-core-app-b2", name)
	}
	if s := d.screen(); !strings.Contains(s, "prod-core-app-b2") {
		t.Errorf("the screen lost the new name:\n%s", s)
	}

	// A refresh started afterwards agrees.
	d.advance(time.Second)
	d.keys("ctrl+r")
	d.waitFor("the next refresh", func() bool { return !d.browser().loading })
	if r := d.browser().table.Row(rowKey(o)); r == nil || r.Obj.Val().(*model.VSwitch).VSwitchName != "prod-core-app-b2" {
		t.Errorf("the next refresh does not show the rename")
	}
}

// A form closed while its choices load keeps its draft; reopened at once,
// the draft waits for that load to return before it is prepared again (one
// goroutine fills a form at a time: -race checks it), and the form opens
// with what the second load read.
func TestDraftReopenedWhileItsChoicesLoad(t *testing.T) {
	d := consoleOn(t, "vpc")
	o := d.rowNamed("prod-core")
	d.rowID(o.ID)
	d.drill("VSwitches")

	var mu sync.Mutex
	held, release, arrived := 0, make(chan struct{}), make(chan struct{})
	d.fault.hook = func(w http.ResponseWriter, r *http.Request, action string, next http.Handler) bool {
		if action != "DescribeZones" {
			return false
		}
		mu.Lock()
		held++
		first := held == 1
		mu.Unlock()
		if first {
			close(arrived)
			<-release
		}
		return false
	}
	d.keys("c")
	d.waitFor("the first load to start", closed(arrived))
	d.keys("esc")
	d.keys("c") // reopened while the first load still runs
	if p, ok := d.app.top().(*formPage); !ok || p.phase != phasePreparing {
		t.Fatalf("the reopened form should wait for its choices")
	}
	close(release)
	d.formPage()
	d.waitFocus("Zone")
	mu.Lock()
	defer mu.Unlock()
	if held != 2 {
		t.Errorf("DescribeZones was asked %d times, want 2 (one load per opening)", held)
	}
}
