package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

func mapOf(t *testing.T, m map[string]string) types.Map {
	t.Helper()
	v, diags := types.MapValueFrom(t.Context(), types.StringType, m)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return v
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func serverlessPlan(t *testing.T) *indexResourceModel {
	return &indexResourceModel{
		indexCommonModel: indexCommonModel{
			Name:               types.StringValue("s"),
			Dimension:          types.Int64Value(3),
			Metric:             types.StringUnknown(),
			VectorType:         types.StringUnknown(),
			DeletionProtection: types.StringValue("disabled"),
			Tags:               types.MapNull(types.StringType),
			Spec: &indexSpecModel{Serverless: &serverlessSpecModel{
				Cloud: types.StringValue("aws"), Region: types.StringValue("us-east-1"),
				SourceCollection: types.StringNull(),
			}},
		},
	}
}

func TestNewCreateIndexRequest_serverless(t *testing.T) {
	got := jsonOf(t, newCreateIndexRequest(serverlessPlan(t), map[string]string{"team": "a"}))
	want := `{"name":"s","dimension":3,"vector_type":"dense","deletion_protection":"disabled","tags":{"team":"a"},"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`
	if got != want {
		t.Errorf("request\n got %s\nwant %s", got, want)
	}
}

func TestNewCreateIndexRequest_podSendsCountsAndMetadataConfig(t *testing.T) {
	indexed, _ := types.SetValueFrom(t.Context(), types.StringType, []string{"year", "genre"})
	plan := serverlessPlan(t)
	plan.Spec = &indexSpecModel{Pod: &podSpecModel{
		Environment: types.StringValue("us-east-1-aws"), PodType: types.StringValue("p1.x2"),
		Replicas: types.Int64Value(2), Shards: types.Int64Value(1), Pods: types.Int64Unknown(),
		MetadataConfig:   &metadataConfigModel{Indexed: indexed},
		SourceCollection: types.StringNull(),
	}}
	got := jsonOf(t, newCreateIndexRequest(plan, nil))
	want := `{"name":"s","dimension":3,"vector_type":"dense","deletion_protection":"disabled","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x2","replicas":2,"shards":1,"metadata_config":{"indexed":["genre","year"]}}}}`
	if got != want {
		t.Errorf("request\n got %s\nwant %s", got, want)
	}
}

func TestNewCreateIndexForModelRequest_typedParameters(t *testing.T) {
	plan := serverlessPlan(t)
	plan.Dimension = types.Int64Unknown()
	plan.Embed = &embedModel{
		Model:           types.StringValue("llama-text-embed-v2"),
		FieldMap:        mapOf(t, map[string]string{"text": "chunk"}),
		ReadParameters:  mapOf(t, map[string]string{"input_type": "query", "dimension": "512", "return_tokens": "true"}),
		WriteParameters: types.MapNull(types.StringType),
		Metric:          types.StringUnknown(),
		Dimension:       types.Int64Value(512),
	}
	got := jsonOf(t, newCreateIndexForModelRequest(plan, nil))
	want := `{"name":"s","cloud":"aws","region":"us-east-1","embed":{"model":"llama-text-embed-v2","field_map":{"text":"chunk"},"dimension":512,"read_parameters":{"dimension":512,"input_type":"query","return_tokens":true}},"deletion_protection":"disabled"}`
	if got != want {
		t.Errorf("request\n got %s\nwant %s", got, want)
	}
}

func TestTagDelta(t *testing.T) {
	got := tagDelta(map[string]string{"a": "1", "b": "2", "c": "3"}, map[string]string{"a": "1", "b": "20", "d": "4"})
	want := map[string]string{"b": "20", "c": "", "d": "4"}
	if jsonOf(t, got) != jsonOf(t, want) {
		t.Errorf("tagDelta = %v, want %v", got, want)
	}
	if d := tagDelta(map[string]string{"a": "1"}, map[string]string{"a": "1"}); len(d) != 0 {
		t.Errorf("no change should give an empty delta, got %v", d)
	}
}

func TestNewConfigureIndexRequest_onlyChanges(t *testing.T) {
	state := serverlessPlan(t)
	plan := serverlessPlan(t)
	if _, changed := newConfigureIndexRequest(state, plan, map[string]string{"a": "1"}, map[string]string{"a": "1"}); changed {
		t.Fatal("identical state and plan must not produce a PATCH")
	}
	plan.DeletionProtection = types.StringValue("enabled")
	req, changed := newConfigureIndexRequest(state, plan, map[string]string{"a": "1"}, nil)
	if !changed {
		t.Fatal("expected a change")
	}
	if got, want := jsonOf(t, req), `{"deletion_protection":"enabled","tags":{"a":""}}`; got != want {
		t.Errorf("PATCH\n got %s\nwant %s", got, want)
	}
}

func TestNewConfigureIndexRequest_readCapacity(t *testing.T) {
	state := serverlessPlan(t)
	plan := serverlessPlan(t)
	plan.Spec.Serverless.ReadCapacity = &readCapacityModel{Dedicated: &dedicatedModel{
		NodeType: types.StringValue("t1"), Replicas: types.Int64Value(0), Shards: types.Int64Value(2),
	}}
	req, changed := newConfigureIndexRequest(state, plan, nil, nil)
	if !changed {
		t.Fatal("expected a change")
	}
	want := `{"spec":{"serverless":{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":0,"shards":2}}}}}}`
	if got := jsonOf(t, req); got != want {
		t.Errorf("PATCH\n got %s\nwant %s", got, want)
	}
	// null and on_demand = {} both mean on demand: no change.
	plan.Spec.Serverless.ReadCapacity = &readCapacityModel{OnDemand: &onDemandModel{}}
	if _, changed := newConfigureIndexRequest(state, plan, nil, nil); changed {
		t.Error("on_demand = {} against null read capacity must not produce a PATCH")
	}
}

func TestNewConfigureIndexRequest_embedUpgradeAndPod(t *testing.T) {
	state := serverlessPlan(t)
	plan := serverlessPlan(t)
	plan.Embed = &embedModel{
		Model:          types.StringValue("multilingual-e5-large"),
		FieldMap:       mapOf(t, map[string]string{"text": "chunk_text"}),
		ReadParameters: types.MapNull(types.StringType), WriteParameters: types.MapNull(types.StringType),
	}
	req, _ := newConfigureIndexRequest(state, plan, nil, nil)
	if got, want := jsonOf(t, req), `{"embed":{"model":"multilingual-e5-large","field_map":{"text":"chunk_text"}}}`; got != want {
		t.Errorf("PATCH\n got %s\nwant %s", got, want)
	}

	podState := &indexSpecModel{Pod: &podSpecModel{PodType: types.StringValue("p1.x1"), Replicas: types.Int64Value(1)}}
	podPlan := &indexSpecModel{Pod: &podSpecModel{PodType: types.StringValue("p1.x2"), Replicas: types.Int64Value(3)}}
	if got, want := jsonOf(t, configureSpec(podState, podPlan)), `{"pod":{"replicas":3,"pod_type":"p1.x2"}}`; got != want {
		t.Errorf("pod PATCH\n got %s\nwant %s", got, want)
	}
}

func TestOwnTags(t *testing.T) {
	defaults := map[string]string{"team": "search", "managed_by": "terraform"}
	api := map[string]string{"team": "search", "managed_by": "terraform", "env": "dev"}
	got := ownTags(api, types.MapNull(types.StringType), defaults)
	if jsonOf(t, got) != `{"env":"dev"}` {
		t.Errorf("ownTags without prior = %v, want only env", got)
	}
	// A key the user wrote stays theirs even when it equals a default.
	got = ownTags(api, mapOf(t, map[string]string{"team": "search"}), defaults)
	if jsonOf(t, got) != `{"env":"dev","team":"search"}` {
		t.Errorf("ownTags with prior = %v", got)
	}
	// A default key whose value changed outside Terraform is shown as the resource's drift.
	got = ownTags(map[string]string{"team": "other"}, types.MapNull(types.StringType), defaults)
	if jsonOf(t, got) != `{"team":"other"}` {
		t.Errorf("ownTags drift = %v", got)
	}
}

func TestApplyIndexModel_keepsUserSpelling(t *testing.T) {
	ctx := t.Context()
	dim := int32(1024)
	ix := &client.IndexModel{
		Name: "m", Dimension: &dim, Metric: "cosine", Host: "m-abc.svc.x.pinecone.io", VectorType: "dense",
		Spec: client.IndexSpec{Serverless: &client.ServerlessSpec{Cloud: "aws", Region: "us-east-1",
			ReadCapacity: &client.ReadCapacity{Mode: "OnDemand", Status: &client.ReadCapacityStatus{State: "Ready"}}}},
		Embed: &client.IndexEmbed{Model: "multilingual-e5-large", Metric: "cosine", Dimension: &dim,
			FieldMap:       map[string]any{"text": "chunk_text"},
			ReadParameters: map[string]any{"input_type": "query", "truncate": "END"}},
		Status: client.IndexStatus{Ready: true, State: "Ready"},
	}
	prior := serverlessPlan(t)
	prior.Spec.Serverless.ReadCapacity = &readCapacityModel{OnDemand: &onDemandModel{}}
	prior.Embed = &embedModel{ReadParameters: mapOf(t, map[string]string{"input_type": "query"}), WriteParameters: types.MapNull(types.StringType)}
	var m indexResourceModel
	if diags := applyIndexModel(ctx, &m, ix, prior, nil); diags.HasError() {
		t.Fatal(diags)
	}
	if m.Spec.Serverless.ReadCapacity == nil || m.Spec.Serverless.ReadCapacity.OnDemand == nil {
		t.Error("on_demand written by the user must be kept")
	}
	if got := stringMap(m.Embed.ReadParameters); len(got) != 1 || got["input_type"] != "query" {
		t.Errorf("read_parameters = %v, want only the user's input_type (server default truncate hidden)", got)
	}
	if !m.Embed.WriteParameters.IsNull() {
		t.Error("unmanaged write_parameters must stay null")
	}
	if m.DeletionProtection.ValueString() != "disabled" {
		t.Errorf("missing deletion_protection must read as disabled, got %s", m.DeletionProtection)
	}
	if !m.Tags.IsNull() || len(m.TagsAll.Elements()) != 0 {
		t.Errorf("no tags: tags should be null and tags_all empty, got %v / %v", m.Tags, m.TagsAll)
	}
	// Without a prior on_demand, on-demand capacity stays null (Pinecone's default).
	prior.Spec.Serverless.ReadCapacity = nil
	_ = applyIndexModel(ctx, &m, ix, prior, nil)
	if m.Spec.Serverless.ReadCapacity != nil {
		t.Error("on-demand capacity the user did not write must stay null")
	}
}

func TestParamValues(t *testing.T) {
	for in, want := range map[string]any{"true": true, "false": false, "512": int64(512), "END": "END", "1.5": 1.5, "-0.25": -0.25,
		"007": "007", "1.50": "1.50", "1e3": "1e3", "NaN": "NaN", "Inf": "Inf", "+Inf": "+Inf", ".5": ".5"} {
		if got := paramValueToAPI(in); got != want {
			t.Errorf("paramValueToAPI(%q) = %#v, want %#v", in, got, want)
		}
	}
	for _, tc := range []struct {
		in   any
		want string
	}{{"END", "END"}, {true, "true"}, {float64(512), "512"}, {1.5, "1.5"}} {
		if got := paramValueFromAPI(tc.in); got != tc.want {
			t.Errorf("paramValueFromAPI(%#v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsPodScaleUp(t *testing.T) {
	cases := map[[2]string]bool{
		{"p1.x1", "p1.x2"}: true, {"p1.x2", "p1.x8"}: true, {"p1.x2", "p1.x1"}: false,
		{"p1.x1", "s1.x1"}: false, {"p1.x1", "s1.x2"}: false, {"p1.x1", "p1.x1"}: false,
	}
	for in, want := range cases {
		if got := isPodScaleUp(in[0], in[1]); got != want {
			t.Errorf("isPodScaleUp(%s → %s) = %v, want %v", in[0], in[1], got, want)
		}
	}
}

func TestValidateIndexConfig(t *testing.T) {
	var reported []string
	report := func(p path.Path, summary, _ string) { reported = append(reported, p.String()+": "+summary) }
	cfg := serverlessPlan(t)
	cfg.Dimension = types.Int64Null()
	cfg.VectorType = types.StringNull()
	validateIndexConfig(cfg, report)
	if len(reported) != 1 || reported[0] != "dimension: Missing dimension" {
		t.Errorf("dense without dimension: %v", reported)
	}
	reported = nil
	cfg.Embed = &embedModel{Model: types.StringValue("m")}
	validateIndexConfig(cfg, report)
	if len(reported) != 0 {
		t.Errorf("integrated indexes take the dimension from the model: %v", reported)
	}
	reported = nil
	cfg.VectorType = types.StringUnknown()
	cfg.Embed = nil
	validateIndexConfig(cfg, report)
	if len(reported) != 0 {
		t.Errorf("unknown vector_type must skip the checks: %v", reported)
	}
}

// The catalogue's value_type decides whether a parameter's value is sent as
// what the model expects; a mismatch fails the plan.
func TestParamTypeMismatch(t *testing.T) {
	for _, tc := range []struct {
		valueType, value string
		ok               bool
	}{
		{"string", "END", true}, {"string", "512", false}, {"string", "true", false},
		{"integer", "512", true}, {"integer", "0.5", false}, {"integer", "lots", false},
		{"float", "0.5", true}, {"float", "2", true}, {"float", "0.50", false},
		{"boolean", "true", true}, {"boolean", "yes", false},
		{"", "anything", true}, {"any", "512", true},
	} {
		msg := paramTypeMismatch(tc.valueType, tc.value)
		if (msg == "") != tc.ok {
			t.Errorf("paramTypeMismatch(%q, %q) = %q, want ok=%v", tc.valueType, tc.value, msg, tc.ok)
		}
	}
}
