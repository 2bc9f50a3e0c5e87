package emulator

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"
)

// Every region Pinecone documents for serverless indexes is accepted, per
// cloud; anything else, an unknown cloud included, is 404 NOT_FOUND in the
// spec's wording, on both create endpoints.
func TestServerlessRegionsPerCloud(t *testing.T) {
	e := newEnv(t, Options{})
	documented := map[string][]string{
		"aws":   {"us-east-1", "us-west-2", "eu-west-1"},
		"gcp":   {"us-central1", "europe-west4"},
		"azure": {"eastus2"},
	}
	n := 0
	for cloud, regions := range documented {
		for _, region := range regions {
			n++
			body := fmt.Sprintf(`{"name":"r%d","dimension":3,"spec":{"serverless":{"cloud":%q,"region":%q}}}`, n, cloud, region)
			b := e.do("POST", "/indexes", body).must(t, http.StatusCreated)
			wantField(t, b, cloud, "spec", "serverless", "cloud")
			wantField(t, b, region, "spec", "serverless", "region")
		}
	}
	for _, c := range []struct{ cloud, region string }{
		{"aws", "us-west1"},     // the spec's 404 example
		{"gcp", "us-east1"},     // the spec's request example; not a documented region
		{"azure", "eastus"},     // eastus2 only
		{"aws", "europe-west4"}, // a region of another cloud
		{"ibm", "us-east-1"},    // unknown cloud: 404 as well, not 400
		{"AWS", "us-east-1"},    // case matters
	} {
		want := fmt.Sprintf("Resource cloud: %s region: %s not found.", c.cloud, c.region)
		e.do("POST", "/indexes", fmt.Sprintf(`{"name":"x","dimension":3,"spec":{"serverless":{"cloud":%q,"region":%q}}}`, c.cloud, c.region)).
			wantError(t, http.StatusNotFound, "NOT_FOUND", want)
		e.do("POST", "/indexes/create-for-model", fmt.Sprintf(`{"name":"x","cloud":%q,"region":%q,"embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, c.cloud, c.region)).
			wantError(t, http.StatusNotFound, "NOT_FOUND", want)
	}
	// The 404 comes after every 400.
	e.do("POST", "/indexes", `{"name":"x","dimension":0,"spec":{"serverless":{"cloud":"ibm","region":"nowhere"}}}`).
		wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "Dimension")
}

// quotaProject creates a project with max_pods and returns an Api-Key
// header pair for it.
func (e *testEnv) quotaProject(name string, maxPods int) (string, []string) {
	e.t.Helper()
	tok := e.token()
	id := e.createProject(tok, fmt.Sprintf(`{"name":%q,"max_pods":%d}`, name, maxPods))
	_, key := e.createKey(tok, id, `{"name":"k"}`)
	return id, []string{"Api-Key", key}
}

func podBody(name string, replicas, shards int) string {
	return fmt.Sprintf(`{"name":%q,"dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","replicas":%d,"shards":%d}}}`, name, replicas, shards)
}

// A project's max_pods bounds replicas x shards summed over its pod indexes,
// on create and on scale-up; Terminating indexes count until they are gone.
func TestPodQuota(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Minute})
	_, as := e.quotaProject("five", 5)
	quota := func(by int) string {
		return fmt.Sprintf("The index exceeds the project quota of 5 pods by %d pods. Upgrade your account or change the project settings to increase the quota.", by)
	}

	e.do("POST", "/indexes", podBody("a", 1, 2), as...).must(t, http.StatusCreated) // 2 pods
	e.do("POST", "/indexes", podBody("b", 3, 1), as...).must(t, http.StatusCreated) // 3 pods: 5 in all
	e.do("POST", "/indexes", podBody("c", 1, 1), as...).wantError(t, http.StatusForbidden, "QUOTA_EXCEEDED", quota(1))
	e.do("POST", "/indexes", podBody("c", 2, 2), as...).wantError(t, http.StatusForbidden, "QUOTA_EXCEEDED", quota(4))
	// Serverless and BYOC indexes use no pods.
	e.do("POST", "/indexes", bodyServerless, as...).must(t, http.StatusCreated)
	e.do("POST", "/indexes", `{"name":"byoc","dimension":3,"spec":{"byoc":{"environment":"aws-us-east-1-b921"}}}`, as...).must(t, http.StatusCreated)
	// A taken name is 409 before the quota.
	e.do("POST", "/indexes", podBody("a", 9, 9), as...).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")

	// Scale-up beyond the quota is refused and changes nothing.
	e.do("PATCH", "/indexes/a", `{"spec":{"pod":{"replicas":2}}}`, as...).wantError(t, http.StatusForbidden, "QUOTA_EXCEEDED", quota(2))
	wantField(t, e.do("GET", "/indexes/a", "", as...).must(t, http.StatusOK), 2, "spec", "pod", "pods")
	// A bigger pod size keeps the pod count: allowed at the quota.
	wantField(t, e.do("PATCH", "/indexes/b", `{"spec":{"pod":{"pod_type":"p1.x2"}}}`, as...).must(t, http.StatusOK), "ScalingUpPodSize", "status", "state")
	// Scaling down frees pods; then the scale-up fits.
	e.do("PATCH", "/indexes/b", `{"spec":{"pod":{"replicas":1}}}`, as...).must(t, http.StatusOK)
	wantField(t, e.do("PATCH", "/indexes/a", `{"spec":{"pod":{"replicas":2}}}`, as...).must(t, http.StatusOK), 4, "spec", "pod", "pods")

	// A Terminating index still holds its pods until it is purged.
	e.do("DELETE", "/indexes/b", "", as...).must(t, http.StatusAccepted)
	e.do("POST", "/indexes", podBody("c", 1, 1), as...).wantError(t, http.StatusForbidden, "QUOTA_EXCEEDED", quota(1))
	e.clock.Advance(time.Minute)
	e.do("POST", "/indexes", podBody("c", 1, 1), as...).must(t, http.StatusCreated)

	// Other projects have their own quota: the default project has 50.
	e.do("POST", "/indexes", podBody("big", 10, 5)).must(t, http.StatusCreated)
	e.do("POST", "/indexes", podBody("more", 1, 1)).wantError(t, http.StatusForbidden, "QUOTA_EXCEEDED",
		"The index exceeds the project quota of 50 pods by 1 pods.")
}

// max_pods 0 means serverless only: every pod index is over the quota until
// the project is given pods.
func TestPodQuotaServerlessOnlyProject(t *testing.T) {
	e := newEnv(t, Options{})
	id, as := e.quotaProject("serverless-only", 0)
	e.do("POST", "/indexes", bodyPod, as...).wantError(t, http.StatusForbidden, "QUOTA_EXCEEDED",
		"The index exceeds the project quota of 0 pods by 1 pods.")
	e.do("POST", "/indexes", bodyServerless, as...).must(t, http.StatusCreated)
	// Whatever its size.
	e.do("POST", "/indexes", podBody("p2", 1, 1), as...).wantError(t, http.StatusForbidden, "QUOTA_EXCEEDED", "quota of 0 pods by 1 pods")

	e.admin(e.token(), "PATCH", "/admin/projects/"+id, `{"max_pods":5}`).must(t, http.StatusOK)
	e.do("POST", "/indexes", bodyPod, as...).must(t, http.StatusCreated)
}

// Dedicated read capacity with replicas 0 disables the index once the
// change has finished; replicas >= 1 brings it back to Ready through the
// same scaling delay.
func TestDedicatedZeroReplicasDisables(t *testing.T) {
	e := newEnv(t, Options{ScalingDelay: time.Minute})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	rcPath := []string{"spec", "serverless", "read_capacity"}
	dedicated := func(replicas int) string {
		return fmt.Sprintf(`{"spec":{"serverless":{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual","manual":{"replicas":%d,"shards":1}}}}}}`, replicas)
	}

	// OnDemand -> Dedicated with 0 replicas: on-demand serves while migrating.
	b := e.do("PATCH", "/indexes/s", dedicated(0)).must(t, http.StatusOK)
	wantState(t, b, "Ready", true)
	wantField(t, b, map[string]any{"state": "Migrating"}, append(rcPath, "status")...)
	e.clock.Advance(time.Minute)
	b = e.do("GET", "/indexes/s", "").must(t, http.StatusOK)
	wantState(t, b, "Disabled", false)
	wantField(t, b, map[string]any{"state": "Ready", "current_replicas": 0, "current_shards": 1}, append(rcPath, "status")...)
	wantField(t, b, map[string]any{"replicas": 0, "shards": 1}, append(rcPath, "dedicated", "manual")...)
	// The list shows the same.
	l := e.do("GET", "/indexes", "").must(t, http.StatusOK)
	wantState(t, l["indexes"].([]any)[0].(map[string]any), "Disabled", false)

	// Back to 1 replica: Disabled while scaling, Ready afterwards.
	b = e.do("PATCH", "/indexes/s", dedicated(1)).must(t, http.StatusOK)
	wantState(t, b, "Disabled", false)
	wantField(t, b, map[string]any{"state": "Scaling", "current_replicas": 0, "current_shards": 1}, append(rcPath, "status")...)
	e.clock.Advance(30 * time.Second)
	wantState(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "Disabled", false)
	e.clock.Advance(30 * time.Second)
	b = e.do("GET", "/indexes/s", "").must(t, http.StatusOK)
	wantState(t, b, "Ready", true)
	wantField(t, b, map[string]any{"state": "Ready", "current_replicas": 1, "current_shards": 1}, append(rcPath, "status")...)

	// Created with 0 replicas: Initializing, then Disabled (BYOC alike).
	e.do("POST", "/indexes", `{"name":"z","dimension":3,"spec":{"byoc":{"environment":"aws-us-east-1-b921","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":0,"shards":2}}}}}}`).must(t, http.StatusCreated)
	b = e.do("GET", "/indexes/z", "").must(t, http.StatusOK)
	wantState(t, b, "Disabled", false)
	wantField(t, b, map[string]any{"state": "Ready", "current_replicas": 0, "current_shards": 2}, "spec", "byoc", "read_capacity", "status")
}

// Faults.FailReadCapacity makes a read capacity change end in the state
// Error with an error_message; what served before keeps serving. Set
// through PUT /_emulator/faults as fail_read_capacity.
func TestFailReadCapacity(t *testing.T) {
	e := newEnv(t, Options{ScalingDelay: time.Minute})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", `{"name":"other","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	e.do("PUT", "/_emulator/faults", `{"fail_read_capacity":["s"]}`).must(t, http.StatusNoContent)
	wantField(t, e.do("GET", "/_emulator/faults", "").must(t, http.StatusOK), []any{"s"}, "fail_read_capacity")

	dedicated := `{"spec":{"serverless":{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":2,"shards":1}}}}}}`
	b := e.do("PATCH", "/indexes/s", dedicated).must(t, http.StatusOK)
	wantField(t, b, "Migrating", "spec", "serverless", "read_capacity", "status", "state")
	e.do("PATCH", "/indexes/other", dedicated).must(t, http.StatusOK)
	e.clock.Advance(time.Minute)

	b = e.do("GET", "/indexes/s", "").must(t, http.StatusOK)
	wantState(t, b, "Ready", true) // on-demand still serves
	status, _ := dig(b, "spec", "serverless", "read_capacity", "status").(map[string]any)
	if status["state"] != "Error" || has(status, "current_replicas") {
		t.Fatalf("read_capacity.status = %v, want state Error without current_replicas", status)
	}
	msg, _ := status["error_message"].(string)
	if !regexp.MustCompile(`^Failed to provision 2 replicas x 1 shards of node type t1 for index s in aws us-east-1`).MatchString(msg) {
		t.Errorf("error_message = %q", msg)
	}
	wantField(t, b, map[string]any{"replicas": 2, "shards": 1}, "spec", "serverless", "read_capacity", "dedicated", "manual")
	// Only the listed index fails.
	wantField(t, e.do("GET", "/indexes/other", "").must(t, http.StatusOK),
		map[string]any{"state": "Ready", "current_replicas": 2, "current_shards": 1}, "spec", "serverless", "read_capacity", "status")

	// Once the fault is gone, the next change succeeds.
	e.do("PUT", "/_emulator/faults", `{}`).must(t, http.StatusNoContent)
	b = e.do("PATCH", "/indexes/s", `{"spec":{"serverless":{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":3,"shards":1}}}}}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"state": "Scaling"}, "spec", "serverless", "read_capacity", "status")
	e.clock.Advance(time.Minute)
	wantField(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK),
		map[string]any{"state": "Ready", "current_replicas": 3, "current_shards": 1}, "spec", "serverless", "read_capacity", "status")
}

// Backup and restore job timestamps carry milliseconds, like the 2026-07
// reference ("2025-03-15T10:30:00.000Z"); other timestamps stay whole
// seconds.
func TestBackupAndRestoreTimestampsHaveMilliseconds(t *testing.T) {
	e := newEnv(t, Options{})
	e.clock.Advance(1234 * time.Millisecond)
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.createBackup("s", `{}`)
	b := e.do("GET", "/backups/"+id, "").must(t, http.StatusOK)
	wantField(t, b, "2026-03-01T12:00:01.234Z", "created_at")
	job, _ := e.restore(id, `{"name":"r"}`)
	j := e.do("GET", "/restore-jobs/"+job, "").must(t, http.StatusOK)
	wantField(t, j, "2026-03-01T12:00:01.234Z", "created_at")
	wantField(t, j, "2026-03-01T12:00:01.234Z", "completed_at")
	for _, key := range []string{"created_at", "completed_at"} {
		if _, err := time.Parse(time.RFC3339, j[key].(string)); err != nil {
			t.Errorf("%s is not RFC 3339: %v", key, err)
		}
	}
	p := e.admin(e.token(), "GET", "/admin/projects", "").must(t, http.StatusOK)
	wantField(t, p["data"].([]any)[0].(map[string]any), "2026-03-01T12:00:00Z", "created_at")
}

// The last page of the db_control backup and restore job lists carries
// "pagination": null, as the spec's examples and production do.
func TestListLastPagePaginationNull(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.createBackup("s", `{}`)
	e.createBackup("s", `{}`)
	e.restore(id, `{"name":"r"}`)
	for _, path := range []string{"/backups", "/indexes/s/backups", "/restore-jobs"} {
		r := e.do("GET", path, "")
		r.must(t, http.StatusOK)
		if !lastPage(t, r.body) {
			t.Errorf("GET %s: %s, want pagination null", path, r.raw)
		}
	}
	first := e.do("GET", "/backups?limit=1", "").must(t, http.StatusOK)
	next, _ := dig(first, "pagination", "next").(string)
	if next == "" {
		t.Fatalf("page 1 of 2 has no pagination.next: %v", first)
	}
	if last := e.do("GET", "/backups?limit=1&paginationToken="+next, "").must(t, http.StatusOK); !lastPage(t, last) {
		t.Errorf("page 2 of 2 = %v, want pagination null", last)
	}
}
