package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
)

// maxBodyBytes bounds request bodies; control-plane bodies are tiny.
const maxBodyBytes = 1 << 20

// deserializePrefix is how production (a Rust service) words a body that it
// cannot turn into the request type (spec db_control_2025-10.oas.yaml, the
// 422 example of create_index).
const deserializePrefix = "Failed to deserialize the JSON body into the target type: "

// jsonBody is a request body that decoded into its Go type.
type jsonBody struct {
	raw []byte
}

// unprocessable builds the 422 answer. pos is a byte offset into raw used
// for the "at line L column C" suffix; pos < 0 means the end of the body.
func (b jsonBody) unprocessable(pos int64, format string, args ...any) *apiError {
	if pos < 0 || pos > int64(len(b.raw)) {
		pos = int64(len(bytes.TrimRight(b.raw, " \t\r\n")))
	}
	line, col := 1, 0
	for _, c := range b.raw[:pos] {
		if c == '\n' {
			line++
			col = 0
			continue
		}
		col++
	}
	return &apiError{
		status:  http.StatusUnprocessableEntity,
		code:    codeUnprocessable,
		message: fmt.Sprintf(deserializePrefix+format+" at line %d column %d", append(args, line, col)...),
	}
}

// missing reports a required field that is absent (or null, which counts as
// absent). serde reports these at the end of the enclosing object; the
// emulator does not track objects, so it points at the end of the body.
func (b jsonBody) missing(field string) *apiError {
	return b.unprocessable(-1, "missing field `%s`", field)
}

// readJSON reads the request body and decodes it into v strictly enough to
// detect wrong JSON types. JSON null decodes to nil pointers/maps, so nulls
// are treated as absent fields. Unknown fields are ignored, as serde does by
// default.
func readJSON(r *http.Request, v any) (jsonBody, *apiError) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	b := jsonBody{raw: raw}
	if err != nil {
		return b, b.unprocessable(-1, "could not read the body: %v", err)
	}
	if len(raw) > maxBodyBytes {
		return b, b.unprocessable(maxBodyBytes, "the body is larger than %d bytes", maxBodyBytes)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return b, b.unprocessable(0, "EOF while parsing a value")
	}
	err = json.Unmarshal(raw, v)
	if err == nil {
		return b, nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return b, b.unprocessable(syn.Offset, "%s", syn.Error())
	case errors.As(err, &typ):
		where := ""
		if typ.Field != "" {
			where = typ.Field + ": "
		}
		return b, b.unprocessable(typ.Offset, "%sinvalid type: %s, expected %s", where, typ.Value, describeType(typ.Type))
	default:
		return b, b.unprocessable(-1, "%v", err)
	}
}

func describeType(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	default:
		return "a value"
	}
}

// objectKeys returns the keys of the JSON object at path (a list of nested
// object keys) in raw whose values are not null. It is used where the number
// of keys matters (spec must hold exactly one). raw has already been decoded
// successfully, so the objects on the path are known to be objects or null.
func objectKeys(raw []byte, path ...string) []string {
	cur := json.RawMessage(raw)
	for _, p := range path {
		var m map[string]json.RawMessage
		if json.Unmarshal(cur, &m) != nil || m == nil {
			return nil
		}
		cur = m[p]
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(cur, &m) != nil {
		return nil
	}
	var keys []string
	for k, v := range m {
		if string(bytes.TrimSpace(v)) != "null" {
			keys = append(keys, k)
		}
	}
	return keys
}
