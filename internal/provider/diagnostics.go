package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

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
	case errors.Is(err, client.ErrUnauthenticated):
		return msg + "\n\nPinecone rejected the API key. Check `api_key` / " + EnvAPIKey + " and that the key belongs to the right project."
	case errors.Is(err, client.ErrPaymentRequired):
		return msg + "\n\nPinecone requires payment on this organization before it accepts the request."
	case errors.Is(err, client.ErrRateLimited):
		return msg + "\n\nPinecone kept rate-limiting the request after the provider's retries. Try again later, lower " +
			"`-parallelism`, or raise the provider's `max_retries`."
	case errors.Is(err, context.DeadlineExceeded):
		return msg + "\n\nThe operation did not finish within its timeout. Raise the matching value in the resource's " +
			"`timeouts` block if Pinecone is slow rather than stuck."
	case errors.Is(err, context.Canceled):
		return msg + "\n\nThe operation was cancelled."
	}
	var failed *client.IndexFailedError
	if errors.As(err, &failed) {
		return msg + "\n\nPinecone could not bring the index up. The resource is kept in state as tainted, so the next " +
			"apply replaces it; check the configuration (cloud, region, pod type, quotas) first."
	}
	return msg
}

func addError(diags *diag.Diagnostics, summary, what string, err error) {
	diags.AddError(summary, errorDetail(what, err))
}

type diagList = diag.Diagnostics

// stateSetter is the part of tfsdk.State used to store a model.
type stateSetter interface {
	Set(ctx context.Context, val interface{}) diag.Diagnostics
}
