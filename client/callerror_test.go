package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A failed write keeps its action and parameters, secrets masked, and
// still reads and unwraps as the API's error; a failed read does not.
func TestFailedWriteCarriesActionAndMaskedParams(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, action string, _ map[string]string) bool {
		writeJSON(w, 400, map[string]string{"RequestId": "RID-" + action, "Code": "OperationDenied", "Message": "no"})
		return true
	})
	c := testClient(t, f, nil)
	_, err := ModifyBgpGroupAttribute.Call(t.Context(), c, &ModifyBgpGroupAttributeInput{RegionId: "cn-hangzhou", BgpGroupId: "bgpg-1",
		Name: "edge", AuthKey: "hunter2-bgp-md5", ClientToken: "tok-1"})
	action, params, ok := FailedCall(err)
	if !ok || action != "ModifyBgpGroupAttribute" {
		t.Fatalf("FailedCall = %q, %v, %v (err %v)", action, params, ok, err)
	}
	if params["BgpGroupId"] != "bgpg-1" || params["Name"] != "edge" || params["ClientToken"] != "tok-1" || params["AuthKey"] != "****" {
		t.Errorf("params %v", params)
	}
	if strings.Contains(fmt.Sprintf("%v %+v", err, params), "hunter2") {
		t.Error("the BGP auth key leaks through the failed call")
	}
	var ae *APIError
	if !errors.As(err, &ae) || ErrorCode(err) != "OperationDenied" || RequestID(err) != "RID-ModifyBgpGroupAttribute" {
		t.Errorf("the API error is hidden: %v", err)
	}
	if !strings.HasPrefix(err.Error(), "ModifyBgpGroupAttribute: OperationDenied") {
		t.Errorf("the message changed: %v", err)
	}
	_, err = DescribeVpcs.Call(t.Context(), c, &DescribeVpcsInput{RegionId: "cn-hangzhou"})
	if _, _, ok := FailedCall(err); ok || err == nil {
		t.Errorf("a failed read is not a failed write: %v", err)
	}
}
