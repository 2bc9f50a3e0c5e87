package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// indexResourceModel is pinecone_index in Terraform terms: what the data
// source shows too, the schema mode's arguments, and the Terraform-only
// attributes. Nested objects that users write are pointers (nil = null);
// computed objects are types.Object so they can be unknown in a plan.
type indexResourceModel struct {
	indexCommonModel
	indexSchemaModeModel
	TagsAll        types.Map      `tfsdk:"tags_all"`
	SourceBackupID types.String   `tfsdk:"source_backup_id"`
	RestoreJobID   types.String   `tfsdk:"restore_job_id"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

// indexCommonModel is what the resource and the pinecone_index data source
// show alike: the legacy (spec) description of an index and its status.
type indexCommonModel struct {
	ID                 types.String    `tfsdk:"id"`
	Name               types.String    `tfsdk:"name"`
	Dimension          types.Int64     `tfsdk:"dimension"`
	Metric             types.String    `tfsdk:"metric"`
	VectorType         types.String    `tfsdk:"vector_type"`
	DeletionProtection types.String    `tfsdk:"deletion_protection"`
	Tags               types.Map       `tfsdk:"tags"`
	Spec               *indexSpecModel `tfsdk:"spec"`
	Embed              *embedModel     `tfsdk:"embed"`
	Host               types.String    `tfsdk:"host"`
	PrivateHost        types.String    `tfsdk:"private_host"`
	Status             types.Object    `tfsdk:"status"`
}

type indexSpecModel struct {
	Serverless *serverlessSpecModel `tfsdk:"serverless"`
	Pod        *podSpecModel        `tfsdk:"pod"`
	BYOC       *byocSpecModel       `tfsdk:"byoc"`
}

type serverlessSpecModel struct {
	Cloud            types.String         `tfsdk:"cloud"`
	Region           types.String         `tfsdk:"region"`
	ReadCapacity     *readCapacityModel   `tfsdk:"read_capacity"`
	Schema           *metadataSchemaModel `tfsdk:"schema"`
	SourceCollection types.String         `tfsdk:"source_collection"`
}

type podSpecModel struct {
	Environment      types.String         `tfsdk:"environment"`
	PodType          types.String         `tfsdk:"pod_type"`
	Replicas         types.Int64          `tfsdk:"replicas"`
	Shards           types.Int64          `tfsdk:"shards"`
	Pods             types.Int64          `tfsdk:"pods"`
	MetadataConfig   *metadataConfigModel `tfsdk:"metadata_config"`
	SourceCollection types.String         `tfsdk:"source_collection"`
}

type metadataConfigModel struct {
	Indexed types.Set `tfsdk:"indexed"`
}

type byocSpecModel struct {
	Environment  types.String         `tfsdk:"environment"`
	ReadCapacity *readCapacityModel   `tfsdk:"read_capacity"`
	Schema       *metadataSchemaModel `tfsdk:"schema"`
}

type readCapacityModel struct {
	OnDemand  *onDemandModel  `tfsdk:"on_demand"`
	Dedicated *dedicatedModel `tfsdk:"dedicated"`
}

type onDemandModel struct{}

type dedicatedModel struct {
	NodeType types.String `tfsdk:"node_type"`
	Replicas types.Int64  `tfsdk:"replicas"`
	Shards   types.Int64  `tfsdk:"shards"`
}

type metadataSchemaModel struct {
	Fields map[string]metadataFieldModel `tfsdk:"fields"`
}

type metadataFieldModel struct {
	Filterable types.Bool `tfsdk:"filterable"`
}

type embedModel struct {
	Model           types.String `tfsdk:"model"`
	FieldMap        types.Map    `tfsdk:"field_map"`
	ReadParameters  types.Map    `tfsdk:"read_parameters"`
	WriteParameters types.Map    `tfsdk:"write_parameters"`
	Metric          types.String `tfsdk:"metric"`
	Dimension       types.Int64  `tfsdk:"dimension"`
	VectorType      types.String `tfsdk:"vector_type"`
}

var indexStatusAttrTypes = map[string]attr.Type{
	"ready": types.BoolType,
	"state": types.StringType,
}

// ---------------------------------------------------------------------------
// Plan → API requests (pure).

// newCreateIndexRequest builds POST /indexes from a plan. tags are the merged
// tags_all.
func newCreateIndexRequest(plan *indexResourceModel, tags map[string]string) client.CreateIndexRequest {
	req := client.CreateIndexRequest{
		Name:               plan.Name.ValueString(),
		Dimension:          int32Ptr(plan.Dimension),
		Metric:             knownString(plan.Metric),
		VectorType:         knownString(plan.VectorType),
		DeletionProtection: knownString(plan.DeletionProtection),
		Tags:               nonEmpty(tags),
	}
	if req.VectorType == "" {
		req.VectorType = "dense"
	}
	switch spec := plan.Spec; {
	case spec.Serverless != nil:
		req.Spec.Serverless = &client.ServerlessSpec{
			Cloud:            spec.Serverless.Cloud.ValueString(),
			Region:           spec.Serverless.Region.ValueString(),
			ReadCapacity:     readCapacityRequest(spec.Serverless.ReadCapacity),
			SourceCollection: knownString(spec.Serverless.SourceCollection),
			Schema:           metadataSchemaRequest(spec.Serverless.Schema),
		}
	case spec.Pod != nil:
		req.Spec.Pod = &client.PodSpec{
			Environment:      spec.Pod.Environment.ValueString(),
			PodType:          knownString(spec.Pod.PodType),
			Replicas:         int32Ptr(spec.Pod.Replicas),
			Shards:           int32Ptr(spec.Pod.Shards),
			SourceCollection: knownString(spec.Pod.SourceCollection),
		}
		if mc := spec.Pod.MetadataConfig; mc != nil {
			req.Spec.Pod.MetadataConfig = &client.PodMetadataConfig{Indexed: setStrings(mc.Indexed)}
		}
	case spec.BYOC != nil:
		req.Spec.BYOC = &client.BYOCSpec{
			Environment:  spec.BYOC.Environment.ValueString(),
			ReadCapacity: readCapacityRequest(spec.BYOC.ReadCapacity),
			Schema:       metadataSchemaRequest(spec.BYOC.Schema),
		}
	}
	return req
}

// newCreateIndexForModelRequest builds POST /indexes/create-for-model; only
// valid for serverless plans with embed (checked at plan time).
func newCreateIndexForModelRequest(plan *indexResourceModel, tags map[string]string) client.CreateIndexForModelRequest {
	sl := plan.Spec.Serverless
	e := plan.Embed
	dim := int32Ptr(e.Dimension)
	if dim == nil {
		dim = int32Ptr(plan.Dimension)
	}
	metric := knownString(e.Metric)
	if metric == "" {
		metric = knownString(plan.Metric)
	}
	return client.CreateIndexForModelRequest{
		Name:   plan.Name.ValueString(),
		Cloud:  sl.Cloud.ValueString(),
		Region: sl.Region.ValueString(),
		Embed: client.CreateIndexEmbed{
			Model:           e.Model.ValueString(),
			FieldMap:        anyMap(stringMap(e.FieldMap)),
			Metric:          metric,
			Dimension:       dim,
			ReadParameters:  paramsToAPI(e.ReadParameters),
			WriteParameters: paramsToAPI(e.WriteParameters),
		},
		DeletionProtection: knownString(plan.DeletionProtection),
		Tags:               nonEmpty(tags),
		Schema:             metadataSchemaRequest(sl.Schema),
		ReadCapacity:       readCapacityRequest(sl.ReadCapacity),
	}
}

// newConfigureIndexRequest returns the PATCH that turns state into plan, and
// whether anything needs to change. Tags present in state but not in the plan
// are sent as "" (Pinecone's way to delete a key).
func newConfigureIndexRequest(state, plan *indexResourceModel, oldTags, newTags map[string]string) (client.ConfigureIndexRequest, bool) {
	var req client.ConfigureIndexRequest
	changed := false
	if p := knownString(plan.DeletionProtection); p != "" && p != state.DeletionProtection.ValueString() {
		req.DeletionProtection = p
		changed = true
	}
	if delta := tagDelta(oldTags, newTags); len(delta) > 0 {
		req.Tags = delta
		changed = true
	}
	if state.Schema != nil || plan.Schema != nil {
		// Schema mode on either side (also when an index moves between the
		// modes): read capacity is the only deployment setting to compare.
		if rc, ok := readCapacityChange(effectiveReadCapacity(state), effectiveReadCapacity(plan)); ok {
			req.ReadCapacity = rc
			changed = true
		}
		return req, changed
	}
	if spec := configureSpec(state.Spec, plan.Spec); spec != nil {
		req.Spec = spec
		changed = true
	}
	if embed := configureEmbed(state.Embed, plan.Embed); embed != nil {
		req.Embed = embed
		req.SemanticTextField = semanticTextField(state.Embed)
		changed = true
	}
	return req, changed
}

func tagDelta(oldTags, newTags map[string]string) map[string]string {
	delta := map[string]string{}
	for k, v := range newTags {
		if old, ok := oldTags[k]; !ok || old != v {
			delta[k] = v
		}
	}
	for k := range oldTags {
		if _, ok := newTags[k]; !ok {
			delta[k] = ""
		}
	}
	return delta
}

func configureSpec(state, plan *indexSpecModel) *client.ConfigureIndexSpec {
	if state == nil || plan == nil {
		return nil
	}
	switch {
	case plan.Pod != nil && state.Pod != nil:
		var pod client.ConfigurePod
		if r := plan.Pod.Replicas; !r.IsUnknown() && !r.IsNull() && r.ValueInt64() != state.Pod.Replicas.ValueInt64() {
			pod.Replicas = int32Ptr(r)
		}
		if pt := knownString(plan.Pod.PodType); pt != "" && pt != state.Pod.PodType.ValueString() {
			pod.PodType = pt
		}
		if pod.Replicas == nil && pod.PodType == "" {
			return nil
		}
		return &client.ConfigureIndexSpec{Pod: &pod}
	case plan.Serverless != nil && state.Serverless != nil:
		if rc, ok := readCapacityChange(state.Serverless.ReadCapacity, plan.Serverless.ReadCapacity); ok {
			return &client.ConfigureIndexSpec{Serverless: &client.ConfigureReadCapacity{ReadCapacity: rc}}
		}
	case plan.BYOC != nil && state.BYOC != nil:
		if rc, ok := readCapacityChange(state.BYOC.ReadCapacity, plan.BYOC.ReadCapacity); ok {
			return &client.ConfigureIndexSpec{BYOC: &client.ConfigureReadCapacity{ReadCapacity: rc}}
		}
	}
	return nil
}

// readCapacityChange compares effective read capacity (null means OnDemand).
func readCapacityChange(state, plan *readCapacityModel) (*client.ReadCapacity, bool) {
	want := readCapacityRequest(plan)
	if want == nil {
		want = &client.ReadCapacity{Mode: client.ReadCapacityOnDemand}
	}
	have := readCapacityRequest(state)
	if have == nil {
		have = &client.ReadCapacity{Mode: client.ReadCapacityOnDemand}
	}
	if sameReadCapacity(have, want) {
		return nil, false
	}
	return want, true
}

func sameReadCapacity(a, b *client.ReadCapacity) bool {
	if a.Mode != b.Mode {
		return false
	}
	if a.Dedicated == nil || b.Dedicated == nil {
		return a.Dedicated == nil && b.Dedicated == nil
	}
	ad, bd := a.Dedicated, b.Dedicated
	return ad.NodeType == bd.NodeType && *ad.Manual == *bd.Manual
}

// semanticTextField names the semantic_text field of an integrated index:
// API 2026-07 shows the embed configuration as a field named after the text
// field of field_map, and patches its parameters under that name.
func semanticTextField(e *embedModel) string {
	if e == nil {
		return ""
	}
	return stringMap(e.FieldMap)["text"]
}

func configureEmbed(state, plan *embedModel) *client.ConfigureIndexEmbed {
	if plan == nil {
		return nil
	}
	if state == nil {
		// Upgrade of an existing index to integrated inference.
		return &client.ConfigureIndexEmbed{
			Model:           plan.Model.ValueString(),
			FieldMap:        anyMap(stringMap(plan.FieldMap)),
			ReadParameters:  paramsToAPI(plan.ReadParameters),
			WriteParameters: paramsToAPI(plan.WriteParameters),
		}
	}
	var out client.ConfigureIndexEmbed
	changed := false
	if !plan.FieldMap.Equal(state.FieldMap) {
		out.FieldMap = anyMap(stringMap(plan.FieldMap))
		changed = true
	}
	if !plan.ReadParameters.Equal(state.ReadParameters) && !plan.ReadParameters.IsNull() {
		out.ReadParameters = paramsToAPI(plan.ReadParameters)
		changed = true
	}
	if !plan.WriteParameters.Equal(state.WriteParameters) && !plan.WriteParameters.IsNull() {
		out.WriteParameters = paramsToAPI(plan.WriteParameters)
		changed = true
	}
	if !changed {
		return nil
	}
	return &out
}

func readCapacityRequest(m *readCapacityModel) *client.ReadCapacity {
	if m == nil {
		return nil
	}
	if d := m.Dedicated; d != nil {
		return &client.ReadCapacity{
			Mode: client.ReadCapacityDedicated,
			Dedicated: &client.DedicatedReadCapacity{
				NodeType: d.NodeType.ValueString(),
				Scaling:  "Manual",
				Manual:   &client.ManualScaling{Replicas: int32(d.Replicas.ValueInt64()), Shards: int32(d.Shards.ValueInt64())},
			},
		}
	}
	if m.OnDemand != nil {
		return &client.ReadCapacity{Mode: client.ReadCapacityOnDemand}
	}
	return nil
}

func metadataSchemaRequest(m *metadataSchemaModel) *client.MetadataSchema {
	if m == nil {
		return nil
	}
	out := &client.MetadataSchema{Fields: map[string]client.MetadataField{}}
	for name, f := range m.Fields {
		out.Fields[name] = client.MetadataField{Filterable: f.Filterable.ValueBool()}
	}
	return out
}

// paramsToAPI turns string parameters into JSON values: "true"/"false" become
// booleans, and numbers written in their shortest form ("512", "0.5", "-2")
// become JSON numbers; everything else stays a string. The shortest form is
// what Pinecone echoes back, so a parameter reads back as it was written
// ("0.50" would read back as "0.5": it is sent as the string "0.50").
func paramsToAPI(m types.Map) map[string]any {
	sm := stringMap(m)
	if len(sm) == 0 {
		return nil
	}
	out := make(map[string]any, len(sm))
	for k, v := range sm {
		out[k] = paramValueToAPI(v)
	}
	return out
}

func paramValueToAPI(v string) any {
	if b, err := strconv.ParseBool(v); err == nil && (v == "true" || v == "false") {
		return b
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && strconv.FormatInt(n, 10) == v {
		return n
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && strconv.FormatFloat(f, 'f', -1, 64) == v {
		return f
	}
	return v
}

// paramValueFromAPI renders a JSON value the way users write it in HCL.
func paramValueFromAPI(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case bool:
		return strconv.FormatBool(t)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// ---------------------------------------------------------------------------
// API → state (pure apart from diagnostics).

// applyIndexModel writes what Pinecone reports into m, using prior (the
// previous state or plan, possibly nil) to keep the user's way of writing
// values where the API cannot tell: null vs on_demand read capacity, tags that
// come from default_tags, and server-added embed parameters.
func applyIndexModel(ctx context.Context, m *indexResourceModel, ix *client.IndexModel, prior *indexResourceModel, defaultTags map[string]string) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(ix.Name)
	m.Name = types.StringValue(ix.Name)
	m.Dimension = int64Value(ix.Dimension)
	m.Metric = optionalString(ix.Metric)
	m.VectorType = legacyVectorType(ix)
	m.DeletionProtection = types.StringValue(defaultString(ix.DeletionProtection, "disabled"))
	m.Host = types.StringValue(ix.Host)
	m.PrivateHost = optionalString(ix.PrivateHost)

	priorTags := types.MapNull(types.StringType)
	var priorSpec *indexSpecModel
	var priorEmbed *embedModel
	if prior != nil {
		priorTags, priorSpec, priorEmbed = prior.Tags, prior.Spec, prior.Embed
	}
	tagsAll, d := types.MapValueFrom(ctx, types.StringType, nonNilMap(ix.Tags))
	diags.Append(d...)
	m.TagsAll = tagsAll
	tags, d := types.MapValueFrom(ctx, types.StringType, ownTags(ix.Tags, priorTags, defaultTags))
	diags.Append(d...)
	if len(tags.Elements()) == 0 && (priorTags.IsNull() || priorTags.IsUnknown()) {
		tags = types.MapNull(types.StringType)
	}
	m.Tags = tags

	if inSchemaMode(prior, ix) {
		applySchemaMode(m, ix, prior)
	} else {
		m.Spec = specFromAPI(ctx, ix.Spec, priorSpec, &diags)
		m.Embed = embedFromAPI(ctx, ix.Embed, priorEmbed, &diags)
		clearSchemaMode(m)
		hideInheritedMetadataSchema(m, prior)
	}

	status, d := types.ObjectValue(indexStatusAttrTypes, map[string]attr.Value{
		"ready": types.BoolValue(ix.Status.Ready),
		"state": types.StringValue(ix.Status.State),
	})
	diags.Append(d...)
	m.Status = status
	return diags
}

// hideInheritedMetadataSchema leaves spec.serverless.schema null on an index
// restored from a backup when the configuration does not set it: the restored
// index inherits the metadata schema of the backed-up index (the 2026-07
// create_index_from_backup reference: it "inherits the schema"), which the
// configuration could not have planned. A schema the configuration sets is
// still compared, so a contradiction shows as a replacement.
func hideInheritedMetadataSchema(m, prior *indexResourceModel) {
	if prior == nil || prior.SourceBackupID.IsNull() || prior.Spec == nil || prior.Spec.Serverless == nil ||
		prior.Spec.Serverless.Schema != nil || m.Spec == nil || m.Spec.Serverless == nil {
		return
	}
	m.Spec.Serverless.Schema = nil
}

// legacyVectorType is vector_type in the legacy view: "dense" unless the
// index says otherwise, and null for a document index, which has none.
func legacyVectorType(ix *client.IndexModel) types.String {
	if ix.VectorType == "" && isDocumentIndex(ix.Schema) {
		return types.StringNull()
	}
	return types.StringValue(defaultString(ix.VectorType, "dense"))
}

// ownTags separates the index's own tags from those default_tags put there:
// a key counts as the resource's own if the user wrote it before or if it is
// not a default tag (so drift added outside Terraform shows up as a change).
func ownTags(apiTags map[string]string, priorTags types.Map, defaultTags map[string]string) map[string]string {
	prior := stringMap(priorTags)
	out := map[string]string{}
	for k, v := range apiTags {
		_, wasOwn := prior[k]
		def, isDefault := defaultTags[k]
		if wasOwn || !isDefault || def != v {
			out[k] = v
		}
	}
	return out
}

func specFromAPI(ctx context.Context, s client.IndexSpec, prior *indexSpecModel, diags *diag.Diagnostics) *indexSpecModel {
	out := &indexSpecModel{}
	if prior == nil {
		prior = &indexSpecModel{}
	}
	switch {
	case s.Serverless != nil:
		var priorRC *readCapacityModel
		if prior.Serverless != nil {
			priorRC = prior.Serverless.ReadCapacity
		}
		out.Serverless = &serverlessSpecModel{
			Cloud:            types.StringValue(s.Serverless.Cloud),
			Region:           types.StringValue(s.Serverless.Region),
			ReadCapacity:     readCapacityFromAPI(s.Serverless.ReadCapacity, priorRC),
			Schema:           metadataSchemaFromAPI(s.Serverless.Schema),
			SourceCollection: optionalString(s.Serverless.SourceCollection),
		}
	case s.Pod != nil:
		p := s.Pod
		out.Pod = &podSpecModel{
			Environment:      types.StringValue(p.Environment),
			PodType:          types.StringValue(defaultString(p.PodType, "p1.x1")),
			Replicas:         types.Int64Value(int64(derefInt32(p.Replicas, 1))),
			Shards:           types.Int64Value(int64(derefInt32(p.Shards, 1))),
			Pods:             types.Int64Value(int64(derefInt32(p.Pods, derefInt32(p.Replicas, 1)*derefInt32(p.Shards, 1)))),
			SourceCollection: optionalString(p.SourceCollection),
		}
		if p.MetadataConfig != nil && len(p.MetadataConfig.Indexed) > 0 {
			set, d := types.SetValueFrom(ctx, types.StringType, p.MetadataConfig.Indexed)
			diags.Append(d...)
			out.Pod.MetadataConfig = &metadataConfigModel{Indexed: set}
		}
	case s.BYOC != nil:
		var priorRC *readCapacityModel
		if prior.BYOC != nil {
			priorRC = prior.BYOC.ReadCapacity
		}
		out.BYOC = &byocSpecModel{
			Environment:  types.StringValue(s.BYOC.Environment),
			ReadCapacity: readCapacityFromAPI(s.BYOC.ReadCapacity, priorRC),
			Schema:       metadataSchemaFromAPI(s.BYOC.Schema),
		}
	}
	return out
}

// readCapacityFromAPI keeps null when the user left read capacity out and the
// index is on demand (Pinecone's default), and on_demand = {} when they wrote it.
func readCapacityFromAPI(rc *client.ReadCapacity, prior *readCapacityModel) *readCapacityModel {
	if rc == nil || rc.Mode == "" || rc.Mode == client.ReadCapacityOnDemand {
		if prior != nil && prior.OnDemand != nil {
			return &readCapacityModel{OnDemand: &onDemandModel{}}
		}
		return nil
	}
	out := &readCapacityModel{Dedicated: &dedicatedModel{}}
	if d := rc.Dedicated; d != nil {
		out.Dedicated.NodeType = types.StringValue(d.NodeType)
		if d.Manual != nil {
			out.Dedicated.Replicas = types.Int64Value(int64(d.Manual.Replicas))
			out.Dedicated.Shards = types.Int64Value(int64(d.Manual.Shards))
		}
	}
	return out
}

func metadataSchemaFromAPI(s *client.MetadataSchema) *metadataSchemaModel {
	if s == nil || len(s.Fields) == 0 {
		return nil
	}
	out := &metadataSchemaModel{Fields: map[string]metadataFieldModel{}}
	for name, f := range s.Fields {
		out.Fields[name] = metadataFieldModel{Filterable: types.BoolValue(f.Filterable)}
	}
	return out
}

func embedFromAPI(ctx context.Context, e *client.IndexEmbed, prior *embedModel, diags *diag.Diagnostics) *embedModel {
	if e == nil {
		return nil
	}
	out := &embedModel{
		Model:      types.StringValue(e.Model),
		Metric:     types.StringValue(e.Metric),
		Dimension:  int64Value(e.Dimension),
		VectorType: types.StringValue(defaultString(e.VectorType, "dense")),
	}
	fieldMap, d := types.MapValueFrom(ctx, types.StringType, stringifyParams(e.FieldMap, nil))
	diags.Append(d...)
	out.FieldMap = fieldMap
	priorRead, priorWrite := types.MapNull(types.StringType), types.MapNull(types.StringType)
	if prior != nil {
		priorRead, priorWrite = prior.ReadParameters, prior.WriteParameters
	}
	out.ReadParameters = paramsFromAPI(ctx, e.ReadParameters, priorRead, diags)
	out.WriteParameters = paramsFromAPI(ctx, e.WriteParameters, priorWrite, diags)
	return out
}

// paramsFromAPI shows only the parameters the user manages: Pinecone adds
// defaults (such as truncate) that would otherwise look like drift. Without a
// prior value (not managed, or just imported) the attribute stays null.
func paramsFromAPI(ctx context.Context, api map[string]any, prior types.Map, diags *diag.Diagnostics) types.Map {
	if prior.IsNull() || prior.IsUnknown() {
		return types.MapNull(types.StringType)
	}
	v, d := types.MapValueFrom(ctx, types.StringType, stringifyParams(api, stringMap(prior)))
	diags.Append(d...)
	return v
}

// stringifyParams converts API values to strings; with keep non-nil, only
// those keys are kept.
func stringifyParams(api map[string]any, keep map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range api {
		if keep != nil {
			if _, ok := keep[k]; !ok {
				continue
			}
		}
		out[k] = paramValueFromAPI(v)
	}
	return out
}

// mergeTags lays own tags over default tags.
func mergeTags(defaults, own map[string]string) map[string]string {
	out := make(map[string]string, len(defaults)+len(own))
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range own {
		out[k] = v
	}
	return out
}

// int32Ptr converts an index's Int64 attribute (dimension, replicas,
// shards: bounded to int32 by their validators) into a request field.
func int32Ptr(v types.Int64) *int32 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := int32(v.ValueInt64())
	return &n
}

// adoptionMismatch says why an existing index cannot be the one our lost
// create made, or "" if it matches what we asked for.
func adoptionMismatch(plan *indexResourceModel, ix *client.IndexModel) string {
	if plan.Schema != nil {
		return schemaAdoptionMismatch(plan, ix)
	}
	if d := plan.Dimension; !d.IsNull() && !d.IsUnknown() && (ix.Dimension == nil || int64(*ix.Dimension) != d.ValueInt64()) {
		return fmt.Sprintf("dimension %d", derefInt32(ix.Dimension, 0))
	}
	if m := plan.Metric; !m.IsNull() && !m.IsUnknown() && m.ValueString() != ix.Metric {
		return "metric " + ix.Metric
	}
	switch spec := plan.Spec; {
	case spec.Serverless != nil:
		s := ix.Spec.Serverless
		if s == nil || s.Cloud != spec.Serverless.Cloud.ValueString() || s.Region != spec.Serverless.Region.ValueString() {
			return "deployment (cloud/region or kind)"
		}
	case spec.Pod != nil:
		if ix.Spec.Pod == nil || ix.Spec.Pod.Environment != spec.Pod.Environment.ValueString() {
			return "deployment (environment or kind)"
		}
	case spec.BYOC != nil:
		if ix.Spec.BYOC == nil || ix.Spec.BYOC.Environment != spec.BYOC.Environment.ValueString() {
			return "deployment (environment or kind)"
		}
	}
	if plan.Embed != nil && (ix.Embed == nil || ix.Embed.Model != plan.Embed.Model.ValueString()) {
		return "embedding model"
	}
	return ""
}

// schemaAdoptionMismatch is adoptionMismatch for the schema mode: the
// deployment and the field names must be the ones we asked for.
func schemaAdoptionMismatch(plan *indexResourceModel, ix *client.IndexModel) string {
	want := deploymentRequest(plan.Deployment)
	d := ix.Deployment
	if want != nil && (d == nil || d.DeploymentType != want.DeploymentType || d.Cloud != want.Cloud ||
		d.Region != want.Region || (want.DeploymentType == client.DeploymentBYOC && d.Environment != want.Environment)) {
		return "deployment"
	}
	for name := range plan.Schema.Fields {
		if ix.Schema == nil {
			return "schema"
		}
		if _, ok := ix.Schema.Fields[name]; !ok {
			return "schema (no field " + name + ")"
		}
	}
	return ""
}
