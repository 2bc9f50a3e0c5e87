# Vector indexes in the schema mode. A schema made only of the reserved
# fields `_values` (dense) and/or `_sparse_values` (sparse) is a classic
# vector index, the same index the legacy mode creates; its records go
# through the vectors API (upsert and query).

# Dense: 1536 dimensions, cosine, with dedicated read nodes.
resource "pinecone_index" "embeddings" {
  name = "embeddings"

  deployment = {
    managed = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }

  schema = {
    fields = {
      _values = {
        dense_vector = {
          dimension = 1536
          metric    = "cosine"
        }
      }
    }
  }

  read_capacity = {
    dedicated = {
      node_type = "b1"
      replicas  = 1
      shards    = 1
    }
  }
}

# Sparse (no dimension or metric).
resource "pinecone_index" "terms" {
  name = "terms"

  deployment = {
    managed = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }

  schema = {
    fields = {
      _sparse_values = {
        sparse_vector = {}
      }
    }
  }
}
