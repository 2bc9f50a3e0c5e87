package provider_test

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

const inviteAddr = "pinecone_invite.test"

// testAccCheckInviteDestroy: every invite in state is gone, or was accepted
// (destroying an accepted invite only forgets it).
func testAccCheckInviteDestroy(env *acctest.Env) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		func(s *terraform.State) error {
			for _, rs := range s.RootModule().Resources {
				if rs.Type != "pinecone_invite" {
					continue
				}
				inv, err := env.Client.DescribeInvite(acctest.Ctx(), rs.Primary.ID)
				if errors.Is(err, client.ErrNotFound) || (err == nil && inv.Status == client.InviteProcessed) {
					continue
				}
				return fmt.Errorf("invite %s still exists (err=%w)", rs.Primary.ID, err)
			}
			return nil
		},
		testAccCheckProjectDestroy(env),
	)
}

func testAccInviteConfig(project, email, extra string) string {
	return testAccInviteResource(project, email, extra) + `
data "pinecone_invite" "test" {
  id = pinecone_invite.test.id
}

data "pinecone_invites" "all" {
  depends_on = [pinecone_invite.test]
}
`
}

func testAccInviteResource(project, email, extra string) string {
	return testAccProjectConfig(project, "") + fmt.Sprintf(`
resource "pinecone_invite" "test" {
  email = %[1]q
  role_bindings = [
    { resource_type = "organization", role = "OrgMember" },
    { resource_type = "project", resource_id = pinecone_project.test.id, role = "ProjectViewer" },
  ]
  %[2]s
}
`, email, extra)
}

func inviteID(s *terraform.State) string { return s.RootModule().Resources[inviteAddr].Primary.ID }

func TestAccInviteResource_basic(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	project, email := acctest.RandomName(), acctest.RandomName()+"@example.com"
	cfg := func(extra string) string {
		return env.AdminProviderConfig("") + testAccInviteConfig(project, email, extra)
	}
	resends := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := countRequests(env, http.MethodPost, "/resend"); got != want {
				return fmt.Errorf("%d resends, want %d", got, want)
			}
			return nil
		}
	}
	acctest.ParallelTest(t, testAccCheckInviteDestroy(env), []resource.TestStep{
		{
			Config: cfg(""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(inviteAddr, tfjsonpath.New("status"), knownvalue.StringExact("pending")),
				statecheck.ExpectKnownValue(inviteAddr, tfjsonpath.New("expires_at"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(inviteAddr, tfjsonpath.New("processed_at"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.pinecone_invite.test", tfjsonpath.New("email"), knownvalue.StringExact(email)),
			},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckTypeSetElemNestedAttrs("data.pinecone_invites.all", "invites.*", map[string]string{"email": email, "status": "pending"}),
				// The invite's roles are bindings of principal type invite.
				func(s *terraform.State) error {
					bindings, err := env.Client.ListRoleBindings(acctest.Ctx(), client.RoleBindingFilter{PrincipalType: client.PrincipalInvite, PrincipalID: inviteID(s)})
					if err != nil || len(bindings) != 2 {
						return fmt.Errorf("invite bindings = %v, %w; want 2", bindings, err)
					}
					return nil
				},
			),
		},
		// Role bindings are written once and cannot be read back.
		acctest.ImportStep(inviteAddr, "", "role_bindings"),
		{
			// A first trigger value only records it.
			Config: cfg(`resend_trigger = "one"`),
			Check:  resends(0),
		},
		{
			Config:           cfg(`resend_trigger = "two"`),
			ConfigPlanChecks: acctest.PlanAction(inviteAddr, plancheck.ResourceActionUpdate),
			Check:            resends(1),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(inviteAddr, tfjsonpath.New("status"), knownvalue.StringExact("pending")),
			},
		},
	})
}

// When the invitee accepts, the invite reads as processed with an empty
// plan, its bindings belong to the new user under the same IDs, and a
// destroy forgets the invite without removing the member.
func TestAccInviteResource_accepted(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	project, email := acctest.RandomName(), acctest.RandomName()+"@example.com"
	config := env.AdminProviderConfig("") + testAccInviteConfig(project, email, "")
	var bindingIDs []string
	var userID string
	memberBinding := fmt.Sprintf(`
data "pinecone_user" "member" {
  email = %q
}

data "pinecone_users" "all" {
  depends_on = [data.pinecone_user.member]
}

resource "pinecone_role_binding" "member" {
  principal_type = "user"
  principal_id   = data.pinecone_user.member.id
  resource_type  = "project"
  resource_id    = upper(pinecone_project.test.id)
  role           = "ProjectEditor"
}
`, email)
	acctest.ParallelTest(t, func(s *terraform.State) error {
		if err := testAccCheckInviteDestroy(env)(s); err != nil {
			return err
		}
		if _, err := env.Client.DescribeUser(acctest.Ctx(), userID); err != nil {
			return fmt.Errorf("destroying the accepted invite removed the member: %w", err)
		}
		return nil
	}, []resource.TestStep{
		{
			Config: config,
			Check: func(s *terraform.State) error {
				bindings, err := env.Client.ListRoleBindings(acctest.Ctx(), client.RoleBindingFilter{PrincipalType: client.PrincipalInvite, PrincipalID: inviteID(s)})
				if err != nil {
					return err
				}
				for _, b := range bindings {
					bindingIDs = append(bindingIDs, b.ID)
				}
				userID, err = env.Emulator.AcceptInvite(inviteID(s))
				return err
			},
		},
		{
			// The refresh sees the acceptance; nothing is planned.
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(inviteAddr, tfjsonpath.New("status"), knownvalue.StringExact("processed")),
				statecheck.ExpectKnownValue(inviteAddr, tfjsonpath.New("processed_at"), knownvalue.NotNull()),
			},
			Check: func(*terraform.State) error {
				bindings, err := env.Client.ListRoleBindings(acctest.Ctx(), client.RoleBindingFilter{PrincipalType: client.PrincipalUser, PrincipalID: userID})
				if err != nil {
					return err
				}
				var ids []string
				for _, b := range bindings {
					ids = append(ids, b.ID)
				}
				slices.Sort(ids)
				slices.Sort(bindingIDs)
				if len(bindingIDs) != 2 || !slices.Equal(ids, bindingIDs) {
					return fmt.Errorf("the user's bindings %v are not the invite's %v", ids, bindingIDs)
				}
				return nil
			},
		},
		{
			// The member can be looked up by email, and given roles as a user
			// (the project ID in capitals must not cause a diff).
			Config: config + memberBinding,
			Check: func(s *terraform.State) error {
				if got := s.RootModule().Resources["data.pinecone_user.member"].Primary.ID; got != userID {
					return fmt.Errorf("pinecone_user found %q, want %q", got, userID)
				}
				return nil
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("pinecone_role_binding.member", tfjsonpath.New("principal_type"), knownvalue.StringExact("user")),
				// The organization's owner and the new member.
				statecheck.ExpectKnownValue("data.pinecone_users.all", tfjsonpath.New("users"), knownvalue.ListSizeExact(2)),
			},
		},
		{
			// Changing the role bindings of an accepted invite only records
			// them (with a warning); it never sends a new invitation.
			Config:           strings.Replace(config, `role = "ProjectViewer"`, `role = "ProjectEditor"`, 1) + memberBinding,
			ConfigPlanChecks: acctest.PlanAction(inviteAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if n := countRequests(env, http.MethodPost, "/admin/invites"); n != 1 {
					return fmt.Errorf("%d invite creates, want 1", n)
				}
				return nil
			},
		},
	})
}

func TestAccInviteResource_disappears(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	config := env.AdminProviderConfig("") + testAccInviteResource(acctest.RandomName(), acctest.RandomName()+"@example.com", "")
	acctest.ParallelTest(t, testAccCheckInviteDestroy(env), acctest.DisappearsSteps(config, inviteAddr, func(s *terraform.State) error {
		return env.Client.DeleteInvite(acctest.Ctx(), inviteID(s))
	}))
}
