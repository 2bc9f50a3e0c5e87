package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Pinecone's naming and tag rules, from the OpenAPI specs in
// github.com/pinecone-io/pinecone-api (2025-10/db_control_2025-10.oas.yaml:
// CreateIndexRequest.name and IndexTags of operationId create_index;
// 2025-10/assistant_control_2025-10.oas.yaml: CreateAssistantRequest.name of
// create_assistant). Checked at plan time so a bad value costs no API call.
var (
	tagKeyRegexp   = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	tagValueRegexp = regexp.MustCompile(`^[A-Za-z0-9;@_\-.+ ]*$`)
	podTypeRegexp  = regexp.MustCompile(`^(s1|p1|p2)\.(x1|x2|x4|x8)$`)
	uuidRegexp     = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

const (
	indexNameMaxLength     = 45
	assistantNameMaxLength = 63
	tagKeyMaxLength        = 80
	tagValueMaxLength      = 120
)

// nameRule is Pinecone's rule for the name of an object that is its ID:
// lowercase letters, digits and hyphens, starting and ending with a letter
// or digit, up to maxLength characters.
type nameRule struct {
	maxLength int
	regexp    *regexp.Regexp
}

var (
	// indexNameRule holds for indexes and collections.
	indexNameRule     = nameRule{indexNameMaxLength, regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)}
	assistantNameRule = nameRule{assistantNameMaxLength, regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)}
)

func (n nameRule) valid(s string) bool {
	return s != "" && len(s) <= n.maxLength && n.regexp.MatchString(s)
}

// String describes the rule for messages.
func (n nameRule) String() string {
	return fmt.Sprintf("1–%d lowercase letters, digits or hyphens", n.maxLength)
}

func (n nameRule) validators() []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, n.maxLength),
		stringvalidator.RegexMatches(n.regexp,
			"must contain only lowercase alphanumeric characters or hyphens, and must not begin or end with a hyphen"),
	}
}

func uuidValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(uuidRegexp, "must be a UUID")}
}

func tagKeyValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, tagKeyMaxLength),
		stringvalidator.RegexMatches(tagKeyRegexp, "tag keys may contain only letters, digits, underscores and hyphens"),
	}
}

func tagValueValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthAtMost(tagValueMaxLength),
		stringvalidator.RegexMatches(tagValueRegexp,
			"tag values may contain only letters, digits, spaces and the characters ; @ _ - . +"),
	}
}

// oneOf returns a validator and a Markdown list of the allowed values, built
// from one slice so the documentation never drifts from the check.
func oneOf(values ...string) (validator.String, string) {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return stringvalidator.OneOf(values...), strings.Join(quoted, ", ")
}

// durationValidator accepts Go durations such as "30s" or "2m".
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return "value must be a Go duration such as 30s or 2m"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%q is not a positive Go duration such as 30s or 2m.", req.ConfigValue.ValueString()))
	}
}

// mustBeTrue rejects false: Pinecone only supports filterable = true.
type mustBeTrue struct{}

func (mustBeTrue) Description(context.Context) string { return "value must be true" }

func (v mustBeTrue) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (mustBeTrue) ValidateBool(_ context.Context, req validator.BoolRequest, resp *validator.BoolResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() && !req.ConfigValue.ValueBool() {
		resp.Diagnostics.AddAttributeError(req.Path, "Unsupported metadata schema field",
			"Pinecone only supports `filterable = true`; remove the field instead of setting it to false.")
	}
}
