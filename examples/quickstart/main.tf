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

# A dense serverless index, 1536-dimensional with cosine similarity.
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
