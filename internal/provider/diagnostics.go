package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// errorDetail explains err to a Terraform user: what Pinecone said and, for
// the common causes, what to do about it. Every resource builds its error
// diagnostics through here so the advice stays consistent.
func errorDetail(what string, err error) string {
	msg := fmt.Sprintf("%s: %s", what, err)
	switch {
	case errors.Is(err, client.ErrMissingAPIKey):
		return fmt.Sprintf("%s.\n\nSet `api_key` in the provider block or the %s environment variable.", what+": no API key configured", EnvAPIKey)
	case errors.Is(err, client.ErrMissingAdminCredentials):
		return fmt.Sprintf("%s: the admin API needs service-account credentials.\n\nSet `client_id` and `client_secret` "+
			"(or %s and %s), or `access_token` (%s), in the provider block. An API key alone cannot manage projects or API keys.",
			what, EnvClientID, EnvClientSecret, EnvAccessToken)
	case errors.Is(err, client.ErrUnauthenticated):
		return msg + "\n\nPinecone rejected the credentials. Check `api_key` / " + EnvAPIKey + " (and that the key belongs to the right project), or for admin resources `client_id`/`client_secret` or `access_token`."
	case errors.Is(err, client.ErrPermissionDenied):
		return msg + "\n\n" + permissionAdvice(err)
	case errors.Is(err, client.ErrForbidden):
		// Pinecone uses FORBIDDEN for quotas and deletion protection, and its
		// spec leaves most 403 bodies undocumented: say both.
		return msg + "\n\nIf Pinecone's message names a quota or deletion protection, raise the quota or disable the " +
			"protection first. Otherwise: " + permissionAdvice(err)
	case errors.Is(err, client.ErrPaymentRequired):
		return msg + "\n\nPinecone requires payment on this organization before it accepts the request."
	case errors.Is(err, client.ErrRateLimited):
		return msg + "\n\nPinecone kept rate-limiting the request after the provider's retries. Try again later, lower " +
			"`-parallelism`, or raise the provider's `max_retries`."
	case errors.Is(err, context.DeadlineExceeded):
		return msg + "\n\nThe operation did not finish within its timeout. Raise the matching value in the resource's " +
			"`timeouts` attribute if Pinecone is slow rather than stuck."
	case errors.Is(err, context.Canceled):
		return msg + "\n\nThe operation was cancelled."
	}
	var rcFailed *client.ReadCapacityFailedError
	if errors.As(err, &rcFailed) {
		return msg + "\n\nPinecone could not apply the read capacity configuration (read_capacity.status.state is Error). " +
			"Pinecone said: " + quoteOrNone(rcFailed.Message) + "\n\nThe index keeps serving with its previous read capacity. " +
			"Check `node_type`, `replicas` and `shards` (and your quotas), change the configuration or retry later, then apply again."
	}
	var failed *client.IndexFailedError
	if errors.As(err, &failed) {
		return msg + "\n\nPinecone could not bring the index up. The resource is kept in state as tainted, so the next " +
			"apply replaces it; check the configuration (cloud, region, pod type, quotas) first."
	}
	return msg
}

// permissionAdvice explains a 403 PERMISSION_DENIED: whose credentials lack
// the permission Pinecone named, and how to grant it.
func permissionAdvice(err error) string {
	who := "The credentials in this provider configuration lack"
	if apiErr, ok := client.AsAPIError(err); ok && apiErr.Principal != "" {
		who = capitalize(apiErr.Principal) + " in this provider configuration lacks"
	}
	return who + " a permission this call needs (Pinecone's message above may name it), so Pinecone refused the call. " +
		"Grant a role that includes it, or configure the provider with other credentials:\n" +
		"  - an API key: add the role to the key's `roles` (`pinecone_api_key`), or bind it with a " +
		"`pinecone_role_binding` (principal_type = \"api_key\") on the key's project. `ProjectEditor` or " +
		"`ControlPlaneEditor` may create, configure and delete; `ProjectViewer` and `ControlPlaneViewer` only read.\n" +
		"  - a service account: add a `pinecone_role_binding` (principal_type = \"service_account\") with an " +
		"organization role (e.g. `OrgOwner` to manage projects and access) or a project role (e.g. `ProjectOwner` " +
		"to manage the project's API keys)."
}

func addError(diags *diag.Diagnostics, summary, what string, err error) {
	diags.AddError(summary, errorDetail(what, err))
}

// alreadyExistsDetail tells the user how to import an object that exists.
func alreadyExistsDetail(kind, resourceType, id string, err error) string {
	return fmt.Sprintf("A %[1]s with ID %[3]q already exists in this project, so Terraform cannot create it. "+
		"To manage the existing %[1]s, import it:\n\n"+
		"  terraform import %[2]s.<name> %[3]s\n\n"+
		"or with an import block:\n\n"+
		"  import {\n    to = %[2]s.<name>\n    id = %[3]q\n  }\n\n"+
		"Otherwise choose another name. Pinecone said: %[4]s", kind, resourceType, id, err)
}

// addCreateError reports a failed create of an object whose name is its ID:
// a name that is taken (including an object that answers our retried create
// but does not match the plan) gets the import advice, anything else the
// usual detail. kind is e.g. "index", resourceType "pinecone_index".
func addCreateError(diags *diag.Diagnostics, kind, resourceType, name, what string, err error) {
	if errors.Is(err, client.ErrAlreadyExists) {
		diags.AddAttributeError(path.Root("name"), fmt.Sprintf("Pinecone %s already exists", kind),
			alreadyExistsDetail(kind, resourceType, name, err))
		return
	}
	addError(diags, "Error creating Pinecone "+kind, what, err)
}

// removedOutsideTerraform warns and drops the resource from state.
func removedOutsideTerraform(ctx context.Context, resp *resource.ReadResponse, kind, id string) {
	resp.Diagnostics.AddWarning(fmt.Sprintf("Pinecone %s removed outside Terraform", kind),
		fmt.Sprintf("The %s %q no longer exists (or is being deleted); it is removed from state and the next plan will create it again.", kind, id))
	resp.State.RemoveResource(ctx)
}

// quoteOrNone quotes Pinecone's message, or says that there was none.
func quoteOrNone(msg string) string {
	if msg == "" {
		return "(no error message)."
	}
	return fmt.Sprintf("%q.", msg)
}
