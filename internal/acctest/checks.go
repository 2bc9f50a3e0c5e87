package acctest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// CheckDestroyed is a CheckDestroy for one resource type: for every object of
// resourceType in the state from before the destroy (data sources of that
// type too: they read the same objects), describe (a client
// method such as env.Client.DescribeIndex) must answer 404. Any other answer,
// success included, fails the check. Compose several with
// resource.ComposeTestCheckFunc when a configuration holds several types.
func CheckDestroyed[T any](resourceType string, describe func(ctx context.Context, id string) (T, error)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != resourceType || rs.Primary == nil {
				continue
			}
			_, err := describe(Ctx(), rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("%s %s still exists", resourceType, rs.Primary.ID)
			}
			if !errors.Is(err, client.ErrNotFound) {
				return fmt.Errorf("checking %s %s: %w", resourceType, rs.Primary.ID, err)
			}
		}
		return nil
	}
}

// CheckResourceCount checks how many objects of a resource type are in
// state (data sources are not counted).
func CheckResourceCount(resourceType string, want int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		n := 0
		for key, rs := range s.RootModule().Resources {
			if rs.Type == resourceType && !strings.HasPrefix(key, "data.") {
				n++
			}
		}
		if n != want {
			return fmt.Errorf("%d %s in state, want %d", n, resourceType, want)
		}
		return nil
	}
}

// CheckTainted proves a failed create left addr in state, tainted, so the
// object is neither orphaned nor trusted (the next apply replaces it).
func CheckTainted(addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s is not in state: the failed create orphaned it", addr)
		}
		if !rs.Primary.Tainted {
			return fmt.Errorf("%s is in state but not tainted", addr)
		}
		return nil
	}
}

// DisappearsSteps are the two steps of a `_disappears` test: config is
// applied, then remove deletes the object behind Terraform's back (and waits
// until it is gone), so the refresh finds it missing and the plan is not
// empty; the next plan creates addr again, and the apply does.
func DisappearsSteps(config, addr string, remove resource.TestCheckFunc) []resource.TestStep {
	return []resource.TestStep{
		{
			Config:             config,
			Check:              remove,
			ExpectNonEmptyPlan: true,
		},
		{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
			},
		},
	}
}

// WriteFile writes content to dir/name (for upload tests) and returns the
// path; writing again at the same path is how a test changes a file.
func WriteFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
