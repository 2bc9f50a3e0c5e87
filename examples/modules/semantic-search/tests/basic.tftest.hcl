# `terraform test` for the module. The provider is configured from the
# environment (PINECONE_API_KEY, PINECONE_CONTROLLER_HOST), so the same file
# runs against the pinecone-emulator (`make test-modules` in the provider's
# repository) or, at a cost, against real Pinecone.

# Variables for every run below; a run's own `variables` block overrides them.
variables {
  name                = "semantic-search-test"
  deletion_protection = false # so that the test can destroy what it created
}

# Plan-only runs check the inputs; they create nothing.
run "rejects_an_invalid_name" {
  command = plan

  variables {
    name = "Semantic_Search"
  }

  expect_failures = [var.name]
}

run "rejects_a_fractional_dimension" {
  command = plan

  variables {
    dimension = 1.5
  }

  expect_failures = [var.dimension]
}

run "plans_the_defaults" {
  command = plan

  assert {
    condition     = pinecone_index.this.dimension == 1536 && pinecone_index.this.metric == "cosine"
    error_message = "The index should default to 1536 dimensions and the cosine metric."
  }

  assert {
    condition     = pinecone_index.this.spec.serverless.cloud == "aws" && pinecone_index.this.spec.serverless.region == "us-east-1"
    error_message = "The index should default to aws us-east-1."
  }

  assert {
    condition     = length(pinecone_backup.this) == 0
    error_message = "No backup should be planned unless var.backup is set."
  }
}

# Apply runs share one state: each run changes what the previous one made,
# and `terraform test` destroys everything after the last run.
run "creates_the_index" {
  command = apply

  variables {
    tags = { team = "search" }
  }

  assert {
    condition     = pinecone_index.this.status.ready && pinecone_index.this.status.state == "Ready"
    error_message = "The index should be Ready once the apply returns."
  }

  assert {
    condition     = startswith(output.index_host, "${var.name}-")
    error_message = "The index host should start with the index name, got ${jsonencode(output.index_host)}."
  }

  assert {
    condition     = output.tags == tomap({ team = "search", module = "semantic-search" })
    error_message = "The index should carry the caller's tags and the module tag, got ${jsonencode(output.tags)}."
  }

  assert {
    condition     = pinecone_index.this.deletion_protection == "disabled"
    error_message = "deletion_protection = false should disable deletion protection."
  }

  assert {
    condition     = output.backup_id == null
    error_message = "No backup should exist unless var.backup is set."
  }
}

run "adds_a_backup" {
  command = apply

  variables {
    tags   = { team = "search" }
    backup = { description = "Taken by terraform test" }
  }

  assert {
    condition     = output.backup_id != null && pinecone_backup.this[0].status == "Ready"
    error_message = "The backup should exist and be Ready."
  }

  assert {
    condition     = pinecone_backup.this[0].name == "${var.name}-backup"
    error_message = "The backup name should default to <index name>-backup, got ${jsonencode(pinecone_backup.this[0].name)}."
  }

  assert {
    condition     = pinecone_backup.this[0].source_index_name == output.index_name && pinecone_backup.this[0].dimension == output.dimension
    error_message = "The backup should be of this module's index."
  }
}
