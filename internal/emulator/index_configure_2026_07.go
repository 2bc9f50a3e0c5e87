package emulator

import (
	"maps"
	"slices"
	"time"
)

// PATCH /indexes/{index_name} at API 2026-07 (spec
// db_control_2026-07.oas.yaml, configure_index and ConfigureIndexRequest;
// TS client 9.0.0): {deployment {replicas, pod_type}, schema {fields:
// {<semantic_text field>: {type, model?, read_parameters?,
// write_parameters?}}}, read_capacity, tags, deletion_protection}. The
// status code (200) and the transitions (pod scaling states, read capacity
// Scaling / Migrating) are those of the earlier versions' PATCH.

type configureIndex07Body struct {
	Deployment         *patchDeploymentBody `json:"deployment"`
	Schema             *patchSchemaBody     `json:"schema"`
	ReadCapacity       *readCapacityBody    `json:"read_capacity"`
	Tags               map[string]*string   `json:"tags"`
	DeletionProtection *string              `json:"deletion_protection"`
}

// patchDeploymentBody is PatchIndexDeploymentRequest. deployment_type is
// decoded only to be refused: the spec says "Do not include a
// deployment_type field; it is not accepted".
type patchDeploymentBody struct {
	Replicas       *int64  `json:"replicas"`
	PodType        *string `json:"pod_type"`
	DeploymentType *string `json:"deployment_type"`
}

// patchSchemaBody is PatchIndexSchema: exactly one semantic_text field.
type patchSchemaBody struct {
	Fields map[string]*patchSemanticBody `json:"fields"`
}

// patchSemanticBody is PatchSemanticTextField.
type patchSemanticBody struct {
	Type            *string        `json:"type"`
	Model           *string        `json:"model"`
	ReadParameters  map[string]any `json:"read_parameters"`
	WriteParameters map[string]any `json:"write_parameters"`
}

// legacyConfigureKeys are the ConfigureIndexRequest keys of 2026-04 that
// 2026-07 replaced (its ConfigureIndexRequest sets additionalProperties:
// false).
var legacyConfigureKeys = []string{"spec", "embed"}

func (b *configureIndex07Body) missingField() string {
	if f := rcMissing(b.ReadCapacity); f != "" {
		return f
	}
	if b.Schema == nil {
		return ""
	}
	if b.Schema.Fields == nil {
		return "fields"
	}
	for _, name := range slices.Sorted(maps.Keys(b.Schema.Fields)) {
		if f := b.Schema.Fields[name]; f == nil || f.Type == nil {
			return "type"
		}
	}
	return ""
}

func (s *Server) handleConfigureIndex07(q *request) {
	name := q.param("index_name")
	var b configureIndex07Body
	body, err := readJSON(q.r, &b)
	if err == nil {
		err = legacyConfigureKeyError(body)
	}
	if err == nil {
		if f := b.missingField(); f != "" {
			err = body.missing(f)
		}
	}
	if err == nil {
		err = b.validate()
	}
	if err != nil {
		q.fail(err)
		return
	}
	s.configure(q, name, b.DeletionProtection, b.Tags, func(p *project, ix, nx *index, t time.Time) (fresh, *apiError) {
		return s.configureStep07(&b, p, ix, nx, t)
	})
}

// legacyConfigureKeyError answers 400 for spec or embed in a 2026-07 PATCH.
func legacyConfigureKeyError(body jsonBody) *apiError {
	present := objectKeys(body.raw)
	for _, k := range legacyConfigureKeys {
		if slices.Contains(present, k) {
			return invalidArgument("Field `%s` is not part of API version %s: configure an index with `deployment` (pod replicas and pod_type), `read_capacity`, `schema` (the parameters of its semantic_text field), `tags` and `deletion_protection`. To send the older shape, use the header %s: %s.",
				k, apiVersion2026_07, headerAPIVersion, apiVersion2026_04)
		}
	}
	return nil
}

// validate checks what does not depend on the index: deletion_protection,
// tags, the deployment keys and the number of schema fields.
func (b *configureIndex07Body) validate() *apiError {
	if b.DeletionProtection != nil {
		if err := validateDeletionProtection(*b.DeletionProtection); err != nil {
			return err
		}
	}
	if err := validateTags(b.Tags); err != nil {
		return err
	}
	if d := b.Deployment; d != nil && d.DeploymentType != nil {
		return invalidArgument("deployment.deployment_type is not accepted when configuring an index: the deployment type, cloud, region and environment cannot change.")
	}
	if sc := b.Schema; sc != nil && len(sc.Fields) != 1 {
		return invalidArgument("schema.fields must name exactly one semantic_text field per request, got %d.", len(sc.Fields))
	}
	return nil
}

// configureStep07 applies deployment, read_capacity and schema, in this
// order, to nx.
func (s *Server) configureStep07(b *configureIndex07Body, p *project, ix, nx *index, t time.Time) (fresh, *apiError) {
	var f fresh
	if d := b.Deployment; d != nil {
		if ix.kind != specPod {
			return 0, invalidArgument("deployment can only be changed on pod-based indexes (replicas, pod_type); %s is a %s index, whose deployment cannot change.", ix.name, kindLabel(ix.kind))
		}
		started, err := s.configurePodQuota(p, ix, nx, "deployment", d.Replicas, d.PodType, t)
		if err != nil {
			return 0, err
		}
		if started {
			f |= freshPod
		}
	}
	if rc := b.ReadCapacity; rc != nil {
		parsed, err := parseReadCapacityPatch07(rc, ix)
		if err != nil {
			return 0, err
		}
		f |= s.applyReadCapacity(nx, parsed, t)
	}
	if sc := b.Schema; sc != nil {
		if err := patchSemanticField(s.models, nx, sc.Fields); err != nil {
			return 0, err
		}
	}
	return f, nil
}

// parseReadCapacityPatch07 reads a ReadCapacityPatch: OnDemand, or Dedicated
// with any subset of node_type, scaling and manual, omitted fields keeping
// their current value. scaling and manual go together, a move from
// OnDemand to Dedicated must send node_type, scaling and manual, and BYOC
// indexes cannot be OnDemand (spec ReadCapacityPatch and
// ReadCapacityDedicatedPatchConfig). Pod indexes have no read capacity
// (ConfigureIndexRequest.read_capacity: "Not applicable to pod-based
// indexes").
func parseReadCapacityPatch07(b *readCapacityBody, ix *index) (readCapacity, *apiError) {
	const field = "read_capacity"
	switch {
	case ix.kind == specPod:
		return readCapacity{}, invalidArgument("read_capacity applies to managed and byoc indexes; %s is a pod-based index.", ix.name)
	case *b.Mode == modeOnDemand && ix.kind == specByoc:
		return readCapacity{}, invalidArgument("BYOC indexes do not support OnDemand read capacity; %s must stay Dedicated.", ix.name)
	case *b.Mode != modeDedicated || b.Dedicated == nil:
		return parseReadCapacity(field, b, &ix.rc) // OnDemand, or the errors it gives
	}
	d := b.Dedicated
	switch {
	case d.Scaling != nil && d.Manual == nil:
		return readCapacity{}, invalidArgument("%s.dedicated: scaling requires manual; scaling and manual are sent as a pair.", field)
	case d.Manual != nil && d.Scaling == nil:
		return readCapacity{}, invalidArgument("%s.dedicated: manual requires scaling: Manual; scaling and manual are sent as a pair.", field)
	case ix.rc.mode != modeDedicated && (d.NodeType == nil || d.Scaling == nil):
		return readCapacity{}, invalidArgument("%s.dedicated: moving index %s from OnDemand to Dedicated needs node_type, scaling and manual.", field, ix.name)
	}
	// Fill what was left out from the current configuration, then apply
	// the create-time rules, which keep the current replicas and shards for
	// an omitted manual value.
	filled := *b
	fd := *d
	if fd.NodeType == nil {
		fd.NodeType = &ix.rc.nodeType
	}
	if fd.Scaling == nil {
		fd.Scaling = &ix.rc.scaling
	}
	filled.Dedicated = &fd
	return parseReadCapacity(field, &filled, &ix.rc)
}

// patchSemanticField changes the read and write parameters of an integrated
// index's semantic_text field (PatchIndexSchema: "Only semantic_text field
// parameters can be updated after index creation. The model itself cannot be
// changed once set").
func patchSemanticField(models modelCatalogue, nx *index, fields map[string]*patchSemanticBody) *apiError {
	name := slices.Collect(maps.Keys(fields))[0] // validate made it exactly one
	f := fields[name]
	switch {
	case *f.Type != fieldSemanticText:
		return invalidArgument("schema.fields.%s: only semantic_text fields can be changed (got type %s); the rest of an index's schema cannot be modified after creation.", name, *f.Type)
	case nx.embed == nil:
		return invalidArgument("Index %s has no semantic_text field: only the semantic_text field of an index created with integrated embedding can be changed.", nx.name)
	case name != nx.embed.textField():
		return invalidArgument("Index %s has no semantic_text field %q; its semantic_text field is %q.", nx.name, name, nx.embed.textField())
	}
	return configureEmbed(models, nx, f.Model, nil, f.ReadParameters, f.WriteParameters)
}
