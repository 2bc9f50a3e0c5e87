# The organization-level configuration: credentials of a service account
# with OrgOwner (from PINECONE_CLIENT_ID / PINECONE_CLIENT_SECRET).
provider "pinecone" {}

variable "team" {
  type    = string
  default = "search"
}

resource "pinecone_project" "team" {
  name = "${var.team}-prod"
}

# The team's own identity, owner of its project and of nothing else.
resource "pinecone_service_account" "team" {
  name = "${var.team}-deployer"
}

resource "pinecone_role_binding" "team_owner" {
  principal_type = "service_account"
  principal_id   = pinecone_service_account.team.id
  resource_type  = "project"
  resource_id    = pinecone_project.team.id
  role           = "ProjectOwner"
}

# A second configuration that signs in as the team's service account. It can
# manage the team's project, and nothing else: creating a project, or an API
# key in another project, fails with PERMISSION_DENIED.
provider "pinecone" {
  alias         = "team"
  client_id     = pinecone_service_account.team.client_id
  client_secret = pinecone_service_account.team.client_secret
}

# Indexes are managed with an API key of the project (Pinecone's control
# plane takes API keys only), which the team's account may create. Depending
# on the role binding makes sure the account holds its role first.
resource "pinecone_api_key" "team" {
  provider   = pinecone.team
  project_id = pinecone_role_binding.team_owner.resource_id
  name       = "terraform"
  roles      = ["ControlPlaneEditor"]
}

provider "pinecone" {
  alias   = "team_project"
  api_key = pinecone_api_key.team.value
}

resource "pinecone_index" "docs" {
  provider  = pinecone.team_project
  name      = "docs"
  dimension = 1536

  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
}
