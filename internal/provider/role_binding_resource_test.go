package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

const (
	projectBindingAddr = "pinecone_role_binding.project"
	orgBindingAddr     = "pinecone_role_binding.org"
)

func testAccCheckRoleBindingDestroy(env *acctest.Env) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		acctest.CheckDestroyed("pinecone_role_binding", env.Client.DescribeRoleBinding),
		testAccCheckServiceAccountDestroy(env),
		testAccCheckProjectDestroy(env),
	)
}

// testAccRoleBindingConfig grants a service account a role on a new project
// and an organization role, and reads them back through the data sources.
func testAccRoleBindingConfig(project, projectRole string) string {
	return testAccRoleBindingResources(project, projectRole) + `
data "pinecone_role_binding" "project" {
  id = pinecone_role_binding.project.id
}

data "pinecone_role_bindings" "of_account" {
  principal_type = "service_account"
  principal_id   = pinecone_service_account.test.id
  depends_on     = [pinecone_role_binding.project, pinecone_role_binding.org]
}
`
}

func testAccRoleBindingResources(project, projectRole string) string {
	return testAccProjectConfig(project, "") + testAccServiceAccountResource("binder", "") + fmt.Sprintf(`
resource "pinecone_role_binding" "project" {
  principal_type = "service_account"
  principal_id   = pinecone_service_account.test.id
  resource_type  = "project"
  resource_id    = pinecone_project.test.id
  role           = %[1]q
}

resource "pinecone_role_binding" "org" {
  principal_type = "service_account"
  principal_id   = pinecone_service_account.test.id
  resource_type  = "organization"
  role           = "OrgMember"
}
`, projectRole)
}

func TestAccRoleBindingResource_basic(t *testing.T) {
	env := acctest.New(t)
	project := acctest.RandomName()
	cfg := func(role string) string { return env.AdminProviderConfig("") + testAccRoleBindingConfig(project, role) }
	sameID := statecheck.CompareValue(compare.ValuesDiffer())
	acctest.ParallelTest(t, testAccCheckRoleBindingDestroy(env), []resource.TestStep{
		{
			Config: cfg("ProjectOwner"),
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(projectBindingAddr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(projectBindingAddr, tfjsonpath.New("role"), knownvalue.StringExact("ProjectOwner")),
				statecheck.CompareValuePairs(projectBindingAddr, tfjsonpath.New("resource_id"), "pinecone_project.test", tfjsonpath.New("id"), compare.ValuesSame()),
				// Organization scope: Pinecone reports the organization's id.
				statecheck.CompareValuePairs(orgBindingAddr, tfjsonpath.New("resource_id"), "pinecone_project.test", tfjsonpath.New("organization_id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.pinecone_role_binding.project", tfjsonpath.New("created_at"), projectBindingAddr, tfjsonpath.New("created_at"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.pinecone_role_bindings.of_account", tfjsonpath.New("role_bindings"), knownvalue.ListSizeExact(2)),
			},
		},
		acctest.ImportStep(projectBindingAddr, ""),
		acctest.ImportStep(orgBindingAddr, ""),
		{
			// No PATCH exists: another role is a new binding.
			Config:           cfg("ProjectViewer"),
			ConfigPlanChecks: acctest.PlanAction(projectBindingAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(projectBindingAddr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue("data.pinecone_role_bindings.of_account", tfjsonpath.New("role_bindings"), knownvalue.ListSizeExact(2)),
			},
		},
	})
}

// A binding that already exists (made outside Terraform) is not adopted:
// the create fails with the binding's ID and the import command.
func TestAccRoleBindingResource_existingBindingNamesImport(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	project := acctest.RandomName()
	base := env.AdminProviderConfig("") + testAccProjectConfig(project, "") + testAccServiceAccountConfig("dup", "")
	binding := `
resource "pinecone_role_binding" "project" {
  principal_type = "service_account"
  principal_id   = pinecone_service_account.test.id
  resource_type  = "project"
  resource_id    = pinecone_project.test.id
  role           = "ProjectViewer"
}
`
	var saID, projectID string
	acctest.ParallelTest(t, testAccCheckRoleBindingDestroy(env), []resource.TestStep{
		{Config: base, Check: func(s *terraform.State) error {
			saID = s.RootModule().Resources["pinecone_service_account.test"].Primary.ID
			projectID = s.RootModule().Resources["pinecone_project.test"].Primary.ID
			return nil
		}},
		{
			PreConfig: func() {
				// Grant the same role outside Terraform.
				_, err := env.Client.CreateRoleBinding(acctest.Ctx(), client.CreateRoleBindingRequest{
					PrincipalType: client.PrincipalServiceAccount, PrincipalID: saID,
					ResourceType: client.ScopeProject, ResourceID: projectID, Role: "ProjectViewer",
				})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config:      base + binding,
			ExpectError: regexp.MustCompile(`(?s)already granted by role binding.*terraform import pinecone_role_binding`),
		},
	})
}

func TestAccRoleBindingResource_disappears(t *testing.T) {
	env := acctest.New(t)
	config := env.AdminProviderConfig("") + testAccRoleBindingResources(acctest.RandomName(), "ProjectViewer")
	acctest.ParallelTest(t, testAccCheckRoleBindingDestroy(env), acctest.DisappearsSteps(config, projectBindingAddr, func(s *terraform.State) error {
		return env.Client.DeleteRoleBinding(acctest.Ctx(), s.RootModule().Resources[projectBindingAddr].Primary.ID)
	}))
}
