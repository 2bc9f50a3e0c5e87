package provider

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

func TestDefaultFileID(t *testing.T) {
	a := defaultFileID("support", "docs/handbook.md")
	if a != defaultFileID("support", "docs/handbook.md") {
		t.Fatal("the default ID is not stable")
	}
	if !strings.HasPrefix(a, "handbook-") || len(a) != len("handbook-")+12 || !fileIDRegexp.MatchString(a) {
		t.Errorf("defaultFileID = %q, want handbook-<12 hex>", a)
	}
	// Another path with the same base name, or another assistant, is another file.
	for _, other := range []string{defaultFileID("support", "old/handbook.md"), defaultFileID("sales", "docs/handbook.md")} {
		if other == a {
			t.Errorf("%q collides with %q", other, a)
		}
	}
	cases := map[string]string{
		"Q3 report (final).pdf":           "Q3-report-final-",
		".hidden":                         "file-",
		"résumé.txt":                      "r-sum-",
		strings.Repeat("a", 200) + ".txt": strings.Repeat("a", 80) + "-",
	}
	for source, prefix := range cases {
		got := defaultFileID("x", source)
		if !strings.HasPrefix(got, prefix) || !fileIDRegexp.MatchString(got) {
			t.Errorf("defaultFileID(%q) = %q, want a valid ID starting %q", source, got, prefix)
		}
	}
}

func TestFileMetadataRules(t *testing.T) {
	ok := []string{``, `{}`, `{"a":"x","n":1.5,"b":true,"tags":["x",2,false]}`}
	for _, raw := range ok {
		if err := fileMetadataRules(json.RawMessage(raw)); err != nil {
			t.Errorf("%s: %v", raw, err)
		}
	}
	bad := map[string]string{
		`{"a":null}`:      "null",
		`{"a":{"b":1}}`:   "flat",
		`{"a":[{"b":1}]}`: "only strings",
		`{"a":[null]}`:    "only strings",
		`{"$and":"x"}`:    `starts with "$"`,
	}
	for raw, want := range bad {
		if err := fileMetadataRules(json.RawMessage(raw)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want one mentioning %q", raw, err, want)
		}
	}
}

func TestNeedsUpload(t *testing.T) {
	obj := func(v string) types.Dynamic {
		return types.DynamicValue(types.ObjectValueMust(map[string]attr.Type{"topic": types.StringType}, map[string]attr.Value{"topic": types.StringValue(v)}))
	}
	base := assistantFileResourceModel{ContentHash: types.StringValue("h1"), Metadata: obj("faq"), Multimodal: types.BoolNull()}
	cases := []struct {
		name string
		edit func(plan, state *assistantFileResourceModel)
		want bool
	}{
		{"nothing changed", func(_, _ *assistantFileResourceModel) {}, false},
		{"new content", func(p, _ *assistantFileResourceModel) { p.ContentHash = types.StringValue("h2") }, true},
		{"hash learnt after import", func(_, s *assistantFileResourceModel) { s.ContentHash = types.StringNull() }, false},
		{"metadata changed", func(p, _ *assistantFileResourceModel) { p.Metadata = obj("howto") }, true},
		{"metadata as the same JSON string", func(p, _ *assistantFileResourceModel) {
			p.Metadata = types.DynamicValue(types.StringValue(`{ "topic" : "faq" }`))
		}, false},
		{"metadata removed", func(p, _ *assistantFileResourceModel) { p.Metadata = types.DynamicNull() }, true},
		{"multimodal on", func(p, _ *assistantFileResourceModel) { p.Multimodal = types.BoolValue(true) }, true},
		{"multimodal false spelled out", func(p, _ *assistantFileResourceModel) { p.Multimodal = types.BoolValue(false) }, false},
	}
	for _, tc := range cases {
		plan, state := base, base
		tc.edit(&plan, &state)
		got, err := needsUpload(&plan, &state)
		if err != nil || got != tc.want {
			t.Errorf("%s: needsUpload = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

func TestNewAssistantFileModel(t *testing.T) {
	size, yes, no := int64(2048), true, false
	api := func() *client.AssistantFile {
		return &client.AssistantFile{
			ID: "handbook-0123456789ab", Name: "handbook.md", Size: &size, Status: "Available",
			Metadata:  json.RawMessage(`{"topic":"faq"}`),
			CreatedOn: "2025-10-01T00:00:00Z", UpdatedOn: "2025-10-02T00:00:00Z",
			SignedURL: "https://storage.example/signed",
		}
	}
	topic := types.DynamicValue(types.ObjectValueMust(map[string]attr.Type{"topic": types.StringType}, map[string]attr.Value{"topic": types.StringValue("faq")}))
	plan := func() assistantFileResourceModel {
		return assistantFileResourceModel{
			AssistantName: types.StringValue("support"), Source: types.StringValue("docs/handbook.md"),
			ContentHash: types.StringValue("abc123"), Metadata: topic, Multimodal: types.BoolNull(), Timeouts: someTimeouts(),
		}
	}
	want := func(edit func(m *assistantFileResourceModel)) *assistantFileResourceModel {
		m := plan()
		m.ID, m.FileID = types.StringValue("handbook-0123456789ab"), types.StringValue("handbook-0123456789ab")
		m.Name, m.Status, m.Size = types.StringValue("handbook.md"), types.StringValue("Available"), types.Int64Value(2048)
		m.CreatedOn, m.UpdatedOn = types.StringValue("2025-10-01T00:00:00Z"), types.StringValue("2025-10-02T00:00:00Z")
		if edit != nil {
			edit(&m)
		}
		return &m
	}
	cases := []struct {
		name  string
		api   func(f *client.AssistantFile)
		prior func(m *assistantFileResourceModel)
		want  *assistantFileResourceModel
	}{
		{name: "after an upload: source, hash and timeouts come from the plan", want: want(nil)},
		{
			name: "import: no source or hash known, metadata as an object",
			prior: func(m *assistantFileResourceModel) {
				m.Source, m.ContentHash, m.Metadata = types.StringNull(), types.StringUnknown(), types.DynamicNull()
			},
			want: want(func(m *assistantFileResourceModel) {
				m.Source, m.ContentHash = types.StringNull(), types.StringNull()
			}),
		},
		{
			name: "no size and no metadata reported: null",
			api:  func(f *client.AssistantFile) { f.Size, f.Metadata = nil, nil },
			want: want(func(m *assistantFileResourceModel) { m.Size, m.Metadata = types.Int64Null(), types.DynamicNull() }),
		},
		{
			name: "multimodal false reported, not configured: stays null",
			api:  func(f *client.AssistantFile) { f.Multimodal = &no },
			want: want(nil),
		},
		{
			name:  "multimodal false reported, configured false: false",
			api:   func(f *client.AssistantFile) { f.Multimodal = &no },
			prior: func(m *assistantFileResourceModel) { m.Multimodal = types.BoolValue(false) },
			want:  want(func(m *assistantFileResourceModel) { m.Multimodal = types.BoolValue(false) }),
		},
		{
			name: "multimodal true reported: true even if not configured (drift shows)",
			api:  func(f *client.AssistantFile) { f.Multimodal = &yes },
			want: want(func(m *assistantFileResourceModel) { m.Multimodal = types.BoolValue(true) }),
		},
	}
	for _, tc := range cases {
		f, prior := api(), plan()
		if tc.api != nil {
			tc.api(f)
		}
		if tc.prior != nil {
			tc.prior(&prior)
		}
		got, diags := newAssistantFileModel(f, &prior)
		if diags.HasError() {
			t.Errorf("%s: %v", tc.name, diags)
			continue
		}
		expectModel(t, tc.name, got, tc.want)
	}
}

// A file whose processing did not finish stays in state with what the plan
// knew; computed values the plan did not know are null, not unknown.
func TestPendingFileModel(t *testing.T) {
	plan := &assistantFileResourceModel{
		AssistantName: types.StringValue("support"), Source: types.StringValue("broken.pdf"), ContentHash: types.StringValue("h"),
		Metadata: types.DynamicNull(), Multimodal: types.BoolNull(),
		ID: types.StringUnknown(), FileID: types.StringUnknown(), Name: types.StringUnknown(), Status: types.StringUnknown(),
		Size: types.Int64Unknown(), CreatedOn: types.StringUnknown(), UpdatedOn: types.StringUnknown(),
	}
	got := pendingFileModel(plan, "broken-0123456789ab")
	expectModel(t, "pending file", got, &assistantFileResourceModel{
		ID: types.StringValue("broken-0123456789ab"), FileID: types.StringValue("broken-0123456789ab"),
		AssistantName: types.StringValue("support"), Source: types.StringValue("broken.pdf"), ContentHash: types.StringValue("h"),
		Metadata: types.DynamicNull(), Multimodal: types.BoolNull(),
		Name: types.StringNull(), Status: types.StringNull(), Size: types.Int64Null(),
		CreatedOn: types.StringNull(), UpdatedOn: types.StringNull(),
	})
	if !plan.ID.IsUnknown() || !plan.Name.IsUnknown() {
		t.Error("pendingFileModel changed the plan it was given")
	}
}
