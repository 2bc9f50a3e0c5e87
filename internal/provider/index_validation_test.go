package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
)

// Every configuration Pinecone would reject fails at plan time, and the
// emulator proves no API call was made.
func TestAccIndexResource_invalidConfigs(t *testing.T) {
	serverless := `spec = { serverless = { cloud = "aws", region = "us-east-1" } }`
	cases := []struct {
		name, body, want string
	}{
		{"uppercase name", `name = "Bad_Name"` + "\n dimension = 4\n" + serverless, `lowercase alphanumeric`},
		{"name too long", fmt.Sprintf("name = %q\n dimension = 4\n%s", "a234567890123456789012345678901234567890123456", serverless), `length must be between 1 and 45`},
		{"name ends with hyphen", "name = \"abc-\"\n dimension = 4\n" + serverless, `must not begin or end with a hyphen`},
		{"dimension zero", "name = \"ok\"\n dimension = 0\n" + serverless, `between 1 and 20000`},
		{"dimension too big", "name = \"ok\"\n dimension = 20001\n" + serverless, `between 1 and 20000`},
		{"dense without dimension", "name = \"ok\"\n" + serverless, `Missing dimension`},
		{"sparse with dimension", "name = \"ok\"\n vector_type = \"sparse\"\n dimension = 4\n" + serverless, `Sparse indexes have no dimension`},
		{"sparse with cosine", "name = \"ok\"\n vector_type = \"sparse\"\n metric = \"cosine\"\n" + serverless, `Sparse indexes use dotproduct`},
		{"unknown metric", "name = \"ok\"\n dimension = 4\n metric = \"manhattan\"\n" + serverless, `(?s)metric.*must be one\s+of`},
		{"unknown vector type", "name = \"ok\"\n dimension = 4\n vector_type = \"binary\"\n" + serverless, `must be one\s+of`},
		{"bad deletion protection", "name = \"ok\"\n dimension = 4\n deletion_protection = \"on\"\n" + serverless, `must be one\s+of`},
		{"unknown cloud", "name = \"ok\"\n dimension = 4\n spec = { serverless = { cloud = \"ibm\", region = \"x\" } }", `must be one\s+of`},
		{"no spec kind", "name = \"ok\"\n dimension = 4\n spec = {}", `exactly one of`},
		{"two spec kinds", "name = \"ok\"\n dimension = 4\n spec = {\n serverless = { cloud = \"aws\", region = \"us-east-1\" }\n pod = { environment = \"us-east-1-aws\" }\n }", `(exactly one of|cannot be specified when)`},
		{"embed on pod", "name = \"ok\"\n dimension = 4\n spec = { pod = { environment = \"us-east-1-aws\" } }\n embed = { model = \"multilingual-e5-large\", field_map = { text = \"t\" } }", `serverless`},
		{"bad pod type", "name = \"ok\"\n dimension = 4\n spec = { pod = { environment = \"us-east-1-aws\", pod_type = \"p3.x1\" } }", `s1, p1 or p2`},
		{"pod type without size", "name = \"ok\"\n dimension = 4\n spec = { pod = { environment = \"us-east-1-aws\", pod_type = \"p1\" } }", `s1, p1 or p2`},
		{"zero pod replicas", "name = \"ok\"\n dimension = 4\n spec = { pod = { environment = \"us-east-1-aws\", replicas = 0 } }", `between 1 and 2147483647`},
		{"sparse pod", "name = \"ok\"\n vector_type = \"sparse\"\n spec = { pod = { environment = \"us-east-1-aws\" } }", `serverless index`},
		{"bad tag key", "name = \"ok\"\n dimension = 4\n tags = { \"bad key!\" = \"v\" }\n" + serverless, `tag keys may contain only`},
		{"bad tag value", "name = \"ok\"\n dimension = 4\n tags = { k = \"no/slashes\" }\n" + serverless, `tag values may contain only`},
		{"tag value too long", fmt.Sprintf("name = \"ok\"\n dimension = 4\n tags = { k = %q }\n%s", string(make121()), serverless), `length must be at most 120`},
		{"filterable false", "name = \"ok\"\n dimension = 4\n spec = { serverless = { cloud = \"aws\", region = \"us-east-1\", schema = { fields = { g = { filterable = false } } } } }", `filterable = true`},
		{"read capacity empty", "name = \"ok\"\n dimension = 4\n spec = { serverless = { cloud = \"aws\", region = \"us-east-1\", read_capacity = {} } }", `one \(and only one\)`},
		{"bad node type", "name = \"ok\"\n dimension = 4\n spec = { serverless = { cloud = \"aws\", region = \"us-east-1\", read_capacity = { dedicated = { node_type = \"z9\", replicas = 1, shards = 1 } } } }", `must be one\s+of`},
		{"zero shards", "name = \"ok\"\n dimension = 4\n spec = { serverless = { cloud = \"aws\", region = \"us-east-1\", read_capacity = { dedicated = { node_type = \"t1\", replicas = 1, shards = 0 } } } }", `between 1 and 2147483647`},
		{"too many replicas", "name = \"ok\"\n dimension = 4\n spec = { pod = { environment = \"us-east-1-aws\", replicas = 4294967297 } }", `between 1 and 2147483647`},
	}
	env := acctest.New(t)
	env.RequireEmulator(t)
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:   env.Config(fmt.Sprintf("resource \"pinecone_index\" \"bad\" {\n%s\n}\n", tc.body)),
			PlanOnly: true,
			// Terraform wraps long messages, so any space may be a line break.
			ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)),
		})
	}
	acctest.ParallelTest(t, nil, steps)
	if stats := env.Emulator.Stats(); len(stats) != 0 {
		t.Errorf("invalid configurations reached the API: %v", stats)
	}
}

func make121() []byte {
	b := make([]byte, 121)
	for i := range b {
		b[i] = 'v'
	}
	return b
}
