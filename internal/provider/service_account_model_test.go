package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestRotationRequested(t *testing.T) {
	v := types.StringValue
	cases := []struct {
		name           string
		prior, planned types.String
		want           bool
	}{
		{"unset stays unset", types.StringNull(), types.StringNull(), false},
		{"first value only records", types.StringNull(), v("a"), false},
		{"removed", v("a"), types.StringNull(), false},
		{"same value", v("a"), v("a"), false},
		{"new value", v("a"), v("b"), true},
		{"unknown may differ", v("a"), types.StringUnknown(), true},
		{"unknown after unset", types.StringNull(), types.StringUnknown(), false},
	}
	for _, tc := range cases {
		if got := rotationRequested(tc.prior, tc.planned); got != tc.want {
			t.Errorf("%s: rotationRequested(%v, %v) = %v, want %v", tc.name, tc.prior, tc.planned, got, tc.want)
		}
	}
}

func TestSameSpelling(t *testing.T) {
	const lower = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
	upper := types.StringValue("3F2504E0-4F89-41D3-9A0C-0305E82C3301")
	if got := sameSpelling(upper, lower); !got.Equal(upper) {
		t.Errorf("the configured spelling of the same UUID was not kept: %v", got)
	}
	if got := sameSpelling(types.StringValue("other"), lower); got.ValueString() != lower {
		t.Errorf("a different value was kept instead of Pinecone's: %v", got)
	}
	if got := sameSpelling(types.StringNull(), lower); got.ValueString() != lower {
		t.Errorf("a null prior did not take Pinecone's value: %v", got)
	}
	if got := sameSpelling(types.StringUnknown(), lower); got.ValueString() != lower {
		t.Errorf("an unknown prior did not take Pinecone's value: %v", got)
	}
}
