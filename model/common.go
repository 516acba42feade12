package model

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Strings is a JSON string array that encodes nil as [] — the API never
// sends null for a list.
type Strings []string

func (s Strings) MarshalJSON() ([]byte, error) {
	if s == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]string(s))
}

// Tag is a resource tag.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// Tags is the API's {"Tag":[...]} wrapper.
type Tags struct {
	Tag []Tag `json:"Tag"`
}

func (t Tags) MarshalJSON() ([]byte, error) {
	type plain struct {
		Tag []Tag `json:"Tag"`
	}
	p := plain{Tag: t.Tag}
	if p.Tag == nil {
		p.Tag = []Tag{}
	}
	return json.Marshal(p)
}

// String renders tags as k=v pairs.
func (t Tags) String() string {
	parts := make([]string, 0, len(t.Tag))
	for _, tg := range t.Tag {
		parts = append(parts, tg.Key+"="+tg.Value)
	}
	return strings.Join(parts, ",")
}

// FlexInt decodes an integer that the API sends either as a number or as a
// numeric string (TotalCount of DescribeFlowLogs, PageSize of
// DescribeRouteTableList, ...). It encodes as a number.
type FlexInt int64

func (f *FlexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return err
	}
	*f = FlexInt(n)
	return nil
}

// FlexString decodes a value that the API sends as a string or as a number
// (AcceptingOwnerUid, OwnerId on some APIs) into its text.
type FlexString string

func (f *FlexString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = FlexString(s)
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	*f = FlexString(string(b))
	return nil
}

// TimeLayout is the API's ISO-8601 UTC timestamp format.
const TimeLayout = "2006-01-02T15:04:05Z"

// FormatTime renders t the way the API does.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// MillisTime renders an epoch-milliseconds value (VPN CreateTime) as an
// API-style timestamp; zero stays empty.
func MillisTime(ms int64) string {
	if ms == 0 {
		return ""
	}
	return FormatTime(time.UnixMilli(ms))
}

// Itoa formats an integer column.
func Itoa[T ~int | ~int32 | ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }

// BoolText renders a boolean column as yes/no.
func BoolText(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// Join renders a list column.
func Join(s []string) string { return strings.Join(s, ",") }

// withParam builds a GetSpec.With that passes one field of the tracked
// object (the table an entry lives in).
func withParam[T any](param string, get func(*T) string) func(*Object) map[string]string {
	return func(o *Object) map[string]string {
		v, ok := o.Val().(*T)
		if !ok || v == nil {
			return nil
		}
		return map[string]string{param: get(v)}
	}
}

// parentValues builds a Scope.Values from the parent's typed value.
func parentValues[T any](get func(*T) []string) func(*Object) []string {
	return func(o *Object) []string {
		v, ok := o.Val().(*T)
		if !ok || v == nil {
			return nil
		}
		return get(v)
	}
}

// childOf builds a Scope.Of from the child's typed value.
func childOf[T any](get func(*T) string) func(*Object) string {
	return func(o *Object) string {
		v, ok := o.Val().(*T)
		if !ok || v == nil {
			return ""
		}
		return get(v)
	}
}

// Items is a JSON array of T that encodes nil as [], as the API does for
// every list it returns (IpLists.IpList, Tags.Tag, ...).
type Items[T any] []T

func (s Items[T]) MarshalJSON() ([]byte, error) {
	if s == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]T(s))
}

// pluck lists one text of every row of a table.
func pluck[T any](rows []T, text func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = text(r)
	}
	return out
}

// find returns the first row of a table that matches (the zero row and
// false when none does).
func find[T any](rows []T, match func(T) bool) (T, bool) {
	for _, r := range rows {
		if match(r) {
			return r, true
		}
	}
	var zero T
	return zero, false
}
