package acctest

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// ExpectOnlyChanges checks a resource's planned change attribute by
// attribute: every leaf that differs between before and after (or becomes
// unknown) must lie under one of paths (dotted: "tags", "spec.pod.replicas"),
// and each of paths must change.
func ExpectOnlyChanges(addr string, paths ...string) plancheck.PlanCheck {
	return onlyChanges{addr: addr, paths: paths}
}

type onlyChanges struct {
	addr  string
	paths []string
}

func (c onlyChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr || rc.Change == nil {
			continue
		}
		changed := ChangedPaths(rc.Change.Before, rc.Change.After, rc.Change.AfterUnknown)
		if err := CheckChangedPaths(changed, c.paths); err != nil {
			resp.Error = fmt.Errorf("%s: %w", c.addr, err)
		}
		return
	}
	resp.Error = fmt.Errorf("%s: no planned change", c.addr)
}

// CheckChangedPaths checks that every changed path lies under one of want
// ("tags" covers "tags.env", not "tags_all.env") and that each of want has
// a change under it.
func CheckChangedPaths(changed, want []string) error {
	covered := make([]bool, len(want))
	var unexpected []string
	for _, p := range changed {
		ok := false
		for i, w := range want {
			if p == w || strings.HasPrefix(p, w+".") {
				covered[i], ok = true, true
			}
		}
		if !ok {
			unexpected = append(unexpected, p)
		}
	}
	var missing []string
	for i, w := range want {
		if !covered[i] {
			missing = append(missing, w)
		}
	}
	if len(unexpected) > 0 || len(missing) > 0 {
		return fmt.Errorf("the plan changes %q; unexpected %q, expected but unchanged %q", changed, unexpected, missing)
	}
	return nil
}

// ChangedPaths lists, sorted, the dotted paths of the leaves that differ
// between before and after in a planned change, or that are unknown after
// (unknown is the plan's after_unknown: true or a structure of bools).
func ChangedPaths(before, after, unknown any) []string {
	return changedPaths("", before, after, unknown)
}

func changedPaths(path string, before, after, unknown any) []string {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	if u, ok := unknown.(bool); ok && u {
		return []string{path}
	}
	switch a := after.(type) {
	case map[string]any:
		b, _ := before.(map[string]any)
		u, _ := unknown.(map[string]any)
		if before != nil && b == nil {
			return []string{path}
		}
		keys := map[string]bool{}
		for k := range a {
			keys[k] = true
		}
		for k := range b {
			keys[k] = true
		}
		for k := range u {
			keys[k] = true
		}
		var out []string
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			out = append(out, changedPaths(join(k), b[k], a[k], u[k])...)
		}
		return out
	case []any:
		b, ok := before.([]any)
		u, _ := unknown.([]any)
		if !ok || len(b) != len(a) {
			return []string{path}
		}
		var out []string
		for i := range a {
			var ui any
			if i < len(u) {
				ui = u[i]
			}
			out = append(out, changedPaths(join(fmt.Sprint(i)), b[i], a[i], ui)...)
		}
		return out
	}
	if !reflect.DeepEqual(before, after) {
		return []string{path}
	}
	return nil
}
