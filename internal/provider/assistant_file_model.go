package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

type assistantFileResourceModel struct {
	ID            types.String   `tfsdk:"id"`
	FileID        types.String   `tfsdk:"file_id"`
	AssistantName types.String   `tfsdk:"assistant_name"`
	Source        types.String   `tfsdk:"source"`
	ContentHash   types.String   `tfsdk:"content_hash"`
	Metadata      types.Dynamic  `tfsdk:"metadata"`
	Multimodal    types.Bool     `tfsdk:"multimodal"`
	Name          types.String   `tfsdk:"name"`
	Status        types.String   `tfsdk:"status"`
	Size          types.Int64    `tfsdk:"size"`
	CreatedOn     types.String   `tfsdk:"created_on"`
	UpdatedOn     types.String   `tfsdk:"updated_on"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

// fileIDRegexp is the upsert path's rule for a file ID (upsert_file's
// assistant_file_id in Pinecone's 2026-04 assistant data spec).
var fileIDRegexp = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

// fileIDUnsafe matches what a file ID may not hold.
var fileIDUnsafe = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// defaultFileIDStemLength keeps a default ID well inside 128 characters.
const defaultFileIDStemLength = 80

// defaultFileID derives a file ID from the assistant and the source path as
// written in the configuration: the base name without its extension, made
// safe, then 12 hex digits of a SHA-256 of both. The same configuration
// always gives the same ID, so a create that is retried or re-run after a
// lost answer upserts the same file instead of adding one; different paths
// to one assistant get different IDs.
func defaultFileID(assistant, source string) string {
	base := filepath.Base(source)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	stem = strings.Trim(fileIDUnsafe.ReplaceAllString(stem, "-"), "-")
	if len(stem) > defaultFileIDStemLength {
		stem = stem[:defaultFileIDStemLength]
	}
	sum := sha256.Sum256([]byte(assistant + "\x00" + source))
	suffix := hex.EncodeToString(sum[:])[:12]
	if stem == "" {
		return "file-" + suffix
	}
	return stem + "-" + suffix
}

// uploadRequest is the content of an upsert for the planned file.
func uploadRequest(plan *assistantFileResourceModel) (client.UploadFileRequest, error) {
	metadata, err := metadataToJSON(plan.Metadata)
	if err != nil {
		return client.UploadFileRequest{}, err
	}
	req := client.UploadFileRequest{Path: plan.Source.ValueString(), Metadata: metadata}
	if !plan.Multimodal.IsNull() && !plan.Multimodal.IsUnknown() {
		v := plan.Multimodal.ValueBool()
		req.Multimodal = &v
	}
	return req, nil
}

// needsUpload reports whether an update must send the file again: new
// content (a known hash that differs; an imported file has none, and
// learning it changes nothing remotely), metadata that means other JSON, or
// another multimodal setting.
func needsUpload(plan, state *assistantFileResourceModel) (bool, error) {
	if !state.ContentHash.IsNull() && !plan.ContentHash.IsNull() && plan.ContentHash.ValueString() != state.ContentHash.ValueString() {
		return true, nil
	}
	if !plan.Multimodal.Equal(state.Multimodal) && plan.Multimodal.ValueBool() != state.Multimodal.ValueBool() {
		return true, nil
	}
	planned, err := metadataToJSON(plan.Metadata)
	if err != nil {
		return false, err
	}
	current, err := metadataToJSON(state.Metadata)
	if err != nil {
		return false, err
	}
	return !sameJSON(planned, current), nil
}

// newAssistantFileModel maps a file; prior supplies source, content_hash, the
// timeouts and the user's spelling of metadata.
func newAssistantFileModel(f *client.AssistantFile, prior *assistantFileResourceModel) (*assistantFileResourceModel, diag.Diagnostics) {
	out := *prior
	out.ID = types.StringValue(f.ID)
	out.FileID = types.StringValue(f.ID)
	out.Name = types.StringValue(f.Name)
	out.Status = types.StringValue(f.Status)
	out.Size = types.Int64PointerValue(f.Size)
	out.CreatedOn = types.StringValue(f.CreatedOn)
	out.UpdatedOn = types.StringValue(f.UpdatedOn)
	if f.Multimodal != nil && (*f.Multimodal || !out.Multimodal.IsNull()) {
		out.Multimodal = types.BoolValue(*f.Multimodal)
	}
	if out.ContentHash.IsUnknown() {
		out.ContentHash = types.StringNull()
	}
	metadata, diags := metadataFromAPI(f.Metadata, prior.Metadata)
	out.Metadata = metadata
	return &out, diags
}

// pendingFileModel is the state of a file whose upload was accepted but whose
// processing did not finish (failed, timed out or interrupted): what the
// plan knew, with the unknown computed values null, so the file stays in
// state (tainted) and is not forgotten.
func pendingFileModel(plan *assistantFileResourceModel, fileID string) *assistantFileResourceModel {
	out := *plan
	out.ID = types.StringValue(fileID)
	out.FileID = types.StringValue(fileID)
	for _, s := range []*types.String{&out.Name, &out.Status, &out.CreatedOn, &out.UpdatedOn, &out.ContentHash} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	if out.Size.IsUnknown() {
		out.Size = types.Int64Null()
	}
	return &out
}

// metadataKeptError explains a file whose stored metadata is not what the
// upsert sent. The spec's upsert body carries metadata, but the official TS
// client does not send it with an upsert, so this guards against a server
// that ignores it.
func metadataKeptError(sent, got json.RawMessage) error {
	return fmt.Errorf("the file was uploaded, but Pinecone stored the metadata %s instead of %s; "+
		"re-create the file (taint it) to set its metadata", nullJSON(got), nullJSON(sent))
}

func nullJSON(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "null"
	}
	return string(raw)
}

// fileMetadataRules checks what Pinecone's file guide allows in file
// metadata beyond the 16 KB: a flat object whose keys do not start with "$"
// and whose values are strings, numbers, booleans or lists of them.
func fileMetadataRules(raw json.RawMessage) error {
	if len(raw) == 0 {
		return nil
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		return err
	}
	for k, v := range obj {
		if strings.HasPrefix(k, "$") {
			return fmt.Errorf("key %q starts with \"$\", which Pinecone reserves for filter operators", k)
		}
		if err := flatMetadataValue(k, v); err != nil {
			return err
		}
	}
	return nil
}

func flatMetadataValue(key string, v any) error {
	switch t := v.(type) {
	case nil:
		return fmt.Errorf("the value of %q is null; Pinecone does not accept null metadata values", key)
	case map[string]any:
		return fmt.Errorf("the value of %q is an object; file metadata must be flat", key)
	case []any:
		for _, e := range t {
			switch e.(type) {
			case string, float64, bool:
			default:
				return fmt.Errorf("the list %q may hold only strings, numbers and booleans", key)
			}
		}
	}
	return nil
}
