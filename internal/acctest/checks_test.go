package acctest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

func TestCheckDestroyed(t *testing.T) {
	s := stateOf(map[string]*terraform.ResourceState{
		"pinecone_index.a":      resourceState("pinecone_index", "a", nil),
		"pinecone_index.b":      resourceState("pinecone_index", "b", nil),
		"pinecone_collection.c": resourceState("pinecone_collection", "c", nil),
	})
	answers := map[string]error{}
	var asked []string
	describe := func(_ context.Context, id string) (*struct{}, error) {
		asked = append(asked, id)
		if err, ok := answers[id]; ok {
			return nil, err
		}
		return &struct{}{}, nil
	}
	notFound := &client.APIError{Status: 404}
	if !errors.Is(notFound, client.ErrNotFound) {
		t.Fatal("the test's 404 is not client.ErrNotFound")
	}

	answers["a"], answers["b"] = notFound, notFound
	if err := CheckDestroyed("pinecone_index", describe)(s); err != nil {
		t.Errorf("every index answers 404: %v", err)
	}
	if len(asked) != 2 || strings.Contains(strings.Join(asked, ","), "c") {
		t.Errorf("asked about %v, want only the two indexes", asked)
	}

	delete(answers, "b")
	if err := CheckDestroyed("pinecone_index", describe)(s); err == nil || !strings.Contains(err.Error(), "pinecone_index b still exists") {
		t.Errorf("an index that still exists: %v", err)
	}

	answers["b"] = &client.APIError{Status: 500}
	if err := CheckDestroyed("pinecone_index", describe)(s); err == nil || !strings.Contains(err.Error(), "checking pinecone_index b") {
		t.Errorf("a 500 is not proof of deletion: %v", err)
	}
}

func TestCheckResourceCount(t *testing.T) {
	s := stateOf(map[string]*terraform.ResourceState{
		"pinecone_index.a":      resourceState("pinecone_index", "a", nil),
		"pinecone_index.b":      resourceState("pinecone_index", "b", nil),
		"data.pinecone_index.a": resourceState("pinecone_index", "a", nil),
	})
	if err := CheckResourceCount("pinecone_index", 2)(s); err != nil {
		t.Errorf("two indexes (the data source does not count): %v", err)
	}
	if err := CheckResourceCount("pinecone_index", 3)(s); err == nil {
		t.Error("3 indexes accepted")
	}
	if err := CheckResourceCount("pinecone_collection", 0)(s); err != nil {
		t.Errorf("no collection: %v", err)
	}
}

func TestCheckTainted(t *testing.T) {
	tainted := resourceState("pinecone_index", "a", nil)
	tainted.Primary.Tainted = true
	s := stateOf(map[string]*terraform.ResourceState{
		"pinecone_index.tainted": tainted,
		"pinecone_index.fine":    resourceState("pinecone_index", "b", nil),
	})
	if err := CheckTainted("pinecone_index.tainted")(s); err != nil {
		t.Error(err)
	}
	if err := CheckTainted("pinecone_index.fine")(s); err == nil || !strings.Contains(err.Error(), "not tainted") {
		t.Errorf("an untainted resource: %v", err)
	}
	if err := CheckTainted("pinecone_index.gone")(s); err == nil || !strings.Contains(err.Error(), "orphaned") {
		t.Errorf("a missing resource: %v", err)
	}
}

func TestDisappearsSteps(t *testing.T) {
	removed := errors.New("removed")
	steps := DisappearsSteps("config", "pinecone_index.test", func(*terraform.State) error { return removed })
	if len(steps) != 2 {
		t.Fatalf("%d steps, want 2", len(steps))
	}
	if steps[0].Config != "config" || !steps[0].ExpectNonEmptyPlan || !errors.Is(steps[0].Check(nil), removed) {
		t.Errorf("step 1 must apply, remove the object and expect a non-empty plan: %+v", steps[0])
	}
	if steps[1].Config != "config" || len(steps[1].ConfigPlanChecks.PreApply) != 1 || steps[1].ExpectNonEmptyPlan {
		t.Errorf("step 2 must plan a create of the same configuration: %+v", steps[1])
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := WriteFile(t, dir, "a.txt", "one")
	WriteFile(t, dir, "a.txt", "two")
	if b, err := os.ReadFile(p); err != nil || string(b) != "two" {
		t.Errorf("%s holds %q (%v), want the second content", p, b, err)
	}
}
