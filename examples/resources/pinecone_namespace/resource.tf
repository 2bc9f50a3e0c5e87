resource "pinecone_index" "catalog" {
  name      = "catalog"
  dimension = 1536

  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
}

# One namespace per product line, each with its own filterable fields.
resource "pinecone_namespace" "books" {
  index_name = pinecone_index.catalog.name
  name       = "books"

  schema = {
    fields = {
      author = { filterable = true }
      year   = { filterable = true }
    }
  }
}

resource "pinecone_namespace" "music" {
  index_name = pinecone_index.catalog.name
  name       = "music"

  schema = {
    fields = {
      genre = { filterable = true }
    }
  }

  # Deleting a namespace deletes its records. Without this, a destroy (or a
  # change that replaces the namespace) fails while it holds records.
  force_destroy = false

  # Terraform's own guard, for namespaces that must never be deleted:
  lifecycle {
    prevent_destroy = true
  }
}

output "books_records" {
  value = pinecone_namespace.books.record_count
}
