package acctest

import (
	"slices"
	"strings"
	"testing"
)

// ExpectOnlyChanges judges every row of the fault matrix that changes
// objects outside Terraform, so its parts are tested on their own.
func TestChangedPaths(t *testing.T) {
	before := map[string]any{
		"name": "a", "host": "h", "tags": map[string]any{"env": "prod", "owner": "ops"},
		"spec":  map[string]any{"pod": map[string]any{"replicas": 2.0, "pods": 2.0, "shards": 1.0}},
		"roles": []any{"x", "y"},
	}
	after := map[string]any{
		"name": "a", "host": nil, "tags": map[string]any{"env": "dev"},
		"spec":  map[string]any{"pod": map[string]any{"replicas": 1.0, "pods": 1.0, "shards": 1.0}},
		"roles": []any{"x", "y"},
	}
	got := ChangedPaths(before, after, map[string]any{"host": true})
	want := []string{"host", "spec.pod.pods", "spec.pod.replicas", "tags.env", "tags.owner"}
	if !slices.Equal(got, want) {
		t.Errorf("ChangedPaths = %q, want %q", got, want)
	}
	if got := ChangedPaths(before, before, nil); len(got) != 0 {
		t.Errorf("ChangedPaths of equal values = %q", got)
	}
	if got := ChangedPaths(map[string]any{"l": []any{"x"}}, map[string]any{"l": []any{"x", "y"}}, nil); !slices.Equal(got, []string{"l"}) {
		t.Errorf("ChangedPaths of a longer list = %q", got)
	}
	// An element of a list that becomes unknown is named by its index.
	if got := ChangedPaths(map[string]any{"l": []any{"x", "y"}}, map[string]any{"l": []any{"x", nil}}, map[string]any{"l": []any{false, true}}); !slices.Equal(got, []string{"l.1"}) {
		t.Errorf("ChangedPaths of an unknown list element = %q", got)
	}
}

func TestCheckChangedPaths(t *testing.T) {
	changed := []string{"host", "spec.pod.pods", "spec.pod.replicas", "tags.env", "tags.owner"}
	if err := CheckChangedPaths(changed, []string{"host", "spec.pod", "tags"}); err != nil {
		t.Errorf("covered changes rejected: %v", err)
	}
	if err := CheckChangedPaths(changed, []string{"spec.pod", "tags"}); err == nil || !strings.Contains(err.Error(), `unexpected ["host"]`) {
		t.Errorf("an unexpected change passed: %v", err)
	}
	if err := CheckChangedPaths(changed, []string{"host", "spec", "tags", "name"}); err == nil || !strings.Contains(err.Error(), `unchanged ["name"]`) {
		t.Errorf("a missing change passed: %v", err)
	}
	// "tags" must not cover "tags_all".
	if err := CheckChangedPaths([]string{"tags_all.env"}, []string{"tags"}); err == nil {
		t.Error("tags covered tags_all")
	}
}
