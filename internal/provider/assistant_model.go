package provider

import (
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// assistantResourceModel is pinecone_assistant: the attributes the data
// source shows too, plus timeouts.
type assistantResourceModel struct {
	assistantDataModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// assistantDataModel is what Pinecone reports of an assistant (the
// pinecone_assistant data source's model).
type assistantDataModel struct {
	ID           types.String  `tfsdk:"id"`
	Name         types.String  `tfsdk:"name"`
	Region       types.String  `tfsdk:"region"`
	Instructions types.String  `tfsdk:"instructions"`
	Metadata     types.Dynamic `tfsdk:"metadata"`
	Host         types.String  `tfsdk:"host"`
	Status       types.String  `tfsdk:"status"`
	CreatedAt    types.String  `tfsdk:"created_at"`
	UpdatedAt    types.String  `tfsdk:"updated_at"`
}

// newAssistantModel maps an assistant; prior keeps the user's spelling of
// metadata and fills what an older API version leaves out (region).
func newAssistantModel(a *client.Assistant, prior *assistantResourceModel) (*assistantResourceModel, diag.Diagnostics) {
	out := *prior
	out.ID = types.StringValue(a.Name)
	out.Name = types.StringValue(a.Name)
	if a.Region != "" {
		out.Region = types.StringValue(a.Region)
	} else if out.Region.IsNull() || out.Region.IsUnknown() {
		out.Region = types.StringValue("us")
	}
	out.Instructions = types.StringNull()
	if a.Instructions != nil && *a.Instructions != "" {
		out.Instructions = types.StringValue(*a.Instructions)
	}
	metadata, diags := metadataFromAPI(a.Metadata, prior.Metadata)
	out.Metadata = metadata
	out.Host = types.StringValue(a.Host)
	out.Status = types.StringValue(a.Status)
	out.CreatedAt = types.StringValue(a.CreatedAt)
	out.UpdatedAt = types.StringValue(a.UpdatedAt)
	return &out, diags
}

// assistantMismatch says why an existing assistant cannot be the one our
// lost create made, or "" if it matches what the plan asked for.
func assistantMismatch(plan *assistantResourceModel, a *client.Assistant) string {
	if region := knownString(plan.Region); a.Region != "" && region != "" && a.Region != region {
		return "region " + a.Region
	}
	var got string
	if a.Instructions != nil {
		got = *a.Instructions
	}
	if got != knownString(plan.Instructions) {
		return "instructions"
	}
	// No metadata may come back as null or as {}.
	emptyAsNull := func(raw json.RawMessage) json.RawMessage {
		if sameJSON(raw, json.RawMessage("{}")) {
			return nil
		}
		return raw
	}
	metadata, err := metadataToJSON(plan.Metadata)
	if err != nil || !sameJSON(emptyAsNull(metadata), emptyAsNull(a.Metadata)) {
		return "metadata"
	}
	return ""
}
