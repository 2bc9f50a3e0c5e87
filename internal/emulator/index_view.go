package emulator

import (
	"maps"
	"time"
)

// JSON shapes of IndexModel (spec db_control_2025-10.oas.yaml). Field order
// follows the spec's examples.

type indexModelJSON struct {
	Name               string            `json:"name"`
	Dimension          *int              `json:"dimension,omitempty"`
	Metric             string            `json:"metric"`
	Host               string            `json:"host"`
	PrivateHost        string            `json:"private_host,omitempty"`
	DeletionProtection string            `json:"deletion_protection"`
	Tags               map[string]string `json:"tags,omitempty"`
	Embed              *embedJSON        `json:"embed,omitempty"`
	Spec               indexSpecJSON     `json:"spec"`
	Status             indexStatusJSON   `json:"status"`
	VectorType         string            `json:"vector_type"`
}

type indexStatusJSON struct {
	Ready bool   `json:"ready"`
	State string `json:"state"`
}

type indexSpecJSON struct {
	Serverless *serverlessSpecJSON `json:"serverless,omitempty"`
	Pod        *podSpecJSON        `json:"pod,omitempty"`
	Byoc       *byocSpecJSON       `json:"byoc,omitempty"`
}

type serverlessSpecJSON struct {
	Cloud            string           `json:"cloud"`
	Region           string           `json:"region"`
	ReadCapacity     readCapacityJSON `json:"read_capacity"`
	SourceCollection string           `json:"source_collection,omitempty"`
	Schema           *schemaJSON      `json:"schema,omitempty"`
}

type byocSpecJSON struct {
	Environment  string           `json:"environment"`
	ReadCapacity readCapacityJSON `json:"read_capacity"`
	Schema       *schemaJSON      `json:"schema,omitempty"`
}

type podSpecJSON struct {
	Environment      string              `json:"environment"`
	PodType          string              `json:"pod_type"`
	Pods             int                 `json:"pods"`
	Replicas         int                 `json:"replicas"`
	Shards           int                 `json:"shards"`
	MetadataConfig   *metadataConfigJSON `json:"metadata_config,omitempty"`
	SourceCollection string              `json:"source_collection,omitempty"`
}

type metadataConfigJSON struct {
	Indexed []string `json:"indexed,omitempty"`
}

type readCapacityJSON struct {
	Mode      string             `json:"mode"`
	Dedicated *dedicatedJSON     `json:"dedicated,omitempty"`
	Status    readCapacityStatus `json:"status"`
}

type dedicatedJSON struct {
	NodeType string     `json:"node_type"`
	Scaling  string     `json:"scaling"`
	Manual   manualJSON `json:"manual"`
}

type manualJSON struct {
	Replicas int `json:"replicas"`
	Shards   int `json:"shards"`
}

type readCapacityStatus struct {
	State           string `json:"state"`
	CurrentReplicas *int   `json:"current_replicas,omitempty"`
	CurrentShards   *int   `json:"current_shards,omitempty"`
	ErrorMessage    string `json:"error_message,omitempty"`
}

type schemaJSON struct {
	Fields map[string]schemaFieldJSON `json:"fields"`
}

type schemaFieldJSON struct {
	Filterable bool `json:"filterable"`
}

type embedJSON struct {
	Model           string            `json:"model"`
	Metric          string            `json:"metric,omitempty"`
	Dimension       *int              `json:"dimension,omitempty"`
	VectorType      string            `json:"vector_type,omitempty"`
	FieldMap        map[string]string `json:"field_map,omitempty"`
	ReadParameters  map[string]any    `json:"read_parameters,omitempty"`
	WriteParameters map[string]any    `json:"write_parameters,omitempty"`
}

// indexListJSON is IndexList; each item is the IndexModel of the request's
// API version (indexModelJSON or indexModel07JSON).
type indexListJSON struct {
	Indexes []any `json:"indexes"`
}

func intPtr(v int) *int { return &v }

// view renders ix as seen at time t; f marks transitions started by the
// request being answered (see fresh).
func (ix *index) view(t time.Time, f fresh) indexModelJSON {
	state, ready := ix.status(t, f)
	out := indexModelJSON{
		Name:               ix.name,
		Metric:             ix.metric,
		Host:               ix.host,
		PrivateHost:        ix.privateHost,
		DeletionProtection: ix.deletionProtection,
		Tags:               maps.Clone(ix.tags),
		Status:             indexStatusJSON{Ready: ready, State: state},
		VectorType:         ix.vectorType,
	}
	if ix.dimension != 0 {
		out.Dimension = intPtr(ix.dimension)
	}
	if e := ix.embed; e != nil {
		out.Embed = &embedJSON{
			Model:           e.model,
			Metric:          e.metric,
			VectorType:      e.vectorType,
			FieldMap:        maps.Clone(e.fieldMap),
			ReadParameters:  maps.Clone(e.readParams),
			WriteParameters: maps.Clone(e.writeParams),
		}
		if e.dimension != 0 {
			out.Embed.Dimension = intPtr(e.dimension)
		}
	}
	switch ix.kind {
	case specServerless:
		out.Spec.Serverless = &serverlessSpecJSON{
			Cloud:            ix.cloud,
			Region:           ix.region,
			ReadCapacity:     ix.readCapacityView(t, f),
			SourceCollection: ix.sourceCollection,
			Schema:           schemaView(ix.schema),
		}
	case specByoc:
		out.Spec.Byoc = &byocSpecJSON{
			Environment:  ix.environment,
			ReadCapacity: ix.readCapacityView(t, f),
			Schema:       schemaView(ix.schema),
		}
	case specPod:
		p := &podSpecJSON{
			Environment:      ix.environment,
			PodType:          ix.podType,
			Pods:             ix.replicas * ix.shards,
			Replicas:         ix.replicas,
			Shards:           ix.shards,
			SourceCollection: ix.sourceCollection,
		}
		if ix.metadataConfig != nil {
			p.MetadataConfig = &metadataConfigJSON{Indexed: ix.metadataConfig.indexed}
		}
		out.Spec.Pod = p
	}
	return out
}

func (ix *index) readCapacityView(t time.Time, f fresh) readCapacityJSON {
	state, errMsg, serving := ix.readCapacityStatus(t, f)
	out := readCapacityJSON{Mode: ix.rc.mode, Status: readCapacityStatus{State: state, ErrorMessage: errMsg}}
	if ix.rc.mode == modeDedicated {
		out.Dedicated = &dedicatedJSON{
			NodeType: ix.rc.nodeType,
			Scaling:  ix.rc.scaling,
			Manual:   manualJSON{Replicas: ix.rc.replicas, Shards: ix.rc.shards},
		}
	}
	if serving != nil {
		out.Status.CurrentReplicas = intPtr(serving.replicas)
		out.Status.CurrentShards = intPtr(serving.shards)
	}
	return out
}

func schemaView(fields []string) *schemaJSON {
	if fields == nil {
		return nil
	}
	s := &schemaJSON{Fields: make(map[string]schemaFieldJSON, len(fields))}
	for _, f := range fields {
		s.Fields[f] = schemaFieldJSON{Filterable: true}
	}
	return s
}
