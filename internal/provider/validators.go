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

// Pinecone's naming and tag rules (facts doc §2.3). Checked at plan time so a
// bad value costs no API call.
var (
	indexNameRegexp = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
	tagKeyRegexp    = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	tagValueRegexp  = regexp.MustCompile(`^[A-Za-z0-9;@_\-.+ ]*$`)
	podTypeRegexp   = regexp.MustCompile(`^(s1|p1|p2)\.(x1|x2|x4|x8)$`)
)

const (
	indexNameMaxLength = 45
	tagKeyMaxLength    = 80
	tagValueMaxLength  = 120
)

func indexNameValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, indexNameMaxLength),
		stringvalidator.RegexMatches(indexNameRegexp,
			"must contain only lowercase alphanumeric characters or hyphens, and must not begin or end with a hyphen"),
	}
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
