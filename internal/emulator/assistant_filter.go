package emulator

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// metadataMatcher reports whether a file's metadata (nil when it has none)
// passes a filter.
type metadataMatcher func(meta map[string]any) bool

func matchAll(map[string]any) bool { return true }

// parseMetadataFilter compiles the filter query parameter of GET
// /assistant/files/{assistant_name}: a JSON object in Pinecone's metadata
// filter language. Supported:
//
//	{"k":"v"}                       equality (also numbers and booleans)
//	{"k":{"$eq":v}} / {"$ne":v}     equal / not equal
//	{"k":{"$in":[...]}} / {"$nin"}  one of / none of
//	{"k":{"$gt":n}} / $gte $lt $lte numeric comparisons
//	{"k":{"$exists":true|false}}
//	{"$and":[{...},...]} / {"$or":[{...},...]}
//
// Several keys in one object, and several operators for one field, must all
// hold. A metadata value that is a list matches $eq / $in when one of its
// elements does ($ne / $nin: when none does). A missing field matches only
// $ne, $nin and $exists:false. "" means no filter. Anything else is 400.
func parseMetadataFilter(raw string) (metadataMatcher, *apiError) {
	if strings.TrimSpace(raw) == "" {
		return matchAll, nil
	}
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return nil, badFilter(raw, "not valid JSON")
	}
	m, err := compileFilter(v)
	if err != "" {
		return nil, badFilter(raw, err)
	}
	return m, nil
}

func badFilter(raw, why string) *apiError {
	return invalidArgument("Invalid filter %q: %s.", raw, why)
}

// compileFilter compiles one filter object. It returns a non-empty reason
// when the filter is malformed.
func compileFilter(v any) (metadataMatcher, string) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, "a filter must be a JSON object"
	}
	var all []metadataMatcher
	for _, key := range sortedKeys(obj) {
		val := obj[key]
		switch {
		case key == "$and" || key == "$or":
			m, err := compileLogical(key, val)
			if err != "" {
				return nil, err
			}
			all = append(all, m)
		case strings.HasPrefix(key, "$"):
			return nil, fmt.Sprintf("unknown operator %s", key)
		default:
			m, err := compileField(key, val)
			if err != "" {
				return nil, err
			}
			all = append(all, m)
		}
	}
	return allOf(all), ""
}

func compileLogical(op string, v any) (metadataMatcher, string) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, fmt.Sprintf("%s takes a non-empty array of filters", op)
	}
	subs := make([]metadataMatcher, 0, len(list))
	for _, item := range list {
		m, err := compileFilter(item)
		if err != "" {
			return nil, err
		}
		subs = append(subs, m)
	}
	if op == "$and" {
		return allOf(subs), ""
	}
	return func(meta map[string]any) bool {
		for _, m := range subs {
			if m(meta) {
				return true
			}
		}
		return false
	}, ""
}

func allOf(ms []metadataMatcher) metadataMatcher {
	return func(meta map[string]any) bool {
		for _, m := range ms {
			if !m(meta) {
				return false
			}
		}
		return true
	}
}

// fieldTest is one operator applied to one field; present is false when the
// field is missing.
type fieldTest func(value any, present bool) bool

func compileField(field string, v any) (metadataMatcher, string) {
	var tests []fieldTest
	if ops, ok := v.(map[string]any); ok {
		if len(ops) == 0 {
			return nil, fmt.Sprintf("field %s has an empty operator object", field)
		}
		for _, op := range sortedKeys(ops) {
			t, err := compileOperator(field, op, ops[op])
			if err != "" {
				return nil, err
			}
			tests = append(tests, t)
		}
	} else {
		t, err := compileOperator(field, "$eq", v)
		if err != "" {
			return nil, err
		}
		tests = append(tests, t)
	}
	return func(meta map[string]any) bool {
		value, present := meta[field]
		for _, t := range tests {
			if !t(value, present) {
				return false
			}
		}
		return true
	}, ""
}

func compileOperator(field, op string, operand any) (fieldTest, string) {
	switch op {
	case "$eq", "$ne":
		if !isScalar(operand) {
			return nil, fmt.Sprintf("%s of field %s takes a string, number or boolean", op, field)
		}
		eq := func(value any, present bool) bool { return present && matchesScalar(value, operand) }
		if op == "$eq" {
			return eq, ""
		}
		return func(value any, present bool) bool { return !eq(value, present) }, ""
	case "$in", "$nin":
		list, ok := operand.([]any)
		if !ok || !allScalars(list) {
			return nil, fmt.Sprintf("%s of field %s takes an array of strings, numbers or booleans", op, field)
		}
		in := func(value any, present bool) bool {
			return present && slices.ContainsFunc(list, func(x any) bool { return matchesScalar(value, x) })
		}
		if op == "$in" {
			return in, ""
		}
		return func(value any, present bool) bool { return !in(value, present) }, ""
	case "$gt", "$gte", "$lt", "$lte":
		bound, ok := operand.(float64)
		if !ok {
			return nil, fmt.Sprintf("%s of field %s takes a number", op, field)
		}
		return func(value any, present bool) bool {
			n, ok := value.(float64)
			if !present || !ok {
				return false
			}
			switch op {
			case "$gt":
				return n > bound
			case "$gte":
				return n >= bound
			case "$lt":
				return n < bound
			}
			return n <= bound
		}, ""
	case "$exists":
		want, ok := operand.(bool)
		if !ok {
			return nil, fmt.Sprintf("$exists of field %s takes true or false", field)
		}
		return func(_ any, present bool) bool { return present == want }, ""
	}
	return nil, fmt.Sprintf("unknown operator %s for field %s", op, field)
}

func allScalars(list []any) bool {
	for _, x := range list {
		if !isScalar(x) {
			return false
		}
	}
	return true
}

func isScalar(v any) bool {
	switch v.(type) {
	case string, float64, bool:
		return true
	}
	return false
}

// matchesScalar reports whether a metadata value equals x, or, for a list
// value, has an element equal to x.
func matchesScalar(value, x any) bool {
	if list, ok := value.([]any); ok {
		return slices.Contains(list, x)
	}
	return value == x
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
