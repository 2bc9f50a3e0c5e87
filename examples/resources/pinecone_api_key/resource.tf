resource "pinecone_project" "search" {
  name = "search-prod"
}

resource "pinecone_api_key" "ci" {
  project_id = pinecone_project.search.id
  name       = "ci"
  roles      = ["ProjectEditor"]
}

# Manage the project's indexes with its new key through a second
# configuration of the provider. Terraform destroys the index before the key
# and the project, because the provider configuration depends on the key.
provider "pinecone" {
  alias   = "search"
  api_key = pinecone_api_key.ci.value
}

resource "pinecone_index" "docs" {
  provider  = pinecone.search
  name      = "docs"
  dimension = 1536

  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
}

# The secret is in state (sensitive). To keep a copy elsewhere, hand it to a
# secrets manager resource, for example:
#
#   resource "aws_secretsmanager_secret_version" "pinecone_ci" {
#     secret_id     = aws_secretsmanager_secret.pinecone_ci.id
#     secret_string = pinecone_api_key.ci.value
#   }
output "ci_key" {
  value     = pinecone_api_key.ci.value
  sensitive = true
}
