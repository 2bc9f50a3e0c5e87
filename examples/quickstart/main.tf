terraform {
  required_providers {
    pinecone = {
      source = "vectorcraft/pinecone"
    }
  }
}

# The API key comes from PINECONE_API_KEY. PINECONE_CONTROLLER_HOST, when set, points the
# provider at another control plane (`make demo` uses it to reach the local emulator).
provider "pinecone" {}

# A dense serverless index, 1536-dimensional with cosine similarity (legacy mode: `spec`).
resource "pinecone_index" "quickstart" {
  name      = "quickstart"
  dimension = 1536
  metric    = "cosine"

  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }

  tags = {
    environment = "demo"
  }
}

output "index_host" {
  description = "Host name of the index's data plane (upserts and queries go here)."
  value       = pinecone_index.quickstart.host
}

# A document index (schema mode, Pinecone API 2026-07): two text fields searchable
# with full-text search and a dense vector field. Other fields written with a
# document become filterable metadata without being declared.
resource "pinecone_index" "articles" {
  name = "quickstart-articles"

  deployment = {
    managed = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }

  schema = {
    fields = {
      title = {
        string = {
          full_text_search = {}
        }
      }
      body = {
        string = {
          full_text_search = {
            stemming   = true
            stop_words = true
          }
        }
      }
      embedding = {
        dense_vector = {
          dimension = 384
          metric    = "cosine"
        }
      }
    }
  }

  tags = {
    environment = "demo"
  }
}

output "document_index_host" {
  description = "Host name of the document index (documents are upserted and searched there)."
  value       = pinecone_index.articles.host
}

# A backup of the serverless index (backups are a serverless feature).
resource "pinecone_backup" "quickstart" {
  source_index_name = pinecone_index.quickstart.name
  description       = "Backup taken by the quickstart"
}

# A pod-based index and a collection copied from it (collections are a pod feature).
resource "pinecone_index" "pods" {
  name      = "quickstart-pods"
  dimension = 128

  spec = {
    pod = {
      environment = "us-east-1-aws"
      pod_type    = "p1.x1"
    }
  }
}

resource "pinecone_collection" "pods" {
  name   = "quickstart-collection"
  source = pinecone_index.pods.name
}

output "backup_id" {
  value = pinecone_backup.quickstart.id
}

output "collection_status" {
  value = pinecone_collection.pods.status
}

# An assistant with one uploaded text file.
resource "pinecone_assistant" "quickstart" {
  name         = "quickstart-assistant"
  instructions = "Answer questions about the quickstart."
  metadata     = { purpose = "demo" }
}

resource "pinecone_assistant_file" "readme" {
  assistant_name = pinecone_assistant.quickstart.name
  source         = "${path.module}/quickstart.txt"
  metadata       = { kind = "readme" }
}

output "assistant_host" {
  value = pinecone_assistant.quickstart.host
}

output "assistant_file_status" {
  value = pinecone_assistant_file.readme.status
}
