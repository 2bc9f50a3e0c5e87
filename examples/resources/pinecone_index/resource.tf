# Legacy mode: `spec` with `dimension`, `metric`, `vector_type` and `embed`.
# Pod-based, integrated, collection-sourced (pod or serverless) and restored
# indexes need it.

# A serverless dense index.
resource "pinecone_index" "docs" {
  name      = "docs"
  dimension = 1536
  metric    = "cosine"

  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }

  deletion_protection = "enabled"
  tags = {
    team = "search"
  }
}

# A sparse index (no dimension; dotproduct is the only metric).
resource "pinecone_index" "keywords" {
  name        = "keywords"
  vector_type = "sparse"

  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
}

# An index with integrated inference: Pinecone embeds the `chunk_text` field
# with a hosted model; dimension and metric come from the model.
resource "pinecone_index" "articles" {
  name = "articles"

  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }

  embed = {
    model            = "multilingual-e5-large"
    field_map        = { text = "chunk_text" }
    read_parameters  = { input_type = "query" }
    write_parameters = { input_type = "passage" }
  }
}

# A pod-based index with selective metadata indexing (created with API
# 2026-04, since 2026-07 cannot create pod-based indexes). Pod-based indexes
# are legacy: customers who signed up for a Standard or Enterprise plan on or
# after 2025-08-18 cannot create them; use a serverless index there.
resource "pinecone_index" "legacy" {
  name      = "legacy"
  dimension = 768
  metric    = "euclidean"

  spec = {
    pod = {
      environment = "us-east-1-aws"
      pod_type    = "p1.x1"
      replicas    = 2
      metadata_config = {
        indexed = ["genre", "year"]
      }
    }
  }

  timeouts = {
    create = "45m"
  }
}

output "docs_host" {
  value = pinecone_index.docs.host
}
