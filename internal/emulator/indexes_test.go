package emulator

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	serverlessHostRe = regexp.MustCompile(`^s-([a-z0-9]{7})\.svc\.([a-z]{4}-[0-9]{4}-[0-9a-f]{4})\.pinecone\.io$`)
	serverlessPrivRe = regexp.MustCompile(`^s-([a-z0-9]{7})\.svc\.private\.([a-z]{4}-[0-9]{4}-[0-9a-f]{4})\.pinecone\.io$`)
)

func TestCreateServerless(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	wantField(t, b, "s", "name")
	wantField(t, b, 3, "dimension")
	wantField(t, b, "cosine", "metric")
	wantField(t, b, "dense", "vector_type")
	wantField(t, b, "disabled", "deletion_protection")
	wantField(t, b, map[string]any{"serverless": map[string]any{
		"cloud": "aws", "region": "us-east-1",
		"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
	}}, "spec")
	wantState(t, b, "Initializing", false)
	if has(b, "tags") || has(b, "embed") {
		t.Errorf("tags/embed present without being set: %v", b)
	}
	host, _ := b["host"].(string)
	priv, _ := b["private_host"].(string)
	hm, pm := serverlessHostRe.FindStringSubmatch(host), serverlessPrivRe.FindStringSubmatch(priv)
	if hm == nil || pm == nil {
		t.Fatalf("host %q / private_host %q do not look like Pinecone hosts", host, priv)
	}
	if hm[1] != pm[1] || hm[2] != pm[2] {
		t.Errorf("host %q and private_host %q do not share id and cell", host, priv)
	}

	// Describe returns the same index with the same host.
	d := e.do("GET", "/indexes/s", "").must(t, http.StatusOK)
	wantField(t, d, host, "host")
	wantField(t, d, priv, "private_host")

	// Another index in the same region lives in the same cell, with its own id.
	b2 := e.do("POST", "/indexes", strings.Replace(bodyServerless, `"name":"s"`, `"name":"s2"`, 1)).must(t, http.StatusCreated)
	host2 := b2["host"].(string)
	if !strings.HasSuffix(host2, ".svc."+hm[2]+".pinecone.io") || !strings.HasPrefix(host2, "s2-") {
		t.Errorf("second host %q not in cell %s", host2, hm[2])
	}
}

func TestCreateSparse(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.do("POST", "/indexes", bodySparse).must(t, http.StatusCreated)
	wantField(t, b, "dotproduct", "metric")
	wantField(t, b, "sparse", "vector_type")
	if has(b, "dimension") {
		t.Errorf("sparse index has a dimension: %v", b["dimension"])
	}
}

func TestCreatePod(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"pod": map[string]any{
		"environment": "us-east-1-aws", "pod_type": "p1.x1", "pods": 1, "replicas": 1, "shards": 1,
	}}, "spec")
	host := b["host"].(string)
	if !regexp.MustCompile(`^p-[a-z0-9]{7}\.svc\.us-east-1-aws\.pinecone\.io$`).MatchString(host) {
		t.Errorf("pod host = %q", host)
	}
	wantField(t, b, strings.Replace(host, ".svc.", ".svc.private.", 1), "private_host")

	// Defaults and pods = replicas x shards; bare p1 accepted.
	b = e.do("POST", "/indexes", `{"name":"p2","dimension":8,"spec":{"pod":{"environment":"us-west1-gcp","pod_type":"s1","replicas":2,"shards":3,"metadata_config":{"indexed":["genre"]}}}}`).must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"pod": map[string]any{
		"environment": "us-west1-gcp", "pod_type": "s1", "pods": 6, "replicas": 2, "shards": 3,
		"metadata_config": map[string]any{"indexed": []any{"genre"}},
	}}, "spec")
	b = e.do("POST", "/indexes", `{"name":"p3","dimension":8,"spec":{"pod":{"environment":"us-west1-gcp","pod_type":"p2.x8"}}}`).must(t, http.StatusCreated)
	wantField(t, b, 1, "spec", "pod", "replicas")
	wantField(t, b, 1, "spec", "pod", "shards")
	wantField(t, b, 1, "spec", "pod", "pods")
}

func TestCreateByoc(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.do("POST", "/indexes", bodyByoc).must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"byoc": map[string]any{
		"environment":   "aws-us-east-1-b921",
		"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
	}}, "spec")
	if !strings.Contains(b["host"].(string), ".svc.aws-us-east-1-b921.pinecone.io") {
		t.Errorf("byoc host = %v", b["host"])
	}
}

func TestCreateDedicatedSchemaTags(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.do("POST", "/indexes", `{"name":"movie-recommendations","dimension":1536,"metric":"euclidean",
		"deletion_protection":"enabled","tags":{"env":"prod","team":"a b;c@d_e-f.g+h","gone":""},
		"spec":{"serverless":{"cloud":"gcp","region":"europe-west4",
			"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":2,"shards":2}}},
			"schema":{"fields":{"genre":{"filterable":true},"year":{"filterable":true}}}}}}`).must(t, http.StatusCreated)
	wantField(t, b, "euclidean", "metric")
	wantField(t, b, "enabled", "deletion_protection")
	wantField(t, b, map[string]any{"env": "prod", "team": "a b;c@d_e-f.g+h"}, "tags")
	wantField(t, b, map[string]any{
		"mode":      "Dedicated",
		"dedicated": map[string]any{"node_type": "t1", "scaling": "Manual", "manual": map[string]any{"replicas": 2, "shards": 2}},
		"status":    map[string]any{"state": "Ready", "current_replicas": 2, "current_shards": 2},
	}, "spec", "serverless", "read_capacity")
	wantField(t, b, map[string]any{"fields": map[string]any{"genre": map[string]any{"filterable": true}, "year": map[string]any{"filterable": true}}},
		"spec", "serverless", "schema")

	// Dedicated without manual gets 1 replica and 1 shard.
	b = e.do("POST", "/indexes", `{"name":"d2","dimension":4,"spec":{"byoc":{"environment":"e1","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual"}}}}}`).must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"replicas": 1, "shards": 1}, "spec", "byoc", "read_capacity", "dedicated", "manual")
}

func TestCreateValidation(t *testing.T) {
	const sl = `"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}`
	long := strings.Repeat("a", 46)
	cases := []struct {
		name   string
		body   string
		status int
		code   string
		msg    string
	}{
		// 422: cannot deserialize into the request type.
		{"missing name", `{"dimension":3,` + sl + `}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"null name", `{"name":null,"dimension":3,` + sl + `}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"missing spec", `{"name":"a","dimension":3}`, 422, "UNPROCESSABLE_ENTITY", "missing field `spec`"},
		{"null spec", `{"name":"a","dimension":3,"spec":null}`, 422, "UNPROCESSABLE_ENTITY", "missing field `spec`"},
		{"missing cloud", `{"name":"a","dimension":3,"spec":{"serverless":{"region":"us-east-1"}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `cloud`"},
		{"missing region", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws"}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `region`"},
		{"missing environment", `{"name":"a","dimension":3,"spec":{"pod":{"pod_type":"p1.x1"}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `environment`"},
		{"missing pod_type", `{"name":"a","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws"}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `pod_type`"},
		{"missing byoc environment", `{"name":"a","dimension":3,"spec":{"byoc":{}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `environment`"},
		{"missing rc mode", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{}}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `mode`"},
		{"missing schema fields", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","schema":{}}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `fields`"},

		// 400: rule violations.
		{"name uppercase", `{"name":"Abc","dimension":3,` + sl + `}`, 400, "INVALID_ARGUMENT", nameRuleMessage},
		{"name leading hyphen", `{"name":"-abc","dimension":3,` + sl + `}`, 400, "INVALID_ARGUMENT", nameRuleMessage},
		{"name trailing hyphen", `{"name":"abc-","dimension":3,` + sl + `}`, 400, "INVALID_ARGUMENT", nameRuleMessage},
		{"name underscore", `{"name":"a_b","dimension":3,` + sl + `}`, 400, "INVALID_ARGUMENT", nameRuleMessage},
		{"name empty", `{"name":"","dimension":3,` + sl + `}`, 400, "INVALID_ARGUMENT", "between 1 and 45"},
		{"name too long", `{"name":"` + long + `","dimension":3,` + sl + `}`, 400, "INVALID_ARGUMENT", "between 1 and 45"},
		{"dimension 0", `{"name":"a","dimension":0,` + sl + `}`, 400, "INVALID_ARGUMENT", "Dimension"},
		{"dimension 20001", `{"name":"a","dimension":20001,` + sl + `}`, 400, "INVALID_ARGUMENT", "Dimension"},
		{"dense without dimension", `{"name":"a",` + sl + `}`, 400, "INVALID_ARGUMENT", "Dimension is required"},
		{"sparse with dimension", `{"name":"a","dimension":3,"vector_type":"sparse",` + sl + `}`, 400, "INVALID_ARGUMENT", "must not have a dimension"},
		{"sparse cosine", `{"name":"a","vector_type":"sparse","metric":"cosine",` + sl + `}`, 400, "INVALID_ARGUMENT", "dotproduct"},
		{"unknown metric", `{"name":"a","dimension":3,"metric":"manhattan",` + sl + `}`, 400, "INVALID_ARGUMENT", "metric"},
		{"unknown vector_type", `{"name":"a","dimension":3,"vector_type":"hybrid",` + sl + `}`, 400, "INVALID_ARGUMENT", "vector_type"},
		{"unknown deletion_protection", `{"name":"a","dimension":3,"deletion_protection":"on",` + sl + `}`, 400, "INVALID_ARGUMENT", "deletion_protection"},
		{"tag key chars", `{"name":"a","dimension":3,"tags":{"bad key":"v"},` + sl + `}`, 400, "INVALID_ARGUMENT", "tag key"},
		{"tag key too long", `{"name":"a","dimension":3,"tags":{"` + strings.Repeat("k", 81) + `":"v"},` + sl + `}`, 400, "INVALID_ARGUMENT", "tag key"},
		{"tag value chars", `{"name":"a","dimension":3,"tags":{"k":"a/b"},` + sl + `}`, 400, "INVALID_ARGUMENT", "tag"},
		{"tag value too long", `{"name":"a","dimension":3,"tags":{"k":"` + strings.Repeat("v", 121) + `"},` + sl + `}`, 400, "INVALID_ARGUMENT", "tag"},
		{"spec empty", `{"name":"a","dimension":3,"spec":{}}`, 400, "INVALID_ARGUMENT", "exactly one"},
		{"spec two keys", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"},"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1"}}}`, 400, "INVALID_ARGUMENT", "exactly one"},
		{"spec unknown key", `{"name":"a","dimension":3,"spec":{"edge":{}}}`, 400, "INVALID_ARGUMENT", "edge"},
		{"pod_type unknown", `{"name":"a","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p3.x1"}}}`, 400, "INVALID_ARGUMENT", "pod_type"},
		{"pod_type bad size", `{"name":"a","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x3"}}}`, 400, "INVALID_ARGUMENT", "pod_type"},
		{"pod replicas 0", `{"name":"a","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","replicas":0}}}`, 400, "INVALID_ARGUMENT", "replicas"},
		{"pod shards 0", `{"name":"a","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","shards":0}}}`, 400, "INVALID_ARGUMENT", "shards"},
		{"pod pods 0", `{"name":"a","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","pods":0}}}`, 400, "INVALID_ARGUMENT", "pods"},
		{"pod unknown environment", `{"name":"a","dimension":3,"spec":{"pod":{"environment":"mars-1-aws","pod_type":"p1.x1"}}}`, 400, "INVALID_ARGUMENT", "environment"},
		{"byoc empty environment", `{"name":"a","dimension":3,"spec":{"byoc":{"environment":""}}}`, 400, "INVALID_ARGUMENT", "environment"},
		{"rc unknown mode", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"Turbo"}}}}`, 400, "INVALID_ARGUMENT", "mode"},
		{"rc dedicated missing", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"Dedicated"}}}}`, 400, "INVALID_ARGUMENT", "dedicated"},
		{"rc ondemand with dedicated", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"OnDemand","dedicated":{"node_type":"t1","scaling":"Manual"}}}}}`, 400, "INVALID_ARGUMENT", "OnDemand"},
		{"rc node_type missing", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"Dedicated","dedicated":{"scaling":"Manual"}}}}}`, 400, "INVALID_ARGUMENT", "node_type"},
		{"rc node_type unknown", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"x9","scaling":"Manual"}}}}}`, 400, "INVALID_ARGUMENT", "node_type"},
		{"rc scaling missing", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1"}}}}}`, 400, "INVALID_ARGUMENT", "scaling"},
		{"rc scaling auto", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Auto"}}}}}`, 400, "INVALID_ARGUMENT", "scaling"},
		{"rc replicas negative", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":-1,"shards":1}}}}}}`, 400, "INVALID_ARGUMENT", "replicas"},
		{"rc shards 0", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":0,"shards":0}}}}}}`, 400, "INVALID_ARGUMENT", "shards"},
		{"filterable false", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","schema":{"fields":{"genre":{"filterable":false}}}}}}`, 400, "INVALID_ARGUMENT", "filterable"},

		// 404: unknown region or source collection.
		{"unknown region", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-west1"}}}`, 404, "NOT_FOUND", "Resource cloud: aws region: us-west1 not found."},
		{"unknown cloud", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"ibm","region":"us-east-1"}}}`, 404, "NOT_FOUND", "Resource cloud: ibm region: us-east-1 not found."},
		{"gcp us-east1 (spec example, not a serverless region)", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"gcp","region":"us-east1"}}}`, 404, "NOT_FOUND", "Resource cloud: gcp region: us-east1 not found."},
		{"region of another cloud", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"azure","region":"us-east-1"}}}`, 404, "NOT_FOUND", "Resource cloud: azure region: us-east-1 not found."},
		{"unknown source collection", `{"name":"a","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","source_collection":"c1"}}}`, 404, "NOT_FOUND", "Collection c1 not found."},
	}
	e := newEnv(t, Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("POST", "/indexes", c.body).wantError(t, c.status, c.code, c.msg)
		})
	}
	// Nothing was created by the rejected requests.
	b := e.do("GET", "/indexes", "").must(t, http.StatusOK)
	if n := len(b["indexes"].([]any)); n != 0 {
		t.Errorf("rejected creates left %d indexes", n)
	}
}

func TestCreateAcceptsEdgeValues(t *testing.T) {
	e := newEnv(t, Options{})
	name45 := strings.Repeat("a", 45)
	for _, body := range []string{
		`{"name":"` + name45 + `","dimension":20000,"spec":{"serverless":{"cloud":"gcp","region":"europe-west4"}}}`,
		`{"name":"0","dimension":1,"spec":{"serverless":{"cloud":"azure","region":"eastus2"}}}`,
		`{"name":"7c9e6679-7425-40de-944b-e07fc1f90ae7","dimension":3,"metric":"dotproduct","spec":{"serverless":{"cloud":"aws","region":"eu-west-1","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual","manual":{"replicas":0,"shards":1}}}}}}`,
		// null counts as absent, unknown fields are ignored.
		`{"name":"n","dimension":3,"metric":null,"tags":null,"deletion_protection":null,"extra":1,"spec":{"serverless":{"cloud":"aws","region":"us-west-2","read_capacity":null,"schema":null},"pod":null}}`,
	} {
		e.do("POST", "/indexes", body).must(t, http.StatusCreated)
	}
	b := e.do("GET", "/indexes/n", "").must(t, http.StatusOK)
	wantField(t, b, "cosine", "metric")
	wantField(t, b, "disabled", "deletion_protection")
}

func TestListIndexes(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("GET", "/indexes", "")
	r.must(t, http.StatusOK)
	if strings.TrimSpace(r.raw) != `{"indexes":[]}` {
		t.Errorf("empty list = %s, want {\"indexes\":[]}", r.raw)
	}
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyByoc).must(t, http.StatusCreated)
	b := e.do("GET", "/indexes", "").must(t, http.StatusOK)
	list := b["indexes"].([]any)
	var names []string
	for _, it := range list {
		m := it.(map[string]any)
		names = append(names, m["name"].(string))
		for _, f := range []string{"host", "metric", "spec", "status", "vector_type", "deletion_protection"} {
			if !has(m, f) {
				t.Errorf("list item %v has no %s", m["name"], f)
			}
		}
	}
	if strings.Join(names, ",") != "b,p,s" {
		t.Errorf("names = %v, want [b p s]", names)
	}
	wantField(t, list[0].(map[string]any), "OnDemand", "spec", "byoc", "read_capacity", "mode")
}

func TestDuplicateName(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Minute})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyServerless).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")
	// A different kind of index with the same name is still a conflict, and so
	// is create-for-model.
	e.do("POST", "/indexes", `{"name":"s","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1"}}}`).
		wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")
	e.do("POST", "/indexes/create-for-model", strings.Replace(bodyCreateForModel, `"name":"m"`, `"name":"s"`, 1)).
		wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")

	// While Terminating, the name is still taken.
	e.do("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	e.do("POST", "/indexes", bodyServerless).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")
	e.clock.Advance(time.Minute)
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
}

func TestDescribeNotFound(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("GET", "/indexes/nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index nope not found.")
	e.do("PATCH", "/indexes/nope", `{"deletion_protection":"enabled"}`).wantError(t, http.StatusNotFound, "NOT_FOUND", "Index nope not found.")
	e.do("DELETE", "/indexes/nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index nope not found.")
}

func TestDeleteAndDeletionProtection(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)

	// As go-pinecone v5.4.1 sends it: PATCH /indexes/s (deletion prot.)
	b := e.do("PATCH", "/indexes/s", `{"deletion_protection":"enabled","spec":null,"tags":{}}`).must(t, http.StatusOK)
	wantField(t, b, "enabled", "deletion_protection")
	wantField(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "enabled", "deletion_protection")

	e.do("DELETE", "/indexes/s", "").wantError(t, http.StatusForbidden, "FORBIDDEN",
		"Deletion protection is enabled for this index. Disable deletion protection before retrying.")
	e.do("GET", "/indexes/s", "").must(t, http.StatusOK)

	b = e.do("PATCH", "/indexes/s", `{"deletion_protection":"disabled"}`).must(t, http.StatusOK)
	wantField(t, b, "disabled", "deletion_protection")
	r := e.do("DELETE", "/indexes/s", "")
	r.must(t, http.StatusAccepted)
	if r.raw != "" {
		t.Errorf("DELETE body = %q, want empty", r.raw)
	}
	// DeleteDelay 0: gone on the next request, even with a clock that does not move.
	e.do("GET", "/indexes/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index s not found.")
	e.do("DELETE", "/indexes/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index s not found.")
}

func TestConfigureTags(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.do("POST", "/indexes", `{"dimension":3,"name":"p","tags":{"a":"1"},"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","pods":1,"replicas":1,"shards":1}},"vector_type":"dense"}`).must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"a": "1"}, "tags")

	// As go-pinecone v5.4.1 sends it: PATCH /indexes/p (tags; had a=1)
	b = e.do("PATCH", "/indexes/p", `{"spec":null,"tags":{"a":"","b":"2"}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"b": "2"}, "tags")

	// Merge, not replace.
	b = e.do("PATCH", "/indexes/p", `{"tags":{"c":"3"}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"b": "2", "c": "3"}, "tags")

	// {} and null are no-ops.
	b = e.do("PATCH", "/indexes/p", `{"tags":{}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"b": "2", "c": "3"}, "tags")
	b = e.do("PATCH", "/indexes/p", `{"tags":null}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"b": "2", "c": "3"}, "tags")

	// Removing the last tags removes the field.
	b = e.do("PATCH", "/indexes/p", `{"tags":{"b":"","c":""}}`).must(t, http.StatusOK)
	if has(b, "tags") {
		t.Errorf("tags still present after removing all: %v", b["tags"])
	}
	if has(e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "tags") {
		t.Errorf("describe still shows tags")
	}

	// Empty PATCH body is a no-op.
	e.do("PATCH", "/indexes/p", `{}`).must(t, http.StatusOK)
}

func TestConfigureValidation(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", `{"dimension":3,"name":"p","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x2"}}}`).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyByoc).must(t, http.StatusCreated)
	cases := []struct {
		name, index, body string
		status            int
		code, msg         string
	}{
		{"pod on serverless", "s", `{"spec":{"pod":{"replicas":2}}}`, 400, "INVALID_ARGUMENT", "pod"},
		{"serverless on pod", "p", `{"spec":{"serverless":{"read_capacity":{"mode":"OnDemand"}}}}`, 400, "INVALID_ARGUMENT", "serverless"},
		{"byoc on serverless", "s", `{"spec":{"byoc":{"read_capacity":{"mode":"OnDemand"}}}}`, 400, "INVALID_ARGUMENT", "byoc"},
		{"spec two keys", "s", `{"spec":{"serverless":{},"pod":{}}}`, 400, "INVALID_ARGUMENT", "exactly one"},
		{"spec empty", "s", `{"spec":{}}`, 400, "INVALID_ARGUMENT", "exactly one"},
		{"spec unknown", "s", `{"spec":{"edge":{}}}`, 400, "INVALID_ARGUMENT", "edge"},
		{"pod scale down", "p", `{"spec":{"pod":{"pod_type":"p1.x1"}}}`, 400, "INVALID_ARGUMENT", "Cannot scale down"},
		{"pod family change", "p", `{"spec":{"pod":{"pod_type":"s1.x2"}}}`, 400, "INVALID_ARGUMENT", "family"},
		{"pod bad type", "p", `{"spec":{"pod":{"pod_type":"p1.x16"}}}`, 400, "INVALID_ARGUMENT", "pod_type"},
		{"pod replicas 0", "p", `{"spec":{"pod":{"replicas":0}}}`, 400, "INVALID_ARGUMENT", "replicas"},
		{"bad deletion_protection", "s", `{"deletion_protection":"yes"}`, 400, "INVALID_ARGUMENT", "deletion_protection"},
		{"bad tag key", "s", `{"tags":{"a b":"1"}}`, 400, "INVALID_ARGUMENT", "tag key"},
		{"bad tag value", "s", `{"tags":{"k":"<x>"}}`, 400, "INVALID_ARGUMENT", "tag"},
		{"rc bad mode", "s", `{"spec":{"serverless":{"read_capacity":{"mode":"Fast"}}}}`, 400, "INVALID_ARGUMENT", "mode"},
		{"rc dedicated missing", "byoc", `{"spec":{"byoc":{"read_capacity":{"mode":"Dedicated"}}}}`, 400, "INVALID_ARGUMENT", "dedicated"},
		{"rc missing mode", "s", `{"spec":{"serverless":{"read_capacity":{"dedicated":{"node_type":"t1","scaling":"Manual"}}}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `mode`"},
		{"embed on pod", "p", `{"embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "serverless"},
		{"malformed", "s", `{"deletion_protection":`, 422, "UNPROCESSABLE_ENTITY", "Failed to deserialize"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			idx := c.index
			if idx == "byoc" {
				idx = "b"
			}
			e.do("PATCH", "/indexes/"+idx, c.body).wantError(t, c.status, c.code, c.msg)
		})
	}
	// A rejected PATCH changes nothing, even the parts that were valid.
	e.do("PATCH", "/indexes/p", `{"deletion_protection":"enabled","tags":{"x":"1"},"spec":{"pod":{"pod_type":"p1.x1"}}}`).
		wantError(t, 400, "INVALID_ARGUMENT", "Cannot scale down")
	b := e.do("GET", "/indexes/p", "").must(t, http.StatusOK)
	wantField(t, b, "disabled", "deletion_protection")
	wantField(t, b, "p1.x2", "spec", "pod", "pod_type")
	if has(b, "tags") {
		t.Errorf("rejected PATCH applied tags: %v", b["tags"])
	}
}

func TestConfigureWhileTerminating(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Minute})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	e.do("PATCH", "/indexes/s", `{"deletion_protection":"enabled"}`).
		wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "being deleted")
}
