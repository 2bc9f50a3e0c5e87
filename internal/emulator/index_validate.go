package emulator

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Enumerations of the db_control API (spec db_control_2025-10.oas.yaml:
// CreateIndexRequest, ServerlessSpec, PodSpec, ReadCapacity).
const (
	metricCosine     = "cosine"
	metricEuclidean  = "euclidean"
	metricDotproduct = "dotproduct"

	vectorDense  = "dense"
	vectorSparse = "sparse"

	protectionEnabled  = "enabled"
	protectionDisabled = "disabled"

	specServerless = "serverless"
	specPod        = "pod"
	specByoc       = "byoc"

	modeOnDemand  = "OnDemand"
	modeDedicated = "Dedicated"

	maxDimension = 20000
)

var (
	indexNameRe = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,43}[a-z0-9])?$`)
	tagKeyRe    = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	tagValueRe  = regexp.MustCompile(`^[A-Za-z0-9;@_\-.+ ]*$`)
	podTypeRe   = regexp.MustCompile(`^(s1|p1|p2)(\.(x1|x2|x4|x8))?$`)
)

// Serverless regions per cloud: the regions Pinecone documents for
// serverless indexes (docs.pinecone.io, "Cloud regions"), which are also the
// official Python SDK's AwsRegion / GcpRegion / AzureRegion enums. Anything
// else, an unknown cloud included, is 404 (spec: "Unknown cloud or region
// when creating a serverless index"). See the region entries in doc.go.
var serverlessRegions = map[string][]string{
	"aws":   {"us-east-1", "us-west-2", "eu-west-1"},
	"gcp":   {"us-central1", "europe-west4"},
	"azure": {"eastus2"},
}

// podEnvironments is the Python SDK's list (pinecone-io/pinecone-python-client,
// enum PodIndexEnvironment).
// [unverified] Production's full list and its answer to an unknown
// environment are not documented; the emulator answers 400.
var podEnvironments = []string{
	"us-west1-gcp", "us-central1-gcp", "us-west4-gcp", "us-east4-gcp",
	"northamerica-northeast1-gcp", "asia-northeast1-gcp", "asia-southeast1-gcp",
	"us-east1-gcp", "eu-west1-gcp", "eu-west4-gcp", "us-east-1-aws", "eastus-azure",
}

// nameRule is the spec's name-rule text (spec db_control_2025-10.oas.yaml,
// ErrorResponse example) after the leading "Index"/"Collection".
const nameRule = " name must contain only lowercase alphanumeric characters or hyphens, and must not begin or end with a hyphen."

const nameRuleMessage = "Index" + nameRule

func validateIndexName(name string) *apiError { return validateName("Index", name) }

// validateName applies the index / collection name rule (spec
// db_control_2025-10.oas.yaml, CreateIndexRequest.name and
// CreateCollectionRequest.name); what is "Index" or "Collection" and starts
// the message.
func validateName(what, name string) *apiError {
	if len(name) < 1 || len(name) > 45 {
		return invalidArgument("%s name must be between 1 and 45 characters long. %s%s", what, what, nameRule)
	}
	if !indexNameRe.MatchString(name) {
		return invalidArgument("%s%s", what, nameRule)
	}
	return nil
}

func validateMetric(m string) *apiError {
	switch m {
	case metricCosine, metricEuclidean, metricDotproduct:
		return nil
	}
	return invalidArgument("Invalid metric %q. Must be one of: cosine, euclidean, dotproduct.", m)
}

func validateVectorType(v string) *apiError {
	switch v {
	case vectorDense, vectorSparse:
		return nil
	}
	return invalidArgument("Invalid vector_type %q. Must be one of: dense, sparse.", v)
}

func validateDeletionProtection(v string) *apiError {
	switch v {
	case protectionEnabled, protectionDisabled:
		return nil
	}
	return invalidArgument("Invalid deletion_protection %q. Must be one of: enabled, disabled.", v)
}

// validateTags checks keys and values (spec db_control_2025-10.oas.yaml,
// IndexTags). An empty value
// (or null) is allowed: it means "remove this key".
func validateTags(tags map[string]*string) *apiError {
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		if len(k) > 80 || !tagKeyRe.MatchString(k) {
			return invalidArgument("Invalid tag key %q. Tag keys must be 1-80 characters long and contain only alphanumeric characters, underscores or hyphens.", k)
		}
		if v := tags[k]; v != nil && (len(*v) > 120 || !tagValueRe.MatchString(*v)) {
			return invalidArgument("Invalid value %q for tag %q. Tag values must be at most 120 characters long and contain only alphanumeric characters, spaces or ';', '@', '_', '-', '.', '+'.", *v, k)
		}
	}
	return nil
}

// mergeTags applies a tags patch: non-empty values set, "" or null removes.
// It returns nil when no tags remain, so responses omit the field.
func mergeTags(cur map[string]string, patch map[string]*string) map[string]string {
	out := maps.Clone(cur)
	if out == nil {
		out = make(map[string]string)
	}
	for k, v := range patch {
		if v == nil || *v == "" {
			delete(out, k)
		} else {
			out[k] = *v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func validateDimension(d int64) *apiError {
	if d < 1 || d > maxDimension {
		return invalidArgument("Dimension %d is out of range. Must be between 1 and %d.", d, maxDimension)
	}
	return nil
}

// checkRegion answers 404 NOT_FOUND, in the spec's wording, for a cloud
// and region pair where Pinecone offers no serverless indexes: an unknown
// region of a known cloud and an unknown cloud alike (the spec's 404 is
// "Unknown cloud or region when creating a serverless index").
func checkRegion(cloud, region string) *apiError {
	if slices.Contains(serverlessRegions[cloud], region) {
		return nil
	}
	return notFound("Resource cloud: %s region: %s not found.", cloud, region)
}

// podType is a parsed "<family>.x<size>" pod type.
type podType struct {
	family string
	size   int
}

// parsePodType accepts s1|p1|p2 with an optional .x1|.x2|.x4|.x8; a bare
// family means size x1.
func parsePodType(s string) (podType, *apiError) {
	m := podTypeRe.FindStringSubmatch(s)
	if m == nil {
		return podType{}, invalidArgument("Invalid pod_type %q. Must be one of s1, p1, p2 with an optional size .x1, .x2, .x4 or .x8 (e.g. p1.x1).", s)
	}
	size := 1
	if m[3] != "" {
		size, _ = strconv.Atoi(strings.TrimPrefix(m[3], "x"))
	}
	return podType{family: m[1], size: size}, nil
}

// readCapacity is the stored form of a ReadCapacity.
type readCapacity struct {
	mode     string
	nodeType string
	scaling  string
	replicas int
	shards   int
}

// readCapacityBody is a ReadCapacity as sent by clients.
type readCapacityBody struct {
	Mode      *string `json:"mode"`
	Dedicated *struct {
		NodeType *string `json:"node_type"`
		Scaling  *string `json:"scaling"`
		Manual   *struct {
			Replicas *int64 `json:"replicas"`
			Shards   *int64 `json:"shards"`
		} `json:"manual"`
	} `json:"dedicated"`
}

// parseReadCapacity validates b. prev is the index's current read capacity
// (nil at create); when the Dedicated config omits manual replicas or shards
// the current values are kept, or 1 is used for an index that was not
// Dedicated. [unverified] production's defaults for an omitted manual block.
func parseReadCapacity(field string, b *readCapacityBody, prev *readCapacity) (readCapacity, *apiError) {
	mode := *b.Mode // presence checked by the caller (422)
	switch mode {
	case modeOnDemand:
		if b.Dedicated != nil {
			return readCapacity{}, invalidArgument("%s: mode OnDemand does not accept a dedicated configuration.", field)
		}
		return readCapacity{mode: modeOnDemand}, nil
	case modeDedicated:
	default:
		return readCapacity{}, invalidArgument("%s: invalid mode %q. Must be one of: OnDemand, Dedicated.", field, mode)
	}
	d := b.Dedicated
	if d == nil {
		return readCapacity{}, invalidArgument("%s: mode Dedicated requires a dedicated configuration.", field)
	}
	rc := readCapacity{mode: modeDedicated, replicas: 1, shards: 1}
	if prev != nil && prev.mode == modeDedicated {
		rc.replicas, rc.shards = prev.replicas, prev.shards
	}
	switch {
	case d.NodeType == nil:
		return readCapacity{}, invalidArgument("%s.dedicated: node_type is required for mode Dedicated.", field)
	case *d.NodeType != "b1" && *d.NodeType != "t1":
		return readCapacity{}, invalidArgument("%s.dedicated: invalid node_type %q. Must be one of: b1, t1.", field, *d.NodeType)
	case d.Scaling == nil:
		return readCapacity{}, invalidArgument("%s.dedicated: scaling is required for mode Dedicated.", field)
	case *d.Scaling != "Manual":
		return readCapacity{}, invalidArgument("%s.dedicated: invalid scaling %q. Must be: Manual.", field, *d.Scaling)
	}
	rc.nodeType, rc.scaling = *d.NodeType, *d.Scaling
	if m := d.Manual; m != nil {
		if m.Replicas != nil {
			if *m.Replicas < 0 {
				return readCapacity{}, invalidArgument("%s.dedicated.manual: replicas must be 0 or greater, got %d.", field, *m.Replicas)
			}
			rc.replicas = int(*m.Replicas)
		}
		if m.Shards != nil {
			if *m.Shards < 1 {
				return readCapacity{}, invalidArgument("%s.dedicated.manual: shards must be 1 or greater, got %d.", field, *m.Shards)
			}
			rc.shards = int(*m.Shards)
		}
	}
	return rc, nil
}

// schemaBody is a MetadataSchema as sent by clients.
type schemaBody struct {
	Fields map[string]*struct {
		Filterable *bool `json:"filterable"`
	} `json:"fields"`
}

// parseSchema returns the filterable field names. Only filterable: true is
// supported (spec db_control_2025-10.oas.yaml, MetadataSchema); false or a
// missing value is 400.
func parseSchema(field string, b *schemaBody) ([]string, *apiError) {
	names := slices.Sorted(maps.Keys(b.Fields))
	for _, n := range names {
		f := b.Fields[n]
		if f == nil || f.Filterable == nil || !*f.Filterable {
			return nil, invalidArgument("%s.fields.%s: only filterable: true is supported.", field, n)
		}
	}
	if names == nil {
		names = []string{}
	}
	return names, nil
}

func fieldPath(parts ...string) string { return strings.Join(parts, ".") }

func describeSpecKeys(keys []string) string {
	if len(keys) == 0 {
		return "none"
	}
	slices.Sort(keys)
	return fmt.Sprintf("%q", keys)
}
