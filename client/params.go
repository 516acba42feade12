package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"strconv"
	"strings"
)

// EncodeParams flattens an input struct into RPC parameters. A field is
// sent under its own name unless a `param` tag names it otherwise or adds
// options:
//
//	VpcName  string                                      // omitted when empty
//	Force    *bool                                       // nil omitted, false sent
//	VpcId    []string                                    // VpcId.1, VpcId.2, ...
//	Tag      []model.Tag                                 // Tag.1.Key, Tag.1.Value
//	Ike      *IkeConfig        `param:"IkeConfig,json"`   // one JSON-encoded value
//	Ids      []string          `param:"VpcId,comma"`      // "a,b"
//	EnableX  bool              `param:",always"`          // sent even when false
//	Secret   string            `param:"-"`                // never sent
//	model.SagFlowLogInput                                 // embedded: its fields sent as this struct's
//
// Zero values are omitted unless tagged "always": an unset optional
// parameter must not reach the API as "" or 0.
func EncodeParams(in any) (map[string]string, error) {
	out := map[string]string{}
	if in == nil {
		return out, nil
	}
	v := reflect.ValueOf(in)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return out, nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil, fmt.Errorf("EncodeParams: %s is not a struct", v.Type())
	}
	if err := encodeStruct(out, "", v); err != nil {
		return nil, err
	}
	return out, nil
}

func encodeStruct(out map[string]string, prefix string, v reflect.Value) error {
	return eachParam(v, func(f reflect.StructField, name, opts string, fv reflect.Value) error {
		if err := encodeValue(out, prefix+name, opts, fv); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		return nil
	})
}

// eachParam calls fn for every parameter the struct v sends, in
// declaration order: the field, its parameter name and options, and its
// value. An embedded struct without a `param` tag is flattened, its fields
// sent as the outer struct's own (so an input may embed a model type that
// already holds the parameters); fn's error stops the walk.
func eachParam(v reflect.Value, fn func(f reflect.StructField, name, opts string, fv reflect.Value) error) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("param") == "" {
			if err := eachParam(v.Field(i), fn); err != nil {
				return err
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, opts := paramName(f)
		if name == "" {
			continue
		}
		if err := fn(f, name, opts, v.Field(i)); err != nil {
			return err
		}
	}
	return nil
}

// ParamFields yields every parameter the input struct v sends, in
// declaration order, as its API name and the field's value (settable when
// v is): the fields EncodeParams encodes, an embedded struct's included.
func ParamFields(v reflect.Value) iter.Seq2[string, reflect.Value] {
	return func(yield func(string, reflect.Value) bool) {
		stop := errors.New("stop")
		eachParam(v, func(_ reflect.StructField, name, _ string, fv reflect.Value) error {
			if !yield(name, fv) {
				return stop
			}
			return nil
		})
	}
}

func paramName(f reflect.StructField) (name, opts string) {
	tag := f.Tag.Get("param")
	if tag == "-" {
		return "", ""
	}
	name, opts, _ = strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, opts
}

func encodeValue(out map[string]string, name, opts string, v reflect.Value) error {
	always := strings.Contains(opts, "always")
	if strings.Contains(opts, "json") {
		if isEmpty(v) {
			return nil
		}
		b, err := json.Marshal(v.Interface())
		if err != nil {
			return err
		}
		out[name] = string(b)
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		// An explicit pointer is a deliberate value: send it even if zero.
		return encodeValue(out, name, opts+",always", v.Elem())
	case reflect.String:
		if v.String() != "" || always {
			out[name] = v.String()
		}
	case reflect.Bool:
		if v.Bool() || always {
			out[name] = strconv.FormatBool(v.Bool())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() != 0 || always {
			out[name] = strconv.FormatInt(v.Int(), 10)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Uint() != 0 || always {
			out[name] = strconv.FormatUint(v.Uint(), 10)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		if strings.Contains(opts, "comma") {
			parts := make([]string, v.Len())
			for i := range parts {
				parts[i] = fmt.Sprint(v.Index(i).Interface())
			}
			out[name] = strings.Join(parts, ",")
			return nil
		}
		for i := 0; i < v.Len(); i++ {
			el := v.Index(i)
			key := name + "." + strconv.Itoa(i+1)
			if el.Kind() == reflect.Struct {
				if err := encodeStruct(out, key+".", el); err != nil {
					return err
				}
				continue
			}
			if err := encodeValue(out, key, "always", el); err != nil {
				return err
			}
		}
	case reflect.Struct:
		return encodeStruct(out, name+".", v)
	default:
		return fmt.Errorf("unsupported parameter type %s", v.Type())
	}
	return nil
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return v.IsNil() || (v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface && v.Len() == 0)
	}
	return v.IsZero()
}
