package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// ValidateConfig rejects, before any API call, the combinations Pinecone
// would refuse: the CreateIndexRequest rules of operationId create_index in
// github.com/pinecone-io/pinecone-api 2025-10/db_control_2025-10.oas.yaml
// (dimension for dense only, dotproduct for sparse, one spec kind), as the
// emulator applies them (internal/emulator/CONFORMANCE.md, POST /indexes).
// Values that are still unknown are skipped.
func (r *indexResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg indexResourceModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		return // unknown nested values: validated again once known
	}
	validateIndexConfig(&cfg, func(p path.Path, summary, detail string) {
		resp.Diagnostics.AddAttributeError(p, summary, detail)
	})
}

type reportFunc func(p path.Path, summary, detail string)

// validateIndexConfig is the pure part of ValidateConfig, unit-tested.
func validateIndexConfig(cfg *indexResourceModel, report reportFunc) {
	validateModeChoice(cfg, report)
	if usesSchemaMode(cfg) {
		validateSchemaModeConfig(cfg, report)
		return
	}
	if cfg.Spec != nil {
		kinds := 0
		for _, set := range []bool{cfg.Spec.Serverless != nil, cfg.Spec.Pod != nil, cfg.Spec.BYOC != nil} {
			if set {
				kinds++
			}
		}
		if kinds != 1 {
			report(path.Root("spec"), "Invalid index spec",
				"Set exactly one of `spec.serverless`, `spec.pod` or `spec.byoc`.")
		}
	}
	if cfg.Spec != nil && cfg.Spec.BYOC != nil && (cfg.Spec.BYOC.ReadCapacity == nil || cfg.Spec.BYOC.ReadCapacity.Dedicated == nil) {
		// Pinecone's BYOC guide: BYOC indexes support dedicated read
		// capacity, not on-demand; API 2026-07 refuses a BYOC create without it.
		report(path.Root("spec").AtName("byoc").AtName("read_capacity"), "BYOC indexes need dedicated read capacity",
			"BYOC indexes support dedicated read capacity only, not on-demand: set `read_capacity = { dedicated = { ... } }` under `spec.byoc`.")
	}
	if !cfg.SourceBackupID.IsNull() {
		if cfg.Spec != nil && cfg.Spec.Serverless == nil {
			report(path.Root("source_backup_id"), "Backups restore into serverless indexes",
				"`source_backup_id` needs `spec.serverless` (with the backup's cloud and region).")
		}
		return // dimension and metric come from the backup
	}
	if cfg.Embed != nil {
		if cfg.Spec != nil && cfg.Spec.Serverless == nil {
			report(path.Root("embed"), "Integrated inference needs a serverless index",
				"`embed` is only supported with `spec.serverless`; pod and BYOC indexes cannot host an embedding model.")
		}
		if cfg.VectorType.ValueString() == "sparse" && !cfg.Dimension.IsNull() && !cfg.Dimension.IsUnknown() {
			report(path.Root("dimension"), "Sparse indexes have no dimension",
				"Remove `dimension`: sparse vectors have no fixed dimension.")
		}
		return // dimension, metric and vector type come from the model
	}
	vectorType := cfg.VectorType.ValueString()
	if cfg.VectorType.IsUnknown() {
		return
	}
	if vectorType == "sparse" {
		if !cfg.Dimension.IsNull() && !cfg.Dimension.IsUnknown() {
			report(path.Root("dimension"), "Sparse indexes have no dimension",
				"Remove `dimension`: sparse vectors have no fixed dimension.")
		}
		if m := cfg.Metric; !m.IsNull() && !m.IsUnknown() && m.ValueString() != "dotproduct" {
			report(path.Root("metric"), "Sparse indexes use dotproduct",
				fmt.Sprintf("Sparse indexes only support `metric = \"dotproduct\"`, not %q.", m.ValueString()))
		}
		if cfg.Spec != nil && cfg.Spec.Pod != nil {
			report(path.Root("vector_type"), "Sparse vectors need a serverless index",
				"Pod indexes only store dense vectors; use `spec.serverless` for `vector_type = \"sparse\"`.")
		}
		return
	}
	if cfg.Dimension.IsNull() {
		report(path.Root("dimension"), "Missing dimension",
			"Dense indexes need `dimension` (1–20000), unless `embed` picks a model that sets it.")
	}
}

// ModifyPlan fills in values the plan can know before apply: tags_all from
// default_tags and pods from replicas × shards.
func (r *indexResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var tags types.Map
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("tags"), &tags)...)
	if resp.Diagnostics.HasError() {
		return
	}
	tagsAll := types.MapUnknown(types.StringType)
	defaults, defaultsKnown := r.defaultTags()
	if defaultsKnown && !tags.IsUnknown() && allElementsKnown(tags) {
		merged, diags := types.MapValueFrom(ctx, types.StringType, mergeTags(defaults, stringMap(tags)))
		resp.Diagnostics.Append(diags...)
		tagsAll = merged
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("tags_all"), tagsAll)...)
	planSchemaMode(ctx, req, resp)
	r.planFromBackup(ctx, req, resp)
	r.planFromModel(ctx, req, resp)
	planStatusWhenPausing(ctx, req, resp)

	var pod types.Object
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("spec").AtName("pod"), &pod)...)
	if pod.IsNull() || pod.IsUnknown() {
		return
	}
	var replicas, shards types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("spec").AtName("pod").AtName("replicas"), &replicas)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("spec").AtName("pod").AtName("shards"), &shards)...)
	pods := types.Int64Unknown()
	if !replicas.IsUnknown() && !shards.IsUnknown() && !replicas.IsNull() && !shards.IsNull() {
		pods = types.Int64Value(replicas.ValueInt64() * shards.ValueInt64())
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("spec").AtName("pod").AtName("pods"), pods)...)
}

// attributeGetter reads one attribute of a plan or state.
type attributeGetter func(ctx context.Context, p path.Path, target interface{}) diag.Diagnostics

// pausedByReadCapacity reports whether the configuration asks for a
// Disabled index: Dedicated read capacity with zero replicas ("Setting
// replicas to 0 disables the index"). known is false while the replicas are
// unknown.
func pausedByReadCapacity(ctx context.Context, get attributeGetter) (paused, known bool) {
	for _, kind := range []string{"serverless", "byoc"} {
		var replicas types.Int64
		if diags := get(ctx, path.Root("spec").AtName(kind).AtName("read_capacity").AtName("dedicated").AtName("replicas"), &replicas); diags.HasError() {
			return false, false
		}
		if replicas.IsUnknown() {
			return false, false
		}
		if !replicas.IsNull() && replicas.ValueInt64() == 0 {
			return true, true
		}
	}
	return false, true
}

// planStatusWhenPausing marks status unknown on an update that pauses
// (replicas 0) or resumes the index: Pinecone then reports Disabled, or
// Ready again, so the state's status would be a wrong prediction.
func planStatusWhenPausing(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return // create: status is unknown already
	}
	was, _ := pausedByReadCapacity(ctx, req.State.GetAttribute)
	will, known := pausedByReadCapacity(ctx, req.Plan.GetAttribute)
	if known && was == will {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), types.ObjectUnknown(indexStatusAttrTypes))...)
}

func allElementsKnown(m types.Map) bool {
	for _, v := range m.Elements() {
		if v.IsUnknown() {
			return false
		}
	}
	return true
}

// requiresReplaceWhenAddedOrRemoved replaces the index when a spec kind
// appears or disappears (switching serverless ↔ pod ↔ byoc).
func requiresReplaceWhenAddedOrRemoved() planmodifier.Object {
	return objectplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = req.StateValue.IsNull() != req.PlanValue.IsNull()
		},
		"Switching the deployment kind replaces the index.",
		"Switching the deployment kind replaces the index.",
	)
}

// podTypeReplaceUnlessScaleUp: Pinecone scales a pod type up in place (p1.x1
// → p1.x2) but cannot scale down or change the family (p1 → s1).
func podTypeReplaceUnlessScaleUp() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			if req.StateValue.IsNull() || req.PlanValue.IsUnknown() {
				return
			}
			resp.RequiresReplace = !isPodScaleUp(req.StateValue.ValueString(), req.PlanValue.ValueString())
		},
		"A larger size of the same pod type scales in place; anything else replaces the index.",
		"A larger size of the same pod type scales in place; anything else replaces the index.",
	)
}

// isPodScaleUp reports whether from → to keeps the family and grows the size.
func isPodScaleUp(from, to string) bool {
	ff, fs, ok1 := strings.Cut(from, ".")
	tf, ts, ok2 := strings.Cut(to, ".")
	if !ok1 || !ok2 || ff != tf {
		return false
	}
	return podSize(ts) > podSize(fs)
}

func podSize(s string) int {
	switch s {
	case "x1":
		return 1
	case "x2":
		return 2
	case "x4":
		return 4
	case "x8":
		return 8
	}
	return 0
}

// planFromBackup checks a new index restored from a backup against that
// backup and fills dimension and metric in the plan, so the plan shows real
// values and a contradiction fails before apply. It stays silent when the
// backup cannot be read yet (unknown ID, no credentials): apply decides then.
func (r *indexResource) planFromBackup(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() || r.data == nil || r.data.client == nil || !r.data.client.HasAPIKey() {
		return
	}
	var plan indexResourceModel
	if diags := req.Plan.Get(ctx, &plan); diags.HasError() {
		return
	}
	id := plan.SourceBackupID
	if id.IsNull() || id.IsUnknown() || plan.Spec == nil || plan.Spec.Serverless == nil {
		return
	}
	b, err := r.data.client.DescribeBackup(ctx, id.ValueString())
	if err != nil {
		if errors.Is(err, client.ErrNotFound) {
			resp.Diagnostics.AddAttributeError(path.Root("source_backup_id"), "Backup not found",
				fmt.Sprintf("No backup with ID %q exists in this project.", id.ValueString()))
		}
		return
	}
	for _, m := range backupMismatches(&plan, b) {
		resp.Diagnostics.AddAttributeError(m.path, "Configuration contradicts the backup", m.detail)
	}
	if plan.Dimension.IsUnknown() && b.Dimension != nil {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("dimension"), int64(*b.Dimension))...)
	}
	if plan.Metric.IsUnknown() && b.Metric != "" {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("metric"), b.Metric)...)
	}
}

type mismatch struct {
	path   path.Path
	detail string
}

// backupMismatches lists configured values that differ from the backup.
func backupMismatches(plan *indexResourceModel, b *client.BackupModel) []mismatch {
	var out []mismatch
	add := func(p path.Path, what, got, want string) {
		out = append(out, mismatch{p, fmt.Sprintf("The index is restored from backup %s, whose %s is %s; the configuration says %s. "+
			"Remove the argument or set it to the backup's value.", b.BackupID, what, want, got)})
	}
	if d := plan.Dimension; !d.IsNull() && !d.IsUnknown() && b.Dimension != nil && d.ValueInt64() != int64(*b.Dimension) {
		add(path.Root("dimension"), "dimension", fmt.Sprint(d.ValueInt64()), fmt.Sprint(*b.Dimension))
	}
	if m := plan.Metric; !m.IsNull() && !m.IsUnknown() && b.Metric != "" && m.ValueString() != b.Metric {
		add(path.Root("metric"), "metric", m.ValueString(), b.Metric)
	}
	if sl := plan.Spec.Serverless; sl != nil {
		if c := sl.Cloud; !c.IsUnknown() && c.ValueString() != b.Cloud {
			add(path.Root("spec").AtName("serverless").AtName("cloud"), "cloud", c.ValueString(), b.Cloud)
		}
		if rg := sl.Region; !rg.IsUnknown() && rg.ValueString() != b.Region {
			add(path.Root("spec").AtName("serverless").AtName("region"), "region", rg.ValueString(), b.Region)
		}
	}
	return out
}

// planFromModel checks an index's embed settings against the model
// catalogue and fills what the model decides (dimension, metric, vector
// type), so the plan shows real values and bad settings fail before any
// create. It runs only when embed is being created or changed, and stays
// silent when the catalogue cannot be asked (no key yet, API down).
func (r *indexResource) planFromModel(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil || r.data.client == nil || !r.data.client.HasAPIKey() || r.data.models == nil {
		return
	}
	var plan indexResourceModel
	if diags := req.Plan.Get(ctx, &plan); diags.HasError() || plan.Embed == nil {
		return
	}
	model := plan.Embed.Model
	if model.IsUnknown() || model.IsNull() {
		return
	}
	if !req.State.Raw.IsNull() {
		var state indexResourceModel
		if diags := req.State.Get(ctx, &state); diags.HasError() {
			return
		}
		if state.Embed != nil && embedSettingsEqual(state.Embed, plan.Embed) {
			return // nothing about the embedding changes: no lookup
		}
	}
	info, err := r.data.models.lookup(ctx, r.data.client, model.ValueString())
	if err != nil {
		return
	}
	embedPath := path.Root("embed")
	if info == nil {
		detail := fmt.Sprintf("Pinecone has no model named %q.", model.ValueString())
		if names := r.data.models.embeddingModelNames(ctx, r.data.client); len(names) > 0 {
			detail += " Embedding models: " + strings.Join(names, ", ") + "."
		}
		resp.Diagnostics.AddAttributeError(embedPath.AtName("model"), "Unknown embedding model", detail)
		return
	}
	// Check what the user wrote (config), not the plan: during a replacement
	// the first plan still carries the old index's values.
	var cfg indexResourceModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() || cfg.Embed == nil {
		return
	}
	for _, p := range modelProblems(&cfg, info) {
		resp.Diagnostics.AddAttributeError(p.path, "Embedding settings not supported by the model", p.detail)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	fillFromModel(ctx, &plan, info, resp)
}

func embedSettingsEqual(a, b *embedModel) bool {
	return a.Model.Equal(b.Model) && a.ReadParameters.Equal(b.ReadParameters) &&
		a.WriteParameters.Equal(b.WriteParameters) && (b.Metric.IsUnknown() || a.Metric.Equal(b.Metric)) &&
		(b.Dimension.IsUnknown() || a.Dimension.Equal(b.Dimension))
}

// modelProblems lists settings the model does not support.
func modelProblems(plan *indexResourceModel, info *client.ModelInfo) []mismatch {
	var out []mismatch
	e := plan.Embed
	embedPath := path.Root("embed")
	if info.Type != client.ModelTypeEmbed {
		return []mismatch{{embedPath.AtName("model"), fmt.Sprintf("%s is a %s model, not an embedding model.", info.Model, info.Type)}}
	}
	if vt := plan.VectorType; !vt.IsNull() && !vt.IsUnknown() && info.VectorType != "" && vt.ValueString() != info.VectorType {
		out = append(out, mismatch{path.Root("vector_type"), fmt.Sprintf("%s produces %s vectors; vector_type is %q.", info.Model, info.VectorType, vt.ValueString())})
	}
	for _, d := range []struct {
		p path.Path
		v types.Int64
	}{{embedPath.AtName("dimension"), e.Dimension}, {path.Root("dimension"), plan.Dimension}} {
		if d.v.IsNull() || d.v.IsUnknown() {
			continue
		}
		if info.VectorType == "sparse" || !slices.ContainsFunc(info.SupportedDimensions, func(s int32) bool { return int64(s) == d.v.ValueInt64() }) {
			allowed := intsToStrings(info.SupportedDimensions)
			if allowed == "" {
				allowed = "none (sparse vectors have no dimension)"
			}
			out = append(out, mismatch{d.p, fmt.Sprintf("%s does not support dimension %d. Supported dimensions: %s.", info.Model, d.v.ValueInt64(), allowed)})
		}
	}
	for _, m := range []struct {
		p path.Path
		v types.String
	}{{embedPath.AtName("metric"), e.Metric}, {path.Root("metric"), plan.Metric}} {
		if m.v.IsNull() || m.v.IsUnknown() || slices.Contains(info.SupportedMetrics, m.v.ValueString()) {
			continue
		}
		out = append(out, mismatch{m.p, fmt.Sprintf("%s does not support metric %q. Supported metrics: %s.", info.Model, m.v.ValueString(), strings.Join(info.SupportedMetrics, ", "))})
	}
	for attr, params := range map[string]types.Map{"read_parameters": e.ReadParameters, "write_parameters": e.WriteParameters} {
		if params.IsUnknown() || !allElementsKnown(params) {
			continue
		}
		for _, msg := range paramProblems(info, stringMap(params)) {
			out = append(out, mismatch{embedPath.AtName(attr), msg + "."})
		}
	}
	return out
}

// fillFromModel replaces unknown values that the model decides.
func fillFromModel(ctx context.Context, plan *indexResourceModel, info *client.ModelInfo, resp *resource.ModifyPlanResponse) {
	embedPath := path.Root("embed")
	set := func(p path.Path, v any) { resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, v)...) }
	if info.VectorType != "" {
		if plan.Embed.VectorType.IsUnknown() {
			set(embedPath.AtName("vector_type"), info.VectorType)
		}
		if plan.VectorType.IsUnknown() {
			set(path.Root("vector_type"), info.VectorType)
		}
	}
	dim := plan.Embed.Dimension
	if dim.IsUnknown() && !plan.Dimension.IsUnknown() && !plan.Dimension.IsNull() {
		dim = plan.Dimension
	}
	if dim.IsUnknown() && info.DefaultDimension != nil && info.VectorType != "sparse" {
		dim = types.Int64Value(int64(*info.DefaultDimension))
	}
	if dim.IsUnknown() && info.VectorType == "sparse" {
		dim = types.Int64Null()
	}
	if plan.Embed.Dimension.IsUnknown() && !dim.IsUnknown() {
		set(embedPath.AtName("dimension"), dim)
	}
	if plan.Dimension.IsUnknown() && !dim.IsUnknown() {
		set(path.Root("dimension"), dim)
	}
	metric := plan.Embed.Metric
	if metric.IsUnknown() && !plan.Metric.IsUnknown() && !plan.Metric.IsNull() {
		metric = plan.Metric
	}
	if metric.IsUnknown() {
		if m := defaultMetric(info); m != "" {
			metric = types.StringValue(m)
		}
	}
	if plan.Embed.Metric.IsUnknown() && !metric.IsUnknown() {
		set(embedPath.AtName("metric"), metric)
	}
	if plan.Metric.IsUnknown() && !metric.IsUnknown() {
		set(path.Root("metric"), metric)
	}
}

// planSchemaMode plans null for the legacy attributes of an index in the
// schema mode, and decides whether an index taken over from the legacy mode
// must be replaced: not when both configurations describe the same vector
// index (vectorIndexIdentity), so rewriting a configuration in the schema
// mode loses no data.
func planSchemaMode(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var schemaConfig types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("schema"), &schemaConfig)...)
	if resp.Diagnostics.HasError() || schemaConfig.IsNull() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("dimension"), types.Int64Null())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("metric"), types.StringNull())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("vector_type"), types.StringNull())...)
	if req.State.Raw.IsNull() {
		return
	}
	var state, plan indexResourceModel
	if diags := req.State.Get(ctx, &state); diags.HasError() || state.Schema != nil {
		return // already in the schema mode: schema and deployment decide
	}
	if diags := resp.Plan.Get(ctx, &plan); diags.HasError() {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("schema"))
		return
	}
	if id := vectorIndexIdentity(&state); id == "" || id != vectorIndexIdentity(&plan) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("schema"))
	}
}
