package emulator

import (
	"net/http"
	"slices"
)

// POST /indexes at API 2026-07 (spec db_control_2026-07.oas.yaml,
// create_index and CreateIndexRequest; TS client 9.0.0, the same model):
// {name?, deployment?, schema, cmek_id?, read_capacity?, tags?,
// deletion_protection?}. The index is described by its schema and where it
// runs by its deployment; the old top-level keys are gone.

// createIndex07Body is CreateIndexRequest at 2026-07.
type createIndex07Body struct {
	Name               *string            `json:"name"`
	Deployment         *deploymentBody    `json:"deployment"`
	Schema             *schemaFieldsBody  `json:"schema"`
	CmekID             *string            `json:"cmek_id"`
	ReadCapacity       *readCapacityBody  `json:"read_capacity"`
	Tags               map[string]*string `json:"tags"`
	DeletionProtection *string            `json:"deletion_protection"`
}

// deploymentBody is IndexDeploymentRequest (managed or byoc). Other
// deployment types (pod) decode too, so that they can be refused with a 400
// that says what to do.
type deploymentBody struct {
	DeploymentType *string `json:"deployment_type"`
	Cloud          *string `json:"cloud"`
	Region         *string `json:"region"`
	Environment    *string `json:"environment"`
}

// Defaults of a create without deployment: "managed (serverless) on aws in
// us-east-1" (spec CreateIndexRequest, IndexDeploymentRequest).
const (
	defaultDeploymentCloud  = "aws"
	defaultDeploymentRegion = "us-east-1"
)

// legacyCreateKeys are the CreateIndexRequest keys of 2026-04 and earlier
// that 2026-07 no longer has (its CreateIndexRequest sets
// additionalProperties: false). Each is refused with a message that says
// what replaces it.
var legacyCreateKeys = []string{"dimension", "metric", "vector_type", "spec", "embed", "source_collection"}

// olderVersionHint tells the caller how to reach what 2026-07 cannot do
// (docs guides/legacy/pod-based-indexes: SDKs on 2026-07 cannot create pod
// indexes or indexes from a collection; send an earlier
// X-Pinecone-Api-Version with the REST API).
const olderVersionHint = "Pod-based indexes and indexes created from a collection need an earlier API version: send the header " +
	headerAPIVersion + ": " + apiVersion2026_04 + " for that request."

func (s *Server) handleCreateIndex07(q *request) {
	var b createIndex07Body
	body, err := readJSON(q.r, &b)
	if err == nil {
		err = legacyKeyError(body, legacyCreateKeys)
	}
	if err == nil {
		err = b.missing(body)
	}
	if err != nil {
		q.fail(err)
		return
	}
	ix, err := newIndexFromCreate07(&b)
	if err != nil {
		q.fail(err)
		return
	}
	s.commitCreate(q, ix)
}

// legacyKeyError answers 400 for the first key of keys (in their order) that
// the body's top level holds with a non-null value. It runs before the
// required-field checks, so that a 2026-04 body sent with the 2026-07
// header is told what changed rather than that schema is missing.
func legacyKeyError(body jsonBody, keys []string) *apiError {
	present := objectKeys(body.raw)
	for _, k := range keys {
		if slices.Contains(present, k) {
			return invalidArgument("Field `%s` is not part of API version %s, which describes an index by its `schema` and `deployment` (dense and sparse vectors as the reserved _values / _sparse_values schema fields; integrated embedding through POST /indexes/create-for-model). %s",
				k, apiVersion2026_07, olderVersionHint)
		}
	}
	return nil
}

// missing reports the first required key that is absent (422): schema and
// its fields, each field's type and type-specific keys, the deployment's
// type and its cloud/region or environment, and read_capacity.mode.
func (b *createIndex07Body) missing(body jsonBody) *apiError {
	f := ""
	switch {
	case b.Schema == nil:
		f = "schema"
	case b.Deployment != nil && b.Deployment.DeploymentType == nil:
		f = "deployment_type"
	default:
		f = firstNonEmpty(b.Schema.missingField(), b.Deployment.missingField(), rcMissing(b.ReadCapacity))
	}
	if f != "" {
		return body.missing(f)
	}
	return nil
}

func (d *deploymentBody) missingField() string {
	if d == nil {
		return ""
	}
	switch *d.DeploymentType {
	case deploymentManaged:
		if d.Cloud == nil {
			return "cloud"
		}
		if d.Region == nil {
			return "region"
		}
	case deploymentByoc:
		if d.Environment == nil {
			return "environment"
		}
	}
	return ""
}

// newIndexFromCreate07 validates a 2026-07 create. Checks run in this
// order: name, deletion_protection and tags (400, as at 2026-04), the
// deployment (400), the schema (400), the rules that tie them together
// (document index on BYOC, cmek_id with full-text fields; 400), read
// capacity (400), then an unknown cloud or region (404).
func newIndexFromCreate07(b *createIndex07Body) (*index, *apiError) {
	ix := &index{}
	name := generatedIndexName()
	if b.Name != nil {
		name = *b.Name
	}
	if err := commonFields(ix, name, b.DeletionProtection, b.Tags); err != nil {
		return nil, err
	}
	if err := setDeployment07(ix, b.Deployment); err != nil {
		return nil, err
	}
	fields, err := parseSchemaFields(b.Schema.Fields)
	if err != nil {
		return nil, err
	}
	ix.applySchema(fields)
	if err := checkCreateRules07(ix, b.CmekID); err != nil {
		return nil, err
	}
	if b.CmekID != nil {
		ix.cmekID = *b.CmekID
	}
	if err := setReadCapacity07(ix, b.ReadCapacity); err != nil {
		return nil, err
	}
	if ix.kind == specServerless {
		return ix, checkRegion(ix.cloud, ix.region)
	}
	return ix, nil
}

// generatedIndexName names an index created without a name
// (CreateIndexRequest.name: "Generated automatically if not provided"). The
// form "index-<8 lowercase alnum>" is the emulator's own: production's is
// not documented. It satisfies the name rule.
func generatedIndexName() string {
	return "index-" + randomString(8, lowerAlnum)
}

// setDeployment07 stores where the index runs: managed (cloud and region;
// aws/us-east-1 when the deployment is omitted) or byoc (environment). A pod
// deployment cannot be created at 2026-07 (docs guides/legacy/
// pod-based-indexes; IndexDeploymentRequest lists managed and byoc only).
func setDeployment07(ix *index, d *deploymentBody) *apiError {
	if d == nil {
		ix.kind, ix.cloud, ix.region = specServerless, defaultDeploymentCloud, defaultDeploymentRegion
		return nil
	}
	switch t := *d.DeploymentType; t {
	case deploymentManaged:
		if d.Environment != nil {
			// ManagedDeployment.environment is read-only: "Returned in
			// responses; do not set it when creating an index."
			return invalidArgument("deployment.environment is read-only for a managed deployment: it is returned in responses and must not be set when creating an index.")
		}
		ix.kind, ix.cloud, ix.region = specServerless, *d.Cloud, *d.Region
	case deploymentByoc:
		if *d.Environment == "" {
			return invalidArgument("deployment.environment must not be empty.")
		}
		ix.kind, ix.environment = specByoc, *d.Environment
	case deploymentPod:
		return invalidArgument("API version %s cannot create pod-based indexes (deployment_type pod); it creates managed and byoc deployments only. To create a pod-based index, send an earlier X-Pinecone-Api-Version, e.g. %s: %s, with this request in that version's shape (spec.pod).",
			apiVersion2026_07, headerAPIVersion, apiVersion2026_04)
	default:
		return invalidArgument("Invalid deployment.deployment_type %q. Must be one of: managed, byoc.", t)
	}
	return nil
}

// checkCreateRules07 applies the rules that tie schema and deployment
// together.
func checkCreateRules07(ix *index, cmekID *string) *apiError {
	// A document index may run on BYOC: the 2026-07 create_index reference
	// (docs reference/api/2026-07/control-plane/create_index, request
	// example 5) creates a BYOC index whose schema is a named dense_vector
	// field.
	if cmekID != nil && hasFullText(ix.docFields) {
		// CreateIndexRequest.cmek_id: "Encrypted indexes cannot have
		// full_text_search fields: a request that sets cmek_id and declares
		// one is rejected".
		return invalidArgument("Indexes encrypted with a customer-managed key cannot have full_text_search fields: remove cmek_id or the full_text_search string fields.")
	}
	return nil
}

// setReadCapacity07 parses read_capacity (OnDemand by default). BYOC
// indexes support only Dedicated read capacity (spec ReadCapacity: "a byoc
// deployment must set mode: Dedicated explicitly, since omitting
// read_capacity defaults to OnDemand and is rejected"; docs
// guides/production/bring-your-own-cloud). That rule is 2026-07 only: the
// 2025-10 and 2026-04 specs have no such rule and their BYOC creates keep
// working as before.
func setReadCapacity07(ix *index, rc *readCapacityBody) *apiError {
	ix.rc = readCapacity{mode: modeOnDemand}
	if rc != nil {
		parsed, err := parseReadCapacity("read_capacity", rc, nil)
		if err != nil {
			return err
		}
		ix.rc = parsed
	}
	if ix.kind == specByoc && ix.rc.mode != modeDedicated {
		return invalidArgument("BYOC indexes support only Dedicated read capacity: set read_capacity.mode to Dedicated with node_type, scaling and manual.")
	}
	return nil
}

// checkProjectCMEK refuses a full-text index in a project that enforces
// CMEK with 412 (spec create_index, 412 example "cmek-full-text-search").
// Callers hold s.mu.
func (p *project) checkProjectCMEK(ix *index) *apiError {
	if !p.forceCMEK || !hasFullText(ix.docFields) {
		return nil
	}
	return &apiError{status: http.StatusPreconditionFailed, code: codeFailedPrecondition,
		message: "Index creation failed. Indexes with full_text_search fields are not supported in CMEK-encrypted projects"}
}
