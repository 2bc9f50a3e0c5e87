package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
)

// badInputCase is one configuration the provider must refuse before it
// talks to Pinecone. Either body is planned (PlanOnly), or, when importAddr
// is set, importID is imported into importAddr with body as configuration.
type badInputCase struct {
	name string
	// providerExtra goes into the provider block (e.g. default_tags).
	providerExtra string
	body          string
	importAddr    string
	importID      string
	// want must name the offending attribute (or say "import ID"). Spaces
	// match any run of white space, since Terraform wraps long messages.
	want string
}

// looseRegexp compiles pattern with every space turned into \s+.
func looseRegexp(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// TestAccBadInputMatrix feeds every resource, data source, the provider
// block and import a set of invalid inputs. Each must fail at plan (or
// import) with a message naming the attribute, and the emulator must not see
// a single request for the whole matrix: the checks are local.
func TestAccBadInputMatrix(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	t.Parallel()

	dir := t.TempDir()
	writeMatrixFile := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	txt := writeMatrixFile("notes.txt", "plain text\n")
	png := writeMatrixFile("diagram.png", "\x89PNG not really")
	exe := writeMatrixFile("tool.exe", "MZ")
	missing := filepath.Join(dir, "nowhere.md")
	folder := filepath.Join(dir, "manual.pdf") // a directory with an accepted extension
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}

	const (
		serverless = `spec = { serverless = { cloud = "aws", region = "us-east-1" } }`
		pod        = `spec = { pod = { environment = "us-east-1-aws" } }`
		projectID  = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
	)
	index := func(extra string) string {
		return fmt.Sprintf("resource \"pinecone_index\" \"bad\" {\n  name = \"ok\"\n  dimension = 4\n%s\n}\n", extra)
	}
	validIndex := index(serverless)
	podIndex := func(podArgs string) string {
		return index(fmt.Sprintf("spec = { pod = { environment = \"us-east-1-aws\"\n %s } }", podArgs))
	}
	dedicated := func(args string) string {
		return index(fmt.Sprintf(`spec = { serverless = { cloud = "aws", region = "us-east-1", read_capacity = { %s } } }`, args))
	}
	collection := func(name, source string) string {
		return fmt.Sprintf("resource \"pinecone_collection\" \"bad\" {\n  name = %q\n  source = %q\n}\n", name, source)
	}
	backup := func(args string) string {
		return fmt.Sprintf("resource \"pinecone_backup\" \"bad\" {\n%s\n}\n", args)
	}
	assistant := func(args string) string {
		return fmt.Sprintf("resource \"pinecone_assistant\" \"bad\" {\n%s\n}\n", args)
	}
	assistantFile := func(assistantName, source, extra string) string {
		return fmt.Sprintf("resource \"pinecone_assistant_file\" \"bad\" {\n  assistant_name = %q\n  source = %q\n%s\n}\n",
			assistantName, source, extra)
	}
	project := func(args string) string {
		return fmt.Sprintf("resource \"pinecone_project\" \"bad\" {\n%s\n}\n", args)
	}
	apiKey := func(project, name, extra string) string {
		return fmt.Sprintf("resource \"pinecone_api_key\" \"bad\" {\n  project_id = %q\n  name = %q\n%s\n}\n", project, name, extra)
	}
	schedule := func(args ...string) string {
		return fmt.Sprintf("resource \"pinecone_backup_schedule\" \"bad\" {\n  index_name = \"docs\"\n  name = \"nightly\"\n%s\n}\n", strings.Join(args, "\n"))
	}
	serviceAccount := func(args string) string {
		return fmt.Sprintf("resource \"pinecone_service_account\" \"bad\" {\n%s\n}\n", args)
	}
	binding := func(principalType, scope, resourceID, role string) string {
		rid := ""
		if resourceID != "" {
			rid = fmt.Sprintf("resource_id = %q", resourceID)
		}
		return fmt.Sprintf("resource \"pinecone_role_binding\" \"bad\" {\n  principal_type = %q\n  principal_id = %q\n  resource_type = %q\n  %s\n  role = %q\n}\n",
			principalType, projectID, scope, rid, role)
	}
	invite := func(email, bindings string) string {
		return fmt.Sprintf("resource \"pinecone_invite\" \"bad\" {\n  email = %q\n  role_bindings = [%s]\n}\n", email, bindings)
	}
	const orgMember = `{ resource_type = "organization", role = "OrgMember" }`
	namespace := func(args string) string {
		return fmt.Sprintf("resource \"pinecone_namespace\" \"bad\" {\n%s\n}\n", args)
	}
	manyFields := make([]string, 51)
	for i := range manyFields {
		manyFields[i] = fmt.Sprintf("f%d = { filterable = true }", i)
	}
	dataSource := func(typ, args string) string {
		return fmt.Sprintf("data %q \"bad\" {\n%s\n}\n", typ, args)
	}
	const managed = `{ managed = { cloud = "aws", region = "us-east-1" } }`
	// schemaIndex is an index in the schema mode with the given fields,
	// deployment and extra arguments.
	schemaIndex := func(fields, deployment, extra string) string {
		return fmt.Sprintf("resource \"pinecone_index\" \"bad\" {\n  name = \"ok\"\n  deployment = %s\n  schema = { fields = { %s } }\n%s\n}\n",
			deployment, fields, extra)
	}
	const (
		fts         = `title = { string = { full_text_search = {} } }`
		dense       = `_values = { dense_vector = { dimension = 8, metric = "cosine" } }`
		dedicatedRC = `read_capacity = { dedicated = { node_type = "t1", replicas = 1, shards = 1 } }`
		byoc        = `{ byoc = { environment = "aws-us-east-1-b921" } }`
	)
	manyStrings := make([]string, 101)
	for i := range manyStrings {
		manyStrings[i] = fmt.Sprintf("f%d = { string = { full_text_search = {} } }\n", i)
	}
	big := strings.Repeat("x", 16*1024+1)
	// Regexp-quoted, since the matrix feeds wants through looseRegexp.
	quote := regexp.QuoteMeta

	cases := []badInputCase{
		// pinecone_collection
		{name: "collection uppercase name", body: collection("My_Collection", "src"), want: `Attribute name must contain only lowercase`},
		{name: "collection name too long", body: collection(strings.Repeat("c", 46), "src"), want: `Attribute name string length must be between 1 and 45`},
		{name: "collection source breaks the index name rule", body: collection("coll", "Source_Index"), want: `Attribute source must contain only lowercase`},
		{name: "collection source ends with hyphen", body: collection("coll", "src-"), want: `Attribute source must contain only lowercase`},

		// pinecone_backup
		{name: "backup empty name", body: backup(`source_index_name = "idx"` + "\n" + `name = ""`), want: `Attribute name string length must be at least 1`},
		{name: "backup empty description", body: backup(`source_index_name = "idx"` + "\n" + `description = ""`), want: `Attribute description string length must be at least 1`},
		{name: "backup bad source_index_name", body: backup(`source_index_name = "Prod.Index"`), want: `Attribute source_index_name must contain only lowercase`},
		{name: "backup source_index_name too long", body: backup(fmt.Sprintf("source_index_name = %q", strings.Repeat("s", 46))), want: `Attribute source_index_name string length must be between 1 and 45`},

		// pinecone_backup_schedule
		{name: "backup schedule hourly", body: schedule(`frequency = "hourly"`, `retention_days = 7`), want: `Attribute frequency value must be one of`},
		{name: "backup schedule retention 0", body: schedule(`frequency = "daily"`, `retention_days = 0`), want: `Attribute retention_days value must be between 1 and 365, got: 0`},
		{name: "backup schedule retention 366", body: schedule(`frequency = "daily"`, `retention_days = 366`), want: `Attribute retention_days value must be between 1 and 365, got: 366`},
		{name: "backup schedule name with uppercase", body: strings.Replace(schedule(`frequency = "daily"`, `retention_days = 7`), `name = "nightly"`, `name = "Nightly"`, 1), want: `Attribute name must contain only lowercase`},
		{name: "data pinecone_backup_schedules bad index_name", body: dataSource("pinecone_backup_schedules", `index_name = "Docs"`), want: `Attribute index_name must contain only lowercase`},
		{name: "data pinecone_backup_schedule_history empty id", body: dataSource("pinecone_backup_schedule_history", `schedule_id = ""`), want: `Attribute schedule_id string length must be at least 1`},

		// pinecone_index in the schema mode: every rule of POST /indexes at API 2026-07
		{name: "schema index empty schema", body: schemaIndex("", managed, ""), want: `Schema must contain at least one of the following field types`},
		{name: "schema index two dense fields", body: schemaIndex(`a = { dense_vector = { dimension = 8, metric = "cosine" } }`+"\n"+`b = { dense_vector = { dimension = 8, metric = "cosine" } }`, managed, ""), want: `Too many dense_vector fields`},
		{name: "schema index two sparse fields", body: schemaIndex(`a = { sparse_vector = {} }`+"\n"+`b = { sparse_vector = {} }`, managed, ""), want: `Too many sparse_vector fields`},
		{name: "schema index 101 full-text fields", body: schemaIndex(strings.Join(manyStrings, ""), managed, ""), want: `An index can have at most 100 string field\(s\); this schema has 101`},
		{name: "schema index field name over 64 bytes", body: schemaIndex(strings.Repeat("n", 65)+` = { sparse_vector = {} }`, managed, ""), want: `Field names are at most 64 bytes`},
		{name: "schema index field name with $", body: schemaIndex(`"$text" = { string = { full_text_search = {} } }`, managed, ""), want: "field names cannot start with `\\$`"},
		{name: "schema index reserved name", body: schemaIndex(`_id = { string = { full_text_search = {} } }`, managed, ""), want: `names starting with .?_.? are reserved`},
		{name: "schema index _values not dense", body: schemaIndex(`_values = { sparse_vector = {} }`, managed, ""), want: "`_values` must be a `dense_vector` field"},
		{name: "schema index _sparse_values not sparse", body: schemaIndex(`_sparse_values = { dense_vector = { dimension = 8, metric = "cosine" } }`, managed, ""), want: "`_sparse_values` must be a `sparse_vector` field"},
		{name: "schema index reserved with named fields", body: schemaIndex(dense+"\n"+fts, managed, ""), want: `Reserved fields mixed with named fields`},
		{name: "schema index reserved with description", body: schemaIndex(`_values = { dense_vector = { dimension = 8, metric = "cosine", description = "d" } }`, managed, ""), want: `Reserved fields take no description`},
		{name: "schema index description over 256 bytes", body: schemaIndex(fmt.Sprintf(`t = { string = { description = %q, full_text_search = {} } }`, strings.Repeat("d", 257)), managed, ""), want: `string length must be between 1 and 256`},
		{name: "schema index dimension 20001", body: schemaIndex(`v = { dense_vector = { dimension = 20001, metric = "cosine" } }`, managed, ""), want: `dimension value must be between 1 and 20000`},
		{name: "schema index unknown metric", body: schemaIndex(`v = { dense_vector = { dimension = 8, metric = "hamming" } }`, managed, ""), want: `metric value must be one of`},
		{name: "schema index field with two kinds", body: schemaIndex(`v = { sparse_vector = {}, string = { full_text_search = {} } }`, managed, ""), want: "Set exactly one of `dense_vector`, `sparse_vector` or `string` on field \"v\""},
		{name: "schema index field without kind", body: schemaIndex(`v = {}`, managed, ""), want: "Set exactly one of `dense_vector`, `sparse_vector` or `string` on field \"v\""},
		{name: "schema index string without full_text_search", body: schemaIndex(`v = { string = {} }`, managed, ""), want: `full_text_search.* is required`},
		{name: "schema index unknown language", body: schemaIndex(`t = { string = { full_text_search = { language = "klingon" } } }`, managed, ""), want: `language value must be one of`},
		{name: "schema index stop_words without stemming", body: schemaIndex(`t = { string = { full_text_search = { stop_words = true } } }`, managed, ""), want: `stop_words needs stemming`},
		{name: "schema index stop_words in a language without a list", body: schemaIndex(`t = { string = { full_text_search = { language = "tr", stemming = true, stop_words = true } } }`, managed, ""), want: `No stop word list for this language`},
		{name: "schema index ngram with stemming", body: schemaIndex(`t = { string = { full_text_search = { stemming = true, ngram = { min_gram = 2, max_gram = 3 } } } }`, managed, ""), want: `ngram cannot be combined with stemming or stop_words`},
		{name: "schema index ngram min above max", body: schemaIndex(`t = { string = { full_text_search = { ngram = { min_gram = 4, max_gram = 3 } } } }`, managed, ""), want: "`min_gram` \\(4\\) cannot be greater than `max_gram` \\(3\\)"},
		{name: "schema index ngram max 11", body: schemaIndex(`t = { string = { full_text_search = { ngram = { min_gram = 1, max_gram = 11 } } } }`, managed, ""), want: `max_gram value must be between 1 and 10`},
		{name: "schema index byoc without dedicated read capacity", body: schemaIndex(dense, byoc, ""), want: `BYOC indexes need dedicated read capacity`},
		{name: "schema index cmek with full-text field", body: schemaIndex(fts, managed, `cmek_id = "key-1"`), want: `Encrypted indexes cannot have full-text fields`},
		{name: "schema index cmek on byoc", body: schemaIndex(dense, byoc, dedicatedRC+"\n"+`cmek_id = "key-1"`), want: `cmek_id is not supported on BYOC`},
		{name: "schema index deployment without kind", body: schemaIndex(dense, `{}`, ""), want: `Missing deployment kind`},
		{name: "schema index two deployment kinds", body: schemaIndex(dense, `{ managed = { cloud = "aws", region = "us-east-1" }, byoc = { environment = "e" } }`, dedicatedRC), want: `Two deployment kinds`},
		{name: "schema index unknown cloud", body: schemaIndex(dense, `{ managed = { cloud = "ibm", region = "us-east-1" } }`, ""), want: `cloud value must be one of`},
		{name: "schema index without deployment", body: "resource \"pinecone_index\" \"bad\" {\n  name = \"ok\"\n  schema = { fields = { " + fts + " } }\n}\n", want: `Missing deployment`},
		{name: "schema index deployment without schema", body: "resource \"pinecone_index\" \"bad\" {\n  name = \"ok\"\n  deployment = " + managed + "\n}\n", want: `Missing schema`},
		{name: "schema index with dimension", body: schemaIndex(dense, managed, `dimension = 8`), want: "(?s)Two index modes mixed.*`dimension` belongs to the legacy mode"},
		{name: "schema index with spec", body: schemaIndex(dense, managed, serverless), want: "(?s)Two index modes mixed.*`spec` belongs to the legacy mode"},
		{name: "legacy byoc index without dedicated read capacity", body: index(`spec = { byoc = { environment = "aws-us-east-1-b921" } }`), want: `BYOC indexes need dedicated read capacity`},
		{name: "legacy index with top-level read_capacity", body: index(serverless + "\n" + dedicatedRC), want: `read_capacity belongs to the schema mode`},
		{name: "legacy index with cmek_id", body: index(serverless + "\n" + `cmek_id = "key-1"`), want: `cmek_id needs the schema mode`},
		{name: "index without spec or schema", body: index(""), want: `Missing index description`},

		// pinecone_index (beyond index_validation_test.go)
		{name: "index source_backup_id with a pod spec", body: index(`source_backup_id = "bkp-1"` + "\n" + pod), want: "(?s)Backups restore into serverless indexes.*`source_backup_id` needs `spec.serverless`"},
		{name: "index empty source_backup_id", body: index(`source_backup_id = ""` + "\n" + serverless), want: `Attribute source_backup_id string length must be at least 1`},
		{name: "index embed on byoc", body: index(`spec = { byoc = { environment = "aws-us-east-1-b921" } }` + "\n" + `embed = { model = "multilingual-e5-large", field_map = { text = "t" } }`), want: "(?s)Integrated inference needs a serverless index.*`embed` is only supported"},
		{name: "index embed with empty field_map", body: index(serverless + "\n" + `embed = { model = "multilingual-e5-large", field_map = {} }`), want: `Attribute embed.field_map map must contain at least 1 elements`},
		{name: "index embed dimension zero", body: index(serverless + "\n" + `embed = { model = "multilingual-e5-large", field_map = { text = "t" }, dimension = 0 }`), want: `Attribute embed.dimension value must be between 1 and 20000`},
		{name: "index embed unknown metric", body: index(serverless + "\n" + `embed = { model = "multilingual-e5-large", field_map = { text = "t" }, metric = "hamming" }`), want: `Attribute embed.metric value must be one of`},
		{name: "index read_capacity on_demand and dedicated", body: dedicated(`on_demand = {}, dedicated = { node_type = "t1", replicas = 1, shards = 1 }`), want: `(?s)Invalid Attribute Combination.*one \(and only one\) of \[spec\.serverless\.read_capacity\.on_demand.*dedicated\]`},
		{name: "index dedicated negative replicas", body: dedicated(`dedicated = { node_type = "b1", replicas = -1, shards = 1 }`), want: `Attribute spec.serverless.read_capacity.dedicated.replicas value must be between 0 and 2147483647, got: -1`},
		{name: "index pod negative replicas", body: podIndex("replicas = -1"), want: `Attribute spec.pod.replicas value must be between 1 and 2147483647, got: -1`},
		{name: "index pod zero shards", body: podIndex("shards = 0"), want: `Attribute spec.pod.shards value must be between 1 and 2147483647, got: 0`},
		{name: "index pod metadata_config indexed not a set", body: podIndex(`metadata_config = { indexed = "genre" }`), want: `(?s)Inappropriate value for attribute "spec".*"indexed": set of string required`},
		{name: "index pod metadata_config without indexed", body: podIndex(`metadata_config = {}`), want: `(?s)Inappropriate value for attribute "spec".*"indexed" is required`},
		{name: "index pod empty source_collection", body: podIndex(`source_collection = ""`), want: `Attribute spec.pod.source_collection string length must be between 1 and 45`},
		{name: "index serverless empty region", body: index(`spec = { serverless = { cloud = "aws", region = "" } }`), want: `Attribute spec.serverless.region string length must be at least 1`},
		{name: "index serverless schema without fields", body: index(`spec = { serverless = { cloud = "aws", region = "us-east-1", schema = { fields = {} } } }`), want: `Attribute spec.serverless.schema.fields map must contain at least 1 elements`},
		{name: "index tag key too long", body: index(serverless + fmt.Sprintf("\ntags = { %s = \"v\" }", strings.Repeat("k", 81))), want: `Attribute tags\["k+"\] string length must be between 1 and 80`},
		{name: "provider default_tags bad key", providerExtra: `default_tags = { "team name!" = "search" }`, body: validIndex, want: `Attribute default_tags\["team name!"\] tag keys may contain only`},
		{name: "provider default_tags bad value", providerExtra: `default_tags = { team = "a/b" }`, body: validIndex, want: `Attribute default_tags\["team"\] tag values may contain only`},
		{name: "provider request_timeout fast", providerExtra: `request_timeout = "fast"`, body: validIndex, want: `(?s)Invalid duration.*request_timeout = "fast"`},
		{name: "provider request_timeout not positive", providerExtra: `request_timeout = "-5s"`, body: validIndex, want: `(?s)Invalid duration.*request_timeout = "-5s"`},
		{name: "provider max_retries negative", providerExtra: `max_retries = -1`, body: validIndex, want: `Attribute max_retries value must be between 0 and 50, got: -1`},
		{name: "provider max_retries too many", providerExtra: `max_retries = 51`, body: validIndex, want: `Attribute max_retries value must be between 0 and 50, got: 51`},

		// pinecone_assistant
		{name: "assistant name too long", body: assistant(fmt.Sprintf("name = %q", strings.Repeat("a", 64))), want: `Attribute name string length must be between 1 and 63`},
		{name: "assistant uppercase name", body: assistant(`name = "SupportBot"`), want: `Attribute name must contain only lowercase`},
		{name: "assistant region asia", body: assistant(`name = "bot"` + "\n" + `region = "asia"`), want: `Attribute region value must be one of: \["us" "eu"\], got: "asia"`},
		{name: "assistant instructions over 16 KB", body: assistant(`name = "bot"` + fmt.Sprintf("\ninstructions = %q", big)), want: `Attribute instructions string length must be between 1 and 16384, got: 16385`},
		{name: "assistant empty instructions", body: assistant(`name = "bot"` + "\n" + `instructions = ""`), want: `Attribute instructions string length must be between 1 and 16384, got: 0`},
		{name: "assistant metadata JSON string not an object", body: assistant(`name = "bot"` + "\n" + `metadata = "team=search"`), want: `(?s)Invalid metadata.*metadata must be a JSON object`},
		{name: "assistant metadata JSON array", body: assistant(`name = "bot"` + "\n" + `metadata = "[1,2]"`), want: `(?s)Invalid metadata.*metadata must be a JSON object`},
		{name: "assistant metadata two JSON objects", body: assistant(`name = "bot"` + "\n" + `metadata = "{\"a\":1} {\"b\":2}"`), want: `(?s)Invalid metadata.*metadata must be a single JSON object`},
		{name: "assistant metadata HCL list", body: assistant(`name = "bot"` + "\n" + `metadata = ["a", "b"]`), want: `(?s)Invalid metadata.*metadata must be an object`},
		{name: "assistant metadata number", body: assistant(`name = "bot"` + "\n" + `metadata = 42`), want: `(?s)Invalid metadata.*metadata must be an object`},
		{name: "assistant metadata over 16 KB", body: assistant(`name = "bot"` + fmt.Sprintf("\nmetadata = { blob = %q }", big)), want: `(?s)Metadata too large.*metadata = \{`},
		{name: "assistant metadata JSON over 16 KB", body: assistant(`name = "bot"` + fmt.Sprintf("\nmetadata = jsonencode({ blob = %q })", big)), want: `(?s)Metadata too large.*metadata = jsonencode`},

		// pinecone_assistant_file
		{name: "assistant_file missing file", body: assistantFile("bot", missing, ""), want: `(?s)Cannot read the file to upload.*source = "` + quote(missing) + `"`},
		{name: "assistant_file directory as source", body: assistantFile("bot", folder, ""), want: `(?s)Cannot read the file to upload.*source = ".*is a directory, not a file`},
		{name: "assistant_file unsupported extension png", body: assistantFile("bot", png, ""), want: `(?s)Unsupported file type.*source = "`},
		{name: "assistant_file unsupported extension exe", body: assistantFile("bot", exe, ""), want: `(?s)Unsupported file type.*source = "`},
		{name: "assistant_file empty source", body: assistantFile("bot", "", ""), want: `Attribute source string length must be at least 1`},
		{name: "assistant_file multimodal on a txt", body: assistantFile("bot", txt, "multimodal = true"), want: "(?s)Multimodal needs a PDF.*`multimodal = true` is only supported for PDF"},
		{name: "assistant_file metadata not an object", body: assistantFile("bot", txt, `metadata = "[\"a\"]"`), want: `(?s)Invalid metadata.*metadata must be a JSON object`},
		{name: "assistant_file metadata HCL list", body: assistantFile("bot", txt, `metadata = [1, 2]`), want: `(?s)Invalid metadata.*metadata must be an object`},
		{name: "assistant_file bad assistant_name", body: assistantFile("Support_Bot", txt, ""), want: `Attribute assistant_name must contain only lowercase`},

		// pinecone_project
		{name: "project empty name", body: project(`name = ""`), want: `Attribute name string length must be between 1 and 512, got: 0`},
		{name: "project name over 512", body: project(fmt.Sprintf("name = %q", strings.Repeat("p", 513))), want: `Attribute name string length must be between 1 and 512, got: 513`},
		{name: "project negative max_pods", body: project(`name = "p"` + "\nmax_pods = -1"), want: `Attribute max_pods value must be at least 0, got: -1`},

		// pinecone_api_key
		{name: "api_key project_id not a UUID", body: apiKey("my-project", "ci", ""), want: `Attribute project_id must be a UUID, got: my-project`},
		{name: "api_key name over 80", body: apiKey(projectID, strings.Repeat("n", 81), ""), want: `Attribute name string length must be between 1 and 80, got: 81`},
		{name: "api_key empty name", body: apiKey(projectID, "", ""), want: `Attribute name string length must be between 1 and 80, got: 0`},
		{name: "api_key empty roles", body: apiKey(projectID, "ci", "roles = []"), want: `Attribute roles set must contain at least 1 elements`},
		{name: "api_key unknown role", body: apiKey(projectID, "ci", `roles = ["ProjectEditor", "SuperUser"]`), want: `Attribute roles\[Value\("SuperUser"\)\] value must be one of`},

		// pinecone_service_account
		{name: "service_account empty name", body: serviceAccount(`name = ""`), want: `Attribute name string length must be between 1 and 80, got: 0`},
		{name: "service_account name over 80", body: serviceAccount(fmt.Sprintf("name = %q", strings.Repeat("s", 81))), want: `Attribute name string length must be between 1 and 80, got: 81`},

		// pinecone_role_binding
		{name: "role_binding invite principal", body: binding("invite", "organization", "", "OrgMember"), want: `(?s)Role bindings of invites are not managed here.*pinecone_invite.role_bindings`},
		{name: "role_binding unknown principal type", body: binding("group", "organization", "", "OrgMember"), want: `"group" is not a principal type`},
		{name: "role_binding principal_id not a UUID", body: strings.Replace(binding("user", "organization", "", "OrgMember"), projectID, "alice", 1), want: `Attribute principal_id must be a UUID`},
		{name: "role_binding unknown scope", body: binding("user", "team", "", "OrgMember"), want: `Attribute resource_type value must be one of`},
		{name: "role_binding unknown role", body: binding("user", "organization", "", "Admin"), want: `Attribute role value must be one of`},
		{name: "role_binding project role at organization scope", body: binding("user", "organization", "", "ProjectOwner"), want: `"ProjectOwner" is not an organization role`},
		{name: "role_binding organization role at project scope", body: binding("user", "project", projectID, "OrgOwner"), want: `"OrgOwner" is not a project role`},
		{name: "role_binding project scope without resource_id", body: binding("service_account", "project", "", "ProjectViewer"), want: `A project-scoped binding needs resource_id`},
		{name: "role_binding organization scope with resource_id", body: binding("user", "organization", projectID, "OrgMember"), want: `Leave resource_id unset for an organization-scoped binding`},
		{name: "role_binding api key as ProjectOwner", body: binding("api_key", "project", projectID, "ProjectOwner"), want: `API keys cannot hold ProjectOwner`},
		{name: "role_binding api key at organization scope", body: binding("api_key", "organization", "", "OrgMember"), want: `API keys belong to one project`},

		// pinecone_invite
		{name: "invite bad email", body: invite("not-an-email", orgMember), want: `Attribute email must be an email address`},
		{name: "invite email over 254", body: invite(strings.Repeat("a", 250)+"@x.io", orgMember), want: `Attribute email string length must be between 1 and 254`},
		{name: "invite no bindings", body: invite("dev@example.com", ""), want: `Attribute role_bindings list must contain at least 1 elements`},
		{name: "invite without membership role", body: invite("dev@example.com", fmt.Sprintf(`{ resource_type = "project", resource_id = %q, role = "ProjectViewer" }`, projectID)), want: `(?s)Invite without organization membership.*OrgMember`},
		{name: "invite project role without project", body: invite("dev@example.com", orgMember+`, { resource_type = "project", role = "ProjectViewer" }`), want: `A project-scoped binding needs resource_id`},
		{name: "invite unknown role", body: invite("dev@example.com", `{ resource_type = "organization", role = "Boss" }`), want: `"Boss" is not an organization role`},

		// pinecone_namespace
		{name: "namespace reserved __default__", body: namespace(`index_name = "docs"` + "\n" + `name = "__default__"`), want: `Attribute name value must be none of`},
		{name: "namespace non-ASCII name", body: namespace(`index_name = "docs"` + "\n" + `name = "prod-é"`), want: `Attribute name must be ASCII characters other than NUL`},
		{name: "namespace name over 512", body: namespace(`index_name = "docs"` + "\n" + fmt.Sprintf("name = %q", strings.Repeat("n", 513))), want: `Attribute name string length must be between 1 and 512`},
		{name: "namespace without index", body: namespace(`name = "prod"`), want: `(?s)Invalid Attribute Combination.*index_name.*index_host`},
		{name: "namespace with index name and host", body: namespace(`index_name = "docs"` + "\n" + `index_host = "docs-abc.svc.x.pinecone.io"` + "\n" + `name = "prod"`), want: `(?s)Invalid Attribute Combination`},
		{name: "namespace bad index_name", body: namespace(`index_name = "Docs"` + "\n" + `name = "prod"`), want: `Attribute index_name must contain only lowercase`},
		{name: "namespace index_host with scheme", body: namespace(`index_host = "https://docs-abc.svc.x.pinecone.io"` + "\n" + `name = "prod"`), want: `Attribute index_host must be a host name`},
		{name: "namespace field starting with $", body: namespace(`index_name = "docs"` + "\n" + `name = "prod"` + "\n" + `schema = { fields = { "$price" = { filterable = true } } }`), want: `must not start with \$`},
		{name: "namespace filterable false", body: namespace(`index_name = "docs"` + "\n" + `name = "prod"` + "\n" + `schema = { fields = { genre = { filterable = false } } }`), want: `Pinecone only supports .filterable = true.`},
		{name: "namespace 51 fields", body: namespace(`index_name = "docs"` + "\n" + `name = "prod"` + "\n" + "schema = { fields = { " + strings.Join(manyFields, ", ") + " } }"), want: `Attribute schema.fields map must contain at least 1 elements and at most 50`},
		{name: "namespace empty schema", body: namespace(`index_name = "docs"` + "\n" + `name = "prod"` + "\n" + `schema = { fields = {} }`), want: `Attribute schema.fields map must contain at least 1 elements and at most 50`},

		// data sources
		{name: "data pinecone_index bad name", body: dataSource("pinecone_index", `name = "Bad_Name"`), want: `Attribute name must contain only lowercase`},
		{name: "data pinecone_collection name too long", body: dataSource("pinecone_collection", fmt.Sprintf("name = %q", strings.Repeat("c", 46))), want: `Attribute name string length must be between 1 and 45`},
		{name: "data pinecone_backups bad index_name", body: dataSource("pinecone_backups", `index_name = "-leading-hyphen"`), want: `Attribute index_name must contain only lowercase`},
		{name: "data pinecone_inference_models type classify", body: dataSource("pinecone_inference_models", `type = "classify"`), want: `Attribute type value must be one of`},
		{name: "data pinecone_inference_models vector_type binary", body: dataSource("pinecone_inference_models", `vector_type = "binary"`), want: `Attribute vector_type value must be one of`},
		{name: "data pinecone_api_keys bad project_id", body: dataSource("pinecone_api_keys", `project_id = "12345"`), want: `Attribute project_id must be a UUID`},
		{name: "data pinecone_project bad id", body: dataSource("pinecone_project", `id = "default"`), want: `Attribute id must be a UUID`},
		{name: "data pinecone_assistant bad name", body: dataSource("pinecone_assistant", `name = "bot_1"`), want: `Attribute name must contain only lowercase`},
		{name: "data pinecone_namespaces without index", body: dataSource("pinecone_namespaces", ""), want: `(?s)Invalid Attribute Combination.*index_name.*index_host`},
		{name: "data pinecone_namespaces bad index_name", body: dataSource("pinecone_namespaces", `index_name = "Docs"`), want: `Attribute index_name must contain only lowercase`},
		{name: "data pinecone_service_account bad id", body: dataSource("pinecone_service_account", `id = "ci"`), want: `Attribute id must be a UUID`},
		{name: "data pinecone_role_bindings principal_id without type", body: dataSource("pinecone_role_bindings", fmt.Sprintf("principal_id = %q", projectID)), want: `Attribute "principal_type" must be specified when "principal_id" is specified`},
		{name: "data pinecone_role_bindings bad principal_type", body: dataSource("pinecone_role_bindings", `principal_type = "team"`), want: `Attribute principal_type value must be one of`},
		{name: "data pinecone_user neither id nor email", body: dataSource("pinecone_user", ""), want: `(?s)Invalid Attribute Combination.*id.*email`},
		{name: "data pinecone_user both id and email", body: dataSource("pinecone_user", fmt.Sprintf("id = %q\nemail = \"a@b.co\"", projectID)), want: `(?s)Invalid Attribute Combination`},
		{name: "data pinecone_users bad email", body: dataSource("pinecone_users", `email = "nobody"`), want: `Attribute email must be an email address`},
		{name: "data pinecone_assistant_files bad assistant_name", body: dataSource("pinecone_assistant_files", `assistant_name = "Bot!"`), want: `Attribute assistant_name must contain only lowercase`},

		// malformed import IDs (the configuration itself is valid)
		{name: "import pinecone_index Bad_Name", body: validIndex, importAddr: "pinecone_index.bad", importID: "Bad_Name", want: `(?s)Invalid import ID.*The import ID is the index name`},
		{name: "import pinecone_collection UPPER", body: collection("coll", "src"), importAddr: "pinecone_collection.bad", importID: "UPPER", want: `(?s)Invalid import ID.*The import ID is the collection name`},
		{name: "import pinecone_assistant bad name", body: assistant(`name = "bot"`), importAddr: "pinecone_assistant.bad", importID: "Support Bot", want: `(?s)Invalid import ID.*The import ID is the assistant name`},
		{name: "import pinecone_assistant_file no-slash", body: assistantFile("bot", txt, ""), importAddr: "pinecone_assistant_file.bad", importID: "no-slash", want: `(?s)Invalid import ID.*<assistant_name>/<file_id>`},
		{name: "import pinecone_assistant_file bad assistant part", body: assistantFile("bot", txt, ""), importAddr: "pinecone_assistant_file.bad", importID: "Bot_1/file-1", want: `(?s)Invalid import ID.*<assistant_name>/<file_id>`},
		{name: "import pinecone_assistant_file empty file id", body: assistantFile("bot", txt, ""), importAddr: "pinecone_assistant_file.bad", importID: "bot/", want: `(?s)Invalid import ID.*<assistant_name>/<file_id>`},
		{name: "import pinecone_project not-a-uuid", body: project(`name = "p"`), importAddr: "pinecone_project.bad", importID: "not-a-uuid", want: `(?s)Invalid import ID.*The import ID is the project ID \(a UUID\)`},
		{name: "import pinecone_service_account x", body: serviceAccount(`name = "ci"`), importAddr: "pinecone_service_account.bad", importID: "ci", want: `(?s)Invalid import ID.*The import ID is the service account ID \(a UUID\)`},
		{name: "import pinecone_role_binding x", body: binding("user", "organization", "", "OrgMember"), importAddr: "pinecone_role_binding.bad", importID: "x", want: `(?s)Invalid import ID.*role binding ID \(a UUID\)`},
		{name: "import pinecone_invite email", body: invite("dev@example.com", orgMember), importAddr: "pinecone_invite.bad", importID: "dev@example.com", want: `(?s)Invalid import ID.*invite ID \(a UUID\)`},
		{name: "import pinecone_namespace without slash", body: namespace(`index_name = "docs"` + "\n" + `name = "prod"`), importAddr: "pinecone_namespace.bad", importID: "docs", want: `(?s)Invalid import ID.*<index_name>/<namespace>`},
		{name: "import pinecone_namespace bad index", body: namespace(`index_name = "docs"` + "\n" + `name = "prod"`), importAddr: "pinecone_namespace.bad", importID: "Docs/prod", want: `(?s)Invalid import ID.*<index_name>/<namespace>`},
		{name: "import pinecone_api_key x", body: apiKey(projectID, "ci", ""), importAddr: "pinecone_api_key.bad", importID: "x", want: `(?s)Invalid import ID.*The import ID is the API key ID \(a UUID\)`},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			step := resource.TestStep{
				Config:      env.ProviderConfigWith(tc.providerExtra) + tc.body,
				ExpectError: looseRegexp(tc.want),
			}
			if tc.importAddr != "" {
				step.ResourceName, step.ImportState, step.ImportStateId = tc.importAddr, true, tc.importID
			} else {
				step.PlanOnly = true
			}
			// Sequential within the matrix: the request count below is
			// read once every case is done.
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{step},
			})
		})
	}

	imports := 0
	for _, tc := range cases {
		if tc.importAddr != "" {
			imports++
		}
	}
	var total int64
	for _, n := range env.Emulator.Stats() {
		total += n
	}
	t.Logf("bad-input matrix: %d cases (%d plan-time, %d import); the emulator saw %d requests",
		len(cases), len(cases)-imports, imports, total)
	if total != 0 {
		t.Errorf("invalid input reached the API: %v", env.Emulator.Stats())
	}
}
